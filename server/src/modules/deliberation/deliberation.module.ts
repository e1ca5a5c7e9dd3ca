import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Clock, systemClock } from '../../platform/clock.ts';
import type { Db } from './deliberation.table.ts';

/** The deliberation module as the app sees it: one per process. */
export class DeliberationModule {
  readonly db: Db;

  constructor(
    db: Kysely<Database>,
    readonly clock: Clock = systemClock,
  ) {
    this.db = db;
  }
}
