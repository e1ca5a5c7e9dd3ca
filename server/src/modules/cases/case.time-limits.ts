import type { Clock, Deadline, StepLight, WorkingCalendar } from '../../platform/working-calendar.ts';

/**
 * The four time-limit units of deployed digital city management systems (REFERENCE.md §1.4), mapped
 * onto the working calendar. That urgent hours run through nights and holidays while working hours
 * and working days pause is how implementations behave, not standard text (UNCONFIRMED as normative).
 */
export type TimeUnit =
  | 'urgent_hour' // 紧急工作时: natural hours, 连续计时
  | 'work_hour' // 工作时: office hours on working days
  | 'work_day' // 工作日: to the close of the Nth working day after the start day
  | 'natural_day'; // 自然日: to 24:00 of the Nth day after the start day

export const TIME_UNIT_LABELS: Record<TimeUnit, string> = {
  urgent_hour: '紧急工作时',
  work_hour: '工作时',
  work_day: '工作日',
  natural_day: '自然日',
};
export const TIME_UNITS = Object.keys(TIME_UNIT_LABELS) as TimeUnit[];

export interface TimeLimit {
  /** Hours (whole minutes, e.g. 0.5 or 10 / 60) for hour units; whole days for day units. */
  amount: number;
  unit: TimeUnit;
}

/** The clock a unit's limit runs on (for lights and elapsed time). */
export function clockOf(unit: TimeUnit): Clock {
  switch (unit) {
    case 'urgent_hour':
    case 'natural_day':
      return 'natural';
    case 'work_hour':
    case 'work_day':
      return 'working';
    default: {
      const unknown: never = unit;
      throw new RangeError(`unknown time unit ${String(unknown)}`);
    }
  }
}

/** When a step started at `start` with this limit is due (flagged when it needs a year without data). */
export function deadlineOf(calendar: WorkingCalendar, start: Date, limit: TimeLimit): Deadline {
  switch (limit.unit) {
    case 'urgent_hour':
      return calendar.addNaturalHours(start, limit.amount);
    case 'work_hour':
      return calendar.addWorkingHours(start, limit.amount);
    case 'work_day':
      return calendar.addWorkingDays(start, limit.amount);
    case 'natural_day':
      return calendar.addNaturalDays(start, limit.amount);
    default: {
      const unknown: never = limit.unit;
      throw new RangeError(`unknown time unit ${String(unknown)}`);
    }
  }
}

/** The red / yellow / green light at `now` of a step that started at `start` with this limit. */
export function lightOf(calendar: WorkingCalendar, start: Date, limit: TimeLimit, now: Date): StepLight {
  const due = deadlineOf(calendar, start, limit);
  const light = calendar.lightAt({ start, deadline: due.at, clock: clockOf(limit.unit) }, now);
  const missingYears = [...new Set([...due.missingYears, ...light.missingYears])].sort((a, b) => a - b);
  return { light: light.light, uncertain: missingYears.length > 0, missingYears };
}

/** What is wrong with a limit as data, or null: a known unit, a positive amount of the right grain. */
export function timeLimitProblem(limit: TimeLimit): string | null {
  if (!TIME_UNITS.includes(limit.unit)) return `unknown unit ${String(limit.unit)}`;
  if (!Number.isFinite(limit.amount) || limit.amount <= 0) return `amount ${limit.amount} is not positive`;
  switch (limit.unit) {
    case 'urgent_hour':
    case 'work_hour': {
      const minutes = limit.amount * 60;
      return Math.abs(minutes - Math.round(minutes)) < 1e-9 ? null : `${limit.amount} h is not whole minutes`;
    }
    case 'work_day':
    case 'natural_day':
      return Number.isInteger(limit.amount) ? null : `${limit.amount} days is not a whole number`;
    default: {
      const unknown: never = limit.unit;
      return `unknown unit ${String(unknown)}`;
    }
  }
}
