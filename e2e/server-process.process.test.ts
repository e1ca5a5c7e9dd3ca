import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DemoAccount,
  type Health,
  type Me,
  type PlaceCard,
  type ResidentPage,
  Role,
  type TerritorySummary,
} from '#contracts';
import { fetchJson, type ServerProcess, startServer, waitUntilHealthy } from './support/server-process.ts';
import { signInOverHttp } from './support/session.ts';

interface Exported {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: unknown; properties: { name: string } & Record<string, unknown> }[];
}

/**
 * The server as a process: the Longkou demo on a fresh data directory, the data-directory lock,
 * SIGTERM, production refusals, and a SIGKILL in the middle of an import.
 */
describe('the server process on the embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingzhi-process-'));
  let first: ServerProcess;
  /** The admin's session on the current server process (signed in again after each restart). */
  const auth = async () => ({ headers: await signInOverHttp(first.url, 'admin') });

  beforeAll(async () => {
    // A first start on an empty directory seeds the demo itself.
    first = await startServer({ dataDir, demo: 'fresh' });
    await waitUntilHealthy(first);
  });
  afterAll(async () => {
    await first?.stop('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the Longkou demo: 5 real subdistricts, 454 grids, 2229 units', async () => {
    const health = await fetchJson<Health>(`${first.url}/healthz`);
    expect(health).toMatchObject({ status: 'ok', database: 'pglite' });
    const summary = await fetchJson<TerritorySummary>(`${first.url}/api/territory/summary`, await auth());
    expect(summary.jurisdiction).toEqual({ code: '370681', name: '龙口市' });
    expect(summary.subdistricts.map((s) => s.name)).toEqual([
      '东莱街道',
      '龙港街道',
      '新嘉街道',
      '徐福街道',
      '东江街道',
    ]);
    expect(summary.counts).toMatchObject({ communities: 39, grids: 454, units: 2229 });
    expect(summary.counts.households).toBeGreaterThan(200_000);
  });

  it('lists one demo login per role, with two grid workers of one community in different grids', async () => {
    const accounts = await fetchJson<DemoAccount[]>(`${first.url}/api/demo/accounts`);
    expect(new Set(accounts.map((a) => a.role))).toEqual(new Set(Role.options));
    for (const account of accounts) {
      const headers = await signInOverHttp(first.url, account.username);
      const me = await fetchJson<Me>(`${first.url}/api/auth/me`, { headers });
      expect(me).toMatchObject({ username: account.username, role: account.role, scope: account.scope });
    }
    const workers = accounts.filter((a) => a.role === 'grid_worker');
    expect(workers).toHaveLength(2);
    expect(workers[0]?.scope.id).not.toBe(workers[1]?.scope.id);
    const communities = await Promise.all(
      workers.map(async (worker) => {
        const card = await fetchJson<PlaceCard>(
          `${first.url}/api/territory/places/${worker.scope.id}`,
          await auth(),
        );
        return card.ancestors.find((a) => a.level === 'community')?.id;
      }),
    );
    expect(communities[0]).toBeDefined();
    expect(communities[0]).toBe(communities[1]);
  });

  it('writes no phone or ID number into its logs, even when one is unmasked and searched for', async () => {
    const headers = await signInOverHttp(first.url, 'secretary');
    const page = await fetchJson<ResidentPage>(`${first.url}/api/people/residents?limit=1`, { headers });
    const resident = page.residents[0];
    if (!resident) throw new Error('the demo has no resident in the secretary’s community');
    expect(resident.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const unmasked = await fetchJson<{ phone: string; idNumber: string }>(
      `${first.url}/api/people/residents/${resident.id}/unmask`,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: '核实联系方式' }),
      },
    );
    expect(unmasked.phone).toMatch(/^1\d{10}$/);
    const found = await fetchJson<ResidentPage>(`${first.url}/api/people/residents?phone=${unmasked.phone}`, {
      headers,
    });
    expect(found.residents.map((r) => r.id)).toContain(resident.id);
    await fetchJson(`${first.url}/api/people/residents?idNumber=${unmasked.idNumber}`, { headers });
    expect(first.output()).not.toContain(unmasked.phone);
    expect(first.output()).not.toContain(unmasked.idNumber);
  });

  it('refuses a second server on the same data directory and leaves the first running', async () => {
    const second = await startServer({ dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/in use by another Jingzhi process \(pid \d+\)/);
    const summary = await fetchJson<TerritorySummary>(`${first.url}/api/territory/summary`, await auth());
    expect(summary.counts.units).toBe(2229);
  });

  it('keeps an import whole or not at all when killed with SIGKILL in the middle', async () => {
    const exported = await fetchJson<Exported>(
      `${first.url}/api/territory/export?levels=grid,unit`,
      await auth(),
    );
    const names = exported.features.map((f) => f.properties.name);
    const renamed = (suffix: string) => ({
      ...exported,
      features: exported.features.map((f, i) => ({
        ...f,
        properties: { ...f.properties, name: `${names[i]}${suffix}` },
      })),
    });
    let headers = (await auth()).headers;
    const startImport = (suffix: string) =>
      fetch(`${first.url}/api/territory/import`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify(renamed(suffix)),
      }).then(
        (response) => response.status,
        () => 'connection lost' as const,
      );
    const suffixesNow = async () => {
      const now = await fetchJson<Exported>(
        `${first.url}/api/territory/export?levels=grid,unit`,
        await auth(),
      );
      return new Set(
        now.features.map((f: { properties: { name: string } }, i: number) =>
          f.properties.name.slice((names[i] as string).length),
        ),
      );
    };

    // A complete import first, to know how long one takes.
    const started = Date.now();
    expect(await startImport('·v0')).toBe(200);
    const duration = Date.now() - started;
    let committed = '·v0';
    let interrupted = 0;
    for (const [round, fraction] of [0.3, 0.6, 0.9].entries()) {
      const suffix = `·v${round + 1}`;
      const pending = startImport(suffix);
      await new Promise((resolve) => setTimeout(resolve, duration * fraction));
      first.child.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');
      if ((await pending) === 'connection lost') interrupted++;
      else committed = suffix;
      first = await startServer({ dataDir });
      await waitUntilHealthy(first);
      headers = (await auth()).headers;
      const suffixes = await suffixesNow();
      // Every grid and unit carries the same suffix: the import landed whole or not at all.
      expect(suffixes.size).toBe(1);
      const [seen] = [...suffixes];
      expect([committed, suffix]).toContain(seen);
      committed = seen as string;
    }
    expect(interrupted).toBeGreaterThan(0);
    const summary = await fetchJson<TerritorySummary>(`${first.url}/api/territory/summary`, await auth());
    expect(summary.counts).toMatchObject({ grids: 454, units: 2229 });
  });

  it('shuts down cleanly on SIGTERM and releases the data directory', async () => {
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'jingzhi.lock'))).toBe(false);
    first = await startServer({ dataDir });
    await waitUntilHealthy(first);
  });
});

describe('production refusals', () => {
  it('refuses to start on PGlite with NODE_ENV=production, saying why', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingzhi-prod-'));
    const server = await startServer({ dataDir, env: { NODE_ENV: 'production' } });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/refuses the embedded PGlite database/);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('names a bad configuration value', async () => {
    const server = await startServer({ dataDir: os.tmpdir(), demo: 'fresh', env: { PORT: 'eighty' } });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/PORT="eighty"/);
  });
});
