import { type Expression, type SqlBool, sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import { scopeCovers } from '../../platform/access.ts';
import { PLACE_VIEWERS } from './cases.policy.ts';

/**
 * Which cases a viewer sees, in memory (one case) and as its SQL twin (lists), so that a list never
 * holds what a single read refuses:
 * - every account sees the cases it reported, and the cases it follows (我也遇到, or its own case merged
 *   into one): a follower reads a case as its reporter does, never the reporter's identity;
 * - staff posted to places (grid worker, community, subdistrict) see the cases in that place; the
 *   administrator and city leaders (jurisdiction scope) see all;
 * - department staff see the cases dispatched to their department, now or before;
 * - residents, riders, grid assistants and stewards see only their own reports (a rider is
 *   registered at a community, but a rider's scope is not a licence to read its cases).
 * `authorize`'s ResourceLocation does not fit (a role-dependent rule, several departments per case),
 * so services check the permission with `authorize` and visibility here.
 */

export type Viewer = Principal;

/** Where a case sits, for the checks. */
export interface CaseWhereabouts {
  placeChain: readonly number[];
  reporterAccountId: number | null;
  /** Departments the case is or was dispatched to. */
  departmentIds: readonly number[];
  /** Accounts following the case (only the viewer matters; left out where followers may not act). */
  followerAccountIds?: readonly number[];
}

export function canSeeCase(viewer: Viewer, where: CaseWhereabouts): boolean {
  if (where.reporterAccountId !== null && where.reporterAccountId === viewer.accountId) return true;
  if (where.followerAccountIds?.includes(viewer.accountId)) return true;
  return coversCase(viewer, where);
}

/** Whether the case lies in the viewer's territory or department (not counting own reports). */
export function coversCase(viewer: Viewer, where: CaseWhereabouts): boolean {
  if (PLACE_VIEWERS.has(viewer.role)) {
    return scopeCovers(viewer, { placeChain: where.placeChain });
  }
  if (viewer.role === 'department_staff' && viewer.scope.level === 'department' && viewer.scope.id !== null) {
    return where.departmentIds.includes(viewer.scope.id);
  }
  return false;
}

/** The SQL twin of `canSeeCase` over `case_record` aliased `alias`. */
export function caseVisibleTo(viewer: Viewer, alias = 'c'): Expression<SqlBool> {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  // Reported or followed; the followed ids are read once (an init plan), so both sides use an index.
  const own = sql<SqlBool>`(coalesce(${column('reporter_account_id')} = ${viewer.accountId}, false)
    or ${column('id')} = any(array(
      select f.case_id from case_follower f
      where f.jurisdiction_id = ${viewer.jurisdictionId} and f.account_id = ${viewer.accountId}
    )))`;
  const { scope } = viewer;
  if (PLACE_VIEWERS.has(viewer.role)) {
    if (scope.level === 'jurisdiction') return sql<SqlBool>`true`;
    if (scope.level === 'subdistrict' || scope.level === 'community' || scope.level === 'grid') {
      if (scope.id === null) return own;
      const places = ['unit_id', 'grid_id', 'community_id', 'subdistrict_id'].map(column);
      return sql<SqlBool>`(${scope.id} in (${sql.join(places)}) or ${own})`;
    }
    return own;
  }
  if (viewer.role === 'department_staff' && scope.level === 'department' && scope.id !== null) {
    return sql<SqlBool>`(exists (
      select 1 from case_department_task t
      where t.jurisdiction_id = ${column('jurisdiction_id')} and t.case_id = ${column('id')}
        and t.department_id = ${scope.id}
    ) or ${own})`;
  }
  return own;
}
