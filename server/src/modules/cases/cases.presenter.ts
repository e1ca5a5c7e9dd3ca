import type {
  CaseClock,
  CaseDetail,
  CaseEventType,
  CaseStatus,
  CaseSummary,
  CaseTimelineEntry,
} from '#contracts';
import type { Principal } from '../../platform/access.ts';
import type { WorkingCalendar } from '../../platform/working-calendar.ts';
import { type CaseClockData, clockLight, firstDue } from './case.clocks.ts';
import { CASE_STATUS_LABELS, type CaseState } from './case.lifecycle.ts';
import type { CaseListRow, CaseRow, CategoryRow, TaskRow, TimelineRow } from './case.repository.ts';

/** Rows → API types. The only way case data leaves the server; the reporter is masked here. */

export function presentClock(calendar: WorkingCalendar, clock: CaseClockData, now: Date): CaseClock {
  const light = clockLight(calendar, clock, now);
  return {
    step: clock.step,
    department: clock.department,
    startedAt: clock.startedAt,
    deadline: clock.deadline,
    unit: clock.unit,
    light: light.light,
    uncertain: light.uncertain,
    missingYears: light.missingYears,
  };
}

const place = (p: { id: number; code: string; name: string }) => ({ id: p.id, code: p.code, name: p.name });

export function presentSummary(row: CaseListRow, calendar: WorkingCalendar, now: Date): CaseSummary {
  const first = firstDue(row.clocks);
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    category: {
      code: row.category_code,
      name: row.category_name,
      majorName: row.category_major_name,
      urgent: row.category_urgent,
    },
    description: row.description,
    status: row.status,
    statusLabel: CASE_STATUS_LABELS[row.status],
    grid: { id: row.grid_id, code: row.grid_code, name: row.grid_name },
    community: { id: row.community_id, code: row.community_code, name: row.community_name },
    reportedAt: row.reported_at.toISOString(),
    clock: first ? presentClock(calendar, first, now) : null,
    version: row.version,
  };
}

export interface CaseContext {
  row: CaseRow;
  category: CategoryRow;
  places: Map<number, { id: number; code: string; name: string }>;
  tasks: TaskRow[];
  timeline: TimelineRow[];
  photoIds: string[];
  reporterName: string | null;
  /** The 12345 work order the case came from (工单), if it was imported. */
  hotlineOrder?: { order_number: string; received_at: Date } | undefined;
  /** The viewer sees the case by its place or department, not only as its reporter or a follower. */
  viewerCoversCase?: boolean;
}

/**
 * Whether the viewer may know who reported: never for an anonymous report (but the reporter knows
 * it is theirs), never for department staff, and otherwise for staff who see the case by its place.
 */
export function reporterVisibleTo(viewer: Principal, row: CaseRow, viewerCoversCase = true): boolean {
  if (row.reporter_account_id !== null && row.reporter_account_id === viewer.accountId) return true;
  if (row.anonymous || !viewerCoversCase) return false;
  return (
    viewer.role !== 'department_staff' && viewer.role !== 'resident' && viewer.role !== 'part_time_worker'
  );
}

export function presentDetail(
  context: CaseContext,
  viewer: Principal,
  options: { calendar: WorkingCalendar; now: Date; allowedEvents: CaseEventType[] },
): CaseDetail {
  const { row, category, places, tasks, timeline } = context;
  const { calendar, now } = options;
  const state = row.state as CaseState;
  const find = (id: number) => places.get(id) ?? { id, code: '', name: '' };
  const isReporter = row.reporter_account_id !== null && row.reporter_account_id === viewer.accountId;
  const showReporter = reporterVisibleTo(viewer, row, context.viewerCoversCase);
  const first = firstDue(row.clocks);
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    category: {
      code: category.code,
      name: category.name,
      majorName: category.major_name,
      urgent: category.urgent,
    },
    description: row.description,
    status: row.status,
    statusLabel: CASE_STATUS_LABELS[row.status],
    unit: place(find(row.unit_id)),
    grid: place(find(row.grid_id)),
    community: place(find(row.community_id)),
    subdistrict: place(find(row.subdistrict_id)),
    reportedAt: row.reported_at.toISOString(),
    clock: first ? presentClock(calendar, first, now) : null,
    version: row.version,
    point: { lng: row.lng, lat: row.lat },
    address: row.address,
    reporter: {
      channel: row.channel,
      anonymous: row.anonymous,
      name: showReporter && !row.anonymous ? context.reporterName : null,
      isViewer: isReporter,
    },
    rating: row.rating,
    reopenCount: state.reopenCount,
    updatedAt: row.updated_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    clocks: row.clocks.map((clock) => presentClock(calendar, clock, now)),
    departments: tasks.map((task) => ({
      code: task.department_code,
      name: task.department_name,
      status: task.status,
      dispatchedAt: task.dispatched_at.toISOString(),
      acknowledgedAt: task.acknowledged_at?.toISOString() ?? null,
      reportedBackAt: task.reported_back_at?.toISOString() ?? null,
      current: task.closed_at === null,
    })),
    photoIds: context.photoIds,
    timeline: timeline.map((entry) => presentTimelineEntry(entry, row, showReporter)),
    hotlineOrder: context.hotlineOrder
      ? {
          orderNumber: context.hotlineOrder.order_number,
          receivedAt: context.hotlineOrder.received_at.toISOString(),
        }
      : null,
    allowedEvents: options.allowedEvents,
  };
}

function presentTimelineEntry(entry: TimelineRow, row: CaseRow, showReporter: boolean): CaseTimelineEntry {
  const byReporter = entry.actor_account_id !== null && entry.actor_account_id === row.reporter_account_id;
  const hidden = byReporter && (!showReporter || row.anonymous);
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    event: entry.event as CaseTimelineEntry['event'],
    actor: hidden ? null : (entry.actor_display_name ?? entry.actor_name),
    role: entry.actor_role as CaseTimelineEntry['role'],
    department: entry.department_code,
    from: entry.from_status as CaseStatus | null,
    to: entry.to_status,
    note: entry.note,
    photoIds: entry.photo_ids,
  };
}
