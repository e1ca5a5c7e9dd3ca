import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { CALENDAR_YEARS } from '../../platform/working-calendar.data.ts';
import type { CalendarYearInput } from '../../platform/working-calendar.ts';
import { insertMissingYears } from './calendar.repository.ts';
import { withCalendarTables } from './calendar.table.ts';

/**
 * The shipped years (working-calendar.data.ts) into a jurisdiction's `calendar_year`, where it has
 * no row for them; an administrator's edits stay. Safe at every start.
 */
export async function seedCalendarYears(
  db: Kysely<Database>,
  jurisdictionId: number,
  years: readonly CalendarYearInput[] = CALENDAR_YEARS,
): Promise<void> {
  await insertMissingYears(withCalendarTables(db), jurisdictionId, years);
}

/** The shipped years in every jurisdiction (at start, after migrations). */
export async function seedCalendarYearsEverywhere(db: Kysely<Database>): Promise<void> {
  const jurisdictions = await db.selectFrom('jurisdiction').select('id').execute();
  for (const { id } of jurisdictions) await seedCalendarYears(db, id);
}
