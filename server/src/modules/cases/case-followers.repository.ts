import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import type { CaseStatus } from './case.lifecycle.ts';
import type { CaseFollowerTable, Db } from './case.table.ts';

/** Queries of `case_follower` (关注) and of the open cases near a point (possible duplicates). */

export type FollowVia = CaseFollowerTable['via'];

/** Adds followers (already following: unchanged); returns the accounts that were added. */
export async function insertFollowers(
  trx: Db,
  follow: {
    jurisdictionId: number;
    caseId: number;
    accountIds: readonly number[];
    via: FollowVia;
    since: Date;
  },
): Promise<number[]> {
  const accountIds = [...new Set(follow.accountIds)];
  if (accountIds.length === 0) return [];
  const rows = await trx
    .insertInto('case_follower')
    .values(
      accountIds.map((accountId) => ({
        jurisdiction_id: follow.jurisdictionId,
        case_id: follow.caseId,
        account_id: accountId,
        since: follow.since,
        via: follow.via,
      })),
    )
    .onConflict((oc) => oc.columns(['jurisdiction_id', 'case_id', 'account_id']).doNothing())
    .returning('account_id')
    .execute();
  return rows.map((row) => row.account_id);
}

export function findFollower(db: Db, jurisdictionId: number, caseId: number, accountId: number) {
  return db
    .selectFrom('case_follower')
    .selectAll()
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('case_id', '=', caseId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

export async function findFollowerIds(db: Db, jurisdictionId: number, caseId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('case_follower')
    .select('account_id')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('case_id', '=', caseId)
    .orderBy('account_id')
    .execute();
  return rows.map((row) => row.account_id);
}

/** `[viewer]` when the viewer follows the case, else `[]`: the followers `canSeeCase` needs to know of. */
export async function viewerIfFollowing(db: Db, viewer: Principal, caseId: number): Promise<number[]> {
  const row = await findFollower(db, viewer.jurisdictionId, caseId, viewer.accountId);
  return row ? [viewer.accountId] : [];
}

export interface NearbyCaseRow {
  id: number;
  tracking_code: string;
  status: CaseStatus;
  description: string;
  reported_at: Date;
  lng: number;
  lat: number;
}

/**
 * Open cases of a category reported since `since` inside a box around a point (the caller measures
 * the real distance): the index on open cases by category and time finds them.
 */
export function findOpenCasesNear(
  db: Db,
  where: {
    jurisdictionId: number;
    categoryCode: string;
    since: Date;
    box: { west: number; south: number; east: number; north: number };
    excludeCaseId?: number | undefined;
  },
): Promise<NearbyCaseRow[]> {
  let query = db
    .selectFrom('case_record')
    .select(['id', 'tracking_code', 'status', 'description', 'reported_at', 'lng', 'lat'])
    .where('jurisdiction_id', '=', where.jurisdictionId)
    .where('category_code', '=', where.categoryCode)
    .where('closed_at', 'is', null)
    .where('status', 'not in', ['rejected', 'merged', 'closed'])
    .where('reported_at', '>=', where.since)
    .where('lng', '>=', where.box.west)
    .where('lng', '<=', where.box.east)
    .where('lat', '>=', where.box.south)
    .where('lat', '<=', where.box.north);
  if (where.excludeCaseId !== undefined) query = query.where('id', '<>', where.excludeCaseId);
  return query.orderBy('reported_at', 'desc').limit(200).execute();
}

/** How many accounts follow each case. */
export async function countFollowers(
  db: Db,
  jurisdictionId: number,
  caseIds: readonly number[],
): Promise<Map<number, number>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('case_follower')
    .select(['case_id', sql<number>`count(*)::int`.as('followers')])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('case_id', 'in', caseIds)
    .groupBy('case_id')
    .execute();
  return new Map(rows.map((row) => [row.case_id, row.followers]));
}
