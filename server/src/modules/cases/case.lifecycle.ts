import type { Role } from '#contracts';
import { CASE_EVENT_LABELS, CASE_STATUS_LABELS } from '#contracts/case-labels.ts';

/**
 * The closed loop of a case (GB/T 30428 digital city management, grid first, 下呼上应): a pure state
 * machine. The service loads the case, computes the actor's facts (scope, reporter, department),
 * calls `transition`, and — only when it is ok — writes `next`, one timeline entry and the effects in
 * one transaction. Nothing here reads a clock or a database.
 *
 * In short: reported → accepted → in_progress → resolved_by_grid, or escalated up the ladder
 * (community → subdistrict) → dispatched to departments → acknowledged → reported_back; then
 * verified on site → rated → closed. A failed verification or 不满意 reopens the case, and the grid
 * owns it again. `README.md` has the full diagram; `CASE_MOVES` says who may make each move.
 */

/** Who makes a move: an account's role, or `system` for the scheduled jobs (定时任务). */
export type CaseActorRole = Role | 'system';

/**
 * The facts about the actor that the machine needs; the service computes them, the machine decides.
 * - `inScope`: the case lies in the actor's territory (grid, community, subdistrict, jurisdiction for
 *   admin and city leaders); for department staff: the case is dispatched to the actor's department;
 *   for a resident or a rider: the actor reported the case. Always true for `system`.
 * - `isReporter`: the actor reported the case (only the reporter rates).
 * - `departmentMatches`: the department named by the event is the actor's own. The service fills an
 *   event's `department` from the signed-in account, never from the request body.
 */
export interface CaseActor {
  role: CaseActorRole;
  inScope: boolean;
  isReporter: boolean;
  departmentMatches: boolean;
}

// ---------------------------------------------------------------------------------------------
// States.

export type Rating =
  | 'satisfied' // 满意
  | 'basically_satisfied' // 基本满意
  | 'dissatisfied'; // 不满意
export type PositiveRating = Exclude<Rating, 'dissatisfied'>;

/** Who fixed the problem: the grid itself, or the departments it was dispatched to. */
export type Resolver = 'grid' | 'departments';

/** The level that dispatched a case to departments, and takes it back if all of them decline. */
export type DispatchLevel = 'community' | 'subdistrict';

export type DepartmentTaskStatus =
  | 'dispatched' // 已派遣, awaiting 报到
  | 'acknowledged' // 已报到 (签收)
  | 'reported_back'; // 已反馈, with evidence photos

/** One department's part of a case dispatched to several. */
export interface DepartmentTask {
  /** A department code, e.g. 'ZHZF' (see `data/categories.ts` CASE_DEPARTMENTS). */
  department: string;
  status: DepartmentTaskStatus;
}

type CaseStatusData =
  | { status: 'reported' } // 上报: waiting for the grid to accept
  | { status: 'accepted' } // 受理 (by the grid)
  | { status: 'rejected'; reason: string } // 不予受理 (invalid report)
  | { status: 'merged'; intoCaseId: number } // 合并 (duplicate of another case)
  | { status: 'in_progress' } // 网格处置中
  | { status: 'escalated_community' } // 上报社区
  | { status: 'escalated_subdistrict' } // 上报街道
  | {
      status:
        | 'dispatched' // 派遣至部门: some department has not acknowledged yet
        | 'acknowledged' // 部门已报到: every department has acknowledged
        | 'reported_back'; // 部门已反馈: every department has reported back
      departments: DepartmentTask[];
      dispatchedBy: DispatchLevel;
    }
  | { status: 'resolved_by_grid' } // 网格已处置
  | { status: 'verified'; resolvedBy: Resolver } // 已核查
  | { status: 'rated'; resolvedBy: Resolver; rating: PositiveRating } // 已评价
  | { status: 'closed'; resolvedBy: Resolver; rating: PositiveRating | null } // 结案
  | { status: 'reopened' }; // 重新办理 (failed verification or 不满意)

export type CaseStatus = CaseStatusData['status'];

/** The lifecycle part of a case (its category, place and photos live in the case record). */
export type CaseState = CaseStatusData & {
  /** How many times the case was reopened (failed verification, 不满意). */
  reopenCount: number;
  /** Whether the reporter is asked to rate: false for anonymous reports and for reports by staff. */
  ratingExpected: boolean;
};

export { CASE_EVENT_LABELS, CASE_STATUS_LABELS };
export const CASE_STATUSES = Object.keys(CASE_STATUS_LABELS) as CaseStatus[];

/** A new case, as intake creates it. */
export function initialCaseState(options: { ratingExpected: boolean }): CaseState {
  return { status: 'reported', reopenCount: 0, ratingExpected: options.ratingExpected };
}

// ---------------------------------------------------------------------------------------------
// Events.

export interface Point {
  lng: number;
  lat: number;
}

export type ReassignTarget =
  | { kind: 'grid'; gridId: number } // to another grid (the case waits for it to accept)
  | { kind: 'department'; from: string; to: string }; // replace a dispatched department

export type CaseEvent =
  | { type: 'accept' } // 受理
  | { type: 'reject'; reason: string } // 不予受理
  | { type: 'merge'; intoCaseId: number; reason: string } // 合并 into an earlier case
  | { type: 'start_handling' } // 开始处置
  | { type: 'resolve'; photoIds: string[]; note?: string } // 网格处置完毕
  | { type: 'escalate'; reason: string } // 上报 (grid → community → subdistrict), 吹哨
  | { type: 'return_to_grid'; reason: string } // 退回网格
  | { type: 'dispatch'; departments: string[]; note?: string } // 派遣
  | { type: 'acknowledge'; department: string } // 报到 (签收)
  | { type: 'report_back'; department: string; photoIds: string[]; note?: string } // 反馈
  | { type: 'decline'; department: string; reason: string } // 退回 (not ours)
  | { type: 'verify'; photoIds: string[]; note?: string } // 核查通过
  | { type: 'fail_verification'; photoIds: string[]; reason: string } // 核查不通过
  | { type: 'rate'; rating: Rating; comment?: string } // 评价
  | { type: 'close' } // 结案
  | { type: 'urge'; note: string } // 督办
  | { type: 'reassign'; target: ReassignTarget; reason: string } // 改派
  | { type: 'recategorise'; categoryCode: string; reason: string } // 改类
  | { type: 'relocate'; point: Point; reason: string }; // 改位置

export type CaseEventType = CaseEvent['type'];
type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

export const CASE_EVENT_TYPES = Object.keys(CASE_EVENT_LABELS) as CaseEventType[];

/** Evidence photos per move, as on intake (one to nine). */
export const MAX_PHOTOS_PER_MOVE = 9;

// ---------------------------------------------------------------------------------------------
// Who may make which move, from which status.

export interface CaseMove {
  event: CaseEventType;
  from: readonly CaseStatus[];
  roles: readonly CaseActorRole[];
}

const GRID_OWNED: readonly CaseStatus[] = ['reported', 'accepted', 'in_progress', 'reopened'];
/** Every status but the three ends (rejected, merged, closed). */
const OPEN: readonly CaseStatus[] = [
  ...GRID_OWNED,
  'escalated_community',
  'escalated_subdistrict',
  'dispatched',
  'acknowledged',
  'reported_back',
  'resolved_by_grid',
  'verified',
  'rated',
];
/** Supervisors correct a case: community staff and secretary, subdistrict staff, administrators. */
const SUPERVISORS: readonly CaseActorRole[] = [
  'community_staff',
  'community_secretary',
  'subdistrict_staff',
  'admin',
];

/**
 * The move table: who may make which move from which status (at most one row per event and
 * status). Principles: the grid acts first; each level above answers only what reached it; a
 * department answers only for itself; administrators correct and supervise but never make a field
 * move (accept, handle, verify, report back, rate), so that the timeline names who really did it;
 * `system` (the scheduled jobs) escalates breached grid-level limits, urges late handlers and closes
 * cases whose rating window has passed.
 */
export const CASE_MOVES: readonly CaseMove[] = [
  { event: 'accept', from: ['reported'], roles: ['grid_worker', 'community_staff'] },
  {
    event: 'reject',
    from: ['reported'],
    roles: ['grid_worker', 'community_staff', 'community_secretary', 'admin'],
  },
  {
    event: 'merge',
    from: ['reported', 'accepted'],
    roles: ['grid_worker', 'community_staff', 'community_secretary', 'admin'],
  },
  { event: 'start_handling', from: ['accepted', 'reopened'], roles: ['grid_worker'] },
  { event: 'resolve', from: ['accepted', 'in_progress', 'reopened'], roles: ['grid_worker'] },
  { event: 'escalate', from: ['reported'], roles: ['system'] },
  { event: 'escalate', from: ['accepted', 'in_progress', 'reopened'], roles: ['grid_worker', 'system'] },
  {
    event: 'escalate',
    from: ['escalated_community'],
    roles: ['community_staff', 'community_secretary', 'system'],
  },
  {
    event: 'return_to_grid',
    from: ['escalated_community'],
    roles: ['community_staff', 'community_secretary'],
  },
  { event: 'return_to_grid', from: ['escalated_subdistrict'], roles: ['subdistrict_staff'] },
  { event: 'dispatch', from: ['escalated_community'], roles: ['community_staff', 'community_secretary'] },
  { event: 'dispatch', from: ['escalated_subdistrict'], roles: ['subdistrict_staff'] },
  { event: 'acknowledge', from: ['dispatched'], roles: ['department_staff'] },
  { event: 'report_back', from: ['dispatched', 'acknowledged'], roles: ['department_staff'] },
  { event: 'decline', from: ['dispatched'], roles: ['department_staff'] },
  { event: 'verify', from: ['resolved_by_grid', 'reported_back'], roles: ['grid_worker', 'community_staff'] },
  {
    event: 'fail_verification',
    from: ['resolved_by_grid', 'reported_back'],
    roles: ['grid_worker', 'community_staff'],
  },
  { event: 'rate', from: ['verified'], roles: ['resident', 'part_time_worker'] },
  {
    event: 'close',
    from: ['verified', 'rated'],
    roles: ['grid_worker', 'community_staff', 'community_secretary', 'admin', 'system'],
  },
  {
    // Not while the case waits for the reporter's rating: there is nobody to urge.
    event: 'urge',
    from: OPEN.filter((status) => status !== 'verified'),
    roles: ['community_secretary', 'subdistrict_staff', 'city_leader', 'admin', 'system'],
  },
  {
    event: 'reassign',
    from: [...GRID_OWNED, 'dispatched', 'acknowledged'],
    roles: SUPERVISORS,
  },
  { event: 'recategorise', from: GRID_OWNED, roles: ['grid_worker', ...SUPERVISORS] },
  { event: 'recategorise', from: OPEN.filter((s) => !GRID_OWNED.includes(s)), roles: SUPERVISORS },
  { event: 'relocate', from: GRID_OWNED, roles: ['grid_worker', ...SUPERVISORS] },
  { event: 'relocate', from: OPEN.filter((s) => !GRID_OWNED.includes(s)), roles: SUPERVISORS },
];

/** Moves made on behalf of one department; they need `departmentMatches`. */
const DEPARTMENT_EVENTS: ReadonlySet<CaseEventType> = new Set(['acknowledge', 'report_back', 'decline']);

function moveFor(status: CaseStatus, event: CaseEventType): CaseMove | undefined {
  return CASE_MOVES.find((move) => move.event === event && move.from.includes(status));
}

// ---------------------------------------------------------------------------------------------
// Effects: what the service must do besides storing `next` and a timeline entry.

/** Timed steps; their limits come from the category (`data/categories.ts`). */
export type CaseStep =
  | 'accept' // 受理
  | 'grid_handle' // 网格处置
  | 'community_response' // 社区响应 (dispatch, escalate or return)
  | 'subdistrict_response' // 街道响应
  | 'acknowledge' // 部门报到
  | 'department_handle' // 部门处置 (to report back)
  | 'verify' // 核查
  | 'rate'; // 评价窗口

/** Whom a notification goes to; the service resolves the accounts from the case record. */
export type Audience =
  | { kind: 'reporter' }
  | { kind: 'grid' }
  | { kind: 'community' }
  | { kind: 'subdistrict' }
  | { kind: 'department'; department: string };

export type CaseEffect =
  | { kind: 'start_clock'; step: CaseStep; department: string | null }
  | { kind: 'stop_clock'; step: CaseStep; department: string | null }
  | { kind: 'notify'; to: Audience; about: 'action_needed' | 'status_changed' | 'urged' | 'reassigned' }
  | { kind: 'urge'; note: string } // 督办 record (counted in measures)
  | { kind: 'record_rating'; rating: Rating }
  | { kind: 'link_duplicate'; intoCaseId: number } // the reporter follows the earlier case
  | { kind: 'assign_grid'; gridId: number }
  | { kind: 'set_category'; categoryCode: string } // time limits and department follow the category
  | { kind: 'set_location'; point: Point }; // the service locates the point again

interface RunningClock {
  step: CaseStep;
  department: string | null;
}

/** The clocks that run while a case is in a state. */
export function runningClocks(state: CaseState): RunningClock[] {
  switch (state.status) {
    case 'reported':
      return [{ step: 'accept', department: null }];
    case 'accepted':
    case 'in_progress':
    case 'reopened':
      return [{ step: 'grid_handle', department: null }];
    case 'escalated_community':
      return [{ step: 'community_response', department: null }];
    case 'escalated_subdistrict':
      return [{ step: 'subdistrict_response', department: null }];
    case 'dispatched':
    case 'acknowledged':
    case 'reported_back':
      return state.departments
        .flatMap((task): RunningClock[] => {
          switch (task.status) {
            case 'dispatched':
              return [
                { step: 'acknowledge', department: task.department },
                { step: 'department_handle', department: task.department },
              ];
            case 'acknowledged':
              return [{ step: 'department_handle', department: task.department }];
            case 'reported_back':
              return [];
            default:
              return unreachable(task.status);
          }
        })
        .concat(state.status === 'reported_back' ? [{ step: 'verify', department: null }] : []);
    case 'resolved_by_grid':
      return [{ step: 'verify', department: null }];
    case 'verified':
      return state.ratingExpected ? [{ step: 'rate', department: null }] : [];
    case 'rated':
    case 'rejected':
    case 'merged':
    case 'closed':
      return [];
    default:
      return unreachable(state);
  }
}

/** Who must act next on a case in a state. */
export function currentHandlers(state: CaseState): Audience[] {
  switch (state.status) {
    case 'reported':
    case 'accepted':
    case 'in_progress':
    case 'reopened':
    case 'resolved_by_grid':
    case 'rated':
      return [{ kind: 'grid' }];
    case 'escalated_community':
      return [{ kind: 'community' }];
    case 'escalated_subdistrict':
      return [{ kind: 'subdistrict' }];
    case 'dispatched':
    case 'acknowledged':
      return state.departments
        .filter((task) => task.status !== 'reported_back')
        .map((task) => ({ kind: 'department', department: task.department }));
    case 'reported_back':
      return [{ kind: 'grid' }];
    case 'verified':
      return state.ratingExpected ? [{ kind: 'reporter' }] : [{ kind: 'grid' }];
    case 'rejected':
    case 'merged':
    case 'closed':
      return [];
    default:
      return unreachable(state);
  }
}

/** Statuses that the reporter hears about (the others show on the tracking page only). */
const REPORTER_MILESTONES: ReadonlySet<CaseStatus> = new Set(['accepted', 'rejected', 'merged', 'closed']);

// ---------------------------------------------------------------------------------------------
// The machine.

export type RefusalCode =
  | 'invalid_in_state' // no such move from this status
  | 'role_not_permitted'
  | 'out_of_scope'
  | 'department_mismatch'
  | 'not_reporter'
  | 'awaiting_rating' // the reporter has not rated and the window has not passed
  | 'invalid_data' // the event lacks what the move needs (reason, photos, rating …)
  | 'department_not_dispatched'
  | 'department_wrong_step'; // e.g. reporting back before acknowledging

export type TransitionResult =
  | { ok: true; next: CaseState; effects: CaseEffect[] }
  | { ok: false; reason: RefusalCode; message: string };

type Refusal = Extract<TransitionResult, { ok: false }>;

function refuse(reason: RefusalCode, message: string): Refusal {
  return { ok: false, reason, message };
}

/** Whether an actor may make this kind of move now, before looking at the event's data. */
function gate(state: CaseState, type: CaseEventType, actor: CaseActor): Refusal | null {
  const move = moveFor(state.status, type);
  if (!move) return refuse('invalid_in_state', `a case that is ${state.status} cannot take ${type}`);
  if (!move.roles.includes(actor.role)) {
    return refuse('role_not_permitted', `${actor.role} may not ${type} a case that is ${state.status}`);
  }
  if (!actor.inScope) return refuse('out_of_scope', `the case is outside the actor's scope`);
  if (DEPARTMENT_EVENTS.has(type) && !actor.departmentMatches) {
    return refuse('department_mismatch', `${type} is made only by the department concerned`);
  }
  if (type === 'rate' && !actor.isReporter) return refuse('not_reporter', 'only the reporter rates');
  if (type === 'close' && state.status === 'verified' && state.ratingExpected && actor.role !== 'system') {
    return refuse(
      'awaiting_rating',
      'the reporter has not rated yet; the job closes it when the window ends',
    );
  }
  return null;
}

/**
 * The one way a case moves. Checks, in order: the move exists from this status, the role may make
 * it, the actor's facts (scope, department, reporter), the event's data, then the departments'
 * sub-states. A refusal changes nothing.
 */
export function transition(state: CaseState, event: CaseEvent, actor: CaseActor): TransitionResult {
  const refused = gate(state, event.type, actor) ?? invalidData(event);
  if (refused) return refused;
  const applied = apply(state, event);
  if (!applied.ok) return applied;
  const { next, effects } = applied;
  return {
    ok: true,
    next,
    effects: [...effects, ...clockEffects(state, next), ...notifyEffects(state, next)],
  };
}

/**
 * The moves an actor may make now (for buttons). Department moves are filtered by that department's
 * sub-state when `department` is given (the actor's own department).
 */
export function allowedEvents(state: CaseState, actor: CaseActor, department?: string): CaseEventType[] {
  return CASE_EVENT_TYPES.filter((type) => {
    if (gate(state, type, actor)) return false;
    if (department === undefined || !DEPARTMENT_EVENTS.has(type)) return true;
    const task = tasksOf(state)?.find((t) => t.department === department);
    switch (type) {
      case 'acknowledge':
      case 'decline':
        return task?.status === 'dispatched';
      case 'report_back':
        return task?.status === 'acknowledged';
      default:
        return true;
    }
  });
}

/** The move itself, before the derived clock and notification effects are added. */
type Applied = TransitionResult;

function apply(state: CaseState, event: CaseEvent): Applied {
  const moved = (data: CaseStatusData, effects: CaseEffect[] = []): Applied => ({
    ok: true,
    next: { ...data, reopenCount: state.reopenCount, ratingExpected: state.ratingExpected },
    effects,
  });
  const reopened = (effects: CaseEffect[] = []): Applied => ({
    ok: true,
    next: { status: 'reopened', reopenCount: state.reopenCount + 1, ratingExpected: state.ratingExpected },
    effects,
  });
  switch (event.type) {
    case 'accept':
      return moved({ status: 'accepted' });
    case 'reject':
      return moved({ status: 'rejected', reason: event.reason.trim() });
    case 'merge':
      return moved({ status: 'merged', intoCaseId: event.intoCaseId }, [
        { kind: 'link_duplicate', intoCaseId: event.intoCaseId },
      ]);
    case 'start_handling':
    case 'return_to_grid':
      return moved({ status: 'in_progress' });
    case 'resolve':
      return moved({ status: 'resolved_by_grid' });
    case 'escalate': {
      const target = escalationTarget(state.status);
      return target ? moved({ status: target }) : unexpected(state, event);
    }
    case 'dispatch':
      return moved({
        status: 'dispatched',
        departments: event.departments.map((department) => ({ department, status: 'dispatched' })),
        dispatchedBy: state.status === 'escalated_subdistrict' ? 'subdistrict' : 'community',
      });
    case 'acknowledge':
      return updateTask(state, event.department, 'dispatched', (task) => [
        { ...task, status: 'acknowledged' },
      ]);
    case 'report_back':
      return updateTask(state, event.department, 'acknowledged', (task) => [
        { ...task, status: 'reported_back' },
      ]);
    case 'decline':
      return updateTask(state, event.department, 'dispatched', () => []);
    case 'verify':
      return moved({
        status: 'verified',
        resolvedBy: state.status === 'reported_back' ? 'departments' : 'grid',
      });
    case 'fail_verification':
      return reopened();
    case 'rate': {
      const recorded: CaseEffect = { kind: 'record_rating', rating: event.rating };
      if (state.status !== 'verified') return unexpected(state, event);
      if (event.rating === 'dissatisfied') return reopened([recorded]);
      return moved({ status: 'rated', resolvedBy: state.resolvedBy, rating: event.rating }, [recorded]);
    }
    case 'close':
      if (state.status === 'rated')
        return moved({ status: 'closed', resolvedBy: state.resolvedBy, rating: state.rating });
      if (state.status === 'verified')
        return moved({ status: 'closed', resolvedBy: state.resolvedBy, rating: null });
      return unexpected(state, event);
    case 'urge':
      return {
        ok: true,
        next: state,
        effects: [
          { kind: 'urge', note: event.note.trim() },
          ...currentHandlers(state).map((to): CaseEffect => ({ kind: 'notify', to, about: 'urged' })),
        ],
      };
    case 'reassign':
      return reassign(state, event);
    case 'recategorise':
      return { ok: true, next: state, effects: [{ kind: 'set_category', categoryCode: event.categoryCode }] };
    case 'relocate':
      return { ok: true, next: state, effects: [{ kind: 'set_location', point: event.point }] };
    default:
      return unreachable(event);
  }
}

/** Where an escalation from a status goes: up one level of the ladder (none above the subdistrict). */
function escalationTarget(status: CaseStatus): 'escalated_community' | 'escalated_subdistrict' | null {
  switch (status) {
    case 'reported':
    case 'accepted':
    case 'in_progress':
    case 'reopened':
      return 'escalated_community';
    case 'escalated_community':
      return 'escalated_subdistrict';
    case 'escalated_subdistrict':
    case 'dispatched':
    case 'acknowledged':
    case 'reported_back':
    case 'resolved_by_grid':
    case 'verified':
    case 'rated':
    case 'rejected':
    case 'merged':
    case 'closed':
      return null;
    default:
      return unreachable(status);
  }
}

function tasksOf(state: CaseState): DepartmentTask[] | null {
  switch (state.status) {
    case 'dispatched':
    case 'acknowledged':
    case 'reported_back':
      return state.departments;
    default:
      return null;
  }
}

/** The status of a dispatched case, from its departments' sub-states. */
export function dispatchStatus(
  tasks: readonly DepartmentTask[],
): 'dispatched' | 'acknowledged' | 'reported_back' {
  if (tasks.every((task) => task.status === 'reported_back')) return 'reported_back';
  if (tasks.every((task) => task.status !== 'dispatched')) return 'acknowledged';
  return 'dispatched';
}

/**
 * Changes one department's task, which must be in sub-state `expected`: `change` returns its
 * replacement (none to remove it). With no department left the case goes back to the level that
 * dispatched it.
 */
function updateTask(
  state: CaseState,
  department: string,
  expected: DepartmentTaskStatus,
  change: (task: DepartmentTask) => DepartmentTask[],
): Applied {
  if (state.status !== 'dispatched' && state.status !== 'acknowledged' && state.status !== 'reported_back') {
    return refuse('invalid_in_state', `a case that is ${state.status} has no departments`);
  }
  const task = state.departments.find((t) => t.department === department);
  if (!task) return refuse('department_not_dispatched', `the case is not dispatched to ${department}`);
  if (task.status !== expected) {
    return refuse('department_wrong_step', `${department} is ${task.status}, not ${expected}`);
  }
  const departments = state.departments.flatMap((t) => (t === task ? change(t) : [t]));
  const common = { reopenCount: state.reopenCount, ratingExpected: state.ratingExpected };
  if (departments.length === 0) {
    const back = state.dispatchedBy === 'subdistrict' ? 'escalated_subdistrict' : 'escalated_community';
    return { ok: true, next: { ...common, status: back }, effects: [] };
  }
  const next: CaseState = {
    ...common,
    status: dispatchStatus(departments),
    departments,
    dispatchedBy: state.dispatchedBy,
  };
  return { ok: true, next, effects: [] };
}

function reassign(state: CaseState, event: EventOf<'reassign'>): Applied {
  const { target } = event;
  switch (target.kind) {
    case 'grid':
      if (!GRID_OWNED.includes(state.status)) {
        return refuse('invalid_data', 'only a case still with the grid moves to another grid');
      }
      return {
        ok: true,
        next: { status: 'reported', reopenCount: state.reopenCount, ratingExpected: state.ratingExpected },
        effects: [
          { kind: 'assign_grid', gridId: target.gridId },
          { kind: 'notify', to: { kind: 'grid' }, about: 'reassigned' },
        ],
      };
    case 'department': {
      const tasks = tasksOf(state);
      if (!tasks) return refuse('invalid_data', 'only a dispatched case changes department');
      if (tasks.some((t) => t.department === target.to)) {
        return refuse('invalid_data', `the case is already dispatched to ${target.to}`);
      }
      const task = tasks.find((t) => t.department === target.from);
      if (!task) return refuse('department_not_dispatched', `the case is not dispatched to ${target.from}`);
      if (task.status === 'reported_back') {
        return refuse('department_wrong_step', `${target.from} has already reported back`);
      }
      return updateTask(state, target.from, task.status, () => [
        { department: target.to, status: 'dispatched' },
      ]);
    }
    default:
      return unreachable(target);
  }
}

// ---------------------------------------------------------------------------------------------
// Event data.

const nonBlank = (value: string): boolean => value.trim().length > 0;

function photosProblem(photoIds: readonly string[]): string | null {
  if (photoIds.length === 0) return 'at least one photo is required';
  if (photoIds.length > MAX_PHOTOS_PER_MOVE) return `at most ${MAX_PHOTOS_PER_MOVE} photos`;
  if (!photoIds.every(nonBlank)) return 'a photo id is blank';
  if (new Set(photoIds).size !== photoIds.length) return 'a photo is given twice';
  return null;
}

/** What is missing or wrong in an event's data, whatever the state. */
function dataProblem(event: CaseEvent): string | null {
  switch (event.type) {
    case 'accept':
    case 'start_handling':
    case 'close':
      return null;
    case 'reject':
    case 'escalate':
    case 'return_to_grid':
      return nonBlank(event.reason) ? null : 'a reason is required';
    case 'merge':
      if (!Number.isInteger(event.intoCaseId) || event.intoCaseId <= 0)
        return 'the case merged into is required';
      return nonBlank(event.reason) ? null : 'a reason is required';
    case 'resolve':
    case 'verify':
      return photosProblem(event.photoIds);
    case 'report_back':
      return nonBlank(event.department) ? photosProblem(event.photoIds) : 'the department is required';
    case 'fail_verification':
      return nonBlank(event.reason) ? photosProblem(event.photoIds) : 'a reason is required';
    case 'dispatch':
      if (event.departments.length === 0) return 'at least one department is required';
      if (!event.departments.every(nonBlank)) return 'a department code is blank';
      return new Set(event.departments).size === event.departments.length
        ? null
        : 'a department is given twice';
    case 'acknowledge':
      return nonBlank(event.department) ? null : 'the department is required';
    case 'decline':
      if (!nonBlank(event.department)) return 'the department is required';
      return nonBlank(event.reason) ? null : 'a reason is required';
    case 'rate':
      return ['satisfied', 'basically_satisfied', 'dissatisfied'].includes(event.rating)
        ? null
        : 'a rating (满意 / 基本满意 / 不满意) is required';
    case 'urge':
      return nonBlank(event.note) ? null : 'a note (督办意见) is required';
    case 'reassign':
      if (!nonBlank(event.reason)) return 'a reason is required';
      if (event.target.kind === 'grid') {
        return Number.isInteger(event.target.gridId) && event.target.gridId > 0
          ? null
          : 'the grid is required';
      }
      return nonBlank(event.target.from) && nonBlank(event.target.to)
        ? null
        : 'both departments are required';
    case 'recategorise':
      return nonBlank(event.categoryCode) && nonBlank(event.reason)
        ? null
        : 'a category and a reason are required';
    case 'relocate': {
      const { lng, lat } = event.point;
      const valid =
        Number.isFinite(lng) && Number.isFinite(lat) && Math.abs(lng) <= 180 && Math.abs(lat) <= 90;
      if (!valid) return 'a valid point is required';
      return nonBlank(event.reason) ? null : 'a reason is required';
    }
    default:
      return unreachable(event);
  }
}

function invalidData(event: CaseEvent): Refusal | null {
  const problem = dataProblem(event);
  return problem ? refuse('invalid_data', `${event.type}: ${problem}`) : null;
}

// ---------------------------------------------------------------------------------------------
// Derived effects.

const clockKey = (clock: RunningClock): string => `${clock.step}:${clock.department ?? ''}`;

/** Stops the clocks that no longer run and starts the new ones. */
function clockEffects(previous: CaseState, next: CaseState): CaseEffect[] {
  const before = runningClocks(previous);
  const after = runningClocks(next);
  const beforeKeys = new Set(before.map(clockKey));
  const afterKeys = new Set(after.map(clockKey));
  return [
    ...before
      .filter((c) => !afterKeys.has(clockKey(c)))
      .map((c): CaseEffect => ({ kind: 'stop_clock', ...c })),
    ...after
      .filter((c) => !beforeKeys.has(clockKey(c)))
      .map((c): CaseEffect => ({ kind: 'start_clock', ...c })),
  ];
}

const audienceKey = (audience: Audience): string =>
  audience.kind === 'department' ? `department:${audience.department}` : audience.kind;

/** Tells new handlers that they must act, and the reporter about milestones. */
function notifyEffects(previous: CaseState, next: CaseState): CaseEffect[] {
  const before = new Set(currentHandlers(previous).map(audienceKey));
  const effects: CaseEffect[] = currentHandlers(next)
    .filter((audience) => !before.has(audienceKey(audience)))
    .map((to) => ({ kind: 'notify', to, about: 'action_needed' }));
  if (previous.status !== next.status && REPORTER_MILESTONES.has(next.status)) {
    effects.push({ kind: 'notify', to: { kind: 'reporter' }, about: 'status_changed' });
  }
  return effects;
}

function unexpected(state: CaseState, event: CaseEvent): Refusal {
  return refuse('invalid_in_state', `a case that is ${state.status} cannot take ${event.type}`);
}

function unreachable(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
