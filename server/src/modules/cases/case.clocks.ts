import type { StepLight, WorkingCalendar } from '../../platform/working-calendar.ts';
import type { CaseEffect, CaseStep } from './case.lifecycle.ts';
import { clockOf, deadlineOf, type TimeUnit } from './case.time-limits.ts';
import type { StepLimits } from './data/categories.ts';

/**
 * The running time limits (时限) of one case, as stored in `case_record.clocks`: started and stopped
 * by the lifecycle's clock effects, each with its deadline and the instant it turns yellow (80 % of
 * its limit on its own clock), so that a list can filter and sort by light in SQL while a single
 * read computes the light with the calendar. Pure: the caller passes the calendar and the time.
 */

export interface CaseClockData {
  step: CaseStep;
  department: string | null;
  unit: TimeUnit;
  /** The limit's amount when the clock started (absent on clocks stored before it was kept). */
  amount?: number;
  startedAt: string;
  /** Yellow from this instant (inclusive). */
  yellowAt: string;
  /** Red strictly after this instant. */
  deadline: string;
  /** The deadline needed a year without holiday data. */
  missingYears: number[];
}

const sameClock = (a: { step: CaseStep; department: string | null }, b: typeof a): boolean =>
  a.step === b.step && a.department === b.department;

/** Starts one clock at `now` with the category's limit for its step. */
export function startClock(
  calendar: WorkingCalendar,
  limits: StepLimits,
  clock: { step: CaseStep; department: string | null },
  now: Date,
): CaseClockData {
  const limit = limits[clock.step];
  const due = deadlineOf(calendar, now, limit);
  const yellow = yellowInstant(calendar, now, due.at, limit.unit);
  return {
    step: clock.step,
    department: clock.department,
    unit: limit.unit,
    amount: limit.amount,
    startedAt: now.toISOString(),
    yellowAt: yellow.toISOString(),
    deadline: due.at.toISOString(),
    missingYears: due.missingYears,
  };
}

/** The clocks after a move: stopped ones removed, started ones added (at `now`). */
export function applyClockEffects(
  calendar: WorkingCalendar,
  limits: StepLimits,
  clocks: readonly CaseClockData[],
  effects: readonly CaseEffect[],
  now: Date,
): CaseClockData[] {
  let next = [...clocks];
  for (const effect of effects) {
    if (effect.kind === 'stop_clock') next = next.filter((clock) => !sameClock(clock, effect));
    if (effect.kind === 'start_clock') {
      next = next.filter((clock) => !sameClock(clock, effect));
      next.push(startClock(calendar, limits, effect, now));
    }
  }
  return next;
}

/** The same clocks timed again from their starts with other limits (after a change of category). */
export function retimeClocks(
  calendar: WorkingCalendar,
  limits: StepLimits,
  clocks: readonly CaseClockData[],
): CaseClockData[] {
  return clocks.map((clock) => startClock(calendar, limits, clock, new Date(clock.startedAt)));
}

/**
 * The same clock timed again from its start on another calendar (a calendar year was loaded or
 * corrected), with the limit it started with; a clock stored without its amount takes the
 * category's limit for its step.
 */
export function retimeClock(
  calendar: WorkingCalendar,
  clock: CaseClockData,
  fallback: StepLimits,
): CaseClockData {
  const amount = clock.amount ?? fallback[clock.step].amount;
  const limits = { ...fallback, [clock.step]: { amount, unit: clock.unit } };
  return startClock(calendar, limits, clock, new Date(clock.startedAt));
}

/** The clock due first: what a queue sorts and colours the case by. */
export function firstDue(clocks: readonly CaseClockData[]): CaseClockData | null {
  let first: CaseClockData | null = null;
  for (const clock of clocks) {
    if (!first || clock.deadline < first.deadline) first = clock;
  }
  return first;
}

/** The light of a clock at `now`, measured on its own clock by the calendar. */
export function clockLight(calendar: WorkingCalendar, clock: CaseClockData, now: Date): StepLight {
  const light = calendar.lightAt(
    { start: new Date(clock.startedAt), deadline: new Date(clock.deadline), clock: clockOf(clock.unit) },
    now,
  );
  const missingYears = [...new Set([...clock.missingYears, ...light.missingYears])].sort((a, b) => a - b);
  return { light: light.light, uncertain: missingYears.length > 0, missingYears };
}

/**
 * The earliest instant at which the light of a step from `start` to `deadline` is yellow: 80 % of
 * its limit on its clock (natural time, or working time on the calendar). Checked against
 * `lightAt`, so that a list filtered in SQL and a light computed on read never disagree.
 */
export function yellowInstant(calendar: WorkingCalendar, start: Date, deadline: Date, unit: TimeUnit): Date {
  const s = start.getTime();
  const d = deadline.getTime();
  if (d <= s) return new Date(d);
  const clock = clockOf(unit);
  let candidate: number;
  if (clock === 'natural') {
    candidate = s + Math.ceil(((d - s) * 4) / 5);
  } else {
    const limitMs = Math.round(calendar.workingTimeBetween(start, deadline).minutes * 60_000);
    const yellowMs = Math.ceil((limitMs * 4) / 5);
    candidate = calendar.addWorkingHours(start, yellowMs / 3_600_000).at.getTime();
  }
  const isGreen = (at: number): boolean =>
    calendar.lightAt({ start, deadline, clock }, new Date(at)).light === 'green';
  // Float rounding in hours ↔ milliseconds: settle on the exact first yellow millisecond.
  for (let i = 0; i < 5 && isGreen(candidate); i++) candidate += 1;
  for (let i = 0; i < 5 && candidate > s && !isGreen(candidate - 1); i++) candidate -= 1;
  return new Date(Math.min(candidate, d));
}
