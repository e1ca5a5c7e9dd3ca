import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestTerritory, rectangle, type TestTerritory } from '../../../test/factories.ts';
import { type SignedIn, signInAs } from '../../../test/sign-in.ts';
import { buildTestApp } from '../../../test/test-app.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';

describeOnEngines('territory API', (database) => {
  let app: App;
  let t: TestTerritory;
  let admin: SignedIn;
  const headers = () => admin.headers;
  const get = (url: string) => app.inject({ method: 'GET', url, headers: headers() });
  const post = (url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, headers: headers(), payload: payload as object });

  beforeAll(async () => {
    app = await buildTestApp(database());
    t = await createTestTerritory(database().db, {
      communities: 2,
      gridsPerCommunity: 2,
      unitsPerGrid: 2,
      buildingsPerUnit: 2,
    });
    admin = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role: 'admin',
      scope: { level: 'jurisdiction', id: null },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('summarises the jurisdiction with counts of every level', async () => {
    const response = await get('/api/territory/summary');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.jurisdiction.code).toBe(t.code);
    expect(body.subdistricts).toEqual([{ code: t.subdistrict.code, name: '测试街道' }]);
    expect(body.counts).toEqual({ communities: 2, grids: 4, units: 8, buildings: 16, households: 64 });
  });

  it('locates the centre of every unit in that unit, with its grid, community and subdistrict', async () => {
    for (const [i, unit] of t.units.entries()) {
      const [w, s, e, n] = t.unitBoxes[i] as number[];
      const response = await get(
        `/api/territory/locate?lng=${((w as number) + (e as number)) / 2}&lat=${((s as number) + (n as number)) / 2}`,
      );
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.unit).toEqual({ id: unit.id, code: unit.code, name: unit.name });
      expect(body.grid.id).toBe(unit.grid_id);
      expect(body.community.id).toBe(unit.community_id);
      expect(body.community.kind).toBe('legacy');
      expect(body.subdistrict.id).toBe(t.subdistrict.id);
    }
  });

  it('gives a point on a shared edge to one unit, the same on every call', async () => {
    const [, s, e, n] = t.unitBoxes[0] as number[];
    const url = `/api/territory/locate?lng=${e}&lat=${((s as number) + (n as number)) / 2}`;
    const answers = new Set<number>();
    for (let i = 0; i < 20; i++) answers.add((await get(url)).json().unit.id);
    expect(answers.size).toBe(1);
    expect([t.units[0]?.id, t.units[1]?.id]).toContain([...answers][0]);
  });

  it('refuses points outside the jurisdiction and points in no unit with 422 codes', async () => {
    const outside = await get('/api/territory/locate?lng=100&lat=30');
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.code).toBe('territory.outside_jurisdiction');
    const [w, s] = t.origin;
    const margin = await get(`/api/territory/locate?lng=${w - t.cell / 2}&lat=${s}`);
    expect(margin.statusCode).toBe(422);
    expect(margin.json().error.code).toBe('territory.no_unit_at_point');
  });

  it('converts GCJ-02 and BD-09 points to WGS-84 before locating', async () => {
    const { fromWgs84 } = await import('./coordinates.ts');
    const [w, s, e, n] = t.unitBoxes[2] as number[];
    const centre: [number, number] = [
      ((w as number) + (e as number)) / 2,
      ((s as number) + (n as number)) / 2,
    ];
    for (const crs of ['gcj02', 'bd09'] as const) {
      const [lng, lat] = fromWgs84(centre[0], centre[1], crs);
      const body = (await get(`/api/territory/locate?lng=${lng}&lat=${lat}&crs=${crs}`)).json();
      expect(body.unit.id).toBe(t.units[2]?.id);
      expect(body.point.lng).toBeCloseTo(centre[0], 5);
    }
  });

  it('serves GeoJSON of each level with id, code and name', async () => {
    const body = (await get('/api/territory/geojson?level=unit')).json();
    expect(body.type).toBe('FeatureCollection');
    expect(body.features).toHaveLength(8);
    expect(body.features[0].properties).toMatchObject({
      id: t.units[0]?.id,
      code: t.units[0]?.code,
      name: '第1单元',
    });
    const within = (await get(`/api/territory/geojson?level=unit&within=${t.grids[1]?.id}`)).json();
    expect(within.features.map((f: { properties: { id: number } }) => f.properties.id)).toEqual([
      t.units[2]?.id,
      t.units[3]?.id,
    ]);
  });

  it('finds places by name and by code prefix', async () => {
    const byCode = (await get(`/api/territory/search?q=${t.grids[0]?.code}`)).json();
    expect(byCode.hits[0]).toMatchObject({ id: t.grids[0]?.id, level: 'grid' });
    const byName = (await get(`/api/territory/search?q=${encodeURIComponent('测试社区2')}`)).json();
    expect(byName.hits.map((h: { id: number }) => h.id)).toContain(t.communities[1]?.id);
    const building = (await get(`/api/territory/search?q=${t.units[1]?.code}02`)).json();
    expect(building.hits).toEqual([
      expect.objectContaining({
        level: 'building',
        name: '2号楼',
        placeId: t.units[1]?.id,
        path: expect.stringContaining('第1网格'),
      }),
    ]);
  });

  it('splits a unit, moves its buildings, keeps history, and merges it back', async () => {
    const unit = t.units[4];
    if (!unit) throw new Error('no unit');
    const [w, s, e, n] = t.unitBoxes[4] as [number, number, number, number];
    const mid = (w + e) / 2;
    const split = await post(`/api/territory/places/${unit.id}/split`, {
      reason: '新建小区入住，按楼栋拆分',
      parts: [
        { name: '西单元', geometry: rectangle(w, s, mid, n) },
        { name: '东单元', geometry: rectangle(mid, s, e, n) },
      ],
    });
    expect(split.statusCode).toBe(201);
    const change = split.json();
    expect(change.kind).toBe('split');
    expect(change.predecessors.map((p: { id: number }) => p.id)).toEqual([unit.id]);
    expect(change.successors).toHaveLength(2);
    const [west, east] = change.successors as { id: number; code: string }[];
    expect(west?.code.startsWith(`${t.grids[2]?.code}`)).toBe(true);

    // Lookups use the current layer.
    const located = (await get(`/api/territory/locate?lng=${(w + mid) / 2}&lat=${(s + n) / 2}`)).json();
    expect(located.unit.id).toBe(west?.id);
    // The old unit is kept, closed, with its successors; buildings moved by where they stand.
    const old = (await get(`/api/territory/places/${unit.id}`)).json();
    expect(old.current).toBe(false);
    expect(old.validTo).not.toBeNull();
    expect(old.successors[0].places.map((p: { id: number }) => p.id).sort()).toEqual(
      [west?.id, east?.id].sort(),
    );
    const westCard = (await get(`/api/territory/places/${west?.id}`)).json();
    expect(westCard.current).toBe(true);
    expect(westCard.predecessors[0].places[0].id).toBe(unit.id);
    expect(westCard.buildings).toHaveLength(1);
    expect(westCard.buildings[0].households).toBe(4);

    // A retired place cannot change again.
    const again = await post(`/api/territory/places/${unit.id}/split`, {
      reason: 'x',
      parts: [{ geometry: rectangle(w, s, mid, n) }, { geometry: rectangle(mid, s, e, n) }],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('territory.place_retired');

    const merge = await post('/api/territory/places/merge', {
      placeIds: [west?.id, east?.id],
      name: '合并单元',
      reason: '恢复原状',
    });
    expect(merge.statusCode).toBe(201);
    const merged = merge.json().successors[0];
    const mergedCard = (await get(`/api/territory/places/${merged.id}`)).json();
    expect(mergedCard.buildings).toHaveLength(2);
    expect(mergedCard.areaM2).toBeCloseTo(old.areaM2, -2);
    expect((await get(`/api/territory/locate?lng=${(w + mid) / 2}&lat=${(s + n) / 2}`)).json().unit.id).toBe(
      merged.id,
    );

    const history = (await get(`/api/territory/changes?placeId=${west?.id}`)).json();
    expect(history.total).toBe(2);
    expect(history.changes.map((c: { kind: string }) => c.kind)).toEqual(['merge', 'split']);
    const summary = (await get('/api/territory/summary')).json();
    expect(summary.counts.units).toBe(8);
  });

  it('refuses a split whose parts leave a gap or overlap, and changes nothing', async () => {
    const unit = t.units[6];
    const [w, s, e, n] = t.unitBoxes[6] as [number, number, number, number];
    const gap = await post(`/api/territory/places/${unit?.id}/split`, {
      reason: '测试',
      parts: [
        { geometry: rectangle(w, s, w + (e - w) / 3, n) },
        { geometry: rectangle(e - (e - w) / 3, s, e, n) },
      ],
    });
    expect(gap.statusCode).toBe(422);
    expect(gap.json().error.details.problems.map((p: { error: string }) => p.error)).toContain(
      'parts_leave_gap',
    );
    const overlap = await post(`/api/territory/places/${unit?.id}/split`, {
      reason: '测试',
      parts: [
        { geometry: rectangle(w, s, e - (e - w) / 4, n) },
        { geometry: rectangle(w + (e - w) / 4, s, e, n) },
      ],
    });
    expect(overlap.json().error.details.problems.map((p: { error: string }) => p.error)).toContain(
      'parts_overlap',
    );
    expect((await get(`/api/territory/places/${unit?.id}`)).json().current).toBe(true);
  });

  it('refuses merging places that are not adjacent or not siblings', async () => {
    const apart = await post('/api/territory/places/merge', {
      placeIds: [t.units[0]?.id, t.units[3]?.id],
      reason: '测试',
    });
    expect(apart.statusCode).toBe(422);
    expect(apart.json().error.code).toBe('territory.invalid_merge');
    const community = await post('/api/territory/places/merge', {
      placeIds: [t.communities[0]?.id, t.communities[1]?.id],
      reason: '测试',
    });
    expect(community.json().error.code).toBe('territory.level_not_changeable');
  });

  it('splits a grid and moves its units to the new grids', async () => {
    const grid = t.grids[3];
    const [w, s] = t.unitBoxes[6] as number[];
    const [, , e, n] = t.unitBoxes[7] as number[];
    const mid = ((w as number) + (e as number)) / 2;
    const split = await post(`/api/territory/places/${grid?.id}/split`, {
      reason: '网格调整',
      parts: [
        { geometry: rectangle(w as number, s as number, mid, n as number) },
        { geometry: rectangle(mid, s as number, e as number, n as number) },
      ],
    });
    expect(split.statusCode).toBe(201);
    const [left, right] = split.json().successors as { id: number }[];
    const leftUnits = (await get(`/api/territory/geojson?level=unit&within=${left?.id}`)).json();
    expect(leftUnits.features.map((f: { properties: { id: number } }) => f.properties.id)).toEqual([
      t.units[6]?.id,
    ]);
    const located = (
      await get(
        `/api/territory/locate?lng=${((e as number) + mid) / 2}&lat=${((s as number) + (n as number)) / 2}`,
      )
    ).json();
    expect(located.grid.id).toBe(right?.id);
    expect(located.unit.id).toBe(t.units[7]?.id);
  });
});
