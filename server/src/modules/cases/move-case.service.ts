import type { CaseDetail, CaseEventRequest, LocateResult } from '#contracts';
import { authorize, type Principal } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { WorkingCalendar } from '../../platform/working-calendar.ts';
import { actorFacts } from './case.actor.ts';
import { applyClockEffects, retimeClocks } from './case.clocks.ts';
import {
  type CaseEvent,
  type CaseState,
  type DepartmentTask,
  type Rating,
  type RefusalCode,
  transition,
} from './case.lifecycle.ts';
import {
  attachPhotos,
  type CaseRow,
  findCase,
  findCategory,
  findDepartmentsByCode,
  findPlaces,
  findTasks,
  insertTasks,
  insertTimelineEntry,
  type TaskRow,
  updateCaseAtVersion,
  updateTask,
} from './case.repository.ts';
import type { Db } from './case.table.ts';
import { canSeeCase } from './case-scope.ts';
import { permissionForEvent } from './cases.policy.ts';
import { ownDepartmentOf, presentCase, whereaboutsOf } from './find-cases.service.ts';
import { applyCaseMeasureChanges } from './maintain-case-measures.service.ts';
import { notifyCase } from './notify-case.service.ts';

/**
 * One move of the closed loop: load the case, check who may, let the pure machine decide, then write
 * the new state at the version the client saw (optimistic lock: a concurrent move → 409), its
 * effects (clocks, department tasks, category, place, rating), one timeline entry and an audit
 * event — all in the caller's transaction.
 */

export interface MoveCaseOptions {
  principal: Principal;
  actor: Actor;
  calendar: WorkingCalendar;
  now: Date;
  caseId: number;
  /** The version the client saw. */
  version: number;
  event: CaseEventRequest;
  /** For `relocate`: where the new point lies (TerritoryModule.locate, before the transaction). */
  located?: LocateResult;
  /**
   * A scheduled job's move (`system` in the machine): no visibility or permission check, no account
   * on the timeline; `principal` only carries the jurisdiction and the reading for the answer.
   */
  system?: boolean;
}

export async function moveCase(trx: Db, options: MoveCaseOptions): Promise<CaseDetail> {
  const { principal, now, calendar } = options;
  const jurisdictionId = principal.jurisdictionId;
  const row = await findCase(trx, jurisdictionId, options.caseId);
  if (!row) throw notFound('Case');
  const tasks = await findTasks(trx, jurisdictionId, row.id);
  const where = whereaboutsOf(row, tasks);
  const system = options.system === true;
  if (!system) {
    if (!canSeeCase(principal, where)) throw notFound('Case');
    authorize(principal, permissionForEvent(options.event.type), null);
  }
  if (row.version !== options.version) throw conflict(row.version);

  const ownDepartment = await ownDepartmentOf(trx, principal);
  const event = await toLifecycleEvent(trx, options, ownDepartment?.code ?? '');
  const state = row.state as CaseState;
  const facts = system
    ? { role: 'system' as const, inScope: true, isReporter: false, departmentMatches: false }
    : actorFacts(principal, where, ownDepartment);
  const result = transition(state, event, facts);
  if (!result.ok) throw refusal(result.reason, result.message);
  const { next, effects } = result;

  // Effects on the record.
  let category = await findCategory(trx, jurisdictionId, row.category_code);
  let rating: Rating | null = row.rating;
  let point = { lng: row.lng, lat: row.lat };
  let places = {
    unitId: row.unit_id,
    gridId: row.grid_id,
    communityId: row.community_id,
    subdistrictId: row.subdistrict_id,
  };
  let clocksRetimed = false;
  for (const effect of effects) {
    switch (effect.kind) {
      case 'set_category': {
        const found = await findCategory(trx, jurisdictionId, effect.categoryCode);
        if (!found?.active) {
          throw new AppError('cases.unknown_category', `No case category ${effect.categoryCode}`, {
            categoryCode: effect.categoryCode,
          });
        }
        category = found;
        clocksRetimed = true;
        break;
      }
      case 'set_location': {
        const located = options.located;
        if (!located) throw new Error('relocate needs the located point');
        point = located.point;
        places = {
          unitId: located.unit.id,
          gridId: located.grid.id,
          communityId: located.community.id,
          subdistrictId: located.subdistrict.id,
        };
        break;
      }
      case 'assign_grid':
        places = await gridPlaces(trx, jurisdictionId, effect.gridId, places.unitId);
        break;
      case 'record_rating':
        rating = effect.rating;
        break;
      case 'link_duplicate': {
        const target = await findCase(trx, jurisdictionId, effect.intoCaseId);
        // Into an open case only: its reporter and followers must go on hearing of it.
        if (!target || target.id === row.id || target.closed_at !== null) {
          throw new AppError('cases.move_invalid', 'No open case to merge into', { reason: 'invalid_data' });
        }
        break;
      }
      default:
        break;
    }
  }
  if (!category) throw new Error(`case ${row.id} has an unknown category ${row.category_code}`);
  let clocks = applyClockEffects(calendar, category.limits, row.clocks, effects, now);
  if (clocksRetimed) clocks = retimeClocks(calendar, category.limits, clocks);

  const photoIds = 'photoIds' in event ? event.photoIds : [];
  const unusable = await attachPhotos(trx, {
    jurisdictionId,
    caseId: row.id,
    accountId: principal.accountId,
    photoIds,
  });
  if (unusable.length > 0) {
    throw new AppError('cases.photo_not_usable', 'Some photos cannot be attached', { photoIds: unusable });
  }

  const terminal = next.status === 'closed' || next.status === 'rejected' || next.status === 'merged';
  const written = await updateCaseAtVersion(
    trx,
    { jurisdictionId, caseId: row.id, version: row.version },
    {
      state: next,
      clocks,
      categoryCode: category.code,
      rating,
      point,
      places,
      closedAt: terminal ? (row.closed_at ?? now) : null,
      now,
    },
  );
  if (!written) {
    const current = await findCase(trx, jurisdictionId, row.id);
    throw conflict(current?.version ?? row.version);
  }
  await syncDepartmentTasks(trx, { row, tasks, state, next, event, now });
  await insertTimelineEntry(trx, {
    jurisdictionId,
    caseId: row.id,
    at: now,
    actorAccountId: system ? null : principal.accountId,
    actorName: system ? '系统' : principal.displayName,
    actorRole: system ? 'system' : principal.role,
    event: event.type,
    departmentCode: 'department' in event ? event.department : null,
    from: state.status,
    to: next.status,
    note: noteOf(event),
    photoIds,
    effects,
  });
  await notifyCase(trx, {
    jurisdictionId,
    caseId: row.id,
    effects,
    actorAccountId: system ? null : principal.accountId,
    now,
  });
  await applyCaseMeasureChanges(trx, [{ jurisdictionId, caseId: row.id }], { calendar });
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: `cases.${event.type}`,
    subjectType: 'case',
    subjectId: row.id,
    details: { from: state.status, to: next.status, version: row.version + 1 },
  });
  const updated = await findCase(trx, jurisdictionId, row.id);
  if (!updated) throw new Error('the moved case is missing');
  return presentCase(trx, { principal, calendar, now, row: updated });
}

function conflict(version: number): AppError {
  return new AppError('cases.conflict', 'The case has changed since you saw it; reload it', { version });
}

function refusal(reason: RefusalCode, message: string): AppError {
  switch (reason) {
    case 'role_not_permitted':
    case 'out_of_scope':
    case 'department_mismatch':
    case 'not_reporter':
      return new AppError('cases.move_refused', message, { reason });
    case 'invalid_in_state':
    case 'awaiting_rating':
    case 'department_wrong_step':
      return new AppError('cases.move_not_possible', message, { reason });
    case 'invalid_data':
    case 'department_not_dispatched':
      return new AppError('cases.move_invalid', message, { reason });
    default: {
      const unknown: never = reason;
      throw new RangeError(`unknown refusal ${String(unknown)}`);
    }
  }
}

/** The machine's event from the request: department moves take the actor's own department. */
async function toLifecycleEvent(
  trx: Db,
  options: MoveCaseOptions,
  ownDepartment: string,
): Promise<CaseEvent> {
  const { event } = options;
  const jurisdictionId = options.principal.jurisdictionId;
  switch (event.type) {
    case 'acknowledge':
      return { type: 'acknowledge', department: ownDepartment };
    case 'report_back':
      return {
        type: 'report_back',
        department: ownDepartment,
        photoIds: event.photoIds,
        ...(event.note ? { note: event.note } : {}),
      };
    case 'decline':
      return { type: 'decline', department: ownDepartment, reason: event.reason };
    case 'dispatch':
      await requireDepartments(trx, jurisdictionId, event.departments);
      return {
        type: 'dispatch',
        departments: event.departments,
        ...(event.note ? { note: event.note } : {}),
      };
    case 'reassign':
      if (event.target.kind === 'department')
        await requireDepartments(trx, jurisdictionId, [event.target.to]);
      return { type: 'reassign', target: event.target, reason: event.reason };
    case 'relocate': {
      const located = options.located;
      if (!located) throw new Error('relocate needs the located point');
      return { type: 'relocate', point: located.point, reason: event.reason };
    }
    case 'resolve':
    case 'verify':
      return { type: event.type, photoIds: event.photoIds, ...(event.note ? { note: event.note } : {}) };
    case 'rate':
      return { type: 'rate', rating: event.rating, ...(event.comment ? { comment: event.comment } : {}) };
    case 'accept':
    case 'reject':
    case 'merge':
    case 'start_handling':
    case 'escalate':
    case 'return_to_grid':
    case 'fail_verification':
    case 'close':
    case 'urge':
    case 'recategorise':
      return event;
    default: {
      const unknown: never = event;
      throw new RangeError(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

async function requireDepartments(trx: Db, jurisdictionId: number, codes: readonly string[]): Promise<void> {
  const found = new Set((await findDepartmentsByCode(trx, jurisdictionId, codes)).map((d) => d.code));
  const unknown = codes.filter((code) => !found.has(code));
  if (unknown.length > 0) {
    throw new AppError('cases.unknown_department', `Unknown departments: ${unknown.join(', ')}`, {
      departments: unknown,
    });
  }
}

/** A current grid and its ancestors; the unit stays (it records where the problem is). */
async function gridPlaces(trx: Db, jurisdictionId: number, gridId: number, unitId: number) {
  const [grid] = await findPlaces(trx, jurisdictionId, [gridId]);
  if (grid?.level !== 'grid' || grid.valid_to !== null || grid.community_id === null) {
    throw new AppError('cases.move_invalid', 'No current grid with this id', { reason: 'invalid_data' });
  }
  return {
    unitId,
    gridId: grid.id,
    communityId: grid.community_id,
    subdistrictId: grid.subdistrict_id ?? grid.community_id,
  };
}

/** The timeline note of a move: its reason, note or comment. */
export function noteOf(event: CaseEvent): string | null {
  switch (event.type) {
    case 'reject':
    case 'merge':
    case 'escalate':
    case 'return_to_grid':
    case 'decline':
    case 'fail_verification':
    case 'reassign':
    case 'recategorise':
    case 'relocate':
      return event.reason;
    case 'resolve':
    case 'report_back':
    case 'verify':
    case 'dispatch':
      return event.note ?? null;
    case 'urge':
      return event.note;
    case 'rate':
      return event.comment ?? null;
    case 'accept':
    case 'start_handling':
    case 'acknowledge':
    case 'close':
      return null;
    default: {
      const unknown: never = event;
      throw new RangeError(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Mirrors the machine's department sub-states in `case_department_task`: a dispatch closes the rows
 * of any earlier dispatch and opens one per department; acknowledging and reporting back stamp the
 * row; a decline or a replacement closes it.
 */
async function syncDepartmentTasks(
  trx: Db,
  move: { row: CaseRow; tasks: TaskRow[]; state: CaseState; next: CaseState; event: CaseEvent; now: Date },
): Promise<void> {
  const { row, now, event } = move;
  const jurisdictionId = row.jurisdiction_id;
  const current = move.tasks.filter((task) => task.closed_at === null);
  const byCode = new Map(current.map((task) => [task.department_code, task]));
  const nextTasks: DepartmentTask[] =
    move.next.status === 'dispatched' ||
    move.next.status === 'acknowledged' ||
    move.next.status === 'reported_back'
      ? move.next.departments
      : [];
  if (event.type === 'dispatch') {
    for (const task of current) {
      await updateTask(trx, { jurisdictionId, id: task.id }, { status: task.status, closedAt: now });
    }
    const departments = await findDepartmentsByCode(trx, jurisdictionId, event.departments);
    await insertTasks(trx, {
      jurisdictionId,
      caseId: row.id,
      departmentIds: departments.map((d) => d.id),
      now,
    });
    return;
  }
  for (const task of nextTasks) {
    const existing = byCode.get(task.department);
    if (!existing) {
      const [department] = await findDepartmentsByCode(trx, jurisdictionId, [task.department]);
      if (department) {
        await insertTasks(trx, { jurisdictionId, caseId: row.id, departmentIds: [department.id], now });
      }
      continue;
    }
    if (existing.status === task.status) continue;
    await updateTask(
      trx,
      { jurisdictionId, id: existing.id },
      {
        status: task.status,
        ...(task.status === 'acknowledged' ? { acknowledgedAt: now } : {}),
        ...(task.status === 'reported_back' ? { reportedBackAt: now } : {}),
      },
    );
  }
  // Departments that left the dispatch: declined, or replaced by a reassignment.
  if (event.type === 'decline' || event.type === 'reassign') {
    const still = new Set(nextTasks.map((task) => task.department));
    for (const task of current) {
      if (still.has(task.department_code)) continue;
      await updateTask(
        trx,
        { jurisdictionId, id: task.id },
        { status: event.type === 'decline' ? 'declined' : 'replaced', closedAt: now },
      );
    }
  }
}
