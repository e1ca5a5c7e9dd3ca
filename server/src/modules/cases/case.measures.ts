import { shanghaiDateOf, type WorkingCalendar } from '../../platform/working-calendar.ts';
import type { CaseStatus, CaseStep, Rating } from './case.lifecycle.ts';
import { deadlineOf } from './case.time-limits.ts';
import type { StepLimits } from './data/categories.ts';

/**
 * Measures of cases (考核指标, docs/measures.md), the pure part: what a case's history says about it
 * (its facts), and what those facts add to the roll-ups (its contribution). The service stores the
 * facts per case and, on every write, adds contribution(after) − contribution(before) to the
 * roll-ups, so each case is counted exactly once whatever happens to it: a reopening changes its
 * facts, never the number of cases; a reassignment moves its whole contribution to the new grid.
 * Nothing here reads a clock or a database.
 */

/** The timed steps whose durations are averaged (every `CaseStep`), in the order shown. */
export const MEASURE_STEPS = [
  'accept',
  'grid_handle',
  'community_response',
  'subdistrict_response',
  'acknowledge',
  'department_handle',
  'verify',
  'rate',
] as const satisfies readonly CaseStep[];

/** Steps of handling (before the first resolution): any of them running late makes the resolution late. */
const HANDLING_STEPS: ReadonlySet<CaseStep> = new Set([
  'accept',
  'grid_handle',
  'community_response',
  'subdistrict_response',
  'acknowledge',
  'department_handle',
]);

type StepColumn = `${(typeof MEASURE_STEPS)[number]}_${'seconds' | 'runs'}`;
const stepColumns = <S extends CaseStep>(steps: readonly S[]) =>
  steps.flatMap((step) => [`${step}_seconds`, `${step}_runs`] as const);

/** The counters of the place roll-up (case_measure_grid_day), as its columns are named. */
export const PLACE_COUNTERS = [
  'reported',
  'rejected',
  'merged',
  'cases',
  'accepted_on_time',
  'escalated',
  'dispatched',
  'resolved_on_time',
  'resolved',
  'closed',
  'closed_at_grid',
  'rated',
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
  'reopened',
  ...stepColumns(MEASURE_STEPS),
] as const;
export type PlaceCounter = (typeof PLACE_COUNTERS)[number];

/** The counters of the department roll-up (case_measure_department_day). */
export const DEPARTMENT_COUNTERS = [
  'cases',
  'tasks',
  'acknowledged',
  'acknowledged_on_time',
  'declined',
  'reported_back',
  'reported_back_on_time',
  'resolved',
  'rated',
  'satisfied',
  'basically_satisfied',
  'dissatisfied',
  ...stepColumns(['acknowledge', 'department_handle'] as const),
] as const;
export type DepartmentCounter = (typeof DEPARTMENT_COUNTERS)[number];

export type PlaceCounters = Record<PlaceCounter, number>;
export type DepartmentCounters = Record<DepartmentCounter, number>;

// ---------------------------------------------------------------------------------------------
// Facts.

/** What happened between a case and one department it was dispatched to. */
export interface DepartmentFacts {
  departmentId: number;
  /** Times dispatched to it (a new dispatch or a replacement starts its acknowledge clock). */
  tasks: number;
  acknowledged: number;
  acknowledgedOnTime: number;
  declined: number;
  reportedBack: number;
  reportedBackOnTime: number;
  acknowledgeSeconds: number;
  acknowledgeRuns: number;
  departmentHandleSeconds: number;
  departmentHandleRuns: number;
}

export type CaseOutcome = 'counted' | 'rejected' | 'merged';

export interface CaseMeasureFacts {
  jurisdictionId: number;
  caseId: number;
  /** The Asia/Shanghai day the case was reported: the period it counts in. */
  day: string;
  subdistrictId: number;
  communityId: number;
  gridId: number;
  outcome: CaseOutcome;
  acceptedOnTime: boolean;
  escalated: boolean;
  dispatched: boolean;
  resolvedOnTime: boolean;
  resolved: boolean;
  closed: boolean;
  closedAtGrid: boolean;
  rating: Rating | null;
  reopened: boolean;
  /** Per step: seconds its clock ran (natural time) and how many runs ended, `accept_seconds` … */
  steps: Record<StepColumn, number>;
  /** Ordered by department id. */
  departments: DepartmentFacts[];
}

/** The case as it stands (from `case_record`). */
export interface MeasuredCase {
  jurisdictionId: number;
  id: number;
  reportedAt: Date;
  status: CaseStatus;
  rating: Rating | null;
  subdistrictId: number;
  communityId: number;
  gridId: number;
  categoryCode: string;
}

/** One timeline entry (from `case_timeline`), in the order written. */
export interface MeasuredEntry {
  at: Date;
  event: string;
  departmentCode: string | null;
  toStatus: CaseStatus;
  effects: readonly unknown[];
}

export interface MeasureContext {
  calendar: WorkingCalendar;
  /** The time limits of a category (any the case ever had); undefined when unknown. */
  limitsOf: (categoryCode: string) => StepLimits | undefined;
  /** A department's id by its code; undefined when unknown. */
  departmentIdOf: (code: string) => number | undefined;
}

interface RunningClock {
  step: CaseStep;
  department: string | null;
  startedAt: number;
  /** Null when the category's limits are unknown: the run is never judged late. */
  deadline: number | null;
}

type ClockEffect = { kind: 'start_clock' | 'stop_clock'; step: CaseStep; department: string | null };

function clockEffectsOf(effects: readonly unknown[]): ClockEffect[] {
  return effects.filter((effect): effect is ClockEffect => {
    if (typeof effect !== 'object' || effect === null) return false;
    const { kind, step } = effect as { kind?: unknown; step?: unknown };
    return (kind === 'start_clock' || kind === 'stop_clock') && typeof step === 'string';
  });
}

/** The category an entry sets (a change of category, or the intake's own), if any. */
function categorySetBy(effects: readonly unknown[]): string | null {
  let code: string | null = null;
  for (const effect of effects) {
    if (typeof effect !== 'object' || effect === null) continue;
    const { kind, categoryCode } = effect as { kind?: unknown; categoryCode?: unknown };
    if (kind === 'set_category' && typeof categoryCode === 'string') code = categoryCode;
  }
  return code;
}

const RESOLUTION_STATUSES: ReadonlySet<CaseStatus> = new Set(['resolved_by_grid', 'reported_back']);
const RESOLVED_STATUSES: ReadonlySet<CaseStatus> = new Set(['verified', 'rated', 'closed']);

function emptyDepartment(departmentId: number): DepartmentFacts {
  return {
    departmentId,
    tasks: 0,
    acknowledged: 0,
    acknowledgedOnTime: 0,
    declined: 0,
    reportedBack: 0,
    reportedBackOnTime: 0,
    acknowledgeSeconds: 0,
    acknowledgeRuns: 0,
    departmentHandleSeconds: 0,
    departmentHandleRuns: 0,
  };
}

const emptySteps = (): Record<StepColumn, number> =>
  Object.fromEntries(stepColumns(MEASURE_STEPS).map((column) => [column, 0])) as Record<StepColumn, number>;

/**
 * The facts of one case from its record and its timeline: the clocks are replayed from the
 * timeline's start/stop effects, each with the deadline its category gave it when it started (and
 * again from its start when the category changed, as the move does), so a stop after the deadline
 * is a late step. The first category is the one the intake entry names; a timeline without it
 * (bulk-loaded data) is taken to have had its current category until its first change.
 */
export function deriveCaseMeasureFacts(
  record: MeasuredCase,
  timeline: readonly MeasuredEntry[],
  context: MeasureContext,
): CaseMeasureFacts {
  const { calendar } = context;
  let category = categorySetBy(timeline[0]?.effects ?? []) ?? record.categoryCode;
  const deadlineFor = (step: CaseStep, startedAt: number): number | null => {
    const limit = context.limitsOf(category)?.[step];
    return limit ? deadlineOf(calendar, new Date(startedAt), limit).at.getTime() : null;
  };

  const running = new Map<string, RunningClock>();
  const departments = new Map<number, DepartmentFacts>();
  const department = (code: string | null): DepartmentFacts | null => {
    if (code === null) return null;
    const id = context.departmentIdOf(code);
    if (id === undefined) return null;
    let found = departments.get(id);
    if (!found) {
      found = emptyDepartment(id);
      departments.set(id, found);
    }
    return found;
  };
  const steps = emptySteps();
  let accepted = false;
  let acceptLate = false;
  let lateBeforeResolution = false;
  let firstResolution: boolean | null = null; // on time, once resolved the first time
  let escalated = false;
  let dispatched = false;
  let reopened = false;

  for (const entry of timeline) {
    const at = entry.at.getTime();
    const newCategory = categorySetBy(entry.effects);
    if (newCategory && newCategory !== category) {
      category = newCategory;
      for (const clock of running.values()) clock.deadline = deadlineFor(clock.step, clock.startedAt);
    }
    for (const effect of clockEffectsOf(entry.effects)) {
      const key = `${effect.step}:${effect.department ?? ''}`;
      if (effect.kind === 'start_clock') {
        running.set(key, {
          step: effect.step,
          department: effect.department,
          startedAt: at,
          deadline: deadlineFor(effect.step, at),
        });
        if (effect.step === 'acknowledge') {
          const task = department(effect.department);
          if (task) task.tasks += 1;
        }
        continue;
      }
      const clock = running.get(key);
      if (!clock) continue;
      running.delete(key);
      const seconds = Math.round((at - clock.startedAt) / 1000);
      const late = clock.deadline !== null && at > clock.deadline;
      if (late && HANDLING_STEPS.has(clock.step) && firstResolution === null) lateBeforeResolution = true;
      const own = entry.departmentCode === clock.department;
      switch (clock.step) {
        case 'accept':
          if (late) acceptLate = true;
          break;
        case 'acknowledge': {
          const task = department(clock.department);
          if (task) {
            task.acknowledgeSeconds += seconds;
            task.acknowledgeRuns += 1;
            if (own && entry.event === 'acknowledge') {
              task.acknowledged += 1;
              if (!late) task.acknowledgedOnTime += 1;
            }
            if (own && entry.event === 'decline') task.declined += 1;
          }
          break;
        }
        case 'department_handle': {
          // Only a report back ends the department's handling; a decline or replacement is no answer.
          if (!(own && entry.event === 'report_back')) continue;
          const task = department(clock.department);
          if (task) {
            task.departmentHandleSeconds += seconds;
            task.departmentHandleRuns += 1;
            task.reportedBack += 1;
            if (!late) task.reportedBackOnTime += 1;
          }
          break;
        }
        default:
          break;
      }
      steps[`${clock.step}_seconds`] += seconds;
      steps[`${clock.step}_runs`] += 1;
    }
    switch (entry.event) {
      case 'accept':
        accepted = true;
        break;
      case 'escalate':
        escalated = true;
        break;
      case 'dispatch':
        dispatched = true;
        break;
      default:
        break;
    }
    if (entry.toStatus === 'reopened') reopened = true;
    if (firstResolution === null && RESOLUTION_STATUSES.has(entry.toStatus)) {
      firstResolution = !lateBeforeResolution;
    }
  }

  const outcome: CaseOutcome =
    record.status === 'rejected' ? 'rejected' : record.status === 'merged' ? 'merged' : 'counted';
  const closed = record.status === 'closed';
  return {
    jurisdictionId: record.jurisdictionId,
    caseId: record.id,
    day: shanghaiDateOf(record.reportedAt),
    subdistrictId: record.subdistrictId,
    communityId: record.communityId,
    gridId: record.gridId,
    outcome,
    acceptedOnTime: accepted && !acceptLate,
    escalated,
    dispatched,
    resolvedOnTime: firstResolution === true,
    resolved: RESOLVED_STATUSES.has(record.status),
    closed,
    closedAtGrid: closed && !escalated,
    rating: record.rating,
    reopened,
    steps,
    departments: [...departments.values()].sort((a, b) => a.departmentId - b.departmentId),
  };
}

// ---------------------------------------------------------------------------------------------
// Contributions.

export interface PlaceKey {
  jurisdictionId: number;
  day: string;
  subdistrictId: number;
  communityId: number;
  gridId: number;
}

export interface DepartmentKey extends PlaceKey {
  departmentId: number;
}

export interface Contribution {
  place: { key: PlaceKey; counters: Partial<PlaceCounters> };
  departments: { key: DepartmentKey; counters: Partial<DepartmentCounters> }[];
}

const one = (value: boolean): number => (value ? 1 : 0);

/** What one case adds to the roll-ups: a pure function of its facts (none for no facts). */
export function contributionOf(facts: CaseMeasureFacts | null): Contribution | null {
  if (!facts) return null;
  const key: PlaceKey = {
    jurisdictionId: facts.jurisdictionId,
    day: facts.day,
    subdistrictId: facts.subdistrictId,
    communityId: facts.communityId,
    gridId: facts.gridId,
  };
  if (facts.outcome !== 'counted') {
    // Rejected (不予受理) and merged (合并) cases are reported, never counted in the rates.
    return {
      place: { key, counters: { reported: 1, [facts.outcome]: 1 } },
      departments: [],
    };
  }
  const rated = facts.rating !== null;
  const ratings = {
    rated: one(rated),
    satisfied: one(facts.rating === 'satisfied'),
    basically_satisfied: one(facts.rating === 'basically_satisfied'),
    dissatisfied: one(facts.rating === 'dissatisfied'),
  };
  return {
    place: {
      key,
      counters: {
        reported: 1,
        cases: 1,
        accepted_on_time: one(facts.acceptedOnTime),
        escalated: one(facts.escalated),
        dispatched: one(facts.dispatched),
        resolved_on_time: one(facts.resolvedOnTime),
        resolved: one(facts.resolved),
        closed: one(facts.closed),
        closed_at_grid: one(facts.closedAtGrid),
        ...ratings,
        reopened: one(facts.reopened),
        ...facts.steps,
      },
    },
    departments: facts.departments.map((d) => ({
      key: { ...key, departmentId: d.departmentId },
      counters: {
        cases: 1,
        tasks: d.tasks,
        acknowledged: d.acknowledged,
        acknowledged_on_time: d.acknowledgedOnTime,
        declined: d.declined,
        reported_back: d.reportedBack,
        reported_back_on_time: d.reportedBackOnTime,
        resolved: one(facts.resolved),
        ...ratings,
        acknowledge_seconds: d.acknowledgeSeconds,
        acknowledge_runs: d.acknowledgeRuns,
        department_handle_seconds: d.departmentHandleSeconds,
        department_handle_runs: d.departmentHandleRuns,
      },
    })),
  };
}

/** A change to one roll-up row: the counters to add (negative to take away). */
export interface RollupDelta<K, C extends string> {
  key: K;
  counters: Record<C, number>;
}

export type CommunityKey = Omit<PlaceKey, 'gridId'>;

export interface MeasureDeltas {
  /** Per day and grid. */
  places: RollupDelta<PlaceKey, PlaceCounter>[];
  /** The same per day and community. */
  communities: RollupDelta<CommunityKey, PlaceCounter>[];
  departments: RollupDelta<DepartmentKey, DepartmentCounter>[];
}

const placeKeyParts = (k: PlaceKey) => [k.jurisdictionId, k.day, k.subdistrictId, k.communityId, k.gridId];
const communityKeyParts = (k: CommunityKey) => [k.jurisdictionId, k.day, k.subdistrictId, k.communityId];
const departmentKeyParts = (k: DepartmentKey) => [
  k.jurisdictionId,
  k.day,
  k.departmentId,
  k.subdistrictId,
  k.communityId,
  k.gridId,
];

/** Orders keys as the roll-up's primary key does, so that every writer locks rows in one order. */
function compareParts(a: readonly (number | string)[], b: readonly (number | string)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number | string;
    const y = b[i] as number | string;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

class DeltaAccumulator<K, C extends string> {
  private readonly rows = new Map<string, RollupDelta<K, C>>();
  constructor(
    private readonly counters: readonly C[],
    private readonly parts: (key: K) => (number | string)[],
  ) {}
  add(key: K, counters: Partial<Record<C, number>>, sign: 1 | -1): void {
    const id = JSON.stringify(this.parts(key));
    let row = this.rows.get(id);
    if (!row) {
      row = { key, counters: Object.fromEntries(this.counters.map((c) => [c, 0])) as Record<C, number> };
      this.rows.set(id, row);
    }
    for (const [name, value] of Object.entries(counters) as [C, number][]) {
      row.counters[name] += sign * value;
    }
  }
  /** The rows that change anything, in key order. */
  result(): RollupDelta<K, C>[] {
    return [...this.rows.values()]
      .filter((row) => Object.values<number>(row.counters).some((value) => value !== 0))
      .sort((a, b) => compareParts(this.parts(a.key), this.parts(b.key)));
  }
}

/**
 * The roll-up changes of many cases at once: for each, its contribution after minus before, summed
 * per roll-up row; rows whose counters all cancel out are dropped; the rest in primary-key order.
 */
export function measureDeltas(
  changes: readonly { before: CaseMeasureFacts | null; after: CaseMeasureFacts | null }[],
): MeasureDeltas {
  const places = new DeltaAccumulator<PlaceKey, PlaceCounter>(PLACE_COUNTERS, placeKeyParts);
  const communities = new DeltaAccumulator<CommunityKey, PlaceCounter>(PLACE_COUNTERS, communityKeyParts);
  const departments = new DeltaAccumulator<DepartmentKey, DepartmentCounter>(
    DEPARTMENT_COUNTERS,
    departmentKeyParts,
  );
  for (const change of changes) {
    for (const [facts, sign] of [
      [change.before, -1],
      [change.after, 1],
    ] as const) {
      const contribution = contributionOf(facts);
      if (!contribution) continue;
      places.add(contribution.place.key, contribution.place.counters, sign);
      const { gridId: _grid, ...community } = contribution.place.key;
      communities.add(community, contribution.place.counters, sign);
      for (const d of contribution.departments) departments.add(d.key, d.counters, sign);
    }
  }
  return { places: places.result(), communities: communities.result(), departments: departments.result() };
}

// ---------------------------------------------------------------------------------------------
// Rates.

export interface MeasureRates {
  /** 响应率: accepted by the grid in time / cases (departments: acknowledged in time / tasks). */
  response: number | null;
  /** 按期解决率: first resolved with no step late / cases (departments: reported back in time / tasks). */
  onTimeResolution: number | null;
  /** 解决率: resolved (verified, not reopened since) / cases. */
  resolution: number | null;
  /** 满意率: (满意 + 基本满意) / rated. */
  satisfaction: number | null;
  /** 网格结案率: closed without ever being escalated / closed (places only). */
  closedAtGrid: number | null;
  /** 吹哨率: escalated above the grid / cases (places only). */
  escalation: number | null;
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export function placeRates(c: PlaceCounters): MeasureRates {
  return {
    response: ratio(c.accepted_on_time, c.cases),
    onTimeResolution: ratio(c.resolved_on_time, c.cases),
    resolution: ratio(c.resolved, c.cases),
    satisfaction: ratio(c.satisfied + c.basically_satisfied, c.rated),
    closedAtGrid: ratio(c.closed_at_grid, c.closed),
    escalation: ratio(c.escalated, c.cases),
  };
}

export function departmentRates(c: DepartmentCounters): MeasureRates {
  return {
    response: ratio(c.acknowledged_on_time, c.tasks),
    onTimeResolution: ratio(c.reported_back_on_time, c.tasks),
    resolution: ratio(c.resolved, c.cases),
    satisfaction: ratio(c.satisfied + c.basically_satisfied, c.rated),
    closedAtGrid: null,
    escalation: null,
  };
}

/** Average hours per run of each step (null where no run ended). */
export function averageStepHours(
  counters: Partial<Record<StepColumn, number>>,
): Record<CaseStep, number | null> {
  return Object.fromEntries(
    MEASURE_STEPS.map((step) => {
      const runs = counters[`${step}_runs`] ?? 0;
      const seconds = counters[`${step}_seconds`] ?? 0;
      return [step, runs > 0 ? seconds / runs / 3600 : null];
    }),
  ) as Record<CaseStep, number | null>;
}
