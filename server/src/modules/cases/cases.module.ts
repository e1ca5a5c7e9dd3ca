import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Clock, systemClock } from '../../platform/clock.ts';
import type { PersonalDataCipher } from '../../platform/personal-data.ts';
import { CALENDAR_YEARS } from '../../platform/working-calendar.data.ts';
import { createWorkingCalendar, type WorkingCalendar } from '../../platform/working-calendar.ts';
import type { TerritoryModule } from '../territory/index.ts';
import { type Db, withCasesTables } from './case.table.ts';
import { PhotoStore } from './case-photos.ts';
import { IntakeBatcher } from './intake-batcher.ts';

export interface CasesOptions {
  /** Where photo files are kept: DATA_DIR/photos in the app. */
  photosDir: string;
  /** The working calendar for deadlines (default: the years in working-calendar.data.ts). */
  calendar?: WorkingCalendar;
  clock?: Clock;
  /** Intake transactions in flight at once (group commit): 1 on PGlite, a few on PostgreSQL. */
  intakeConcurrency?: number;
  /** Encrypts what personal data the cases keep (a 12345 caller's phone); without it none is kept. */
  personalData?: PersonalDataCipher;
}

/** The cases module as the app sees it: one per process. */
export class CasesModule {
  readonly db: Db;
  readonly calendar: WorkingCalendar;
  readonly clock: Clock;
  readonly photos: PhotoStore;
  /** Intake with group commit: concurrent reports share one transaction. */
  readonly intake: IntakeBatcher;
  readonly personalData: PersonalDataCipher | null;

  constructor(
    db: Kysely<Database>,
    readonly territory: TerritoryModule,
    options: CasesOptions,
  ) {
    this.db = withCasesTables(db);
    this.calendar = options.calendar ?? createWorkingCalendar(CALENDAR_YEARS);
    this.clock = options.clock ?? systemClock;
    this.photos = new PhotoStore(options.photosDir);
    this.intake = new IntakeBatcher(this.db, { concurrency: options.intakeConcurrency ?? 1 });
    this.personalData = options.personalData ?? null;
  }
}
