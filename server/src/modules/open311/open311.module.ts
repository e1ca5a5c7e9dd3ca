import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CasesModule } from '../cases/index.ts';
import type { TerritoryModule } from '../territory/index.ts';
import { type Db, withOpen311Tables } from './open311.table.ts';

export interface Open311Options {
  /** Demo mode: the key `demo-open311-key` is accepted (never otherwise). */
  demoMode: boolean;
}

/** Open311 GeoReport v2 as the app sees it: one per process, over the cases and territory modules. */
export class Open311Module {
  readonly db: Db;
  readonly demoMode: boolean;

  constructor(
    readonly baseDb: Kysely<Database>,
    readonly territory: TerritoryModule,
    readonly cases: CasesModule,
    options: Open311Options,
  ) {
    this.db = withOpen311Tables(baseDb);
    this.demoMode = options.demoMode;
  }
}
