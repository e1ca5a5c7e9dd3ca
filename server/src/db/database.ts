import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export class DatabaseRefusedError extends Error {
  override name = 'DatabaseRefusedError';
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** bigint ids and counts fit in a JS number here; both engines return numbers, mapped in this one place. */
const toNumber = (value: string) => Number(value);

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  production: boolean;
}

/** PGlite under DATA_DIR when there is no DATABASE_URL, else a pooled PostgreSQL connection. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.production);
  if (options.production) {
    throw new DatabaseRefusedError(
      'NODE_ENV=production refuses the embedded PGlite database: it runs with fsync off and cannot ' +
        'survive a power loss, and it serves one process only. Set DATABASE_URL to a PostgreSQL server.',
    );
  }
  const release = lockDataDir(options.dataDir);
  try {
    const pglite = new PGlite({ dataDir: path.join(options.dataDir, 'pglite'), parsers: pgliteParsers });
    await pglite.waitReady;
    return wrapPGlite(pglite, release);
  } catch (error) {
    release();
    throw error;
  }
}

const pgliteParsers = { [INT8_OID]: toNumber, [NUMERIC_OID]: toNumber };

/** An in-memory PGlite, optionally restored from a dumped data directory (tests use a migrated snapshot). */
export async function openMemoryPGlite(snapshot?: Blob): Promise<DatabaseHandle & { pglite: PGlite }> {
  const pglite = new PGlite({ parsers: pgliteParsers, ...(snapshot ? { loadDataDir: snapshot } : {}) });
  await pglite.waitReady;
  return wrapPGlite(pglite, () => {});
}

export function wrapPGlite(pglite: PGlite, release: () => void): DatabaseHandle & { pglite: PGlite } {
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    pglite,
    kind: 'pglite',
    close: async () => {
      await db.destroy();
      await pglite.close();
      release();
    },
  };
}

/** A small pool on a test database (no production checks). */
export function openPostgresForTests(connectionString: string): Promise<DatabaseHandle> {
  return openPostgres(connectionString, false, 4);
}

async function openPostgres(
  connectionString: string,
  production: boolean,
  max = 10,
): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString,
    max,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID || oid === NUMERIC_OID
          ? toNumber
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  try {
    const client = await pool.connect();
    try {
      if (production) await refuseUnsafeServer(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    close: async () => {
      await db.destroy();
    },
  };
}

/** The part of a connection the production checks need. */
export interface SettingsReader {
  query(text: string): Promise<{ rows: Record<string, string>[] }>;
}

export async function refuseUnsafeServer(client: SettingsReader): Promise<void> {
  for (const setting of ['fsync', 'full_page_writes']) {
    const { rows } = await client.query(`show ${setting}`);
    if (rows[0]?.[setting] !== 'on') {
      throw new DatabaseRefusedError(
        `NODE_ENV=production refuses this PostgreSQL server: ${setting} is off, so a crash can lose ` +
          `or corrupt committed data. Turn ${setting} on in postgresql.conf and restart the server.`,
      );
    }
  }
}
