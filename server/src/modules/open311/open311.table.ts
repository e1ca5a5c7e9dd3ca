import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CasesTables } from '../cases/index.ts';

/** Row types of the table the Open311 module owns (migration 20261127060000_open311.sql). */

export interface Open311ApiKeyTable {
  jurisdiction_id: number;
  id: Generated<number>;
  key_hash: string;
  owner_account_id: number;
  label: string;
  created_at: Date;
  revoked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface Open311Tables {
  open311_api_key: Open311ApiKeyTable;
}

/** The database as this module sees it: the app's tables, the cases' (read for the public view) and its own. */
export type Db = Kysely<Database & CasesTables & Open311Tables>;

/** The app's database handle typed with these tables too (a no-op once db/schema.ts composes them). */
export function withOpen311Tables(db: Kysely<Database>): Db {
  return db.withTables<{ [T in keyof (CasesTables & Open311Tables)]: (CasesTables & Open311Tables)[T] }>();
}
