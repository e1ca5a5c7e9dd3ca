import { type Expression, type SqlBool, sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';

/**
 * What a viewer sees and may act on, in memory (one record) and as the SQL twin (lists), so that a
 * list never holds what a single read refuses:
 * - a site is the viewer's when it lies at or below the viewer's place, or at a place above it (a
 *   grid worker works at the grid's station and at the community's centre); jurisdiction scope: all;
 * - staff see the requests taken at or routed to their places (the intake or handling site's place
 *   chain holds their scope's place), department staff those routed to their department;
 * - residents see their own (the request's resident is the record linked to their account, looked
 *   up through the people module first: `ownResidentId`).
 */

export type Viewer = Pick<Principal, 'accountId' | 'role' | 'scope' | 'scopeChain'>;

/** A site's place and its ancestors. */
export interface SiteChain {
  place_id: number;
  grid_id: number | null;
  community_id: number;
  subdistrict_id: number | null;
}

export function chainOf(site: SiteChain): number[] {
  const ids = [site.place_id, site.grid_id, site.community_id, site.subdistrict_id];
  return [...new Set(ids.filter((id): id is number => id !== null))];
}

/** Whether the viewer works at the site (takes requests there, manages its hours and slots). */
export function worksAt(viewer: Viewer, site: SiteChain): boolean {
  const { scope } = viewer;
  switch (scope.level) {
    case 'jurisdiction':
      return true;
    case 'subdistrict':
    case 'community':
    case 'grid':
      return (
        scope.id !== null && (chainOf(site).includes(scope.id) || viewer.scopeChain.includes(site.place_id))
      );
    case 'building':
    case 'department':
    case 'self':
      return false;
  }
}

/** Where a request sits, for the checks. */
export interface RequestWhereabouts {
  intakeChain: readonly number[];
  handlerChain: readonly number[];
  handlerDepartmentId: number | null;
  residentAccountId: number | null;
}

export function canSeeRequest(viewer: Viewer, where: RequestWhereabouts): boolean {
  if (viewer.scope.level === 'self') return where.residentAccountId === viewer.accountId;
  return canHandleRequest(viewer, where) || coversPlaces(viewer, where.intakeChain);
}

/** Whether the request is routed to the viewer's place or department. */
export function canHandleRequest(viewer: Viewer, where: RequestWhereabouts): boolean {
  const { scope } = viewer;
  if (scope.level === 'department') return scope.id !== null && where.handlerDepartmentId === scope.id;
  return coversPlaces(viewer, where.handlerChain);
}

function coversPlaces(viewer: Viewer, chain: readonly number[]): boolean {
  const { scope } = viewer;
  switch (scope.level) {
    case 'jurisdiction':
      return true;
    case 'subdistrict':
    case 'community':
    case 'grid':
      return scope.id !== null && chain.includes(scope.id);
    case 'building':
    case 'department':
    case 'self':
      return false;
  }
}

/** The SQL twin of `canSeeRequest` over `service_request` aliased `alias`. */
export function requestVisibleTo(
  viewer: Viewer,
  ownResidentId: number | null,
  alias = 'r',
): Expression<SqlBool> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  const { scope } = viewer;
  switch (scope.level) {
    case 'jurisdiction':
      return sql<SqlBool>`true`;
    case 'subdistrict':
    case 'community':
    case 'grid':
      if (scope.id === null) return sql<SqlBool>`false`;
      return sql<SqlBool>`(${scope.id}::bigint = any(${column('intake_chain')}) or ${scope.id}::bigint = any(${column('handler_chain')}))`;
    case 'department':
      return scope.id === null
        ? sql<SqlBool>`false`
        : sql<SqlBool>`coalesce(${column('handler_department_id')} = ${scope.id}, false)`;
    case 'self':
      return ownResidentId === null
        ? sql<SqlBool>`false`
        : sql<SqlBool>`${column('resident_id')} = ${ownResidentId}`;
    case 'building':
      return sql<SqlBool>`false`;
  }
}

/** The SQL twin for appointments: residents their own, staff those at the sites they work at. */
export function appointmentVisibleTo(
  viewer: Viewer,
  ownResidentId: number | null,
  appointmentAlias = 'a',
  siteAlias = 's',
): Expression<SqlBool> {
  const { scope } = viewer;
  const site = (name: string) => sql.ref(`${siteAlias}.${name}`);
  switch (scope.level) {
    case 'jurisdiction':
      return sql<SqlBool>`true`;
    case 'subdistrict':
    case 'community':
    case 'grid': {
      if (scope.id === null) return sql<SqlBool>`false`;
      const chain = sql.join(['place_id', 'grid_id', 'community_id', 'subdistrict_id'].map(site));
      const above =
        viewer.scopeChain.length > 0
          ? sql<SqlBool>`${site('place_id')} in (${sql.join(viewer.scopeChain)})`
          : sql<SqlBool>`false`;
      return sql<SqlBool>`(coalesce(${scope.id} in (${chain}), false) or ${above})`;
    }
    case 'self':
      return ownResidentId === null
        ? sql<SqlBool>`false`
        : sql<SqlBool>`${sql.ref(`${appointmentAlias}.resident_id`)} = ${ownResidentId}`;
    case 'building':
    case 'department':
      return sql<SqlBool>`false`;
  }
}
