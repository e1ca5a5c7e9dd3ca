import { sql } from 'kysely';
import type { LiaisonKind, PledgeStatus, ProjectLevel } from '#contracts/performance.ts';
import { AppError } from '../../platform/errors.ts';
import type { Db } from './performance.table.ts';

/** Plain queries, `db` or `trx` first. Dates come back as `YYYY-MM-DD` text. */

export const day = (ref: string) => sql<string>`to_char(${sql.ref(ref)}, 'YYYY-MM-DD')`;
const nullableDay = (ref: string) => sql<string | null>`to_char(${sql.ref(ref)}, 'YYYY-MM-DD')`;

export interface PlaceRow {
  id: number;
  level: 'subdistrict' | 'community' | 'grid' | 'unit';
  name: string;
  chain: number[];
}

/** A current place of the jurisdiction with its ancestors (its chain, itself first), or 422. */
export async function requirePlace(
  db: Db,
  jurisdictionId: number,
  id: number,
  field: string,
  levels: readonly PlaceRow['level'][],
): Promise<PlaceRow> {
  const row = await db
    .selectFrom('territory_place')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', id)
    .where('valid_to', 'is', null)
    .select(['id', 'level', 'name', 'grid_id', 'community_id', 'subdistrict_id'])
    .executeTakeFirst();
  if (!row || !levels.includes(row.level as PlaceRow['level'])) {
    throw new AppError('performance.unknown_reference', `No ${levels.join(' or ')} ${id}`, { field });
  }
  return {
    id: Number(row.id),
    level: row.level as PlaceRow['level'],
    name: row.name,
    chain: [row.id, row.grid_id, row.community_id, row.subdistrict_id]
      .filter((x): x is number => x !== null)
      .map(Number),
  };
}

/** A staff member of the jurisdiction (people module), or 422. */
export async function requireStaff(
  db: Db,
  jurisdictionId: number,
  id: number,
  field: string,
): Promise<{ id: number; name: string; accountId: number | null }> {
  const row = await db
    .selectFrom('staff_member')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', id)
    .select(['id', 'name', 'account_id'])
    .executeTakeFirst();
  if (!row) throw new AppError('performance.unknown_reference', `No staff member ${id}`, { field });
  return {
    id: Number(row.id),
    name: row.name,
    accountId: row.account_id === null ? null : Number(row.account_id),
  };
}

export interface PledgeRow {
  id: number;
  project_id: number;
  project_title: string;
  level: ProjectLevel;
  place_id: number | null;
  place_name: string | null;
  place_chain: number[];
  owner_name: string;
  title: string;
  due_on: string;
  status: PledgeStatus;
  evidence_text: string | null;
  evidence_refs: string[];
  claimed_on: string | null;
  claimed_by: string | null;
  reviewed_by: string | null;
  review_note: string | null;
}

/** Pledges with their project, place and owner; by id, project or all, in due order. */
export async function findPledgeRows(
  db: Db,
  options: {
    jurisdictionId: number;
    id?: number;
    projectId?: number;
    level?: ProjectLevel;
    forUpdate?: boolean;
  },
): Promise<PledgeRow[]> {
  let query = db
    .selectFrom('performance_pledge as g')
    .innerJoin('performance_project as p', (join) =>
      join.onRef('p.jurisdiction_id', '=', 'g.jurisdiction_id').onRef('p.id', '=', 'g.project_id'),
    )
    .innerJoin('staff_member as s', (join) =>
      join.onRef('s.jurisdiction_id', '=', 'p.jurisdiction_id').onRef('s.id', '=', 'p.owner_staff_id'),
    )
    .leftJoin('territory_place as pl', (join) =>
      join.onRef('pl.jurisdiction_id', '=', 'p.jurisdiction_id').onRef('pl.id', '=', 'p.place_id'),
    )
    .where('g.jurisdiction_id', '=', options.jurisdictionId)
    .select([
      'g.id',
      'g.project_id',
      'p.title as project_title',
      'p.level',
      'p.place_id',
      'pl.name as place_name',
      sql<number[]>`array_remove(array[pl.id, pl.subdistrict_id], null)`.as('place_chain'),
      's.name as owner_name',
      'g.title',
      day('g.due_on').as('due_on'),
      'g.status',
      'g.evidence_text',
      'g.evidence_refs',
      nullableDay('g.claimed_on').as('claimed_on'),
      'g.claimed_by',
      'g.reviewed_by',
      'g.review_note',
    ])
    .orderBy('g.due_on')
    .orderBy('g.id');
  if (options.id !== undefined) query = query.where('g.id', '=', options.id);
  if (options.projectId !== undefined) query = query.where('g.project_id', '=', options.projectId);
  if (options.level !== undefined) query = query.where('p.level', '=', options.level);
  if (options.forUpdate) query = query.forUpdate('g');
  const rows = await query.execute();
  return rows.map((row) => ({
    ...row,
    id: Number(row.id),
    project_id: Number(row.project_id),
    place_id: row.place_id === null ? null : Number(row.place_id),
    place_chain: (row.place_chain ?? []).map(Number),
    evidence_refs: row.evidence_refs as string[],
  }));
}

export interface LiaisonRow {
  staff_member_id: number;
  staff_name: string;
  /** The staff member's sign-in account, if any. */
  account_id: number | null;
  kind: LiaisonKind;
  community_id: number;
  community_name: string;
}

export async function findLiaisons(db: Db, jurisdictionId: number): Promise<LiaisonRow[]> {
  const rows = await db
    .selectFrom('performance_liaison as l')
    .innerJoin('staff_member as s', (join) =>
      join.onRef('s.jurisdiction_id', '=', 'l.jurisdiction_id').onRef('s.id', '=', 'l.staff_member_id'),
    )
    .innerJoin('territory_place as c', (join) =>
      join.onRef('c.jurisdiction_id', '=', 'l.jurisdiction_id').onRef('c.id', '=', 'l.community_id'),
    )
    .where('l.jurisdiction_id', '=', jurisdictionId)
    .select([
      'l.staff_member_id',
      's.name as staff_name',
      's.account_id',
      'l.kind',
      'l.community_id',
      'c.name as community_name',
    ])
    .orderBy('l.kind')
    .orderBy('s.name')
    .execute();
  return rows.map((r) => ({
    ...r,
    staff_member_id: Number(r.staff_member_id),
    account_id: r.account_id === null ? null : Number(r.account_id),
    community_id: Number(r.community_id),
  }));
}
