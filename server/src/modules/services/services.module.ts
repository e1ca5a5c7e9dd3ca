import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Clock, systemClock } from '../../platform/clock.ts';
import type { WorkingCalendar } from '../../platform/working-calendar.ts';
import { CalendarModule } from '../calendar/index.ts';

export interface ServicesOptions {
  /**
   * The working calendars (工作日历: statutory holidays and make-up days) per jurisdiction, for
   * opening hours on holidays and promised days (default: one over this database: the shipped years
   * under the jurisdiction's `calendar_year` rows). The app passes the one the cases module uses.
   */
  calendars?: CalendarModule;
  clock?: Clock;
}

/** The services module as the app sees it (幸福365): one per process. */
export class ServicesModule {
  readonly db: Kysely<Database>;
  readonly calendars: CalendarModule;
  readonly clock: Clock;

  constructor(db: Kysely<Database>, options: ServicesOptions = {}) {
    this.db = db;
    this.calendars = options.calendars ?? new CalendarModule(db);
    this.clock = options.clock ?? systemClock;
  }

  /**
   * The jurisdiction's working calendar as its administrator last saved it. Read it before opening a
   * transaction (PGlite has one connection).
   */
  calendarFor(jurisdictionId: number): Promise<WorkingCalendar> {
    return this.calendars.calendarFor(jurisdictionId);
  }
}
