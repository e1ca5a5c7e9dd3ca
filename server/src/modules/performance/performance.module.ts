import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Clock, systemClock } from '../../platform/clock.ts';
import type { CasesModule } from '../cases/index.ts';
import type { TerritoryModule } from '../territory/index.ts';
import type { Db } from './performance.table.ts';

/**
 * The performance module as the app sees it (履职考评): one per process. It sits above
 * territory, people, cases and accountability: a visit's problem becomes a case through the cases
 * module, and a worker's assessment reads their grid's case figures.
 */
export class PerformanceModule {
  readonly db: Db;

  constructor(
    db: Kysely<Database>,
    readonly territory: TerritoryModule,
    readonly cases: CasesModule,
    readonly clock: Clock = systemClock,
  ) {
    this.db = db;
  }
}
