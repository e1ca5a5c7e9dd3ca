import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Any constant: serialises migrations between app servers starting at once on one PostgreSQL. */
const MIGRATION_LOCK_KEY = 370681;

export interface Migration {
  /** The timestamp prefix of the file name, e.g. 20261126235000: also the schema version. */
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const match = /^(\d{14})_([a-z0-9_]+)\.sql$/.exec(file);
      if (!match?.[1] || !match[2])
        throw new Error(`Migration file ${file} must be named YYYYMMDDHHMMSS_name.sql`);
      return {
        version: Number(match[1]),
        name: match[2],
        sql: fs.readFileSync(path.join(dir, file), 'utf8'),
      };
    });
}

/**
 * Applies the pending migrations in one transaction (append-only: an applied migration is never
 * edited). Returns the schema version, the newest applied migration.
 */
export async function migrateToLatest(db: Kysely<Database>, migrations = readMigrations()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    await sql`create table if not exists schema_migration (
      version bigint primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`.execute(trx);
    const applied = await sql<{ version: number }>`select version from schema_migration`.execute(trx);
    const appliedVersions = new Set(applied.rows.map((row) => Number(row.version)));
    for (const migration of migrations) {
      if (appliedVersions.has(migration.version)) continue;
      await sql.raw(migration.sql).execute(trx);
      await sql`insert into schema_migration (version, name) values (${migration.version}, ${migration.name})`.execute(
        trx,
      );
    }
    return readSchemaVersion(trx);
  });
}

export async function readSchemaVersion(db: Kysely<Database>): Promise<number> {
  const result = await sql<{
    version: number | null;
  }>`select max(version) as version from schema_migration`.execute(db);
  return Number(result.rows[0]?.version ?? 0);
}
