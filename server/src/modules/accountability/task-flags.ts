import type { FlagColour, FlagRule } from '#contracts/accountability.ts';

/**
 * The pure rules of the battle map (挂图作战): calendar dates and weeks in Asia/Shanghai (UTC+8, a
 * fixed offset: China keeps no daylight saving), task progress from milestones, who has not reported
 * for a Monday (每周周一调度), and the quarterly flag (季挂牌) of each lead unit. No database, no clock.
 * Dates are `YYYY-MM-DD` strings, which compare correctly as strings.
 */

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The default rule (README): red from 3 late milestones or 4 missed reports, yellow from 1 or 2. */
export const DEFAULT_FLAG_RULE: FlagRule = {
  red: { lateMilestones: 3, missedReports: 4 },
  yellow: { lateMilestones: 1, missedReports: 2 },
};

function toUtcMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtcMidnight(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromUtcMidnight(toUtcMidnight(date) + days * DAY_MS);
}

/** The calendar date in Shanghai at an instant. */
export function shanghaiDate(instant: Date): string {
  return fromUtcMidnight(Math.floor((instant.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS);
}

/** 1 = Monday … 7 = Sunday. */
function isoWeekday(date: string): number {
  const day = new Date(toUtcMidnight(date)).getUTCDay();
  return day === 0 ? 7 : day;
}

export function isMonday(date: string): boolean {
  return isoWeekday(date) === 1;
}

/** The Monday of the week a date is in (weeks run Monday–Sunday). */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** The Monday on or after a date. */
export function mondayOnOrAfter(date: string): string {
  return isMonday(date) ? date : addDays(mondayOf(date), 7);
}

/** The Monday of the Shanghai week an instant falls in. */
export function currentMonday(now: Date): string {
  return mondayOf(shanghaiDate(now));
}

export interface QuarterBounds {
  quarter: string;
  /** First and last calendar day, inclusive. */
  first: string;
  last: string;
}

export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

export function quarterBounds(quarter: string): QuarterBounds {
  const match = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!match) throw new Error(`not a quarter: ${quarter}`);
  const year = Number(match[1]);
  const q = Number(match[2]);
  const firstMonth = (q - 1) * 3 + 1;
  const first = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
  const nextFirst = q === 4 ? `${year + 1}-01-01` : `${year}-${String(firstMonth + 3).padStart(2, '0')}-01`;
  return { quarter, first, last: addDays(nextFirst, -1) };
}

/** Mondays from `from` to `to`, both inclusive when they are Mondays. */
export function mondaysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = mondayOnOrAfter(from); m <= to; m = addDays(m, 7)) out.push(m);
  return out;
}

// ---- progress -----------------------------------------------------------------------------------

export interface MilestoneFacts {
  dueOn: string;
  doneOn: string | null;
  weight: number | null;
}

/**
 * A task's progress, 0–100 (one decimal): the share of its milestones done, by weight when every
 * milestone has one, else in equal shares. No milestones: 0.
 */
export function taskProgress(milestones: readonly MilestoneFacts[]): number {
  if (milestones.length === 0) return 0;
  const weighted = milestones.every((m) => m.weight !== null && m.weight > 0);
  const weightOf = (m: MilestoneFacts) => (weighted ? (m.weight as number) : 1);
  const total = milestones.reduce((sum, m) => sum + weightOf(m), 0);
  const done = milestones.filter((m) => m.doneOn !== null).reduce((sum, m) => sum + weightOf(m), 0);
  return Math.round((done / total) * 1000) / 10;
}

/**
 * Whether a milestone is late as of a date: done after its due date, or not done and its due date
 * has passed (the due day itself is still on time).
 */
export function isMilestoneLate(milestone: MilestoneFacts, today: string): boolean {
  if (milestone.doneOn !== null) return milestone.doneOn > milestone.dueOn;
  return today > milestone.dueOn;
}

// ---- weekly reports -----------------------------------------------------------------------------

export interface TaskFacts {
  id: number;
  leadDepartmentId: number;
  /** Reports are due from the Monday on or after this date. */
  startsOn: string;
  /** Completed or suspended on this date: no reports are due for Mondays on or after it. */
  endedOn: string | null;
}

export interface ReportFacts {
  taskId: number;
  weekOf: string;
}

/** Whether a task owes a report for the week of `monday`. */
export function reportDue(task: TaskFacts, monday: string): boolean {
  if (monday < mondayOnOrAfter(task.startsOn)) return false;
  return task.endedOn === null || monday < task.endedOn;
}

export interface UnitNotReported {
  departmentId: number;
  taskIds: number[];
}

/** The lead units that have not reported every task they owe a report on for `monday`, by unit id. */
export function unitsNotReported(options: {
  tasks: readonly TaskFacts[];
  reports: readonly ReportFacts[];
  monday: string;
}): UnitNotReported[] {
  const { monday } = options;
  if (!isMonday(monday)) throw new Error(`not a Monday: ${monday}`);
  const reported = new Set(options.reports.filter((r) => r.weekOf === monday).map((r) => r.taskId));
  const byUnit = new Map<number, number[]>();
  for (const task of options.tasks) {
    if (!reportDue(task, monday) || reported.has(task.id)) continue;
    const list = byUnit.get(task.leadDepartmentId) ?? [];
    list.push(task.id);
    byUnit.set(task.leadDepartmentId, list);
  }
  return [...byUnit.entries()]
    .sort(([a], [b]) => a - b)
    .map(([departmentId, taskIds]) => ({ departmentId, taskIds: taskIds.sort((a, b) => a - b) }));
}

// ---- quarterly flags ----------------------------------------------------------------------------

export function flagColour(
  rule: FlagRule,
  counts: { lateMilestones: number; missedReports: number },
): FlagColour {
  if (counts.lateMilestones >= rule.red.lateMilestones || counts.missedReports >= rule.red.missedReports)
    return 'red';
  if (
    counts.lateMilestones >= rule.yellow.lateMilestones ||
    counts.missedReports >= rule.yellow.missedReports
  )
    return 'yellow';
  return 'green';
}

export interface UnitFlagResult {
  departmentId: number;
  lateMilestones: number;
  missedReports: number;
  colour: FlagColour;
}

/**
 * The quarter's flag of every unit leading a task that counts in the quarter (reports due in it or
 * milestones due in it), as of `today` (the quarter's last day once it is over):
 * - a late milestone: due within the quarter, on or before `today`, and done after its due date or
 *   not done by `today`;
 * - a missed report: a Monday of the quarter whose week is over (before this week's Monday) for
 *   which a task owes a report and has none.
 * The current week is never counted: its report may still come.
 */
export function computeUnitFlags(options: {
  rule: FlagRule;
  quarter: string;
  today: string;
  tasks: readonly (TaskFacts & { milestones: readonly MilestoneFacts[] })[];
  reports: readonly ReportFacts[];
}): UnitFlagResult[] {
  const bounds = quarterBounds(options.quarter);
  // biome-ignore lint/complexity/useMathMinMax: dates are strings, compared as text
  const asOf = options.today < bounds.last ? options.today : bounds.last;
  const thisMonday = mondayOf(options.today);
  const reported = new Set(options.reports.map((r) => `${r.taskId}|${r.weekOf}`));
  const mondays = mondaysBetween(bounds.first, bounds.last).filter((m) => m < thisMonday);
  const units = new Map<number, { lateMilestones: number; missedReports: number }>();
  for (const task of options.tasks) {
    const due = mondays.filter((m) => reportDue(task, m));
    const lateMilestones = task.milestones.filter(
      (m) =>
        m.dueOn >= bounds.first &&
        m.dueOn <= asOf &&
        (m.doneOn !== null ? m.doneOn > m.dueOn : asOf > m.dueOn),
    ).length;
    const counts = task.milestones.some((m) => m.dueOn >= bounds.first && m.dueOn <= bounds.last);
    if (due.length === 0 && !counts) continue;
    const missed = due.filter((m) => !reported.has(`${task.id}|${m}`)).length;
    const unit = units.get(task.leadDepartmentId) ?? { lateMilestones: 0, missedReports: 0 };
    unit.lateMilestones += lateMilestones;
    unit.missedReports += missed;
    units.set(task.leadDepartmentId, unit);
  }
  return [...units.entries()]
    .sort(([a], [b]) => a - b)
    .map(([departmentId, counts]) => ({
      departmentId,
      ...counts,
      colour: flagColour(options.rule, counts),
    }));
}
