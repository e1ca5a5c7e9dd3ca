import type { OpeningHours, OpeningPeriod } from '#contracts/services.ts';
import type { DayInfo, WorkingCalendar } from '../../platform/working-calendar.ts';

/**
 * Which hours a site keeps on a given day, and whether a time falls inside them (pure). Shanghai has
 * no daylight saving: local time is UTC+8 all year.
 * - a statutory holiday (法定节假日) keeps the site's holiday hours (none: closed);
 * - a make-up working day (调休上班) keeps Monday's hours;
 * - any other day keeps the hours of its weekday (weekends included: 周末 may have hours too).
 */

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** 1 = Monday … 7 = Sunday, of a 'YYYY-MM-DD' date. */
export function isoWeekday(date: string): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (day === 0 ? 7 : day) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

export function periodsOn(opening: OpeningHours, day: Pick<DayInfo, 'date' | 'kind'>): OpeningPeriod[] {
  switch (day.kind) {
    case 'holiday':
      return opening.holidays;
    case 'make_up_workday':
      return opening.weekdays[1];
    case 'workday':
    case 'weekend':
      return opening.weekdays[isoWeekday(day.date)];
    default: {
      const unknown: never = day.kind;
      throw new RangeError(`unknown day kind ${String(unknown)}`);
    }
  }
}

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The Shanghai date and minutes after local midnight of an instant. */
export function localTime(at: Date): { date: string; minutes: number } {
  const local = at.getTime() + OFFSET_MS;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  return {
    date: new Date(dayStart).toISOString().slice(0, 10),
    minutes: Math.round((local - dayStart) / 60_000),
  };
}

export interface OpeningCheck {
  open: boolean;
  date: string;
  dayKind: DayInfo['kind'];
  periods: OpeningPeriod[];
}

/** Whether [startsAt, endsAt) lies inside one opening period of the site on its (Shanghai) day. */
export function checkOpening(
  opening: OpeningHours,
  calendar: Pick<WorkingCalendar, 'describeDay'>,
  startsAt: Date,
  endsAt: Date,
): OpeningCheck {
  const start = localTime(startsAt);
  const end = localTime(endsAt);
  const day = calendar.describeDay(start.date);
  const periods = periodsOn(opening, day);
  // A slot ending at local midnight ends at minute 1440 of its start day.
  const endMinutes = end.date === start.date ? end.minutes : end.minutes === 0 ? 24 * 60 : Number.NaN;
  const open = periods.some(
    (p) =>
      minutesOf(p.start) <= start.minutes && endMinutes <= minutesOf(p.end) && start.minutes < endMinutes,
  );
  return { open, date: start.date, dayKind: day.kind, periods };
}

export function opensOnWeekends(opening: OpeningHours): boolean {
  return opening.weekdays[6].length > 0 || opening.weekdays[7].length > 0;
}

export function opensOnHolidays(opening: OpeningHours): boolean {
  return opening.holidays.length > 0;
}
