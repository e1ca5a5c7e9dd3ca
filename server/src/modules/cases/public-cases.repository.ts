import { sql } from 'kysely';
import type { CaseStatus } from './case.lifecycle.ts';
import type { Db } from './case.table.ts';

/**
 * Queries of the public pages (查询进度, the public map): only the columns a public answer may
 * carry — never the description, the point, the address, the reporter, notes or photos.
 */

export interface PublicCaseRow {
  id: number;
  jurisdiction_id: number;
  tracking_code: string;
  status: CaseStatus;
  reporter_account_id: number | null;
  reported_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  category_name: string;
  category_major_name: string;
  grid_name: string;
  community_name: string;
}

/** One case by its tracking code (unique over all jurisdictions). */
export function findPublicCase(db: Db, trackingCode: string): Promise<PublicCaseRow | undefined> {
  return db
    .selectFrom('case_record as c')
    .innerJoin('case_category as k', (join) =>
      join.onRef('k.jurisdiction_id', '=', 'c.jurisdiction_id').onRef('k.code', '=', 'c.category_code'),
    )
    .innerJoin('territory_place as g', (join) =>
      join.onRef('g.jurisdiction_id', '=', 'c.jurisdiction_id').onRef('g.id', '=', 'c.grid_id'),
    )
    .innerJoin('territory_place as m', (join) =>
      join.onRef('m.jurisdiction_id', '=', 'c.jurisdiction_id').onRef('m.id', '=', 'c.community_id'),
    )
    .select([
      'c.id',
      'c.jurisdiction_id',
      'c.tracking_code',
      'c.status',
      'c.reporter_account_id',
      'c.reported_at',
      'c.updated_at',
      'c.closed_at',
      'k.name as category_name',
      'k.major_name as category_major_name',
      'g.name as grid_name',
      'm.name as community_name',
    ])
    .where('c.tracking_code', '=', trackingCode)
    .executeTakeFirst();
}

export interface PublicTimelineRow {
  at: Date;
  event: string;
  actor_account_id: number | null;
  actor_role: string;
  from_status: CaseStatus | null;
  to_status: CaseStatus;
}

/** A case's moves without names, notes, departments or photos. */
export function findPublicTimeline(
  db: Db,
  key: { jurisdictionId: number; caseId: number },
): Promise<PublicTimelineRow[]> {
  return db
    .selectFrom('case_timeline')
    .select(['at', 'event', 'actor_account_id', 'actor_role', 'from_status', 'to_status'])
    .where('jurisdiction_id', '=', key.jurisdictionId)
    .where('case_id', '=', key.caseId)
    .orderBy('id')
    .execute();
}

/** Categories of these kinds are public (部件, 事件); 网格事项 (disputes, help for people) are not mapped. */
export const MAPPED_KINDS = ['component', 'event'] as const;

/** Cases reported in [from, to) per grid and status, of the mapped kinds. */
export function countCasesByGridAndStatus(
  db: Db,
  options: { jurisdictionId: number; from: Date; to: Date },
): Promise<{ grid_id: number; status: CaseStatus; count: number }[]> {
  return db
    .selectFrom('case_record as c')
    .innerJoin('case_category as k', (join) =>
      join.onRef('k.jurisdiction_id', '=', 'c.jurisdiction_id').onRef('k.code', '=', 'c.category_code'),
    )
    .select(['c.grid_id', 'c.status', sql<number>`count(*)`.as('count')])
    .where('c.jurisdiction_id', '=', options.jurisdictionId)
    .where('c.reported_at', '>=', options.from)
    .where('c.reported_at', '<', options.to)
    .where('k.kind', 'in', MAPPED_KINDS)
    .groupBy(['c.grid_id', 'c.status'])
    .execute();
}
