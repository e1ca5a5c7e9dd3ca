import { type Selectable, sql } from 'kysely';
import { jsonb } from '../../platform/audit.ts';
import type { CalendarYearInput } from '../../platform/working-calendar.ts';
import type { CalendarYearTable, Db } from './calendar.table.ts';

/** Queries of the calendar module: plain functions taking the database or a transaction first. */

export type CalendarYearRow = Selectable<CalendarYearTable> & { updated_by_name: string | null };

export function findCalendarYears(db: Db, jurisdictionId: number): Promise<CalendarYearRow[]> {
  return db
    .selectFrom('calendar_year as y')
    .leftJoin('account as a', (join) =>
      join.onRef('a.jurisdiction_id', '=', 'y.jurisdiction_id').onRef('a.id', '=', 'y.updated_by'),
    )
    .selectAll('y')
    .select('a.display_name as updated_by_name')
    .where('y.jurisdiction_id', '=', jurisdictionId)
    .orderBy('y.year')
    .execute();
}

/** The highest revision of a jurisdiction's years (0 without any): changes with every write. */
export async function readCalendarRevision(db: Db, jurisdictionId: number): Promise<number> {
  const row = await db
    .selectFrom('calendar_year')
    .select((eb) => eb.fn.max('revision').as('revision'))
    .where('jurisdiction_id', '=', jurisdictionId)
    .executeTakeFirst();
  return Number(row?.revision ?? 0);
}

/** Adds the years a jurisdiction has no row for; existing rows (and an administrator's edits) stay. */
export async function insertMissingYears(
  db: Db,
  jurisdictionId: number,
  years: readonly CalendarYearInput[],
): Promise<void> {
  if (years.length === 0) return;
  await db
    .insertInto('calendar_year')
    .values(
      years.map((year) => ({
        jurisdiction_id: jurisdictionId,
        year: year.year,
        loaded: year.loaded,
        source: year.source,
        holidays: jsonb(year.holidays),
        make_up_workdays: jsonb(year.makeUpWorkdays),
        updated_by: null,
        updated_at: null,
      })),
    )
    .onConflict((conflict) => conflict.columns(['jurisdiction_id', 'year']).doNothing())
    .execute();
}

/** Writes one year (insert or replace), taking the next revision. */
export async function saveYear(
  trx: Db,
  row: { jurisdictionId: number; year: CalendarYearInput; accountId: number; now: Date },
): Promise<void> {
  const values = {
    loaded: row.year.loaded,
    source: row.year.source,
    holidays: jsonb(row.year.holidays),
    make_up_workdays: jsonb(row.year.makeUpWorkdays),
    updated_by: row.accountId,
    updated_at: row.now,
  };
  await trx
    .insertInto('calendar_year')
    .values({ jurisdiction_id: row.jurisdictionId, year: row.year.year, ...values })
    .onConflict((conflict) =>
      conflict
        .columns(['jurisdiction_id', 'year'])
        .doUpdateSet({ ...values, revision: sql`nextval('calendar_year_revision')` }),
    )
    .execute();
}
