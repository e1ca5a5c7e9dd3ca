import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Clock, systemClock } from '../../platform/clock.ts';
import type { PersonalDataCipher } from '../../platform/personal-data.ts';
import type { TerritoryModule } from '../territory/index.ts';
import { type Db, withPeopleTables } from './people.table.ts';

/** The people module as the app sees it: one per process, holding the personal-data cipher. */
export class PeopleModule {
  readonly db: Db;

  constructor(
    db: Kysely<Database>,
    readonly territory: TerritoryModule,
    readonly cipher: PersonalDataCipher,
    readonly clock: Clock = systemClock,
  ) {
    this.db = withPeopleTables(db);
  }
}
