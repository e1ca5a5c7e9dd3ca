import type { CaseDetail, CaseEventType, CaseListQuery, CasePage } from '#contracts';
import { authorize, hasPermission, type Principal } from '../../platform/access.ts';
import { notFound } from '../../platform/errors.ts';
import type { WorkingCalendar } from '../../platform/working-calendar.ts';
import { actorFacts } from './case.actor.ts';
import { allowedEvents, type CaseState } from './case.lifecycle.ts';
import {
  type CaseRow,
  findAccountName,
  findCase,
  findCasePage,
  findCasePhotoIds,
  findCategory,
  findDepartmentById,
  findPlaces,
  findTasks,
  findTimeline,
  type TaskRow,
} from './case.repository.ts';
import type { Db } from './case.table.ts';
import { viewerIfFollowing } from './case-followers.repository.ts';
import { type CaseWhereabouts, canSeeCase, coversCase } from './case-scope.ts';
import { permissionForEvent } from './cases.policy.ts';
import { type CaseContext, presentDetail, presentSummary } from './cases.presenter.ts';
import { findHotlineOrder } from './hotline-import/case-import.repository.ts';

/** Reading cases: the queue and list in the viewer's scope, and one case with its timeline. */

export interface Reading {
  principal: Principal;
  calendar: WorkingCalendar;
  now: Date;
}

/** A page of the cases the viewer sees, due first, with lights at `now`. */
export async function findCases(db: Db, options: Reading & { query: CaseListQuery }): Promise<CasePage> {
  const { principal, query, calendar, now } = options;
  authorize(principal, 'cases.read', null);
  const page = await findCasePage(db, {
    viewer: principal,
    filter: {
      statuses: query.status,
      open: query.open,
      categoryCode: query.categoryCode,
      light: query.light,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      placeId: query.placeId,
      reporterAccountId: query.mine ? principal.accountId : undefined,
    },
    now,
    limit: query.limit,
    offset: query.offset,
    sort: query.sort,
  });
  return { total: page.total, cases: page.rows.map((row) => presentSummary(row, calendar, now)) };
}

/** One case; outside the viewer's scope it answers 404, as if it did not exist. */
export async function getCase(db: Db, options: Reading & { caseId: number }): Promise<CaseDetail> {
  const { principal } = options;
  authorize(principal, 'cases.read', null);
  const row = await findCase(db, principal.jurisdictionId, options.caseId);
  if (!row) throw notFound('Case');
  const tasks = await findTasks(db, principal.jurisdictionId, row.id);
  const followers = await viewerIfFollowing(db, principal, row.id);
  if (!canSeeCase(principal, whereaboutsOf(row, tasks, followers))) throw notFound('Case');
  return presentCase(db, { ...options, row, tasks });
}

export function whereaboutsOf(
  row: CaseRow,
  tasks: readonly TaskRow[],
  followerAccountIds: readonly number[] = [],
): CaseWhereabouts & {
  currentDepartmentIds: number[];
} {
  return {
    placeChain: [row.unit_id, row.grid_id, row.community_id, row.subdistrict_id],
    reporterAccountId: row.reporter_account_id,
    departmentIds: tasks.map((task) => task.department_id),
    followerAccountIds,
    currentDepartmentIds: tasks.filter((task) => task.closed_at === null).map((task) => task.department_id),
  };
}

/** The viewer's own department, for department staff. */
export async function ownDepartmentOf(db: Db, principal: Principal) {
  if (principal.role !== 'department_staff' || principal.scope.level !== 'department') return null;
  if (principal.scope.id === null) return null;
  return (await findDepartmentById(db, principal.jurisdictionId, principal.scope.id)) ?? null;
}

/** The case as the viewer sees it, read with `db` (inside the move's transaction after a move). */
export async function presentCase(
  db: Db,
  options: Reading & { row: CaseRow; tasks?: TaskRow[] },
): Promise<CaseDetail> {
  const { principal, row } = options;
  const jurisdictionId = principal.jurisdictionId;
  const [tasks, category, places, timeline, photoIds, reporter, ownDepartment, hotlineOrder] =
    await Promise.all([
      options.tasks ? Promise.resolve(options.tasks) : findTasks(db, jurisdictionId, row.id),
      findCategory(db, jurisdictionId, row.category_code),
      findPlaces(db, jurisdictionId, [row.unit_id, row.grid_id, row.community_id, row.subdistrict_id]),
      findTimeline(db, jurisdictionId, row.id),
      findCasePhotoIds(db, jurisdictionId, row.id),
      row.reporter_account_id === null
        ? Promise.resolve(undefined)
        : findAccountName(db, jurisdictionId, row.reporter_account_id),
      ownDepartmentOf(db, principal),
      row.channel === 'hotline' ? findHotlineOrder(db, jurisdictionId, row.id) : Promise.resolve(undefined),
    ]);
  if (!category) throw new Error(`case ${row.id} has an unknown category ${row.category_code}`);
  const context: CaseContext = {
    row,
    category,
    places: new Map(places.map((p) => [p.id, p])),
    tasks,
    timeline,
    photoIds,
    reporterName: reporter?.display_name ?? null,
    hotlineOrder,
    // A follower from elsewhere reads the case as its reporter does: never who reported it.
    viewerCoversCase: coversCase(principal, whereaboutsOf(row, tasks)),
  };
  return presentContext(context, principal, ownDepartment, options);
}

/** The case as the viewer sees it, from what is already read (a batched intake has it all in memory). */
export function presentContext(
  context: CaseContext,
  principal: Principal,
  ownDepartment: Awaited<ReturnType<typeof ownDepartmentOf>>,
  reading: Pick<Reading, 'calendar' | 'now'>,
): CaseDetail {
  const facts = actorFacts(principal, whereaboutsOf(context.row, context.tasks), ownDepartment);
  const events: CaseEventType[] = allowedEvents(
    context.row.state as CaseState,
    facts,
    ownDepartment?.code,
  ).filter((type) => hasPermission(principal.role, permissionForEvent(type)));
  return presentDetail(context, principal, {
    calendar: reading.calendar,
    now: reading.now,
    allowedEvents: events,
  });
}
