import type { ColumnType, Kysely } from 'kysely';
import type { CalendarHoliday, CalendarMakeUpDay } from '#contracts';
import type { Database } from '../../db/schema.ts';

/** Row types of the calendar module's table (migration 20261127130000_calendar_years.sql). */

/** jsonb: read as a value, written as a `jsonb(...)` SQL expression (sent as text, cast in SQL). */
type Json<T> = ColumnType<T, unknown, unknown>;

export interface CalendarYearTable {
  jurisdiction_id: number;
  year: number;
  loaded: boolean;
  source: string;
  holidays: Json<CalendarHoliday[]>;
  make_up_workdays: Json<CalendarMakeUpDay[]>;
  /** From the sequence calendar_year_revision: the default on insert, the next value on every update. */
  revision: ColumnType<number, undefined, unknown>;
  updated_by: number | null;
  updated_at: Date | null;
}

export interface CalendarTables {
  calendar_year: CalendarYearTable;
}

/** The database as the calendar module sees it. */
export type Db = Kysely<Database & CalendarTables>;

/** The app's database handle typed with these tables too (a no-op once db/schema.ts composes them). */
export function withCalendarTables(db: Kysely<Database>): Db {
  return db.withTables<{ [T in keyof CalendarTables]: CalendarTables[T] }>();
}
