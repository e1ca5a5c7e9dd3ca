import type { Kysely } from 'kysely';
import type { FlagRule } from '#contracts/accountability.ts';
import type { Database } from '../../db/schema.ts';
import { type Clock, systemClock } from '../../platform/clock.ts';
import { type Db, withAccountabilityTables } from './accountability.table.ts';
import { DEFAULT_FLAG_RULE } from './task-flags.ts';

/** The accountability module as the app sees it: one per process, with the flag rule it applies. */
export class AccountabilityModule {
  readonly db: Db;

  constructor(
    db: Kysely<Database>,
    readonly clock: Clock = systemClock,
    readonly flagRule: FlagRule = DEFAULT_FLAG_RULE,
  ) {
    this.db = withAccountabilityTables(db);
  }
}
