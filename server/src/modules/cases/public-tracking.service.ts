import type { PublicCaseMap, PublicCaseTracking, PublicStatusCounts, Role } from '#contracts';
import {
  CASE_EVENT_LABELS,
  CASE_STATUS_LABELS,
  PUBLIC_ACTOR_LABELS,
  PUBLIC_STATUS_GROUPS,
} from '#contracts/case-labels.ts';
import { notFound } from '../../platform/errors.ts';
import type { PublicGrid } from '../territory/index.ts';
import type { CaseEventType } from './case.lifecycle.ts';
import type { Db } from './case.table.ts';
import {
  countCasesByGridAndStatus,
  findPublicCase,
  findPublicTimeline,
  type PublicCaseRow,
  type PublicTimelineRow,
} from './public-cases.repository.ts';

/**
 * Public tracking (查询进度) and the public map (issue 4 §7). Nothing personal leaves here: no
 * description, point, address, reporter, names, notes or photos; the actor of a move is named by
 * the kind of office only, and the reporter's own moves as 上报人. The map counts per grid and puts
 * the count at the grid's centroid, never at a case's point.
 */

/** Crockford base32 as typed: case, spaces and dashes ignored, I/L read as 1 and O as 0. */
export function normaliseTrackingCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

const TRACKING_CODE = /^[0-9A-HJKMNP-TV-Z]{10}$/;

/**
 * One case by its tracking code. Every answer that finds nothing — a malformed code, an unknown
 * one — is the same 404 by the same path (both queries run), so the answer tells nothing more.
 */
export async function trackCase(db: Db, options: { trackingCode: string }): Promise<PublicCaseTracking> {
  const code = normaliseTrackingCode(options.trackingCode);
  const row = await findPublicCase(db, TRACKING_CODE.test(code) ? code : '');
  const timeline = await findPublicTimeline(db, {
    jurisdictionId: row?.jurisdiction_id ?? 0,
    caseId: row?.id ?? 0,
  });
  if (!row) throw notFound('Case');
  return presentPublicCase(row, timeline);
}

export function presentPublicCase(row: PublicCaseRow, timeline: PublicTimelineRow[]): PublicCaseTracking {
  return {
    trackingCode: row.tracking_code,
    status: row.status,
    statusLabel: CASE_STATUS_LABELS[row.status],
    statusGroup: PUBLIC_STATUS_GROUPS[row.status],
    category: { name: row.category_name, majorName: row.category_major_name },
    grid: { name: row.grid_name },
    community: { name: row.community_name },
    reportedAt: row.reported_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    timeline: timeline.map((entry) => {
      const event = entry.event as CaseEventType | 'report';
      const byReporter =
        event === 'report' ||
        (entry.actor_account_id !== null && entry.actor_account_id === row.reporter_account_id);
      return {
        at: entry.at.toISOString(),
        event,
        eventLabel: event === 'report' ? '上报' : CASE_EVENT_LABELS[event],
        from: entry.from_status,
        fromLabel: entry.from_status ? CASE_STATUS_LABELS[entry.from_status] : null,
        to: entry.to_status,
        toLabel: CASE_STATUS_LABELS[entry.to_status],
        actor: byReporter
          ? '上报人'
          : (PUBLIC_ACTOR_LABELS[entry.actor_role as Role | 'system'] ?? '工作人员'),
      };
    }),
  };
}

const emptyCounts = (): PublicStatusCounts => ({ open: 0, reported: 0, handling: 0, resolved: 0, closed: 0 });

/**
 * Cases reported in [from, to) per grid by public status group, placed at each grid's centroid.
 * Only 部件 and 事件 are mapped (网格事项 such as disputes or help for people are not public, as in
 * Open311); rejected and merged cases are not counted.
 */
export async function publicCaseMap(
  db: Db,
  options: { jurisdictionId: number; from: Date; to: Date; grids: readonly PublicGrid[] },
): Promise<PublicCaseMap> {
  const rows = await countCasesByGridAndStatus(db, options);
  const byGrid = new Map<number, PublicStatusCounts>();
  const totals = emptyCounts();
  for (const row of rows) {
    const group = PUBLIC_STATUS_GROUPS[row.status];
    if (!group) continue;
    const counts = byGrid.get(row.grid_id) ?? emptyCounts();
    byGrid.set(row.grid_id, counts);
    const n = Number(row.count);
    for (const target of [counts, totals]) {
      target[group] += n;
      if (group !== 'closed') target.open += n;
    }
  }
  const gridsById = new Map(options.grids.map((grid) => [grid.id, grid]));
  return {
    from: options.from.toISOString(),
    to: options.to.toISOString(),
    totals,
    grids: [...byGrid.entries()]
      .flatMap(([gridId, counts]) => {
        const grid = gridsById.get(gridId);
        return grid
          ? [
              {
                id: grid.id,
                name: grid.name,
                communityName: grid.communityName,
                centroid: grid.centroid,
                counts,
              },
            ]
          : [];
      })
      .sort((a, b) => a.id - b.id),
  };
}
