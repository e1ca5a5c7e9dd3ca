import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type {
  CaseDetail,
  PublicCaseMap,
  PublicCaseTracking,
  PublicGridOutlines,
  Role,
  ScopeLevel,
} from '#contracts';
import { PUBLIC_STATUS_GROUPS } from '#contracts/case-labels.ts';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { type SignedIn, signInAs } from '../../../test/sign-in.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import { errorCodeSpec } from '../../platform/errors.ts';
import { buildCategoryCatalogue } from './case.categories.ts';
import { buildCasesTestApp, multipartFile, seedCaseReferenceData } from './testing/cases-test-app.ts';
import { jpegWithGps } from './testing/images.ts';

/**
 * Public tracking (查询进度) and the public map on a real database: a case reported by a named
 * resident with a phone number, an address and photos, handled with notes naming people, shows
 * none of it publicly; unknown and malformed codes answer the same 404; the map's counts equal a
 * direct count and never carry a case's point.
 */

const catalogue = buildCategoryCatalogue();
const EVENT = catalogue.categories.find((c) => c.kind === 'event' && !c.urgent);
const GRID_WORK = catalogue.categories.find((c) => c.kind === 'grid_work' && !c.urgent);
if (!EVENT || !GRID_WORK) throw new Error('catalogue lacks a normal event or grid-work category');

const PHONE = /1[3-9]\d{9}/;
const PHOTO_ID = /[a-z0-9]{26}/;

describeOnEngines('public tracking and map', (database, engine) => {
  let app: App;
  let t: TestTerritory;
  let keys = 0;
  const suffix = `${engine}-${process.pid}-${Math.floor(Math.random() * 1e6)}`;
  const who: Record<string, SignedIn> = {};

  const signIn = async (label: string, role: Role, level: ScopeLevel, id: number | null, name?: string) => {
    who[label] = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role,
      scope: { level, id },
      ...(name ? { username: `${name}-${suffix}` } : {}),
    });
  };
  const headers = (label: string) => {
    const found = who[label];
    if (!found) throw new Error(`no ${label}`);
    return found.headers;
  };
  /** A point inside unit i, away from its grid's centroid. */
  const pointIn = (unit: number, shift = 0) => {
    const box = t.unitBoxes[unit];
    if (!box) throw new Error(`no unit ${unit}`);
    return {
      lng: box[0] + (box[2] - box[0]) * (0.21 + shift),
      lat: box[1] + (box[3] - box[1]) * (0.33 + shift),
    };
  };
  const photo = async (label: string): Promise<string> => {
    const file = multipartFile({
      name: 'IMG_0001.jpg',
      contentType: 'image/jpeg',
      data: await jpegWithGps(),
    });
    const response = await app.inject({
      method: 'POST',
      url: '/api/cases/photos',
      headers: { ...headers(label), ...file.headers },
      payload: file.payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  };
  const report = async (label: string, body: object): Promise<CaseDetail> => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { ...headers(label), 'idempotency-key': `public-${suffix}-${++keys}` },
      payload: body,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const move = async (label: string, c: CaseDetail, event: object): Promise<CaseDetail> => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/moves`,
      headers: headers(label),
      payload: { version: c.version, event },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const publicGet = (url: string, remoteAddress = '127.0.0.1') =>
    app.inject({ method: 'GET', url, remoteAddress });

  beforeAll(async () => {
    ({ app } = await buildCasesTestApp(database()));
    t = await createTestTerritory(database().db, { communities: 1, gridsPerCommunity: 2, unitsPerGrid: 2 });
    await seedCaseReferenceData(database().db, t.jurisdictionId);
    const [grid0, grid1] = t.grids;
    if (!grid0 || !grid1) throw new Error('territory incomplete');
    await signIn('resident', 'resident', 'self', null, '张秀英');
    await signIn('gridWorker', 'grid_worker', 'grid', grid0.id, '王建国');
    await signIn('gridWorker1', 'grid_worker', 'grid', grid1.id, '李卫东');
  });
  afterAll(async () => {
    await app.close();
  });

  it('shows status, category, places and steps of a case, and nothing personal', async () => {
    const photos = [await photo('resident'), await photo('resident')];
    const reported = await report('resident', {
      categoryCode: EVENT.code,
      description: '张秀英家门口堆放杂物，联系电话13812345678',
      point: pointIn(0),
      address: '幸福路8号3单元',
      photoIds: photos,
    });
    let c = await move('gridWorker', reported, { type: 'accept' });
    c = await move('gridWorker', c, { type: 'start_handling' });
    const resolvePhoto = await photo('gridWorker');
    c = await move('gridWorker', c, {
      type: 'resolve',
      photoIds: [resolvePhoto],
      note: '王建国已清理，回访张秀英 13900001111',
    });
    c = await move('gridWorker', c, {
      type: 'verify',
      photoIds: [await photo('gridWorker')],
      note: '核查：王建国',
    });
    c = await move('resident', c, { type: 'rate', rating: 'satisfied', comment: '谢谢，张秀英' });

    // Staff see the names, notes and photos (so the test below is not vacuous).
    const staffView = JSON.stringify(c);
    expect(staffView).toContain('13900001111');
    expect(staffView).toContain(resolvePhoto);

    const response = await publicGet(`/api/public/cases/${reported.trackingCode}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const tracked: PublicCaseTracking = response.json();
    expect(tracked).toMatchObject({
      trackingCode: reported.trackingCode,
      status: 'rated',
      statusLabel: '已评价',
      statusGroup: 'resolved',
      category: { name: EVENT.name, majorName: EVENT.major.name },
      grid: { name: reported.grid.name },
      community: { name: reported.community.name },
      closedAt: null,
    });
    expect(tracked.timeline.map((e) => [e.event, e.actor, e.to])).toEqual([
      ['report', '上报人', 'reported'],
      ['accept', '网格员', 'accepted'],
      ['start_handling', '网格员', 'in_progress'],
      ['resolve', '网格员', 'resolved_by_grid'],
      ['verify', '网格员', 'verified'],
      ['rate', '上报人', 'rated'],
    ]);

    const body = response.body;
    for (const forbidden of ['张秀英', '王建国', '李卫东', '幸福路', '堆放杂物', '谢谢', '核查：', suffix]) {
      expect(body).not.toContain(forbidden);
    }
    expect(body).not.toMatch(PHONE);
    expect(body).not.toMatch(PHOTO_ID);
    for (const id of [...photos, resolvePhoto]) expect(body).not.toContain(id);
    const point = pointIn(0);
    expect(body).not.toContain(point.lng.toFixed(4));
    expect(body).not.toContain(point.lat.toFixed(4));
    const keysSeen = new Set<string>();
    JSON.parse(body, (key, value) => {
      keysSeen.add(key);
      return value;
    });
    for (const key of [
      'description',
      'address',
      'point',
      'lng',
      'lat',
      'reporter',
      'photoIds',
      'note',
      'id',
    ]) {
      expect(keysSeen.has(key), key).toBe(false);
    }

    // Typed as read aloud: lower case, dashes and spaces are fine.
    const typed = `${reported.trackingCode.slice(0, 5).toLowerCase()}-${reported.trackingCode.slice(5)}`;
    expect((await publicGet(`/api/public/cases/${encodeURIComponent(typed)}`)).statusCode).toBe(200);
  });

  it('answers unknown and malformed codes with the same 404', async () => {
    const answers = await Promise.all(
      ['ZZZZZZZZZZ', '0000000000', 'abc', 'ab%20cd', 'Z'.repeat(40)].map((code) =>
        publicGet(`/api/public/cases/${code}`),
      ),
    );
    for (const answer of answers) {
      expect(answer.statusCode, answer.body).toBe(404);
      expect(answer.json()).toEqual({
        error: {
          code: 'platform.not_found',
          message: 'Case not found',
          messageZh: errorCodeSpec('platform.not_found')?.zh,
        },
      });
    }
  });

  it('counts cases per grid at its centroid, equal to a direct count, never at a case’s point', async () => {
    const points: { lng: number; lat: number }[] = [];
    const reportAt = async (unit: number, shift: number, categoryCode = EVENT.code) => {
      const point = pointIn(unit, shift);
      points.push(point);
      return report('gridWorker', { categoryCode, description: '路面坑洼', point });
    };
    // Grid 0 (units 0, 1) and grid 1 (units 2, 3): open, closed-ish, rejected, and a grid-work case.
    const a = await reportAt(0, 0.1);
    await reportAt(1, 0.2);
    await move('gridWorker', await reportAt(1, 0.3), { type: 'accept' });
    await move('gridWorker', await reportAt(0, 0.05), { type: 'reject', reason: '无效上报' });
    await reportAt(0, 0.15, GRID_WORK.code);
    const b = await report('gridWorker1', {
      categoryCode: EVENT.code,
      description: '路灯不亮',
      point: pointIn(2, 0.4),
    });
    points.push(pointIn(2, 0.4));
    await move('gridWorker1', b, { type: 'accept' });
    expect(a.grid.id).toBe(t.grids[0]?.id);

    const range = 'from=2026-01-01T00:00:00%2B08:00&to=2027-01-01T00:00:00%2B08:00';
    const response = await publicGet(`/api/public/cases/map?jurisdiction=${t.code}&${range}`);
    expect(response.statusCode, response.body).toBe(200);
    const map: PublicCaseMap = response.json();

    // The direct count: mapped kinds, public statuses, by grid.
    const direct = await sql<{ grid_id: number; status: string; n: number }>`
      select c.grid_id, c.status, count(*)::int as n
      from case_record c join case_category k on k.jurisdiction_id = c.jurisdiction_id and k.code = c.category_code
      where c.jurisdiction_id = ${t.jurisdictionId} and k.kind in ('component', 'event')
      group by c.grid_id, c.status`.execute(database().db);
    const expected = new Map<number, { open: number; closed: number; total: number }>();
    let totalOpen = 0;
    for (const row of direct.rows) {
      const group = PUBLIC_STATUS_GROUPS[row.status as keyof typeof PUBLIC_STATUS_GROUPS];
      if (!group) continue;
      const entry = expected.get(Number(row.grid_id)) ?? { open: 0, closed: 0, total: 0 };
      expected.set(Number(row.grid_id), entry);
      if (group === 'closed') entry.closed += Number(row.n);
      else {
        entry.open += Number(row.n);
        totalOpen += Number(row.n);
      }
      entry.total += Number(row.n);
    }
    expect(map.totals.open).toBe(totalOpen);
    expect(
      new Map(
        map.grids.map((g) => [
          g.id,
          { open: g.counts.open, closed: g.counts.closed, total: g.counts.open + g.counts.closed },
        ]),
      ),
    ).toEqual(expected);
    const grid0 = map.grids.find((g) => g.id === t.grids[0]?.id);
    // Grid 0: two reported, one accepted (the first test's rated case too); the rejected one and the grid-work one are not counted.
    expect(grid0?.counts).toMatchObject({ reported: 2, handling: 1 });

    // Centroids are the grids' (rectangles: their centres), never a case's point.
    for (const grid of map.grids) {
      const place = t.grids.findIndex((g) => g.id === grid.id);
      const left = t.origin[0] + place * 2 * t.cell;
      expect(grid.centroid.lng).toBeCloseTo(left + t.cell, 6);
      expect(grid.centroid.lat).toBeCloseTo(t.origin[1] + t.cell / 2, 6);
    }
    for (const point of points) {
      expect(response.body).not.toContain(point.lng.toFixed(4));
      expect(response.body).not.toContain(point.lat.toFixed(4));
    }

    // Outlines: the current grids with names, simplified.
    const outlines = await publicGet(`/api/public/cases/map/grids?jurisdiction=${t.code}`);
    expect(outlines.statusCode, outlines.body).toBe(200);
    const body: PublicGridOutlines = outlines.json();
    expect(body.grids.map((g) => g.id).sort()).toEqual(t.grids.map((g) => g.id).sort());
    expect(body.grids[0]?.geometry.type).toBe('Polygon');
  });

  it('refuses a period that is reversed or longer than a year', async () => {
    const reversed = await publicGet(
      `/api/public/cases/map?jurisdiction=${t.code}&from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z`,
    );
    expect(reversed.statusCode).toBe(400);
    const long = await publicGet(
      `/api/public/cases/map?jurisdiction=${t.code}&from=2024-01-01T00:00:00Z&to=2026-11-01T00:00:00Z`,
    );
    expect(long.statusCode).toBe(400);
  });

  it('limits lookups per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      statuses.push((await publicGet('/api/public/cases/ZZZZZZZZZZ', '10.9.8.7')).statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    const limited = await publicGet('/api/public/cases/ZZZZZZZZZZ', '10.9.8.7');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('cases.too_many_lookups');
    // Another address is not affected.
    expect((await publicGet('/api/public/cases/ZZZZZZZZZZ', '10.9.8.8')).statusCode).toBe(404);
  });
});
