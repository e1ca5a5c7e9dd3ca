import { type RawBuilder, sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { PersonalDataCipher } from '../../platform/personal-data.ts';

/**
 * The SQL twin of `scopeCovers` (platform/access.ts): a condition that keeps only the rows the
 * viewer's scope covers, so that lists, totals, searches and counts never include what a single
 * read would refuse. Each list query names the columns that locate its rows.
 */

/** Who is looking, and the cipher that reveals (and then masks) what they may see: every read use case takes it. */
export interface Viewing {
  principal: Principal;
  cipher: PersonalDataCipher;
}

/** The part of a principal that decides what it sees. */
export type Viewer = Pick<Principal, 'accountId' | 'jurisdictionId' | 'role' | 'scope'>;

export interface LocatingColumns {
  /** Alias of a joined territory_place row: the place the row sits in (a unit, grid, community …). */
  place?: string;
  /** Column holding the row's building id. */
  building?: string;
  /** Column holding the row's department id. */
  department?: string;
  /** Column holding the account the row belongs to (a resident's own record). */
  ownerAccount?: string;
}

const NOTHING = sql<boolean>`false`;

export function withinScope(viewer: Viewer, columns: LocatingColumns): RawBuilder<boolean> {
  const { scope } = viewer;
  switch (scope.level) {
    case 'jurisdiction':
      return sql<boolean>`true`;
    case 'subdistrict':
    case 'community':
    case 'grid': {
      if (scope.id === null || !columns.place) return NOTHING;
      // The place chain (the place and its ancestors) includes the scope's place.
      const chain = ['id', 'grid_id', 'community_id', 'subdistrict_id'].map((column) =>
        sql.ref(`${columns.place}.${column}`),
      );
      return sql<boolean>`coalesce(${scope.id} in (${sql.join(chain)}), false)`;
    }
    case 'building':
      return scope.id === null || !columns.building
        ? NOTHING
        : sql<boolean>`coalesce(${sql.ref(columns.building)} = ${scope.id}, false)`;
    case 'department':
      return scope.id === null || !columns.department
        ? NOTHING
        : sql<boolean>`coalesce(${sql.ref(columns.department)} = ${scope.id}, false)`;
    case 'self':
      return columns.ownerAccount
        ? sql<boolean>`coalesce(${sql.ref(columns.ownerAccount)} = ${viewer.accountId}, false)`
        : NOTHING;
  }
}
