import type { CalendarYear, CalendarYearList, CalendarYearRequest } from '#contracts';
import { authorize, type Principal } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import {
  type CalendarYearInput,
  DEFAULT_WORKING_SESSIONS,
  parseCalendarYear,
  shanghaiDateOf,
} from '../../platform/working-calendar.ts';
import type { CalendarModule } from './calendar.module.ts';
import { yearOfRow } from './calendar.module.ts';
import { presentYear } from './calendar.presenter.ts';
import { type CalendarYearRow, findCalendarYears, saveYear } from './calendar.repository.ts';
import type { Db } from './calendar.table.ts';

/** The years a jurisdiction's calendar knows, stored over shipped, with their rows (null: shipped only). */
async function effectiveYears(
  db: Db,
  calendars: CalendarModule,
  jurisdictionId: number,
): Promise<{ year: CalendarYearInput; row: CalendarYearRow | null }[]> {
  const rows = await findCalendarYears(db, jurisdictionId);
  const years = new Map<number, { year: CalendarYearInput; row: CalendarYearRow | null }>();
  for (const year of calendars.builtInYears) years.set(year.year, { year, row: null });
  for (const row of rows) years.set(row.year, { year: yearOfRow(row), row });
  return [...years.values()].sort((a, b) => a.year.year - b.year.year);
}

/** The years loaded, and the years deadlines need now (this and next) that are missing. */
export async function listCalendarYears(
  db: Db,
  options: { principal: Principal; calendars: CalendarModule; now: Date },
): Promise<CalendarYearList> {
  const { principal, calendars, now } = options;
  authorize(principal, 'calendar.manage', null);
  const years = await effectiveYears(db, calendars, principal.jurisdictionId);
  const thisYear = Number(shanghaiDateOf(now).slice(0, 4));
  const neededYears = [thisYear, thisYear + 1];
  const loaded = new Set(
    years.filter(({ year }) => year.loaded && parseCalendarYear(year).ok).map(({ year }) => year.year),
  );
  return {
    years: years.map(({ year, row }) => presentYear(year, row)),
    officeHours: (calendars.sessions ?? DEFAULT_WORKING_SESSIONS).map(({ start, end }) => ({ start, end })),
    neededYears,
    missingYears: neededYears.filter((year) => !loaded.has(year)),
  };
}

/**
 * Saves one year's holidays and make-up working days: validated by the calendar kernel's rules,
 * written with the next revision, told to the listeners (the cases module retimes its open
 * clocks) and audited with before and after, all in the caller's transaction.
 */
export async function saveCalendarYear(
  trx: Db,
  options: {
    principal: Principal;
    actor: Actor;
    calendars: CalendarModule;
    year: number;
    request: CalendarYearRequest;
    now: Date;
  },
): Promise<CalendarYear> {
  const { principal, calendars, now } = options;
  authorize(principal, 'calendar.manage', null);
  const input: CalendarYearInput = { year: options.year, ...options.request };
  const parsed = parseCalendarYear(input);
  if (!parsed.ok) {
    throw new AppError('calendar.year_invalid', `The calendar of ${options.year} is inconsistent`, {
      errors: parsed.errors,
    });
  }
  const jurisdictionId = principal.jurisdictionId;
  const before = (await effectiveYears(trx, calendars, jurisdictionId)).find(
    (entry) => entry.year.year === options.year,
  );
  await saveYear(trx, { jurisdictionId, year: input, accountId: principal.accountId, now });
  const after = await effectiveYears(trx, calendars, jurisdictionId);
  const calendar = calendars.build(after.map((entry) => entry.year));
  const details: Record<string, unknown> = {};
  for (const listener of calendars.yearListeners()) {
    Object.assign(
      details,
      await listener({ trx, jurisdictionId, year: options.year, calendar, now, actor: options.actor }),
    );
  }
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'calendar.year_saved',
    subjectType: 'calendar_year',
    subjectId: options.year,
    details: { before: before ? presentYear(before.year, before.row) : null, after: input, ...details },
  });
  const saved = after.find((entry) => entry.year.year === options.year);
  if (!saved) throw new Error(`calendar year ${options.year} was not saved`);
  return presentYear(saved.year, saved.row);
}
