import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { prepareRepeatedStatements } from './prepared-statements.ts';
import type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /**
   * LISTEN on a channel: `onPayload` gets each NOTIFY's payload, which PostgreSQL delivers only
   * when the notifying transaction commits. On PostgreSQL this is one dedicated connection outside
   * the pool, reconnected after a failure (`onResync` is then called: signals may have been missed).
   * Returns the unlisten function.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onResync?: () => void,
  ): Promise<() => Promise<void>>;
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
    listen: async (channel, onPayload) => {
      // LISTEN through Kysely, so it waits for the connection's lease and never runs inside someone
      // else's transaction (a rollback would undo it); PGlite hands every notification to its listeners.
      await sql.raw(`listen ${quoteChannel(channel)}`).execute(db);
      const stop = pglite.onNotification((name, payload) => {
        if (name === channel) onPayload(payload);
      });
      // The LISTEN itself stays: other apps on the same PGlite (tests) may listen on the channel too.
      return async () => stop();
    },
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
  pool.on('connect', prepareRepeatedStatements());
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
  const listeners = new Set<PostgresListener>();
  return {
    db,
    kind: 'postgres',
    listen: async (channel, onPayload, onResync) => {
      const listener = new PostgresListener(connectionString, channel, onPayload, onResync);
      listeners.add(listener);
      await listener.start();
      return async () => {
        listeners.delete(listener);
        await listener.stop();
      };
    },
    close: async () => {
      await Promise.all([...listeners].map((listener) => listener.stop()));
      listeners.clear();
      await db.destroy();
    },
  };
}

/** A channel name as an SQL identifier (lower case letters, digits and underscores only). */
function quoteChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new RangeError(`bad channel name ${channel}`);
  return channel;
}

/**
 * LISTEN on its own connection, outside the pool (a pooled connection goes back to others). When the
 * connection fails it reconnects after a growing pause (up to 30 s), listens again and calls
 * `onResync`, since notifications sent meanwhile are lost.
 */
class PostgresListener {
  private client: pg.Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private failures = 0;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly onPayload: (payload: string) => void,
    private readonly onResync: (() => void) | undefined,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.onPayload(message.payload ?? '');
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`listen ${quoteChannel(this.channel)}`);
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
  }

  private lost(client: pg.Client): void {
    if (this.client !== client || this.stopped) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retryTimer) return;
    this.failures += 1;
    const pauseMs = Math.min(30_000, 500 * 2 ** Math.min(this.failures, 6));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect().then(
        () => this.onResync?.(),
        () => this.scheduleReconnect(),
      );
    }, pauseMs);
    this.retryTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
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
