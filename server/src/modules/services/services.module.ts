import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Clock, systemClock } from '../../platform/clock.ts';
import { CALENDAR_YEARS } from '../../platform/working-calendar.data.ts';
import { createWorkingCalendar, type WorkingCalendar } from '../../platform/working-calendar.ts';
import type { Db } from './services.table.ts';

export interface ServicesOptions {
  /** Statutory holidays and make-up days (default: the years in working-calendar.data.ts). */
  calendar?: WorkingCalendar;
  clock?: Clock;
}

/** The services module as the app sees it (幸福365): one per process. */
export class ServicesModule {
  readonly db: Db;
  readonly calendar: WorkingCalendar;
  readonly clock: Clock;

  constructor(db: Kysely<Database>, options: ServicesOptions = {}) {
    this.db = db;
    this.calendar = options.calendar ?? createWorkingCalendar(CALENDAR_YEARS);
    this.clock = options.clock ?? systemClock;
  }
}
