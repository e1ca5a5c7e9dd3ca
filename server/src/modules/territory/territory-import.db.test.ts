import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestTerritory, rectangle, type TestTerritory } from '../../../test/factories.ts';
import { type SignedIn, signInAs } from '../../../test/sign-in.ts';
import { buildTestApp } from '../../../test/test-app.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';

const feature = (properties: Record<string, unknown>, geometry: unknown) => ({
  type: 'Feature',
  properties,
  geometry,
});

describeOnEngines('territory GeoJSON import and legacy layers', (database) => {
  let app: App;
  let t: TestTerritory;
  let admin: SignedIn;
  const headers = () => admin.headers;
  const get = (url: string) => app.inject({ method: 'GET', url, headers: headers() });
  const post = (url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, headers: headers(), payload: payload as object });

  beforeAll(async () => {
    app = await buildTestApp(database());
    t = await createTestTerritory(database().db, { communities: 1, gridsPerCommunity: 2, unitsPerGrid: 2 });
    admin = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role: 'admin',
      scope: { level: 'jurisdiction', id: null },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses a broken file with an error per feature and imports nothing', async () => {
    const [w, s] = t.origin;
    const before = (await get('/api/territory/summary')).json().counts;
    const community = t.communities[0]?.code;
    const response = await post('/api/territory/import', {
      type: 'FeatureCollection',
      features: [
        // 0: a new grid drawn over an existing one
        feature(
          { level: 'grid', code: 'NEWGRID', name: '新网格', parent: community },
          rectangle(w, s, w + 0.001, s + 0.001),
        ),
        // 1: unclosed ring
        feature(
          { level: 'unit', code: 'U1', name: '单元1', parent: 'NEWGRID' },
          {
            type: 'Polygon',
            coordinates: [
              [
                [w, s],
                [w + 0.001, s],
                [w + 0.001, s + 0.001],
                [w, s + 0.001],
              ],
            ],
          },
        ),
        // 2: self-intersecting
        feature(
          { level: 'unit', code: 'U2', name: '单元2', parent: 'NEWGRID' },
          {
            type: 'Polygon',
            coordinates: [
              [
                [w, s],
                [w + 0.001, s + 0.001],
                [w + 0.001, s],
                [w, s + 0.001],
                [w, s],
              ],
            ],
          },
        ),
        // 3: outside its grid
        feature(
          { level: 'unit', code: 'U3', name: '单元3', parent: 'NEWGRID' },
          rectangle(w + 0.005, s, w + 0.006, s + 0.001),
        ),
        // 4: unknown parent
        feature(
          { level: 'unit', code: 'U4', name: '单元4', parent: 'NOPE' },
          rectangle(w, s, w + 0.0005, s + 0.0005),
        ),
        // 5: overlaps an existing sibling grid by half
        feature(
          { level: 'grid', code: 'OVERLAP', name: '重叠网格', parent: community },
          rectangle(w + 0.005, s, w + 0.025, s + 0.01),
        ),
        // 6: outside the jurisdiction (a subdistrict far away)
        feature({ level: 'subdistrict', code: 'FAR', name: '远方街道' }, rectangle(100, 30, 100.01, 30.01)),
        // 7: no geometry type
        feature(
          { level: 'unit', code: 'U7', name: '单元7', parent: 'NEWGRID' },
          { type: 'LineString', coordinates: [] },
        ),
      ],
    });
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body.error.code).toBe('territory.import_invalid');
    const byFeature = Object.fromEntries(
      (body.error.details.errors as { feature: number; error: string }[]).map((e) => [e.feature, e.error]),
    );
    expect(byFeature).toMatchObject({
      0: 'overlaps_sibling',
      1: 'ring_not_closed',
      2: 'self_intersection',
      3: 'outside_parent',
      4: 'parent_not_found',
      5: 'overlaps_sibling',
      6: 'outside_jurisdiction',
      7: 'geometry_type',
    });
    expect((await get('/api/territory/summary')).json().counts).toEqual(before);
    expect((await get('/api/territory/search?q=NEWGRID')).json().hits).toEqual([]);
  });

  it('imports a new community with grids and units, and re-imports its own export unchanged', async () => {
    const [w, s] = t.origin;
    const north = s + 0.02;
    const subdistrictBefore = t.subdistrict.code;
    // Grow the subdistrict northwards first (an update by code), then fill it.
    const collection = {
      type: 'FeatureCollection',
      features: [
        feature(
          { level: 'subdistrict', code: subdistrictBefore, name: '测试街道' },
          rectangle(w, s, w + 0.04, north),
        ),
        feature(
          { level: 'community', code: 'C9', name: '新建社区', parent: subdistrictBefore, kind: 'new_build' },
          rectangle(w, s + 0.01, w + 0.04, north),
        ),
        feature(
          { level: 'grid', code: 'C9001', name: '第1网格', parent: 'C9' },
          rectangle(w, s + 0.01, w + 0.02, north),
        ),
        feature(
          { level: 'grid', code: 'C9002', name: '第2网格', parent: 'C9' },
          rectangle(w + 0.02, s + 0.01, w + 0.04, north),
        ),
        feature(
          { level: 'unit', code: 'C9001001', name: '第1单元', parent: 'C9001' },
          rectangle(w, s + 0.01, w + 0.02, north),
        ),
        feature(
          { level: 'unit', code: 'C9002001', name: '第1单元', parent: 'C9002' },
          rectangle(w + 0.02, s + 0.01, w + 0.03, north),
        ),
        feature(
          { level: 'unit', code: 'C9002002', name: '第2单元', parent: 'C9002' },
          rectangle(w + 0.03, s + 0.01, w + 0.04, north),
        ),
      ],
    };
    const response = await post('/api/territory/import', collection);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      created: 6,
      updated: 1,
      levels: { subdistrict: 1, community: 1, grid: 2, unit: 3 },
    });
    const located = (await get(`/api/territory/locate?lng=${w + 0.035}&lat=${s + 0.015}`)).json();
    expect(located.unit.code).toBe('C9002002');
    expect(located.community).toMatchObject({ code: 'C9', kind: 'new_build' });

    const exported = (await get('/api/territory/export')).json();
    expect(exported.features).toHaveLength(1 + 2 + 4 + 7);
    const again = await post('/api/territory/import', exported);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: 0, updated: 14 });
  });

  it('imports a legacy layer, reports each grid’s overlap shares, and exports them as CSV', async () => {
    const [w, s] = t.origin;
    const grid = t.grids[0];
    // One legacy grid covers the first unified grid exactly, another straddles grids 1 and 2.
    const layer = {
      department: '卫健局',
      name: '计生网格',
      featureCollection: {
        type: 'FeatureCollection',
        features: [
          feature({ code: 'JS-001', name: '计生第1网格' }, rectangle(w, s, w + 0.02, s + 0.01)),
          feature({ code: 'JS-002', name: '计生第2网格' }, rectangle(w + 0.02, s, w + 0.04, s + 0.01)),
        ],
      },
    };
    const created = await post('/api/territory/legacy-layers', layer);
    expect(created.statusCode).toBe(201);
    const summary = created.json();
    expect(summary).toMatchObject({ department: '卫健局', name: '计生网格', gridCount: 2 });
    expect((await post('/api/territory/legacy-layers', layer)).statusCode).toBe(409);

    const mapping = (await get(`/api/territory/legacy-layers/${summary.id}/mapping?limit=50`)).json();
    const row = mapping.rows.find((r: { grid: { id: number } }) => r.grid.id === grid?.id);
    expect(row.overlaps).toHaveLength(1);
    expect(row.overlaps[0].legacyGrid.code).toBe('JS-001');
    expect(row.overlaps[0].shareOfGrid).toBeCloseTo(1, 2);
    expect(row.overlaps[0].shareOfLegacy).toBeCloseTo(1, 2);

    const csv = await get(`/api/territory/legacy-layers/${summary.id}/mapping.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(`${grid?.code},第1网格,JS-001,计生第1网格,1,1`);

    const invalid = await post('/api/territory/legacy-layers', {
      department: '应急管理局',
      name: '应急网格',
      featureCollection: {
        type: 'FeatureCollection',
        features: [feature({ name: '无编码' }, rectangle(w, s, w + 0.01, s + 0.01))],
      },
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().error.details.errors[0]).toMatchObject({ feature: 0, error: 'code' });
    expect((await get('/api/territory/legacy-layers')).json().layers).toHaveLength(1);
  });
});
