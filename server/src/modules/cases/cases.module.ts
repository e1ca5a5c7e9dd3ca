import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Clock, systemClock } from '../../platform/clock.ts';
import type { PersonalDataCipher } from '../../platform/personal-data.ts';
import type { WorkingCalendar } from '../../platform/working-calendar.ts';
import { CalendarModule } from '../calendar/index.ts';
import type { TerritoryModule } from '../territory/index.ts';
import { type Db, withCasesTables } from './case.table.ts';
import { CategoryCache } from './case-category-cache.ts';
import { PhotoStore } from './case-photos.ts';
import { IntakeBatcher } from './intake-batcher.ts';
import { intakeIdReserves } from './report-case.service.ts';
import { retimeClocksForYear } from './retime-case-clocks.service.ts';

export interface CasesOptions {
  /** Where photo files are kept: DATA_DIR/photos in the app. */
  photosDir: string;
  /**
   * The working calendars for deadlines, per jurisdiction (default: one over this database: the
   * shipped years of working-calendar.data.ts under the jurisdiction's `calendar_year` rows).
   */
  calendars?: CalendarModule;
  clock?: Clock;
  /** Intake transactions in flight at once (group commit): 1 on PGlite, a few on PostgreSQL. */
  intakeConcurrency?: number;
  /**
   * How long intake trusts its cached categories before reading the catalogue's revision again
   * (default 1 s; a change made through this process is seen at once).
   */
  categoryRecheckMs?: number;
  /** Encrypts what personal data the cases keep (a 12345 caller's phone); without it none is kept. */
  personalData?: PersonalDataCipher;
}

/** The cases module as the app sees it: one per process. */
export class CasesModule {
  readonly db: Db;
  readonly calendars: CalendarModule;
  readonly clock: Clock;
  readonly photos: PhotoStore;
  /** The categories as intake sees them: cached, re-read when the catalogue's revision moved. */
  readonly categories: CategoryCache;
  /** Intake with group commit: concurrent reports share one transaction. */
  readonly intake: IntakeBatcher;
  readonly personalData: PersonalDataCipher | null;

  constructor(
    db: Kysely<Database>,
    readonly territory: TerritoryModule,
    options: CasesOptions,
  ) {
    this.db = withCasesTables(db);
    this.calendars = options.calendars ?? new CalendarModule(db);
    this.clock = options.clock ?? systemClock;
    this.photos = new PhotoStore(options.photosDir);
    this.categories = new CategoryCache(this.db, {
      ...(options.categoryRecheckMs === undefined ? {} : { recheckMs: options.categoryRecheckMs }),
    });
    this.intake = new IntakeBatcher(this.db, {
      concurrency: options.intakeConcurrency ?? 1,
      intake: { categories: this.categories.source, ids: intakeIdReserves() },
    });
    this.personalData = options.personalData ?? null;
    // A loaded or corrected year moves the open clocks it touches, in the transaction that saves it.
    this.calendars.onYearChanged(async (change) =>
      retimeClocksForYear(withCasesTables(change.trx), {
        jurisdictionId: change.jurisdictionId,
        year: change.year,
        calendar: change.calendar,
      }),
    );
  }

  /**
   * The jurisdiction's working calendar for deadlines and lights: its loaded years, re-read within
   * a second when an administrator changes one on any app server.
   */
  calendarFor(jurisdictionId: number): Promise<WorkingCalendar> {
    return this.calendars.calendarFor(jurisdictionId);
  }
}
