import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/audit.ts';
import { RevisionCache } from '../../platform/revision-cache.ts';
import { CALENDAR_YEARS } from '../../platform/working-calendar.data.ts';
import {
  type CalendarYearInput,
  createWorkingCalendar,
  parseCalendarYear,
  type WorkingCalendar,
  type WorkingSession,
} from '../../platform/working-calendar.ts';
import { type CalendarYearRow, findCalendarYears, readCalendarRevision } from './calendar.repository.ts';
import { type Db, withCalendarTables } from './calendar.table.ts';

/** A year that changed, as listeners see it inside the transaction that changes it. */
export interface CalendarYearChange {
  trx: Kysely<Database>;
  jurisdictionId: number;
  year: number;
  /** The jurisdiction's calendar with the change. */
  calendar: WorkingCalendar;
  now: Date;
  actor: Actor;
}

/**
 * Told of every saved year inside its transaction (the cases module retimes its open clocks);
 * what it returns is added to the audit entry's details.
 */
export type CalendarYearListener = (
  change: CalendarYearChange,
) => Promise<Record<string, unknown> | undefined>;

export interface CalendarOptions {
  /** The years as shipped (default: working-calendar.data.ts): where a jurisdiction has no row. */
  builtInYears?: readonly CalendarYearInput[];
  /** Office hours (default: the kernel's 08:30–12:00, 13:30–17:30). */
  sessions?: readonly WorkingSession[];
  /**
   * How long a cached calendar is used before the jurisdiction's revision is read again (default
   * 1 s): another app server's edit reaches this one within that time. Tests use 0.
   */
  recheckMs?: number;
  /** Process time for the recheck interval (not the app's clock, which tests stop). */
  monotonicNow?: () => number;
}

/**
 * The working calendar of each jurisdiction (工作日历), built from its `calendar_year` rows over the
 * shipped years, cached per process (`platform/revision-cache.ts`). An edit in this process drops
 * the cache at once (`yearChanged`); other app servers notice within `recheckMs`, when a read of the
 * jurisdiction's highest revision differs from the cached one. A stored year that fails validation is left out
 * (the year is then "not loaded" and flagged), never taken as Monday–Friday silently.
 */
export class CalendarModule {
  readonly db: Db;
  readonly builtInYears: readonly CalendarYearInput[];
  readonly sessions: readonly WorkingSession[] | undefined;
  private readonly cache: RevisionCache<Db, WorkingCalendar>;
  private readonly listeners: CalendarYearListener[] = [];

  constructor(db: Kysely<Database>, options: CalendarOptions = {}) {
    this.db = withCalendarTables(db);
    this.builtInYears = options.builtInYears ?? CALENDAR_YEARS;
    this.sessions = options.sessions;
    this.cache = new RevisionCache(
      {
        revision: readCalendarRevision,
        load: async (db, jurisdictionId) =>
          this.build((await findCalendarYears(db, jurisdictionId)).map(yearOfRow)),
      },
      options,
    );
  }

  /** The jurisdiction's calendar: cached, re-read when another server changed a year. */
  calendarFor(jurisdictionId: number): Promise<WorkingCalendar> {
    return this.cache.get(jurisdictionId, this.db);
  }

  /** A calendar from stored years over the shipped ones; invalid stored years are left out. */
  build(stored: readonly CalendarYearInput[]): WorkingCalendar {
    const years = new Map<number, CalendarYearInput>();
    for (const year of [...this.builtInYears, ...stored]) {
      if (parseCalendarYear(year).ok) years.set(year.year, year);
      else years.delete(year.year);
    }
    return createWorkingCalendar([...years.values()], this.sessions ? { sessions: this.sessions } : {});
  }

  /** Another module's interest in saved years (called inside the saving transaction). */
  onYearChanged(listener: CalendarYearListener): void {
    this.listeners.push(listener);
  }

  /** @internal the listeners, for the service that saves a year. */
  yearListeners(): readonly CalendarYearListener[] {
    return this.listeners;
  }

  /** Call after a transaction that saved a year has committed: this process rebuilds at once. */
  yearChanged(jurisdictionId: number): void {
    this.cache.invalidate(jurisdictionId);
  }
}

export function yearOfRow(
  row: CalendarYearRow | Omit<CalendarYearRow, 'updated_by_name'>,
): CalendarYearInput {
  return {
    year: row.year,
    loaded: row.loaded,
    source: row.source,
    holidays: row.holidays,
    makeUpWorkdays: row.make_up_workdays,
  };
}
