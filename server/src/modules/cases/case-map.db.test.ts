import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaseDetail, CaseMapResponse, CasePage, Role, ScopeLevel } from '#contracts';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { type SignedIn, signInAs } from '../../../test/sign-in.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import type { FakeClock } from '../../platform/clock.ts';
import { buildCategoryCatalogue } from './case.categories.ts';
import { buildCasesTestApp, seedCaseReferenceData } from './testing/cases-test-app.ts';

/**
 * The city map of open cases (`GET /api/cases/map`): points in the viewer's scope, open only, with
 * the same light as the list and the case page, filters by light, class and subcategory, counts by
 * light; and "my reports" (`GET /api/cases?mine=true&sort=newest`).
 */

const catalogue = buildCategoryCatalogue();
const normal = catalogue.categories.filter((c) => c.kind === 'event' && !c.urgent);
const CATEGORY = normal[0];
const OTHER = normal.find((c) => c.major.code !== CATEGORY?.major.code);
if (!CATEGORY || !OTHER) throw new Error('the catalogue lacks two normal event classes');

describeOnEngines('the case map and my reports', (database) => {
  let app: App;
  let clock: FakeClock;
  let t: TestTerritory;
  const who = new Map<string, SignedIn>();

  const signIn = async (label: string, role: Role, level: ScopeLevel, id: number | null) => {
    who.set(
      label,
      await signInAs(app, database(), { jurisdictionId: t.jurisdictionId, role, scope: { level, id } }),
    );
  };
  const headers = (label: string) => {
    const found = who.get(label);
    if (!found) throw new Error(`no actor ${label}`);
    return found.headers;
  };
  const get = async <T>(label: string, url: string): Promise<T> => {
    const response = await app.inject({ method: 'GET', url, headers: headers(label) });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  let keys = 0;
  const report = async (label: string, unit: number, categoryCode: string): Promise<CaseDetail> => {
    const box = t.unitBoxes[unit];
    if (!box) throw new Error(`no unit ${unit}`);
    const response = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { ...headers(label), 'idempotency-key': `map-${process.pid}-${Date.now()}-${++keys}` },
      payload: {
        categoryCode,
        description: `地图测试 ${keys}`,
        point: { lng: (box[0] + box[2]) / 2, lat: (box[1] + box[3]) / 2 },
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const map = (label: string, query = '') => get<CaseMapResponse>(label, `/api/cases/map?${query}`);
  const pointIds = (response: CaseMapResponse) => response.points.map((p) => p[0]);

  beforeAll(async () => {
    const built = await buildCasesTestApp(database());
    app = built.app;
    clock = built.clock;
    t = await createTestTerritory(database().db, { communities: 2, gridsPerCommunity: 1, unitsPerGrid: 1 });
    await seedCaseReferenceData(database().db, t.jurisdictionId);
    const [grid0, grid1] = t.grids;
    if (!grid0 || !grid1) throw new Error('territory incomplete');
    await signIn('resident', 'resident', 'self', null);
    await signIn('grid0', 'grid_worker', 'grid', grid0.id);
    await signIn('grid1', 'grid_worker', 'grid', grid1.id);
    await signIn('admin', 'admin', 'jurisdiction', null);
  });
  afterAll(async () => {
    await app.close();
  });

  it('draws the open cases in scope with the list’s light, by light and category', async () => {
    const inGrid0 = await report('resident', 0, CATEGORY.code);
    const other = await report('resident', 0, OTHER.code);
    const inGrid1 = await report('resident', 1, CATEGORY.code);
    const rejected = await report('resident', 0, CATEGORY.code);
    const refused = await app.inject({
      method: 'POST',
      url: `/api/cases/${rejected.id}/moves`,
      headers: headers('grid0'),
      payload: { version: rejected.version, event: { type: 'reject', reason: '重复上报' } },
    });
    expect(refused.statusCode, refused.body).toBe(200);

    const grid0 = await map('grid0');
    expect(new Set(pointIds(grid0))).toEqual(new Set([inGrid0.id, other.id]));
    expect(grid0.truncated).toBe(false);
    const point = grid0.points.find((p) => p[0] === inGrid0.id);
    expect(point).toEqual([
      inGrid0.id,
      inGrid0.point.lng,
      inGrid0.point.lat,
      'green',
      CATEGORY.code,
      'reported',
    ]);
    expect(grid0.counts).toEqual({ red: 0, yellow: 0, green: 2, none: 0 });
    expect(pointIds(await map('grid1'))).toEqual([inGrid1.id]);
    // The reporter's own cases are theirs to see, on the map too.
    expect(new Set(pointIds(await map('resident')))).toEqual(new Set([inGrid0.id, other.id, inGrid1.id]));

    // A class (大类) code takes its subcategories; a subcategory's only itself.
    const byClass = await map('admin', `categoryCode=${OTHER.major.code}`);
    expect(pointIds(byClass)).toEqual([other.id]);
    expect(byClass.counts.green).toBe(1);
    expect(pointIds(await map('admin', `categoryCode=${CATEGORY.code}`)).sort()).toEqual(
      [inGrid0.id, inGrid1.id].sort(),
    );
    expect(pointIds(await map('admin', `placeId=${t.grids[1]?.id}`))).toEqual([inGrid1.id]);

    // Lights move with the clock, and agree with the list and the case page.
    const start = clock.now().getTime();
    try {
      const limitMinutes = CATEGORY.limits.accept.amount * 60;
      expect(CATEGORY.limits.accept.unit).toBe('work_hour');
      for (const [minutes, light] of [
        [limitMinutes * 0.8, 'yellow'],
        [limitMinutes * 0.2 + 1, 'red'],
      ] as const) {
        clock.advanceMinutes(minutes);
        // Sessions idle out on the same clock: a fresh viewer for each look.
        await signIn('viewer', 'admin', 'jurisdiction', null);
        const onMap = await map('viewer', `placeId=${t.grids[1]?.id}`);
        expect(onMap.points.map((p) => p[3])).toEqual([light]);
        expect(onMap.counts[light]).toBe(1);
        expect(pointIds(await map('viewer', `placeId=${t.grids[1]?.id}&light=${light}`))).toEqual([
          inGrid1.id,
        ]);
        const green = await map('viewer', `placeId=${t.grids[1]?.id}&light=green`);
        expect(green.points).toEqual([]);
        const listed = await get<CasePage>('viewer', `/api/cases?placeId=${t.grids[1]?.id}`);
        expect(listed.cases.map((c) => c.clock?.light)).toEqual([light]);
        const read = await get<CaseDetail>('viewer', `/api/cases/${inGrid1.id}`);
        expect(read.clock?.light).toBe(light);
      }
    } finally {
      clock.advance(start - clock.now().getTime());
    }
  });

  it('lists a worker’s own reports newest first, apart from the rest of the grid', async () => {
    await signIn('patrol', 'grid_worker', 'grid', t.grids[0]?.id ?? null);
    const someoneElses = await report('resident', 0, CATEGORY.code);
    const first = await report('patrol', 0, CATEGORY.code);
    clock.advanceMinutes(1);
    const second = await report('patrol', 0, OTHER.code);
    const mine = await get<CasePage>('patrol', '/api/cases?mine=true&sort=newest');
    expect(mine.cases.map((c) => c.id)).toEqual([second.id, first.id]);
    expect(mine.total).toBe(2);
    const grid = await get<CasePage>('patrol', '/api/cases?limit=100');
    expect(grid.cases.map((c) => c.id)).toContain(someoneElses.id);
  });
});
