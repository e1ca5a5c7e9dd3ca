import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/test-database.ts';
import { refreshPlannerStatistics } from './planner-statistics.ts';

/**
 * Planner statistics: a table is analysed once it has rows and again each time it has doubled, not
 * on every run — on PGlite (no autovacuum) as on PostgreSQL.
 */
describeOnEngines('planner statistics', (database, engine) => {
  const table = `planner_probe_${engine}_${process.pid}`;
  const db = () => database().db;
  const fill = (rows: number) =>
    sql`insert into ${sql.table(table)} (body) select repeat('x', 100) from generate_series(1, ${rows})`.execute(
      db(),
    );
  const estimate = async () =>
    Number(
      (await sql<{ n: number }>`select reltuples as n from pg_class where relname = ${table}`.execute(db()))
        .rows[0]?.n,
    );

  afterAll(async () => {
    await sql`drop table if exists ${sql.table(table)}`.execute(db());
  });

  it('analyses a table that has rows and no statistics, then only after it has doubled', async () => {
    await sql`create table ${sql.table(table)} (id bigint generated always as identity primary key, body text not null)`.execute(
      db(),
    );
    expect(await refreshPlannerStatistics(db())).not.toContain(table); // empty: nothing to learn
    expect(await estimate()).toBeLessThan(0); // never analysed

    await fill(2_000);
    expect(await refreshPlannerStatistics(db())).toContain(table);
    expect(await estimate()).toBe(2_000);
    expect(await refreshPlannerStatistics(db())).not.toContain(table);

    await fill(500); // a quarter more: not yet
    expect(await refreshPlannerStatistics(db())).not.toContain(table);
    await fill(4_000); // more than doubled
    expect(await refreshPlannerStatistics(db())).toContain(table);
    expect(await estimate()).toBe(6_500);
  });
});
