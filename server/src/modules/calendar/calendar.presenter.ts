import type { CalendarYear } from '#contracts';
import type { CalendarYearInput } from '../../platform/working-calendar.ts';
import type { CalendarYearRow } from './calendar.repository.ts';

/** Rows → API types: the only way calendar data leaves the server. */

const DAY_MS = 24 * 60 * 60_000;

/** Days off in a year's holidays (inclusive ranges). */
export function holidayDays(year: CalendarYearInput): number {
  let days = 0;
  for (const holiday of year.holidays) {
    const from = Date.parse(`${holiday.from}T00:00:00Z`);
    const to = Date.parse(`${holiday.to}T00:00:00Z`);
    if (Number.isFinite(from) && Number.isFinite(to) && to >= from) days += (to - from) / DAY_MS + 1;
  }
  return days;
}

export function presentYear(year: CalendarYearInput, row: CalendarYearRow | null): CalendarYear {
  const edited = row !== null && row.updated_at !== null;
  return {
    year: year.year,
    loaded: year.loaded,
    source: year.source,
    holidays: year.holidays.map(({ name, from, to }) => ({ name, from, to })),
    makeUpWorkdays: year.makeUpWorkdays.map(({ name, date }) => ({ name, date })),
    holidayDays: holidayDays(year),
    origin: edited ? 'edited' : 'built_in',
    updatedBy: edited ? (row.updated_by_name ?? null) : null,
    updatedAt: edited ? (row.updated_at?.toISOString() ?? null) : null,
  };
}
