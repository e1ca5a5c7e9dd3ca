import { sql } from 'kysely';
import pg from 'pg';
import { openPostgresForTests } from '../server/src/db/database.ts';
import { migrateToLatest } from '../server/src/db/migrate.ts';
import { placeRates } from '../server/src/modules/cases/case.measures.ts';
import { withCasesTables } from '../server/src/modules/cases/case.table.ts';
import { rollUpFacts, sumPlaceMeasures } from '../server/src/modules/cases/case-measures.repository.ts';
import { seedCaseCategories, seedCaseDepartments } from '../server/src/modules/cases/index.ts';
import { createTestTerritory } from '../server/test/factories.ts';
import type { Benchmark, Figure } from './benchmarks.ts';

/**
 * The three rates (response, resolution, satisfaction) per community over a year of cases: from
 * the maintained roll-ups (what GET /api/cases/measures reads) against the direct GROUP BY over the
 * per-case facts of every case, on PostgreSQL, in a fresh database that is dropped afterwards.
 *
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) is used only to create and drop
 * `jingzhi_bench_measures_<pid>`. BENCH_MEASURES_CASES sets the number of cases (default 10,000,000).
 * The cases are made by INSERT … SELECT generate_series over a Longkou-sized territory (39
 * communities, 468 grids), their facts likewise, and the roll-ups by the rebuild's own last step.
 */

const YEAR = { from: '2026-01-01', to: '2026-12-31' };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await run();
  return { ms: performance.now() - started, result };
}

export const measuresBenchmark: Benchmark = {
  name: 'measures',
  async run(log): Promise<Figure[]> {
    const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const size = Number(process.env.BENCH_MEASURES_CASES ?? 10_000_000);
    if (!Number.isInteger(size) || size < 1000)
      throw new Error('BENCH_MEASURES_CASES must be an integer ≥ 1000');
    const name = `jingzhi_bench_measures_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = await openPostgresForTests(url.toString());
    const started = performance.now();
    const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
    try {
      await migrateToLatest(handle.db);
      const db = withCasesTables(handle.db);
      const t = await createTestTerritory(handle.db, {
        communities: 39,
        gridsPerCommunity: 12,
        unitsPerGrid: 1,
      });
      const jurisdictionId = t.jurisdictionId;
      await seedCaseCategories(handle.db, jurisdictionId);
      const departments = [...(await seedCaseDepartments(handle.db, jurisdictionId)).values()];
      const category = await db
        .selectFrom('case_category')
        .select('code')
        .where('jurisdiction_id', '=', jurisdictionId)
        .orderBy('code')
        .executeTakeFirstOrThrow();
      log(
        `measures bench: ${size.toLocaleString()} cases in ${name}; territory of ${t.communities.length} communities, ${t.grids.length} grids`,
      );

      await db.transaction().execute(async (trx) => {
        // A bulk load of generated rows whose keys are right by construction: no per-row FK triggers.
        await sql`set local session_replication_role = replica`.execute(trx);
        await sql`select setseed(0.2229)`.execute(trx);
        await sql`create temporary table bench_grid on commit drop as
          select (row_number() over (order by u.id) - 1)::int as n, u.id as unit_id, u.grid_id, u.community_id, u.subdistrict_id
          from territory_place u where u.jurisdiction_id = ${jurisdictionId} and u.level = 'unit'`.execute(
          trx,
        );
        const grids = t.units.length;
        await sql`
          insert into case_record (jurisdiction_id, tracking_code, category_code, description, lng, lat,
            unit_id, grid_id, community_id, subdistrict_id, status, state, reporter_account_id, anonymous,
            channel, rating, clocks, reported_at, updated_at, closed_at)
          select ${jurisdictionId}, 'B' || lpad(x.i::text, 9, '0'), ${category.code}, '合成案件', 120.4, 37.6,
            g.unit_id, g.grid_id, g.community_id, g.subdistrict_id, x.status,
            jsonb_build_object('status', x.status, 'reopenCount', 0, 'ratingExpected', true), null, false,
            'grid_worker',
            case when x.status in ('closed', 'rated') then
              case when x.r2 < 0.70 then 'satisfied' when x.r2 < 0.90 then 'basically_satisfied'
                   when x.r2 < 0.96 then 'dissatisfied' end end,
            '[]', x.reported_at, x.reported_at + interval '3 days',
            case when x.status in ('closed', 'rejected', 'merged') then x.reported_at + interval '3 days' end
          from (
            select i, floor(random() * ${grids})::int as gn, random() as r2,
              timestamptz '2026-01-01 00:00+08' + random() * interval '365 days' as reported_at,
              case when r1 < 0.03 then 'rejected' when r1 < 0.04 then 'merged' when r1 < 0.88 then 'closed'
                   when r1 < 0.91 then 'rated' when r1 < 0.94 then 'verified' else 'in_progress' end as status
            from (select i, random() as r1 from generate_series(1, ${size}) i) s
          ) x
          join bench_grid g on g.n = x.gn
        `.execute(trx);
      });
      log(`${elapsed()}: cases inserted`);
      await db.transaction().execute(async (trx) => {
        await sql`set local session_replication_role = replica`.execute(trx);
        await sql`
          insert into case_measure_fact
          select jurisdiction_id, id, ((reported_at at time zone 'UTC') + interval '8 hours')::date,
            subdistrict_id, community_id, grid_id,
            case status when 'rejected' then 'rejected' when 'merged' then 'merged' else 'counted' end,
            r1 < 0.93, escalated, escalated and r2 < 0.8, resolved and r3 < 0.85, resolved, status = 'closed',
            status = 'closed' and not escalated, rating, r3 > 0.96,
            (r1 * 3600)::int, 1, (r2 * 86400 * 3)::int, 1,
            case when escalated then (r3 * 28800)::int else 0 end, escalated::int,
            0, 0,
            case when escalated and r2 < 0.8 then (r1 * 3600)::int else 0 end, (escalated and r2 < 0.8)::int,
            case when escalated and r2 < 0.8 then (r3 * 86400 * 5)::int else 0 end, (escalated and r2 < 0.8)::int,
            case when resolved then (r2 * 3600)::int else 0 end, resolved::int,
            case when rating is not null then (r3 * 86400)::int else 0 end, (rating is not null)::int
          from (
            select c.*, random() as r1, random() as r2, random() as r3, random() < 0.25 as escalated,
              c.status in ('verified', 'rated', 'closed') as resolved
            from case_record c where c.jurisdiction_id = ${jurisdictionId}
          ) c
        `.execute(trx);
        await sql`
          insert into case_measure_department_fact
          select f.jurisdiction_id, f.case_id, (${sql.val(departments)}::bigint[])[1 + f.case_id % ${departments.length}],
            1, 1, (f.accepted_on_time)::int, 0, f.resolved::int, (f.resolved and f.resolved_on_time)::int,
            f.acknowledge_seconds, f.acknowledge_runs, f.department_handle_seconds, f.department_handle_runs
          from case_measure_fact f where f.jurisdiction_id = ${jurisdictionId} and f.dispatched
        `.execute(trx);
      });
      log(`${elapsed()}: per-case facts inserted`);
      const built = await timed(() => db.transaction().execute((trx) => rollUpFacts(trx, jurisdictionId)));
      log(`${elapsed()}: roll-ups built from the facts in ${(built.ms / 1000).toFixed(1)} s`);
      await sql`vacuum analyze`.execute(db);
      const counts = await sql<{ facts: number; rollup: number }>`
        select (select count(*) from case_measure_fact) as facts, (select count(*) from case_measure_grid_day) as rollup
      `.execute(db);
      log(
        `${elapsed()}: vacuumed; ${counts.rows[0]?.facts.toLocaleString()} facts, ${counts.rows[0]?.rollup.toLocaleString()} roll-up rows`,
      );

      // What the three rates need: response, resolution, satisfaction.
      const counters = [
        'cases',
        'accepted_on_time',
        'resolved',
        'rated',
        'satisfied',
        'basically_satisfied',
      ] as const;
      const query = (source: 'rollup' | 'direct') =>
        sumPlaceMeasures(db, { jurisdictionId, groupBy: 'community_id', ...YEAR, source, counters });
      const threeRates = (sums: Awaited<ReturnType<typeof query>>) =>
        [...sums.entries()]
          .sort(([a], [b]) => a - b)
          .map(([id, counters]) => {
            const rates = placeRates(counters);
            return [id, rates.response, rates.resolution, rates.satisfaction];
          });
      // Both must agree before either is timed.
      const maintained = await query('rollup');
      const direct = await query('direct');
      if (JSON.stringify(threeRates(maintained)) !== JSON.stringify(threeRates(direct))) {
        throw new Error('the maintained figures and the direct GROUP BY disagree');
      }
      if (maintained.size !== t.communities.length)
        throw new Error(`expected ${t.communities.length} communities`);
      const rollupRuns: number[] = [];
      for (let i = 0; i < 11; i++) rollupRuns.push((await timed(() => query('rollup'))).ms);
      const directRuns: number[] = [];
      for (let i = 0; i < 3; i++) directRuns.push((await timed(() => query('direct'))).ms);
      const value = median(rollupRuns);
      const baseline = median(directRuns);
      log(
        `three rates per community over ${YEAR.from}…${YEAR.to}: maintained ${value.toFixed(1)} ms (median of 11), direct GROUP BY ${baseline.toFixed(0)} ms (median of 3); total ${elapsed()}`,
      );
      return [
        {
          metric: 'community_rates_ms',
          value: Math.round(value * 10) / 10,
          baseline: Math.round(baseline),
          ratio: Math.round((baseline / value) * 10) / 10,
        },
      ];
    } finally {
      await handle.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  },
};
