import type { WorkingCalendar } from '../../../platform/working-calendar.ts';
import { applyClockEffects, type CaseClockData, startClock } from '../case.clocks.ts';
import {
  type CaseActorRole,
  type CaseEffect,
  type CaseEvent,
  type CaseState,
  type CaseStep,
  initialCaseState,
  type Rating,
  runningClocks,
  transition,
} from '../case.lifecycle.ts';
import type { ReportChannel } from '../case.table.ts';
import { deadlineOf } from '../case.time-limits.ts';
import type { StepLimits } from '../data/categories.ts';
import { noteOf } from '../move-case.service.ts';
import { mulberry32, type Random, randomBetween, weightedPicker } from './demo-random.ts';

/**
 * A year of demo cases (issue 4 §9), planned in memory: each case is driven through the real state
 * machine (`transition`) move by move — who made it, when, with which effects — so that its
 * status, state, clocks, department tasks and timeline are exactly what the services would have
 * written. Timing follows the category's limits on the working calendar: most steps on time, some
 * late (the breach job then escalates or urges, as it would have), and everything after the demo's
 * "now" is cut off, which leaves the recent cases open in whatever step they have reached.
 *
 * Scale (REFERENCE: Longkou ~600,000 people, 454 grids, "tens of thousands of cases a year"): 30,000
 * cases, about 66 per grid a year (one or two a week), 82 a day; the article's 374 rider clues
 * (兼职网格员 线索) among them, exactly. About 75 % of the cases that are fixed are fixed in the grid
 * (Longkou's "75 % in the grid"). Pure and deterministic: same input and seed, same plan.
 */

export const DEMO_CASES_PER_YEAR = 30_000;
export const DEMO_RIDER_CLUES = 374;
/** Share of fixed cases fixed in the grid (网格内解决率). */
export const DEMO_GRID_SHARE = 0.75;

export interface DemoActor {
  accountId: number | null;
  name: string;
}

export interface DemoUnit {
  unitId: number;
  gridId: number;
  communityId: number;
  subdistrictId: number;
  gridName: string;
  communityName: string;
  /** Points inside the unit (its buildings), WGS-84. */
  points: readonly (readonly [number, number])[];
  /** How many cases it gets relative to the others (its buildings, older communities more). */
  weight: number;
}

export interface DemoCategory {
  code: string;
  name: string;
  majorCode: string;
  department: string;
  urgent: boolean;
  limits: StepLimits;
}

/** Who acts where: accounts where the demo has them, otherwise a name on the timeline. */
export interface DemoActors {
  /** The hotline operator (12345 hand-offs are entered by the city centre). */
  hotline: DemoActor | null;
  /** Part-time workers (riders) who report clues. */
  riders: readonly DemoActor[];
  gridWorker: (unit: DemoUnit) => DemoActor;
  communityStaff: (unit: DemoUnit) => DemoActor;
  subdistrictStaff: (unit: DemoUnit) => DemoActor;
  departmentStaff: (departmentCode: string) => DemoActor;
}

export interface PlanInput {
  now: Date;
  seed: number;
  /** How many cases, and how many of them rider clues. */
  size: number;
  riderClues: number;
  /** Case ids to use, ascending, one per case (reserved from the table's sequence by the seed). */
  ids: readonly number[];
  calendar: WorkingCalendar;
  units: readonly DemoUnit[];
  categories: readonly DemoCategory[];
  actors: DemoActors;
  /**
   * Grids where the demo's sign-in accounts work (grid1's and grid2's): each also gets
   * SHOWCASE_CASES_PER_GRID cases reported on the SHOWCASE_DAYS days before today, so that whoever signs in
   * to try the demo finds work in their queue. At the plan's average of one or two cases a week a
   * grid, most grids have none open at any moment, and those accounts' queues were empty.
   */
  showcaseGridIds?: readonly number[];
}

/** Recent cases added to each showcase grid; they count in `size` (the year keeps its total). */
export const SHOWCASE_CASES_PER_GRID = 12;
export const SHOWCASE_DAYS = 4;

export interface TimelineDraft {
  at: Date;
  actor: DemoActor | null;
  role: CaseActorRole;
  event: string;
  departmentCode: string | null;
  from: CaseState['status'] | null;
  to: CaseState['status'];
  note: string | null;
  effects: unknown[];
}

export interface TaskDraft {
  department: string;
  status: 'dispatched' | 'acknowledged' | 'reported_back' | 'declined' | 'replaced';
  dispatchedAt: Date;
  acknowledgedAt: Date | null;
  reportedBackAt: Date | null;
  closedAt: Date | null;
  acknowledgeLateAt: Date | null;
  reportBackLateAt: Date | null;
}

export interface PlannedCase {
  id: number;
  reportedAt: Date;
  channel: ReportChannel;
  anonymous: boolean;
  reporter: DemoActor | null;
  unit: DemoUnit;
  point: readonly [number, number];
  category: DemoCategory;
  description: string;
  address: string;
  state: CaseState;
  clocks: CaseClockData[];
  rating: Rating | null;
  closedAt: Date | null;
  updatedAt: Date;
  version: number;
  timeline: TimelineDraft[];
  tasks: TaskDraft[];
}

export function planDemoCases(input: PlanInput): PlannedCase[] {
  if (input.ids.length !== input.size) throw new Error('one id per case');
  if (input.units.length === 0 || input.categories.length === 0) return [];
  const random = mulberry32(input.seed);
  const skeletons = planSkeletons(input, random).sort(
    (a, b) => a.reportedAt.getTime() - b.reportedAt.getTime(),
  );
  const cases: PlannedCase[] = [];
  const byCategory = new Map<string, PlannedCase[]>();
  const escalationScale = escalationScaleOf(input.categories);
  for (const [index, skeleton] of skeletons.entries()) {
    const id = input.ids[index] as number;
    const earlier = byCategory.get(skeleton.category.code) ?? [];
    const planned = simulate(input, random, { ...skeleton, id }, earlier, escalationScale);
    cases.push(planned);
    if (planned.state.status !== 'merged') {
      earlier.push(planned);
      byCategory.set(skeleton.category.code, earlier);
    }
  }
  return cases;
}

// ---- who, where, what, when ----------------------------------------------------------------------

interface Skeleton {
  reportedAt: Date;
  channel: ReportChannel;
  anonymous: boolean;
  reporter: DemoActor | null;
  unit: DemoUnit;
  point: readonly [number, number];
  category: DemoCategory;
  description: string;
  address: string;
}

/** Major classes by how often they come up: the article's themes first (环境, 秩序, 纠纷, 隐患, 民生). */
const MAJOR_WEIGHTS: Record<string, number> = {
  '2001': 20, // 市容环境 (事件)
  '2005': 14, // 街面秩序
  W08: 10, // 百姓生活
  W01: 9, // 矛盾纠纷
  W02: 9, // 安全隐患
  '1001': 7, // 公共设施
  '2003': 5, // 施工管理
  W04: 5, // 违法违章
  W07: 4, // 民生服务
  '2002': 4, // 宣传广告
  '1004': 3, // 园林绿化
  '1002': 3, // 道路交通
  '1003': 2, // 市容环境 (部件)
  W03: 2, // 治安
  W05: 1.5, // 特殊人群
  W06: 1.5, // 重点场所
  '1005': 1,
  '2004': 1, // 突发事件
  W09: 0.5,
};

/** What riders see from the road, and what callers ring 12345 about. */
const CHANNEL_MAJOR_FACTORS: Partial<Record<ReportChannel, Record<string, number>>> = {
  rider: { '2005': 3, '1001': 2.5, '2001': 1.5, '1002': 2, W02: 1.5, W01: 0.2, W05: 0, W07: 0 },
  hotline: { W08: 2.5, W01: 1.8, W07: 2, '2003': 1.5, '1001': 0.6, '2002': 0.3, W05: 0.2 },
  resident: { W08: 1.8, '2001': 1.3, '2003': 1.3, W05: 0.2, W06: 0.3 },
};

/** Month (1–12) → factor, for seasonal subcategories. */
const SEASONAL: Record<string, (month: number) => number> = {
  '200510': (m) => (m >= 6 && m <= 9 ? 3 : 0.3), // 露天烧烤
  W0803: (m) => (m >= 11 || m <= 3 ? 5 : 0.1), // 供暖
  '200112': (m) => (m === 12 || m <= 2 ? 2 : 0), // 除雪后积雪结冰
  '200127': (m) => (m === 10 || m === 11 || m === 3 || m === 4 ? 2.5 : 0.5), // 焚烧垃圾树叶
  W0805: (m) => (m >= 6 && m <= 8 ? 2 : 1), // 停水
  '200111': (m) => (m >= 6 && m <= 9 ? 3 : 0.3), // 道路积水
  W0801: (m) => (m >= 5 && m <= 9 ? 1.5 : 1), // 噪声扰民
};

/** Volume by month: fewer around the Spring Festival, more in summer. */
const MONTH_VOLUME = [0.85, 0.78, 0.95, 1, 1.05, 1.12, 1.15, 1.12, 1.05, 1, 0.98, 0.92];

const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;

function planSkeletons(input: PlanInput, random: Random): Skeleton[] {
  const { now, size, units, categories, actors } = input;
  const yearStart = now.getTime() - 365 * DAY_MS;
  // Days of the year, weighted by month.
  // The 365 days up to today (an instant in each; its Shanghai date is what counts).
  const days = Array.from({ length: 365 }, (_, i) => yearStart + (i + 1) * DAY_MS);
  const pickDay = weightedPicker(
    days,
    days.map((day) => MONTH_VOLUME[monthOf(new Date(day)) - 1] ?? 1),
  );
  const pickUnit = weightedPicker(
    units,
    units.map((u) => u.weight),
  );
  const pickChannel = weightedPicker<ReportChannel>(
    ['grid_worker', 'resident', 'hotline'],
    [0.58, 0.24, 0.18],
  );
  const riderCount = Math.min(input.riderClues, size);
  const riderIndexes = new Set<number>();
  while (riderIndexes.size < riderCount) riderIndexes.add(Math.floor(random() * size));

  const perMajor = new Map<string, number>();
  for (const c of categories) perMajor.set(c.majorCode, (perMajor.get(c.majorCode) ?? 0) + 1);
  const categoryPickers = new Map<string, (random: Random) => DemoCategory>();
  const pickCategory = (channel: ReportChannel, month: number): DemoCategory => {
    const key = `${channel}:${month}`;
    let picker = categoryPickers.get(key);
    if (!picker) {
      const weights = categories.map((c) => {
        const major =
          (MAJOR_WEIGHTS[c.majorCode] ?? 1) * (CHANNEL_MAJOR_FACTORS[channel]?.[c.majorCode] ?? 1);
        return (major / (perMajor.get(c.majorCode) ?? 1)) * (SEASONAL[c.code]?.(month) ?? 1);
      });
      picker = weightedPicker(categories, weights);
      categoryPickers.set(key, picker);
    }
    return picker(random);
  };

  // The showcase grids' recent cases take the first indexes that are not rider clues.
  const showcase = new Map<number, readonly DemoUnit[]>();
  let next = 0;
  for (const gridId of input.showcaseGridIds ?? []) {
    const gridUnits = units.filter((u) => u.gridId === gridId);
    if (gridUnits.length === 0) continue;
    for (let n = 0; n < SHOWCASE_CASES_PER_GRID && next < size; next++) {
      if (riderIndexes.has(next)) continue;
      showcase.set(next, gridUnits);
      n++;
    }
  }
  // The days before today: a time of day drawn for today could fall after now (and become a report
  // in the small hours).
  const recentDays = Array.from({ length: SHOWCASE_DAYS }, (_, i) => now.getTime() - (i + 1) * DAY_MS);

  const skeletons: Skeleton[] = [];
  for (let i = 0; i < size; i++) {
    const channel: ReportChannel = riderIndexes.has(i) ? 'rider' : pickChannel(random);
    const showcaseUnits = showcase.get(i);
    const day = showcaseUnits
      ? (recentDays[Math.floor(random() * recentDays.length)] as number)
      : pickDay(random);
    let reportedAt = new Date(day + timeOfDayMs(input.calendar, random, channel, new Date(day)));
    if (reportedAt.getTime() >= now.getTime()) {
      // Today, after now: earlier today instead.
      const local = now.getTime() + SHANGHAI_MS;
      const midnight = local - (local % DAY_MS) - SHANGHAI_MS;
      reportedAt = new Date(midnight + random() * (now.getTime() - midnight));
    }
    const unit = showcaseUnits
      ? (showcaseUnits[Math.floor(random() * showcaseUnits.length)] as DemoUnit)
      : pickUnit(random);
    const point = unit.points[Math.floor(random() * unit.points.length)] ?? unit.points[0] ?? [0, 0];
    const category = pickCategory(channel, monthOf(reportedAt));
    const anonymous = channel === 'resident' && random() < 0.12;
    const reporter =
      channel === 'rider'
        ? (actors.riders[Math.floor(random() * actors.riders.length)] ?? null)
        : channel === 'hotline'
          ? actors.hotline
          : channel === 'grid_worker'
            ? actors.gridWorker(unit)
            : null;
    skeletons.push({
      reportedAt,
      channel,
      anonymous,
      reporter: reporter?.accountId === null && channel === 'grid_worker' ? null : reporter,
      unit,
      point,
      category,
      description: describe(random, channel, category, unit),
      address: `${unit.communityName}${unit.gridName}`,
    });
  }
  return skeletons;
}

/** Shanghai month (1–12) of an instant. */
function monthOf(at: Date): number {
  return new Date(at.getTime() + SHANGHAI_MS).getUTCMonth() + 1;
}

/**
 * When in its Shanghai day (given by its UTC midnight-ish start) a report comes in: grid workers on
 * patrol and the hotline's hand-offs in office hours (grid workers also on some weekends), residents
 * and riders from early morning to late evening.
 */
function timeOfDayMs(calendar: WorkingCalendar, random: Random, channel: ReportChannel, day: Date): number {
  // `day` is some instant of the day; go to that Shanghai date's midnight.
  const local = day.getTime() + SHANGHAI_MS;
  const midnight = local - (local % DAY_MS) - SHANGHAI_MS - day.getTime();
  const hour = (h: number) => h * 3_600_000;
  const date = new Date(local).toISOString().slice(0, 10);
  const working = calendar.describeDay(date).working;
  if (channel === 'grid_worker' || channel === 'hotline') {
    if (!working && random() < 0.7) return midnight + hour(randomBetween(random, 9, 16));
    return (
      midnight + hour(random() < 0.5 ? randomBetween(random, 8.6, 11.9) : randomBetween(random, 13.6, 17.4))
    );
  }
  return midnight + hour(randomBetween(random, 6.5, 22));
}

const DETAILS: Record<string, readonly string[]> = {
  '2001': ['垃圾堆积多日无人清运', '路边污水外溢', '楼道口杂物堆放', '绿化带内垃圾较多'],
  '2005': ['占道经营影响通行', '车辆乱停堵塞消防通道', '门店外摆摊', '流动摊贩聚集'],
  W08: ['居民反映夜间噪声扰民', '小区停水未提前通知', '楼顶漏雨', '电梯停运多日'],
  W01: ['邻里因漏水发生纠纷', '物业费争议', '工资拖欠', '家庭矛盾需调解'],
  W02: ['电动车楼道充电', '老旧线路私拉乱接', '围墙有倒塌风险', '燃气管道锈蚀'],
  '1001': ['井盖破损', '路灯不亮', '消防栓漏水', '健身器材损坏'],
  '2003': ['工地夜间施工扰民', '渣土车未覆盖', '施工围挡破损', '道路破损'],
  W04: ['楼顶私搭乱建', '违规排放污水', '私占公共绿地'],
};

function describe(random: Random, channel: ReportChannel, category: DemoCategory, unit: DemoUnit): string {
  const pool = DETAILS[category.majorCode];
  const detail = pool ? pool[Math.floor(random() * pool.length)] : null;
  const source =
    channel === 'rider'
      ? '骑手送餐途中发现'
      : channel === 'hotline'
        ? '12345热线转办'
        : channel === 'resident'
          ? '居民随手拍'
          : '网格巡查发现';
  return `${source}：${unit.gridName}附近${category.name}${detail ? `，${detail}` : ''}。`;
}

// ---- the loop, move by move -------------------------------------------------------------------------

/** How likely a category is escalated beyond the grid, before scaling to the grid share. */
function escalationPropensity(category: DemoCategory): number {
  const byMajor: Record<string, number> = {
    '1001': 1.7, // utilities own the covers and lamps
    '1002': 1.4,
    '2003': 1.5,
    '2004': 2.2,
    W04: 2,
    W09: 2.2,
    W02: 1.3,
    W03: 1.4,
    '2001': 0.7,
    '2005': 0.8,
    W01: 0.7,
    W08: 1,
  };
  const special: Record<string, number> = { '200101': 3, W0401: 3, '200411': 3 };
  return special[category.code] ?? byMajor[category.majorCode] ?? 1;
}

/** Scales propensities so that the plan escalates about (1 − grid share) of the cases. */
function escalationScaleOf(categories: readonly DemoCategory[]): number {
  const weights = categories.map((c) => MAJOR_WEIGHTS[c.majorCode] ?? 1);
  const perMajor = new Map<string, number>();
  for (const c of categories) perMajor.set(c.majorCode, (perMajor.get(c.majorCode) ?? 0) + 1);
  let total = 0;
  let sum = 0;
  categories.forEach((c, i) => {
    const w = (weights[i] ?? 1) / (perMajor.get(c.majorCode) ?? 1);
    total += w;
    sum += w * escalationPropensity(c);
  });
  // Returned-to-grid escalations come back as grid fixes: escalate a little more than 25 %.
  return ((1 - DEMO_GRID_SHARE) * 1.12) / (sum / total);
}

const REJECT_REASONS = ['非本辖区事项', '信息不全，无法核实', '重复上报', '现场核实无此问题'];
const ESCALATE_REASONS = ['需职能部门处理', '超出网格处置能力', '涉及执法权限', '需专业维修'];
const SUBDISTRICT_REASONS = ['涉及多个社区，需街道协调', '社区无法协调', '需街道统筹'];
const RETURN_REASONS = ['网格可自行处置', '属网格职责'];
const DECLINE_REASONS = ['不属本部门职责', '应由属地处理'];
const FAIL_REASONS = ['现场问题仍存在', '整改不彻底'];
const DEMO_PHOTO = ['demo-evidence'];

interface Sim {
  state: CaseState;
  at: Date;
  cut: boolean;
  clocks: CaseClockData[] | null;
  timeline: TimelineDraft[];
  tasks: TaskDraft[];
  rating: Rating | null;
  closedAt: Date | null;
  moves: number;
}

function simulate(
  input: PlanInput,
  random: Random,
  skeleton: Skeleton & { id: number },
  earlier: readonly PlannedCase[],
  escalationScale: number,
): PlannedCase {
  const { calendar, now, actors } = input;
  const { category, unit } = skeleton;
  const limits = category.limits;
  const ratingExpected =
    !skeleton.anonymous && (skeleton.channel === 'resident' || skeleton.channel === 'rider');
  const initial = initialCaseState({ ratingExpected });
  const startClocks = runningClocks(initial);
  const sim: Sim = {
    state: initial,
    at: skeleton.reportedAt,
    cut: false,
    clocks: null,
    timeline: [
      {
        at: skeleton.reportedAt,
        actor:
          skeleton.reporter ??
          (skeleton.channel === 'grid_worker'
            ? actors.gridWorker(unit)
            : { accountId: null, name: reporterName(skeleton.channel) }),
        role: reporterRole(skeleton.channel),
        event: 'report',
        departmentCode: null,
        from: null,
        to: 'reported',
        note: null,
        effects: [
          ...startClocks.map((c) => ({ kind: 'start_clock', step: c.step, department: c.department })),
          { kind: 'notify', to: { kind: 'grid' }, about: 'action_needed' },
        ],
      },
    ],
    tasks: [],
    rating: null,
    closedAt: null,
    moves: 0,
  };
  const effectsLog: { at: Date; effects: CaseEffect[] }[] = [];

  const grid = () => actors.gridWorker(unit);
  const community = () => actors.communityStaff(unit);
  const subdistrict = () => actors.subdistrictStaff(unit);
  const system: DemoActor = { accountId: null, name: '系统' };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

  /** One move at `at` (never before the last one); nothing after the demo's now. */
  const move = (at: Date, role: CaseActorRole, actor: DemoActor, event: CaseEvent): boolean => {
    if (sim.cut) return false;
    const when = at.getTime() <= sim.at.getTime() ? new Date(sim.at.getTime() + 60_000) : at;
    if (when.getTime() > now.getTime()) {
      sim.cut = true;
      return false;
    }
    const result = transition(sim.state, event, {
      role,
      inScope: true,
      isReporter: role === 'resident' || role === 'part_time_worker',
      departmentMatches: true,
    });
    if (!result.ok) throw new Error(`demo case ${skeleton.id}: ${event.type} refused: ${result.message}`);
    const department = 'department' in event ? event.department : null;
    syncTasks(sim, event, when);
    sim.timeline.push({
      at: when,
      actor: role === 'system' ? system : actor,
      role,
      event: event.type,
      departmentCode: department,
      from: sim.state.status,
      to: result.next.status,
      note: noteOf(event),
      effects: result.effects,
    });
    effectsLog.push({ at: when, effects: result.effects });
    for (const effect of result.effects) if (effect.kind === 'record_rating') sim.rating = effect.rating;
    sim.state = result.next;
    sim.at = when;
    sim.moves += 1;
    if (['closed', 'rejected', 'merged'].includes(sim.state.status)) sim.closedAt = when;
    return true;
  };

  const dayHours = calendar.sessions.reduce(
    (sum, s) => sum + (minutesOf(s.end) - minutesOf(s.start)) / 60,
    0,
  );
  /** The instant at fraction `u` of a step's limit, started at `from` (never past its deadline). */
  const within = (step: CaseStep, from: Date, u: number): Date => {
    const limit = limits[step];
    switch (limit.unit) {
      case 'urgent_hour':
        return new Date(from.getTime() + u * limit.amount * 3_600_000);
      case 'natural_day':
        return new Date(from.getTime() + u * limit.amount * DAY_MS);
      case 'work_hour':
        return calendar.addWorkingHours(from, u * limit.amount).at;
      case 'work_day':
        return calendar.addWorkingHours(from, u * limit.amount * dayHours).at;
      default:
        return from;
    }
  };
  const deadline = (step: CaseStep, from: Date): Date => deadlineOf(calendar, from, limits[step]).at;
  /** A few minutes after an instant: when the breach job, running every few minutes, sees it. */
  const jobAfter = (at: Date): Date => new Date(at.getTime() + randomBetween(random, 1, 6) * 60_000);
  const minutesLater = (from: Date, min: number, max: number) =>
    new Date(from.getTime() + randomBetween(random, min, max) * 60_000);
  const lateBy = (from: Date, hours: number) => calendar.addWorkingHours(from, hours).at;

  // ---- rejected or merged at once ----
  const fate = random();
  if (fate < 0.02) {
    move(within('accept', sim.at, randomBetween(random, 0.1, 0.9)), 'grid_worker', grid(), {
      type: 'reject',
      reason: pick(REJECT_REASONS),
    });
    return finish();
  }
  if (fate < 0.04) {
    const target =
      [...earlier].reverse().find((c) => c.unit.communityId === unit.communityId) ?? earlier.at(-1);
    if (target) {
      move(within('accept', sim.at, randomBetween(random, 0.1, 0.9)), 'grid_worker', grid(), {
        type: 'merge',
        intoCaseId: target.id,
        reason: `与案件 ${target.id} 为同一问题`,
      });
      return finish();
    }
  }

  const escalates = random() < Math.min(0.95, escalationPropensity(category) * escalationScale);
  const graceful = random();

  // ---- the grid accepts (or the job escalates an unaccepted case) ----
  if (escalates && graceful < 0.06) {
    move(jobAfter(deadline('accept', sim.at)), 'system', system, {
      type: 'escalate',
      reason: '超时自动上报：受理时限已过',
    });
    communityStep(sim.at);
    return finish();
  }
  const acceptor =
    random() < 0.85 ? (['grid_worker', grid()] as const) : (['community_staff', community()] as const);
  if (
    !move(within('accept', sim.at, randomBetween(random, 0.05, 0.9)), acceptor[0], acceptor[1], {
      type: 'accept',
    })
  )
    return finish();
  const acceptedAt = sim.at;
  if (random() < 0.6) move(minutesLater(sim.at, 5, 120), 'grid_worker', grid(), { type: 'start_handling' });

  if (!escalates) {
    gridFix(acceptedAt);
    return finish();
  }
  if (graceful < 0.22) {
    // Not fixed in time: the breach job calls it up (吹哨).
    move(jobAfter(deadline('grid_handle', acceptedAt)), 'system', system, {
      type: 'escalate',
      reason: '超时自动上报：网格处置时限已过',
    });
  } else {
    move(within('grid_handle', acceptedAt, randomBetween(random, 0.05, 0.6)), 'grid_worker', grid(), {
      type: 'escalate',
      reason: pick(ESCALATE_REASONS),
    });
  }
  communityStep(sim.at);
  return finish();

  // ---- steps -------------------------------------------------------------------------------------

  /** The grid resolves within its limit, then verification and rating. */
  function gridFix(handleFrom: Date): void {
    const resolveAt = within('grid_handle', handleFrom, randomBetween(random, 0.08, 0.92));
    if (
      !move(resolveAt, 'grid_worker', grid(), { type: 'resolve', photoIds: DEMO_PHOTO, note: '已现场处置' })
    )
      return;
    verification();
  }

  function communityStep(from: Date): void {
    const r = random();
    if (r < 0.04) {
      if (
        !move(
          within('community_response', from, randomBetween(random, 0.1, 0.8)),
          'community_staff',
          community(),
          { type: 'return_to_grid', reason: pick(RETURN_REASONS) },
        )
      )
        return;
      gridFix(sim.at);
      return;
    }
    if (r < 0.14) {
      move(
        within('community_response', from, randomBetween(random, 0.1, 0.9)),
        'community_staff',
        community(),
        { type: 'escalate', reason: pick(SUBDISTRICT_REASONS) },
      );
      subdistrictStep(sim.at);
      return;
    }
    if (r < 0.17) {
      move(jobAfter(deadline('community_response', from)), 'system', system, {
        type: 'escalate',
        reason: '超时自动上报：社区响应时限已过',
      });
      subdistrictStep(sim.at);
      return;
    }
    if (
      !move(
        within('community_response', from, randomBetween(random, 0.05, 0.9)),
        'community_staff',
        community(),
        dispatchEvent(),
      )
    )
      return;
    departmentsStep(sim.at, 'community');
  }

  function subdistrictStep(from: Date): void {
    if (sim.cut) return;
    if (random() < 0.05) {
      if (
        !move(
          within('subdistrict_response', from, randomBetween(random, 0.1, 0.8)),
          'subdistrict_staff',
          subdistrict(),
          { type: 'return_to_grid', reason: pick(RETURN_REASONS) },
        )
      )
        return;
      gridFix(sim.at);
      return;
    }
    const at =
      random() < 0.85
        ? within('subdistrict_response', from, randomBetween(random, 0.05, 0.9))
        : lateBy(deadline('subdistrict_response', from), randomBetween(random, 0.5, 60));
    if (!move(at, 'subdistrict_staff', subdistrict(), dispatchEvent())) return;
    departmentsStep(sim.at, 'subdistrict');
  }

  function dispatchEvent(): CaseEvent {
    const departments = [category.department];
    if (random() < 0.1) {
      const other = pick(['ZHZF', 'ZJJ', 'SCJG', 'GAJ', 'YJJ'].filter((d) => d !== category.department));
      departments.push(other);
    }
    return { type: 'dispatch', departments, note: '请按时限处置并反馈' };
  }

  function departmentsStep(dispatchedAt: Date, level: 'community' | 'subdistrict'): void {
    if (sim.cut || sim.state.status !== 'dispatched') return;
    const departments = sim.state.departments.map((t) => t.department);
    // A department that is not the right one declines; the level dispatches again.
    if (departments.length === 1 && random() < 0.04) {
      const [only] = departments as [string];
      if (
        !move(
          within('acknowledge', dispatchedAt, randomBetween(random, 0.2, 0.9)),
          'department_staff',
          actors.departmentStaff(only),
          { type: 'decline', department: only, reason: pick(DECLINE_REASONS) },
        )
      )
        return;
      const replacement = only === 'ZHZF' ? 'ZJJ' : 'ZHZF';
      const staff =
        level === 'community'
          ? (['community_staff', community()] as const)
          : (['subdistrict_staff', subdistrict()] as const);
      const step = level === 'community' ? 'community_response' : 'subdistrict_response';
      if (
        !move(within(step, sim.at, randomBetween(random, 0.05, 0.5)), staff[0], staff[1], {
          type: 'dispatch',
          departments: [replacement],
          note: '改派',
        })
      )
        return;
      departmentsStep(sim.at, level);
      return;
    }
    // Each department acknowledges (报到) and reports back (反馈); late ones are urged by the job.
    type Plan = {
      department: string;
      ackAt: Date;
      ackLate: Date | null;
      backAt: Date;
      backLate: Date | null;
    };
    const plans: Plan[] = departments.map((department) => {
      const ackLate = random() < 0.1 ? jobAfter(deadline('acknowledge', dispatchedAt)) : null;
      const ackAt = ackLate
        ? lateBy(ackLate, randomBetween(random, 0.3, 6))
        : within('acknowledge', dispatchedAt, randomBetween(random, 0.05, 0.95));
      const handleDeadline = deadline('department_handle', dispatchedAt);
      const backLate = random() < 0.15 ? jobAfter(handleDeadline) : null;
      let backAt = backLate
        ? lateBy(backLate, random() < 0.2 ? randomBetween(random, 60, 240) : randomBetween(random, 2, 60))
        : within('department_handle', dispatchedAt, randomBetween(random, 0.3, 0.98));
      if (backAt.getTime() <= ackAt.getTime()) backAt = minutesLater(ackAt, 30, 240);
      return {
        department,
        ackAt,
        ackLate: ackLate && ackLate < ackAt ? ackLate : null,
        backAt,
        backLate: backLate && backLate < backAt && backLate > ackAt ? backLate : null,
      };
    });
    type Step = { at: Date; run: () => boolean };
    const steps: Step[] = [];
    for (const plan of plans) {
      const staff = actors.departmentStaff(plan.department);
      steps.push({
        at: plan.ackAt,
        run: () =>
          move(plan.ackAt, 'department_staff', staff, { type: 'acknowledge', department: plan.department }),
      });
      steps.push({
        at: plan.backAt,
        run: () =>
          move(plan.backAt, 'department_staff', staff, {
            type: 'report_back',
            department: plan.department,
            photoIds: DEMO_PHOTO,
            note: '已处置完毕',
          }),
      });
    }
    // The job's urges: one per run, naming every department late at that run.
    const urges = new Map<number, { at: Date; notes: string[]; flags: (() => void)[] }>();
    for (const plan of plans) {
      for (const [late, kind] of [
        [plan.ackLate, 'acknowledge'],
        [plan.backLate, 'report_back'],
      ] as const) {
        if (!late) continue;
        const key = Math.floor(late.getTime() / 600_000);
        const urge = urges.get(key) ?? { at: late, notes: [], flags: [] };
        urge.notes.push(`${plan.department}${kind === 'acknowledge' ? ' 未按时报到' : ' 未按时反馈'}`);
        urge.flags.push(() => flagLate(sim, plan.department, kind, urge.at));
        urges.set(key, urge);
      }
    }
    for (const urge of urges.values()) {
      steps.push({
        at: urge.at,
        run: () => {
          const done = move(urge.at, 'system', system, {
            type: 'urge',
            note: `超时督办：${urge.notes.join('；')}`,
          });
          if (done) for (const flag of urge.flags) flag();
          return done;
        },
      });
    }
    steps.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const step of steps) if (!step.run()) return;
    verification();
  }

  /** 核查 on site, then the reporter's rating (or the window closing), then 结案. */
  function verification(depth = 0): void {
    if (sim.cut) return;
    const fromDepartments = sim.state.status === 'reported_back';
    const verifyFrom = sim.at;
    const verifier =
      random() < 0.7 ? (['grid_worker', grid()] as const) : (['community_staff', community()] as const);
    if (depth === 0 && random() < (fromDepartments ? 0.03 : 0.04)) {
      if (
        !move(within('verify', verifyFrom, randomBetween(random, 0.1, 0.9)), verifier[0], verifier[1], {
          type: 'fail_verification',
          photoIds: DEMO_PHOTO,
          reason: pick(FAIL_REASONS),
        })
      )
        return;
      redo(depth);
      return;
    }
    const verifyAt =
      random() < 0.9
        ? within('verify', verifyFrom, randomBetween(random, 0.05, 0.95))
        : lateBy(deadline('verify', verifyFrom), randomBetween(random, 0.2, 16));
    if (
      !move(verifyAt, verifier[0], verifier[1], {
        type: 'verify',
        photoIds: DEMO_PHOTO,
        note: '现场核查属实，已整改',
      })
    )
      return;
    if (!ratingExpected) {
      move(minutesLater(sim.at, 2, 90), 'grid_worker', grid(), { type: 'close' });
      return;
    }
    const rater = skeleton.channel === 'rider' ? 'part_time_worker' : 'resident';
    const raterActor = skeleton.reporter ?? { accountId: null, name: reporterName(skeleton.channel) };
    if (random() < 0.84) {
      const r = random();
      const rating: Rating =
        depth === 0 && r < 0.05 ? 'dissatisfied' : r < 0.85 ? 'satisfied' : 'basically_satisfied';
      if (
        !move(within('rate', sim.at, randomBetween(random, 0.005, 0.5)), rater, raterActor, {
          type: 'rate',
          rating,
        })
      )
        return;
      if (rating === 'dissatisfied') {
        redo(depth);
        return;
      }
      move(minutesLater(sim.at, 5, 240), 'grid_worker', grid(), { type: 'close' });
      return;
    }
    move(jobAfter(deadline('rate', sim.at)), 'system', system, { type: 'close' });
  }

  /** Reopened (failed verification or 不满意): the grid fixes it again. */
  function redo(depth: number): void {
    if (sim.cut) return;
    const reopenedAt = sim.at;
    move(minutesLater(reopenedAt, 10, 180), 'grid_worker', grid(), { type: 'start_handling' });
    if (
      !move(within('grid_handle', reopenedAt, randomBetween(random, 0.1, 0.8)), 'grid_worker', grid(), {
        type: 'resolve',
        photoIds: DEMO_PHOTO,
        note: '已重新处置',
      })
    )
      return;
    verification(depth + 1);
  }

  function finish(): PlannedCase {
    let clocks: CaseClockData[] = [];
    if (runningClocks(sim.state).length > 0) {
      clocks = startClocks.map((c) => startClock(calendar, limits, c, skeleton.reportedAt));
      for (const entry of effectsLog)
        clocks = applyClockEffects(calendar, limits, clocks, entry.effects, entry.at);
    }
    return {
      id: skeleton.id,
      reportedAt: skeleton.reportedAt,
      channel: skeleton.channel,
      anonymous: skeleton.anonymous,
      reporter: skeleton.reporter,
      unit,
      point: skeleton.point,
      category,
      description: skeleton.description,
      address: skeleton.address,
      state: sim.state,
      clocks,
      rating: sim.rating,
      closedAt: sim.closedAt,
      updatedAt: sim.at,
      version: 1 + sim.moves,
      timeline: sim.timeline,
      tasks: sim.tasks,
    };
  }
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function reporterRole(channel: ReportChannel): CaseActorRole {
  switch (channel) {
    case 'rider':
      return 'part_time_worker';
    case 'resident':
      return 'resident';
    case 'grid_worker':
      return 'grid_worker';
    case 'hotline':
    case 'api':
      return 'admin';
    default: {
      const unknown: never = channel;
      throw new RangeError(`unknown channel ${String(unknown)}`);
    }
  }
}

function reporterName(channel: ReportChannel): string {
  switch (channel) {
    case 'rider':
      return '兼职网格员';
    case 'resident':
      return '居民';
    case 'grid_worker':
      return '网格员';
    case 'hotline':
      return '12345热线';
    case 'api':
      return '接口';
    default: {
      const unknown: never = channel;
      throw new RangeError(`unknown channel ${String(unknown)}`);
    }
  }
}

/**
 * The department task rows, as the move service keeps them: a dispatch closes the rows of an earlier
 * one and opens one per department; acknowledging and reporting back stamp the row; a decline closes it.
 */
function syncTasks(sim: Sim, event: CaseEvent, at: Date): void {
  const current = sim.tasks.filter((t) => t.closedAt === null);
  switch (event.type) {
    case 'dispatch':
      for (const task of current) task.closedAt = at;
      for (const department of event.departments) {
        sim.tasks.push({
          department,
          status: 'dispatched',
          dispatchedAt: at,
          acknowledgedAt: null,
          reportedBackAt: null,
          closedAt: null,
          acknowledgeLateAt: null,
          reportBackLateAt: null,
        });
      }
      return;
    case 'acknowledge': {
      const task = current.find((t) => t.department === event.department);
      if (task) {
        task.status = 'acknowledged';
        task.acknowledgedAt = at;
      }
      return;
    }
    case 'report_back': {
      const task = current.find((t) => t.department === event.department);
      if (task) {
        task.status = 'reported_back';
        task.reportedBackAt = at;
      }
      return;
    }
    case 'decline': {
      const task = current.find((t) => t.department === event.department);
      if (task) {
        task.status = 'declined';
        task.closedAt = at;
      }
      return;
    }
    default:
      return;
  }
}

/** The breach job's flag on a late department's current task. */
function flagLate(sim: Sim, department: string, kind: 'acknowledge' | 'report_back', at: Date): void {
  const task = sim.tasks.find((t) => t.closedAt === null && t.department === department);
  if (!task) return;
  if (kind === 'acknowledge') task.acknowledgeLateAt = at;
  else task.reportBackLateAt = at;
}
