import { type Kysely, sql } from 'kysely';
import type { Job } from '../platform/jobs.ts';

/**
 * Planner statistics (ANALYZE) for tables that have grown since they were last analysed — what
 * autovacuum's analyze does on a PostgreSQL server, done by the app because PGlite has no
 * autovacuum and a server may run with it off.
 *
 * Without statistics the planner cannot tell a unique lookup from a scan of every row of one
 * jurisdiction: a foreign-key check planned while `case_record` was empty (a fresh database) kept
 * reading every case through an index that only starts with `jurisdiction_id`, so each new timeline
 * entry cost more than the last. ANALYZE gives the planner the row counts and invalidates such
 * cached plans.
 *
 * Growth is judged from the table's size on disk against the size ANALYZE last recorded (PGlite
 * keeps no activity counters): a table never analysed once it has a page, else one that has
 * doubled (and grown by a few pages) — estimates stay within a factor of two, and a table filling
 * up is analysed a logarithmic number of times (ANALYZE reads a sample of up to 30,000 rows). Each
 * run is one catalogue query, plus an ANALYZE per grown table.
 */
export async function refreshPlannerStatistics<DB>(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r'
      and (
        (c.reltuples < 0 and pg_relation_size(c.oid) > 0)
        or pg_relation_size(c.oid) / current_setting('block_size')::int > c.relpages * 2 + 8
      )
    order by c.relname`.execute(db);
  const analysed: string[] = [];
  for (const { name } of rows) {
    try {
      await sql`analyze ${sql.table(name)}`.execute(db);
      analysed.push(name);
    } catch (error) {
      // Dropped since it was listed (a migration, a test's scratch table): nothing to analyse.
      if ((error as { code?: unknown }).code !== UNDEFINED_TABLE) throw error;
    }
  }
  return analysed;
}

const UNDEFINED_TABLE = '42P01';

/** The job that keeps planner statistics fresh (runs whether or not the domain jobs are on). */
export function plannerStatisticsJob<DB>(db: Kysely<DB>, intervalMs = 10_000): Job {
  return {
    name: 'db.planner_statistics',
    intervalMs,
    run: async () => {
      const analyzed = await refreshPlannerStatistics(db);
      return analyzed.length > 0 ? { analyzed } : undefined;
    },
  };
}
