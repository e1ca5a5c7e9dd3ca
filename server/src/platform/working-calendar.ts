import { z } from 'zod';

/**
 * The working calendar (工作日历): deadlines in natural time and in working time on China's official
 * calendar of statutory holidays (法定节假日) and make-up working days (调休上班). Domain-free: the
 * cases module maps its time-limit units onto these operations.
 *
 * Time zone. Everything is Asia/Shanghai: UTC+8 all year, no daylight saving since 1992. The arithmetic runs on UTC instants shifted by a fixed +8 h offset, so it never depends on
 * the server's TZ setting or on the ICU time-zone database.
 *
 * Conventions (tested in `working-calendar.test.ts`):
 * - Working hours count only minutes inside the day's sessions (default 08:30–12:00 and 13:30–17:30,
 *   7.5 h) on working days. A deadline is the EARLIEST instant at which the required working time has
 *   run, so it can fall exactly at a session's end (12:00, 17:30) and never at the start of the next
 *   one. Reported at 16:00 with 2 working hours: 1.5 h today, 0.5 h tomorrow → 09:00 next working day.
 * - Working days follow the Civil Code's rule for periods (民法典 第二百零一条, 第二百零三条): the
 *   start day is not counted, whatever the hour; the period ends at the close of business (the end of
 *   the last session) of the Nth working day after the start day.
 * - Natural days: the start day is not counted; the period ends at 24:00 of the Nth day after it
 *   (returned as 00:00 of the following day). Unlike 民法典 第二百零三条 the end is NOT moved off a
 *   holiday: a natural-day limit is meant to run through holidays.
 * - Natural hours are plain elapsed time.
 * - A year without data is never silently treated as Monday–Friday: every result that depended on a
 *   day of such a year has `uncertain: true` and names the year in `missingYears`; the figure it gives
 *   is a Monday–Friday estimate.
 */

const OFFSET_MS = 8 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
const HOUR_MS = 60 * 60_000;
const MINUTE_MS = 60_000;
/** Guards against absurd amounts (admin data typos) that would make the day-by-day scan run long. */
const MAX_HOURS = 100_000;
const MAX_DAYS = 10_000;

// ---------------------------------------------------------------------------------------------
// Data: one calendar year, as an administrator edits it.

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

const CalendarYearSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  /** false: no official arrangement is known for the year (computations touching it are flagged). */
  loaded: z.boolean(),
  /** The notice the data was taken from. */
  source: z.string().trim().min(1),
  /** Whole days off (休), weekends inside a holiday included; `from`..`to` inclusive. */
  holidays: z.array(z.strictObject({ name: z.string().trim().min(1), from: IsoDate, to: IsoDate })),
  /** Saturdays and Sundays that are working days (调休上班). */
  makeUpWorkdays: z.array(z.strictObject({ name: z.string().trim().min(1), date: IsoDate })),
});

/** One calendar year of holiday data, as stored and edited (plain and serialisable). */
export type CalendarYearInput = z.input<typeof CalendarYearSchema>;
/** A calendar year that `parseCalendarYear` has accepted (the brand exists only in the type). */
export type CalendarYear = z.output<typeof CalendarYearSchema> & { readonly __checked: true };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/**
 * Validates one year's data: its shape, then its consistency — real dates inside the year, `from` not
 * after `to`, holidays not overlapping, make-up days only on Saturdays and Sundays and never inside a
 * holiday, nothing listed twice, and no dates at all for a year that is not loaded.
 */
export function parseCalendarYear(input: unknown): ParseResult<CalendarYear> {
  const shape = CalendarYearSchema.safeParse(input);
  if (!shape.success) {
    return {
      ok: false,
      errors: shape.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    };
  }
  const data = shape.data;
  const errors: string[] = [];
  /** The day number of a date of this year, or null (and an error) for any other date. */
  const inYear = (date: string, where: string): number | null => {
    const day = dayOfIsoDate(date);
    if (day === null) {
      errors.push(`${where}: ${date} is not a calendar date`);
      return null;
    }
    if (yearOfDay(day) !== data.year) {
      errors.push(`${where}: ${date} is outside ${data.year}`);
      return null;
    }
    return day;
  };

  if (!data.loaded && (data.holidays.length > 0 || data.makeUpWorkdays.length > 0)) {
    errors.push(`a year that is not loaded lists no dates (set loaded: true once the notice is in)`);
  }
  const offDays = new Map<number, string>();
  data.holidays.forEach((holiday, i) => {
    const from = inYear(holiday.from, `holidays.${i}.from`);
    const to = inYear(holiday.to, `holidays.${i}.to`);
    if (from === null || to === null) return;
    if (from > to) errors.push(`holidays.${i}: ${holiday.from} is after ${holiday.to}`);
    for (let day = from; day <= to; day++) {
      const other = offDays.get(day);
      if (other !== undefined) {
        errors.push(`holidays.${i}: ${isoDateOfDay(day)} is already a day off of ${other}`);
      }
      offDays.set(day, holiday.name);
    }
  });
  const workDays = new Set<number>();
  data.makeUpWorkdays.forEach((makeUp, i) => {
    const day = inYear(makeUp.date, `makeUpWorkdays.${i}`);
    if (day === null) return;
    if (workDays.has(day)) errors.push(`makeUpWorkdays.${i}: ${makeUp.date} is listed twice`);
    workDays.add(day);
    if (!isWeekend(day)) {
      errors.push(`makeUpWorkdays.${i}: ${makeUp.date} is a weekday; only a Saturday or Sunday can be one`);
    }
    const holiday = offDays.get(day);
    if (holiday !== undefined) {
      errors.push(`makeUpWorkdays.${i}: ${makeUp.date} is also a day off of ${holiday}`);
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: data as CalendarYear };
}

// ---------------------------------------------------------------------------------------------
// Working hours.

/** One working session of the day, local time ('HH:MM'), e.g. the morning 08:30–12:00. */
export interface WorkingSession {
  start: string;
  end: string;
}

/** Office hours posted by Chinese government offices, e.g. Guzhen (REFERENCE.md §1.4). */
export const DEFAULT_WORKING_SESSIONS: readonly WorkingSession[] = [
  { start: '08:30', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

interface SessionSpan {
  /** Milliseconds after local midnight. */
  startMs: number;
  endMs: number;
}

function parseClock(value: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours * 60 + minutes > 24 * 60) return null;
  return (hours * 60 + minutes) * MINUTE_MS;
}

function parseSessions(sessions: readonly WorkingSession[]): SessionSpan[] {
  if (sessions.length === 0) throw new RangeError('working hours need at least one session');
  const spans: SessionSpan[] = [];
  for (const session of sessions) {
    const startMs = parseClock(session.start);
    const endMs = parseClock(session.end);
    if (startMs === null || endMs === null || startMs >= endMs) {
      throw new RangeError(`invalid working session ${session.start}–${session.end}`);
    }
    const previous = spans.at(-1);
    if (previous && startMs < previous.endMs) {
      throw new RangeError(`working sessions must be in order and must not overlap (${session.start})`);
    }
    spans.push({ startMs, endMs });
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// Days: a day is numbered by days since 1970-01-01 in Shanghai local time.

function dayOfInstant(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS);
}

function instantOfDay(day: number): number {
  return day * DAY_MS - OFFSET_MS;
}

function dayOfIsoDate(date: string): number | null {
  const [y, m, d] = date.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return null;
  const ms = Date.UTC(y, m - 1, d);
  return isoDateOfDay(ms / DAY_MS) === date ? ms / DAY_MS : null;
}

function isoDateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday (day 0, 1970-01-01, was a Thursday). */
function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isWeekend(day: number): boolean {
  const weekday = weekdayOfDay(day);
  return weekday === 0 || weekday === 6;
}

/** The Shanghai calendar date ('YYYY-MM-DD') of an instant. */
export function shanghaiDateOf(at: Date): string {
  return isoDateOfDay(dayOfInstant(at.getTime()));
}

// ---------------------------------------------------------------------------------------------
// The calendar.

/** A computed instant, with whether it rests on years that have no holiday data. */
export interface Deadline {
  at: Date;
  /** true when a day of a year without data was needed; `at` is then a Monday–Friday estimate. */
  uncertain: boolean;
  missingYears: number[];
}

export interface WorkingDuration {
  /** Working minutes (fractional when the instants carry seconds). */
  minutes: number;
  uncertain: boolean;
  missingYears: number[];
}

export type DayKind =
  | 'workday' // 工作日
  | 'weekend' // 周末
  | 'holiday' // 法定节假日 (休)
  | 'make_up_workday'; // 调休上班

export interface DayInfo {
  date: string;
  kind: DayKind;
  working: boolean;
  /** false: the year has no data and `kind` is a Monday–Friday guess. */
  known: boolean;
  /** The holiday a day off or a make-up day belongs to. */
  holiday: string | null;
}

export interface WorkingCalendar {
  readonly sessions: readonly WorkingSession[];
  isYearLoaded(year: number): boolean;
  describeDay(date: string): DayInfo;
  addNaturalHours(start: Date, hours: number): Deadline;
  addNaturalDays(start: Date, days: number): Deadline;
  addWorkingHours(start: Date, hours: number): Deadline;
  addWorkingDays(start: Date, days: number): Deadline;
  /** Working minutes from `a` to `b`; negative when `b` is before `a`. */
  workingTimeBetween(a: Date, b: Date): WorkingDuration;
  /** The light at `now` of a step timed from `start` to `deadline` on the given clock (see `stepLight`). */
  lightAt(step: TimedStep, now: Date): StepLight;
}

/** Which time a step's limit runs in: all the time, or only in office hours on working days. */
export type Clock = 'natural' | 'working';

export interface TimedStep {
  start: Date;
  deadline: Date;
  clock: Clock;
}

export interface StepLight {
  light: TrafficLight;
  uncertain: boolean;
  missingYears: number[];
}

export interface WorkingCalendarOptions {
  sessions?: readonly WorkingSession[];
}

interface YearDays {
  off: Map<number, string>;
  makeUp: Map<number, string>;
}

/**
 * Builds a calendar from per-year data (each year is validated; the first invalid one throws) and
 * the office hours (default `DEFAULT_WORKING_SESSIONS`).
 */
export function createWorkingCalendar(
  years: readonly CalendarYearInput[],
  options: WorkingCalendarOptions = {},
): WorkingCalendar {
  const sessionsConfig = options.sessions ?? DEFAULT_WORKING_SESSIONS;
  const spans = parseSessions(sessionsConfig);
  const closeMs = spans.at(-1)?.endMs ?? 0;
  const loaded = new Map<number, YearDays>();
  const seen = new Set<number>();
  for (const input of years) {
    const parsed = parseCalendarYear(input);
    if (!parsed.ok) throw new RangeError(`invalid calendar data: ${parsed.errors.join('; ')}`);
    const year = parsed.value;
    if (seen.has(year.year)) throw new RangeError(`calendar year ${year.year} is given twice`);
    seen.add(year.year);
    if (year.loaded) loaded.set(year.year, indexYear(year));
  }

  /**
   * Whether a day is a working day; records a year without data in `missing`. The same answer as
   * `describe(day).working` without building the day's description (deadlines and lights walk
   * many days per case).
   */
  const isWorkingDay = (day: number, missing: Set<number>): boolean => {
    const year = yearOfDay(day);
    const data = loaded.get(year);
    if (!data) {
      missing.add(year);
      return !isWeekend(day);
    }
    if (data.makeUp.has(day)) return true;
    return !data.off.has(day) && !isWeekend(day);
  };

  const describe = (day: number): DayInfo => {
    const date = isoDateOfDay(day);
    const data = loaded.get(yearOfDay(day));
    const weekend = isWeekend(day);
    if (!data) {
      return { date, kind: weekend ? 'weekend' : 'workday', working: !weekend, known: false, holiday: null };
    }
    const makeUp = data.makeUp.get(day);
    if (makeUp !== undefined) {
      return { date, kind: 'make_up_workday', working: true, known: true, holiday: makeUp };
    }
    const off = data.off.get(day);
    if (off !== undefined) return { date, kind: 'holiday', working: false, known: true, holiday: off };
    return { date, kind: weekend ? 'weekend' : 'workday', working: !weekend, known: true, holiday: null };
  };

  const addWorkingMs = (startMs: number, amountMs: number): Deadline => {
    const missing = new Set<number>();
    let remaining = amountMs;
    if (remaining === 0) return deadline(startMs, missing);
    for (let day = dayOfInstant(startMs); ; day++) {
      if (!isWorkingDay(day, missing)) continue;
      const dayStart = instantOfDay(day);
      for (const span of spans) {
        const from = Math.max(startMs, dayStart + span.startMs);
        const to = dayStart + span.endMs;
        if (to <= from) continue;
        if (remaining <= to - from) return deadline(from + remaining, missing);
        remaining -= to - from;
      }
    }
  };

  const workingMsBetween = (aMs: number, bMs: number, missing: Set<number>): number => {
    if (bMs < aMs) return -workingMsBetween(bMs, aMs, missing);
    let total = 0;
    if (bMs === aMs) return total;
    const lastDay = dayOfInstant(bMs - 1);
    for (let day = dayOfInstant(aMs); day <= lastDay; day++) {
      if (!isWorkingDay(day, missing)) continue;
      const dayStart = instantOfDay(day);
      for (const span of spans) {
        const from = Math.max(aMs, dayStart + span.startMs);
        const to = Math.min(bMs, dayStart + span.endMs);
        if (to > from) total += to - from;
      }
    }
    return total;
  };

  return {
    sessions: sessionsConfig.map((session) => ({ ...session })),
    isYearLoaded: (year) => loaded.has(year),
    describeDay: (date) => {
      const day = dayOfIsoDate(date);
      if (day === null) throw new RangeError(`not a calendar date: ${date}`);
      return describe(day);
    },
    addNaturalHours: (start, hours) => {
      checkAmount(hours, MAX_HOURS, false);
      return deadline(start.getTime() + Math.round(hours * HOUR_MS), new Set());
    },
    addNaturalDays: (start, days) => {
      checkAmount(days, MAX_DAYS, true);
      return deadline(instantOfDay(dayOfInstant(start.getTime()) + days + 1), new Set());
    },
    addWorkingHours: (start, hours) => {
      checkAmount(hours, MAX_HOURS, false);
      return addWorkingMs(start.getTime(), Math.round(hours * HOUR_MS));
    },
    addWorkingDays: (start, days) => {
      checkAmount(days, MAX_DAYS, true);
      const missing = new Set<number>();
      let counted = 0;
      for (let day = dayOfInstant(start.getTime()) + 1; ; day++) {
        if (isWorkingDay(day, missing)) counted++;
        if (counted === days) return deadline(instantOfDay(day) + closeMs, missing);
      }
    },
    workingTimeBetween: (a, b) => {
      const missing = new Set<number>();
      const ms = workingMsBetween(a.getTime(), b.getTime(), missing);
      return { minutes: ms / MINUTE_MS, ...uncertainty(missing) };
    },
    lightAt: ({ start, deadline, clock }, now) => {
      const missing = new Set<number>();
      const [s, d, n] = [start.getTime(), deadline.getTime(), now.getTime()];
      if (n > d) return { light: 'red', ...uncertainty(missing) };
      const measure = (from: number, to: number): number => {
        switch (clock) {
          case 'natural':
            return to - from;
          case 'working':
            return workingMsBetween(from, to, missing);
          default: {
            const unknown: never = clock;
            throw new RangeError(`unknown clock ${String(unknown)}`);
          }
        }
      };
      const limit = measure(s, d);
      const light = limit > 0 ? trafficLight(measure(s, n), limit) : 'yellow';
      return { light, ...uncertainty(missing) };
    },
  };
}

function indexYear(year: CalendarYear): YearDays {
  const off = new Map<number, string>();
  for (const holiday of year.holidays) {
    const from = dayOfIsoDate(holiday.from) ?? 0;
    const to = dayOfIsoDate(holiday.to) ?? -1;
    for (let day = from; day <= to; day++) off.set(day, holiday.name);
  }
  const makeUp = new Map<number, string>();
  for (const entry of year.makeUpWorkdays) {
    const day = dayOfIsoDate(entry.date);
    if (day !== null) makeUp.set(day, entry.name);
  }
  return { off, makeUp };
}

/** Amounts are finite and not negative; day amounts are whole and at least 1. */
function checkAmount(amount: number, max: number, wholeDays: boolean): void {
  const valid = wholeDays
    ? Number.isInteger(amount) && amount >= 1 && amount <= max
    : Number.isFinite(amount) && amount >= 0 && amount <= max;
  if (!valid) {
    throw new RangeError(`invalid amount ${amount}: expected ${wholeDays ? 'whole days ≥ 1' : 'hours ≥ 0'}`);
  }
}

function uncertainty(missing: Set<number>): { uncertain: boolean; missingYears: number[] } {
  return { uncertain: missing.size > 0, missingYears: [...missing].sort((x, y) => x - y) };
}

function deadline(ms: number, missing: Set<number>): Deadline {
  return { at: new Date(ms), ...uncertainty(missing) };
}

// ---------------------------------------------------------------------------------------------
// Traffic lights (红黄绿灯).

export type TrafficLight = 'green' | 'yellow' | 'red';

/**
 * The light of a timed step from the time used so far and the time allowed, both in the same
 * clock (working minutes for working-time limits, natural minutes for natural ones):
 * - green: elapsed < 80% of the limit;
 * - yellow: 80% ≤ elapsed ≤ 100% — exactly 80% is yellow, and the deadline instant itself is still
 *   yellow (on time);
 * - red: elapsed > 100%, i.e. strictly past the deadline.
 * Compared as 5·elapsed ≥ 4·limit, so that 80% of a whole number of minutes is exact (0.8 is not).
 * Negative elapsed (a clock behind the start) is green. The limit must be positive.
 *
 * For a step with a deadline use `WorkingCalendar.lightAt`: it measures both on the step's clock and
 * is red at any instant after the deadline, also when no working time has run since (a step due on
 * Friday at 17:30 is red over the weekend, not yellow because the working clock stood still).
 */
export function trafficLight(elapsed: number, limit: number): TrafficLight {
  if (!Number.isFinite(limit) || limit <= 0) throw new RangeError(`invalid limit ${limit}`);
  if (!Number.isFinite(elapsed)) throw new RangeError(`invalid elapsed time ${elapsed}`);
  if (elapsed > limit) return 'red';
  if (elapsed * 5 >= limit * 4) return 'yellow';
  return 'green';
}
