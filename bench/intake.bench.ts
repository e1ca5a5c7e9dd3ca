import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { openPostgresForTests } from '../server/src/db/database.ts';
import { migrateToLatest } from '../server/src/db/migrate.ts';
import { hashPassword, insertAccounts } from '../server/src/modules/access/index.ts';
import { seedCaseCategories } from '../server/src/modules/cases/index.ts';
import { createTestTerritory } from '../server/test/factories.ts';
import type { Benchmark, Figure } from './benchmarks.ts';

/**
 * Case intake over HTTP against the server's plain single-row insert ceiling, in one run on the same
 * PostgreSQL (BENCH_DATABASE_URL, default the local server; a fresh database is made and dropped):
 *
 * - baseline: concurrent single-row INSERTs (64 connections, synchronous_commit on), rows/s;
 * - value: POST /api/cases over HTTP to the real server process (validate, locate, route, insert,
 *   timeline, audit, measures), 201 answers/s at saturation;
 * - p99 latency of intake at a fixed 1,000 requests/s (open loop: see runFixedRate).
 *
 * Durations from BENCH_SECONDS (default 10). The log also gives the latency spread of the fixed-rate
 * runs, the CPU one case costs the server, PostgreSQL and the load generator (this process, on the
 * same cores), and the commits per case (session reads and intake statements: fewer when more
 * reports share a statement). For a closer look at the server: BENCH_SERVER_PROFILE=dir writes its
 * CPU profile there, BENCH_SERVER_FLAGS passes it Node flags (e.g. --trace-gc, whose output then
 * shows).
 */

const root = path.resolve(import.meta.dirname, '..');
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const PASSWORD = 'Bench-Passw0rd-2229';

function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Concurrent single-row INSERTs for `seconds`: the rows per second the server commits one at a time. */
async function insertCeiling(url: string, log: (m: string) => void): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: 64 });
  try {
    const setting = await pool.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    if (setting.rows[0]?.synchronous_commit !== 'on') throw new Error('synchronous_commit is not on');
    await pool.query(
      'CREATE TABLE bench_insert (id bigserial PRIMARY KEY, jurisdiction_id int NOT NULL, body text NOT NULL, at timestamptz NOT NULL DEFAULT now())',
    );
    let rows = 0;
    const until = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (performance.now() < until) {
          await pool.query('INSERT INTO bench_insert (jurisdiction_id, body) VALUES ($1, $2)', [
            1,
            '路灯不亮，晚上行人看不清路',
          ]);
          rows++;
        }
      }),
    );
    const perSecond = rows / ((performance.now() - started) / 1000);
    log(`single-row INSERTs: ${rows} in ${seconds} s → ${perSecond.toFixed(0)}/s`);
    return perSecond;
  } finally {
    await pool.end();
  }
}

function startServer(url: string, port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_PROFILE
        ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_SERVER_PROFILE]
        : []),
      ...(process.env.BENCH_SERVER_FLAGS ? process.env.BENCH_SERVER_FLAGS.split(' ') : []),
      '--import',
      'tsx',
      'server/src/main.ts',
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        DATABASE_URL: url,
        DEMO_SEED: 'false',
        JOBS: 'off',
        LOG_LEVEL: 'warn',
        SIGN_INS_PER_MINUTE_PER_IP: '600',
      },
      stdio: ['ignore', process.env.BENCH_SERVER_FLAGS ? 'inherit' : 'ignore', 'inherit'],
      detached: true,
    },
  );
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const poll = async () => {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (response.ok) return resolve(child);
      } catch {}
      if (child.exitCode !== null) return reject(new Error('the server exited'));
      if (Date.now() > deadline) return reject(new Error('the server did not start'));
      setTimeout(poll, 200);
    };
    void poll();
  });
}

/**
 * CPU seconds used so far by the server process and by each PostgreSQL process on this machine
 * (Linux /proc; null elsewhere or when the database is on another machine) — for the log: the CPU
 * one case costs is steadier than latency on a shared machine.
 */
function cpuSeconds(
  serverPid: number,
): { server: number; serverSystem: number; database: Map<string, number> } | null {
  const ticks = 100; // USER_HZ on Linux
  const times = (pid: string) => {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) / ticks, system: Number(fields[12]) / ticks };
  };
  const used = (pid: string) => {
    const { user, system } = times(pid);
    return user + system;
  };
  try {
    const database = new Map<string, number>();
    for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') database.set(pid, used(pid));
      } catch {}
    }
    return { server: used(String(serverPid)), serverSystem: times(String(serverPid)).system, database };
  } catch {
    return null;
  }
}

function cpuPerCase(
  before: ReturnType<typeof cpuSeconds>,
  after: ReturnType<typeof cpuSeconds>,
  cases: number,
): string {
  if (!before || !after || cases === 0) return '';
  const ms = (s: number) => ((s * 1000) / cases).toFixed(2);
  // Per process, over those alive at the end (a backend started since counts from zero): a process
  // that exited meanwhile (an autovacuum worker) takes its time with it, instead of making the
  // difference of two sums negative.
  let database = 0;
  for (const [pid, seconds] of after.database) database += seconds - (before.database.get(pid) ?? 0);
  return `; CPU per case: server ${ms(after.server - before.server)} ms (system ${ms(after.serverSystem - before.serverSystem)} ms), PostgreSQL ${ms(database)} ms`;
}

/** Transactions committed in the database so far (each statement outside a transaction block is one). */
async function commits(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The statistics a backend collects reach the shared view when its transaction ends or, when
    // idle, within a second; a fresh snapshot of them is read here.
    await client.query('select pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ commits: string }>(
      'select xact_commit as commits from pg_stat_database where datname = current_database()',
    );
    return Number(rows[0]?.commits ?? 0);
  } finally {
    await client.end();
  }
}

interface Load {
  ok: number;
  other: number;
  perSecond: number;
  p99: number;
  /** Latency percentiles for the log (open loop only). */
  spread?: string;
}

/** Closed-loop saturation: `connections` clients, each sending its next report as soon as it has an answer. */
function runLoad(
  port: number,
  headers: Record<string, string>,
  bodies: string[],
  options: { connections: number },
): Promise<Load> {
  let next = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}/api/cases`,
        method: 'POST',
        connections: options.connections,
        duration: seconds,
        requests: [
          {
            setupRequest: (request) => {
              next++;
              return {
                ...request,
                headers: { ...headers, 'idempotency-key': crypto.randomUUID() },
                body: bodies[next % bodies.length] as string,
              };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const ok = result['2xx'];
        resolve({
          ok,
          other: result.non2xx + result.errors + result.timeouts,
          perSecond: ok / (result.duration || seconds),
          p99: result.latency.p99,
        });
      },
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false });
  });
}

/**
 * Open-loop load at a fixed rate: a report is due every 1/rate s whether or not earlier ones have
 * been answered (keep-alive connections are added as needed), and each latency runs from the
 * instant the report was due — so a server that falls behind shows it, instead of the load easing
 * off (autocannon's per-connection rate sends each second's quota back to back, then waits: that is
 * saturation in bursts, not a fixed rate).
 */
async function runFixedRate(
  port: number,
  headers: Record<string, string>,
  bodies: string[],
  rate: number,
): Promise<Load> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
  const latencies: number[] = [];
  let ok = 0;
  let other = 0;
  const send = (body: string, due: number) =>
    new Promise<void>((resolve) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/cases',
          method: 'POST',
          agent,
          headers: {
            ...headers,
            'idempotency-key': crypto.randomUUID(),
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            latencies.push(performance.now() - due);
            if (response.statusCode === 201) ok++;
            else other++;
            resolve();
          });
        },
      );
      request.on('error', () => {
        other++;
        resolve();
      });
      request.end(body);
    });
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const started = performance.now();
  const answers: Promise<void>[] = [];
  while (answers.length < total) {
    const now = performance.now();
    while (answers.length < total && started + answers.length * interval <= now) {
      const due = started + answers.length * interval;
      answers.push(send(bodies[answers.length % bodies.length] as string, due));
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(answers);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0);
  return {
    ok,
    other,
    perSecond: ok / elapsed,
    p99: percentile(0.99),
    spread: `p50 ${percentile(0.5)} ms, p90 ${percentile(0.9)} ms, p99 ${percentile(0.99)} ms, max ${percentile(1)} ms`,
  };
}

export const intakeBenchmark: Benchmark = {
  name: 'intake',
  async run(log) {
    const name = `jingzhi_bench_intake_${process.pid}`;
    await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
    const url = databaseUrl(name);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingzhi-bench-intake-'));
    let server: ChildProcess | undefined;
    try {
      const ceiling = await insertCeiling(url, log);

      const database = await openPostgresForTests(url);
      const territory = await (async () => {
        await migrateToLatest(database.db);
        const t = await createTestTerritory(database.db, {
          communities: 10,
          gridsPerCommunity: 5,
          unitsPerGrid: 4,
        });
        await seedCaseCategories(database.db, t.jurisdictionId);
        await insertAccounts(database.db, [
          {
            jurisdictionId: t.jurisdictionId,
            username: 'bench-rider',
            displayName: '压测骑手',
            role: 'part_time_worker',
            scopeLevel: 'jurisdiction',
            scopeId: null,
            passwordHash: await hashPassword(PASSWORD),
            now: new Date(),
            mustChangePassword: false,
          },
        ]);
        return t;
      })().finally(() => database.close());

      const port = 20_000 + (process.pid % 20_000);
      server = await startServer(url, port, dataDir);
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bench-rider', password: PASSWORD }),
      });
      if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
      const cookie = /jz_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const headers = {
        'content-type': 'application/json',
        cookie: `jz_session=${cookie}`,
        'x-csrf-token': csrfToken,
      };
      // Points inside the units, spread over the grids; categories the rider reports most.
      const categories = ['100104', '100501', '200505'];
      const bodies = territory.unitBoxes.flatMap(([west, south, east, north], i) =>
        [0.3, 0.7].map((f) =>
          JSON.stringify({
            categoryCode: categories[i % categories.length],
            description: '路灯不亮，晚上行人看不清路',
            point: { lng: west + (east - west) * f, lat: south + (north - south) * (1 - f) },
            anonymous: false,
            photoIds: [],
          }),
        ),
      );
      const probe = await fetch(`http://127.0.0.1:${port}/api/cases`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': crypto.randomUUID() },
        body: bodies[0],
      });
      if (probe.status !== 201) throw new Error(`intake probe: ${probe.status} ${await probe.text()}`);

      log('warming up…');
      await runLoad(port, headers, bodies, { connections: 32 });
      const saturationCpuBefore = cpuSeconds(server.pid as number);
      const saturated = await runLoad(port, headers, bodies, { connections: 64 });
      const saturationCpuAfter = cpuSeconds(server.pid as number);
      log(
        `intake at saturation: ${saturated.ok} cases (${saturated.other} other answers) → ${saturated.perSecond.toFixed(0)}/s, p99 ${saturated.p99} ms${cpuPerCase(saturationCpuBefore, saturationCpuAfter, saturated.ok)}`,
      );
      if (saturated.other > saturated.ok / 100) throw new Error('more than 1% of intakes failed');
      // The tables went from empty to tens of thousands of rows in the runs above: analyse them now,
      // so that the fixed-rate run measures intake, not the planner statistics catching up (a
      // deployed database holds a year of cases and does not double in a minute).
      const analyze = new pg.Client({ connectionString: url });
      await analyze.connect();
      await analyze.query('ANALYZE').finally(() => analyze.end());
      const cpuBefore = cpuSeconds(server.pid as number);
      const commitsBefore = await commits(url);
      const loadBefore = process.cpuUsage();
      const steady = await runFixedRate(port, headers, bodies, 1000);
      const load = process.cpuUsage(loadBefore);
      const cpuAfter = cpuSeconds(server.pid as number);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // idle backends report within a second
      const commitsPerCase = ((await commits(url)) - commitsBefore) / steady.ok;
      log(
        `intake at a fixed 1,000/s: ${steady.ok} cases (${steady.other} other answers) in ${(steady.ok / steady.perSecond).toFixed(1)} s, ${steady.spread}${cpuPerCase(cpuBefore, cpuAfter, steady.ok)}, load generator ${((load.user + load.system) / 1000 / steady.ok).toFixed(2)} ms; ${commitsPerCase.toFixed(2)} commits per case`,
      );
      // Below saturation, for the record (not a figure): the latency the server gives when it keeps up.
      const half = Math.max(100, Math.round(saturated.perSecond / 2 / 100) * 100);
      const easy = await runFixedRate(port, headers, bodies, half);
      log(`intake at a fixed ${half}/s: ${easy.spread}`);

      const figures: Figure[] = [
        {
          metric: 'cases_per_s',
          value: Math.round(saturated.perSecond),
          baseline: Math.round(ceiling),
          ratio: Math.round((saturated.perSecond / ceiling) * 100) / 100,
        },
        {
          metric: 'p99_ms_at_1000_per_s',
          value: steady.p99,
          baseline: 25,
          ratio: Math.round((steady.p99 / 25) * 100) / 100,
        },
      ];
      return figures;
    } finally {
      if (server?.pid && server.exitCode === null) {
        // Let the server finish its shutdown before its database is dropped under it.
        const exited = new Promise((resolve) => server?.once('exit', resolve));
        try {
          process.kill(-server.pid, 'SIGTERM');
        } catch {}
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
      await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  },
};
