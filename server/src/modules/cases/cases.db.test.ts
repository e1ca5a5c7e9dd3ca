import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail, CasePage, Role, ScopeLevel } from '#contracts';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { type SignedIn, signInAs } from '../../../test/sign-in.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import type { FakeClock } from '../../platform/clock.ts';
import { buildCategoryCatalogue } from './case.categories.ts';
import { withCasesTables } from './case.table.ts';
import { buildCasesTestApp, multipartFile, seedCaseReferenceData } from './testing/cases-test-app.ts';
import { jpegWithGps } from './testing/images.ts';

/**
 * Cases through the API on a real database: the scripted walk of issue 4's "Done when" with a wrong
 * role refused at each step, idempotent intake (replay, mismatch, ten in parallel), the optimistic
 * lock (two moves at once: one 409), photos (EXIF/GPS stripped, fakes refused, served in scope),
 * and lists filtered by scope and by light.
 */

const catalogue = buildCategoryCatalogue();
/** A normal (working-time) event category answered by the enforcement bureau when escalated. */
const CATEGORY = catalogue.categories.find((c) => c.kind === 'event' && !c.urgent && c.department === 'ZHZF');
if (!CATEGORY) throw new Error('no normal ZHZF event category in the catalogue');
const OTHER_DEPARTMENT = 'SCJG';

interface Who extends SignedIn {
  label: string;
}

type Injected = Awaited<ReturnType<App['inject']>>;

describeOnEngines('cases', (database, engine) => {
  let app: App;
  let clock: FakeClock;
  let t: TestTerritory;
  let departments: Map<string, number>;
  const who: Record<string, Who> = {};
  let keyCounter = 0;
  const newKey = () => `test-${engine}-${process.pid}-${Date.now()}-${++keyCounter}`;

  const signIn = async (label: string, role: Role, level: ScopeLevel, id: number | null) => {
    const signedIn = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role,
      scope: { level, id },
    });
    who[label] = { ...signedIn, label };
  };
  const as = (label: string): Who => {
    const found = who[label];
    if (!found) throw new Error(`no actor ${label}`);
    return found;
  };
  /** The centre of unit i. */
  const pointIn = (unit: number) => {
    const box = t.unitBoxes[unit];
    if (!box) throw new Error(`no unit ${unit}`);
    return { lng: (box[0] + box[2]) / 2, lat: (box[1] + box[3]) / 2 };
  };

  const report = (label: string, body: object, key = newKey()) =>
    app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { ...as(label).headers, 'idempotency-key': key },
      payload: body,
    });
  const reportBody = (unit: number, extra: object = {}) => ({
    categoryCode: CATEGORY.code,
    description: `占道堆放杂物 unit ${unit} ${Math.random()}`,
    point: pointIn(unit),
    ...extra,
  });
  const reportOk = async (label: string, unit: number, extra: object = {}): Promise<CaseDetail> => {
    const response = await report(label, reportBody(unit, extra));
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const move = (label: string, c: { id: number; version: number }, event: object, version = c.version) =>
    app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/moves`,
      headers: as(label).headers,
      payload: { version, event },
    });
  const get = (label: string, url: string) => app.inject({ method: 'GET', url, headers: as(label).headers });
  const list = async (label: string, query = ''): Promise<CasePage> => {
    const response = await get(label, `/api/cases?limit=100${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const uploadPhoto = async (label: string, data?: Buffer): Promise<string> => {
    const file = multipartFile({
      name: 'IMG_0001.jpg',
      contentType: 'image/jpeg',
      data: data ?? (await jpegWithGps()),
    });
    const response = await app.inject({
      method: 'POST',
      url: '/api/cases/photos',
      headers: { ...as(label).headers, ...file.headers },
      payload: file.payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  };
  const expectError = (response: Injected, status: number, code: string) => {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().error.code).toBe(code);
  };

  beforeAll(async () => {
    const built = await buildCasesTestApp(database());
    app = built.app;
    clock = built.clock;
    t = await createTestTerritory(database().db, { communities: 2, gridsPerCommunity: 2, unitsPerGrid: 1 });
    departments = await seedCaseReferenceData(database().db, t.jurisdictionId);
    const [community0, community1] = t.communities;
    const [grid0, grid1, grid2] = t.grids;
    if (!community0 || !community1 || !grid0 || !grid1 || !grid2) throw new Error('territory incomplete');
    await signIn('rider', 'part_time_worker', 'community', community0.id);
    await signIn('resident', 'resident', 'self', null);
    await signIn('otherResident', 'resident', 'self', null);
    await signIn('gridWorker', 'grid_worker', 'grid', grid0.id);
    await signIn('gridWorker1', 'grid_worker', 'grid', grid1.id);
    await signIn('gridWorker2', 'grid_worker', 'grid', grid2.id);
    await signIn('communityStaff', 'community_staff', 'community', community0.id);
    await signIn('communityStaff1', 'community_staff', 'community', community1.id);
    await signIn('subdistrictStaff', 'subdistrict_staff', 'subdistrict', t.subdistrict.id);
    await signIn(
      'department',
      'department_staff',
      'department',
      departments.get(CATEGORY.department) ?? null,
    );
    await signIn(
      'otherDepartment',
      'department_staff',
      'department',
      departments.get(OTHER_DEPARTMENT) ?? null,
    );
    await signIn('admin', 'admin', 'jurisdiction', null);
    await signIn('leader', 'city_leader', 'jurisdiction', null);
  });
  afterAll(async () => {
    await app.close();
  });

  it('walks a rider’s report to a rated, closed case, refusing the wrong role at each step', async () => {
    const photo = await uploadPhoto('rider');
    let c = await reportOk('rider', 0, { photoIds: [photo], address: '龙口市某路 1 号' });
    expect(c.status).toBe('reported');
    expect(c.trackingCode).toMatch(/^[0-9A-Z]{10}$/);
    expect(c.reporter).toMatchObject({ channel: 'rider', anonymous: false, isViewer: true });
    expect(c.grid.id).toBe(t.grids[0]?.id);
    expect(c.unit.id).toBe(t.units[0]?.id);
    expect(c.photoIds).toEqual([photo]);
    expect(c.hotlineOrder).toBeNull(); // reported in the app, not imported from 12345
    expect(c.clock).toMatchObject({ step: 'accept', light: 'green', unit: CATEGORY.limits.accept.unit });

    // It lands in the grid worker's queue, not the neighbouring grid's.
    expect((await list('gridWorker')).cases.map((x) => x.id)).toContain(c.id);
    expect((await list('gridWorker1')).cases.map((x) => x.id)).not.toContain(c.id);

    const step = async (label: string, event: object): Promise<CaseDetail> => {
      const response = await move(label, c, event);
      expect(response.statusCode, `${label} ${JSON.stringify(event)}: ${response.body}`).toBe(200);
      c = response.json();
      return c;
    };

    // accept: a rider lacks the permission; another grid's worker and a department do not see it.
    expectError(await move('rider', c, { type: 'accept' }), 403, 'access.forbidden');
    expectError(await move('gridWorker1', c, { type: 'accept' }), 404, 'platform.not_found');
    expectError(await move('department', c, { type: 'accept' }), 404, 'platform.not_found');
    expect((await step('gridWorker', { type: 'accept' })).status).toBe('accepted');
    expect(c.clock?.step).toBe('grid_handle');

    // escalate: the community may not escalate what the grid holds.
    expectError(
      await move('communityStaff', c, { type: 'escalate', reason: '越级' }),
      403,
      'cases.move_refused',
    );
    expect((await step('gridWorker', { type: 'escalate', reason: '网格无法处置，需执法' })).status).toBe(
      'escalated_community',
    );

    // dispatch: not by the grid; by the community to the responsible department.
    expectError(
      await move('gridWorker', c, { type: 'dispatch', departments: [CATEGORY.department] }),
      403,
      'cases.move_refused',
    );
    expectError(
      await move('communityStaff', c, { type: 'dispatch', departments: ['NO_SUCH'] }),
      422,
      'cases.unknown_department',
    );
    expect(
      (await step('communityStaff', { type: 'dispatch', departments: [CATEGORY.department] })).status,
    ).toBe('dispatched');
    expect(c.departments).toMatchObject([{ code: CATEGORY.department, status: 'dispatched', current: true }]);
    expect(c.clocks.map((x) => x.step).sort()).toEqual(['acknowledge', 'department_handle']);

    // The department now sees it, without the reporter; the other department does not.
    const seenByDepartment: CaseDetail = (await get('department', `/api/cases/${c.id}`)).json();
    expect(seenByDepartment.reporter.name).toBeNull();
    expect(seenByDepartment.timeline[0]?.actor).toBeNull();
    expect(seenByDepartment.allowedEvents).toEqual(expect.arrayContaining(['acknowledge', 'decline']));
    expect((await list('department')).cases.map((x) => x.id)).toContain(c.id);
    expect((await list('otherDepartment')).cases.map((x) => x.id)).not.toContain(c.id);
    expect((await get('communityStaff', `/api/cases/${c.id}`)).json().reporter.name).toBe(
      as('rider').username,
    );

    // acknowledge (报到): only the department concerned.
    expectError(await move('otherDepartment', c, { type: 'acknowledge' }), 404, 'platform.not_found');
    expectError(await move('gridWorker', c, { type: 'acknowledge' }), 403, 'cases.move_refused');
    expect((await step('department', { type: 'acknowledge' })).status).toBe('acknowledged');

    // report back with an evidence photo: a rider may not; reporting back needs a photo.
    const evidence = await uploadPhoto('department');
    expectError(
      await move('rider', c, { type: 'report_back', photoIds: [evidence] }),
      403,
      'access.forbidden',
    );
    expectError(
      await move('department', c, { type: 'report_back', photoIds: [] }),
      400,
      'platform.validation_failed',
    );
    expect(
      (await step('department', { type: 'report_back', photoIds: [evidence], note: '已清理' })).status,
    ).toBe('reported_back');

    // verify on site with a photo: not by the department.
    const onSite = await uploadPhoto('gridWorker');
    expectError(
      await move('department', c, { type: 'verify', photoIds: [onSite] }),
      403,
      'cases.move_refused',
    );
    expectError(
      await move('gridWorker', c, { type: 'verify', photoIds: [evidence] }),
      422,
      'cases.photo_not_usable',
    );
    expect((await step('gridWorker', { type: 'verify', photoIds: [onSite] })).status).toBe('verified');

    // rate 不满意: only the reporter; another resident does not even see the case.
    expectError(
      await move('gridWorker', c, { type: 'rate', rating: 'satisfied' }),
      403,
      'cases.move_refused',
    );
    expectError(
      await move('otherResident', c, { type: 'rate', rating: 'satisfied' }),
      404,
      'platform.not_found',
    );
    expectError(await move('gridWorker', c, { type: 'close' }), 409, 'cases.move_not_possible');
    expect((await step('rider', { type: 'rate', rating: 'dissatisfied', comment: '没清干净' })).status).toBe(
      'reopened',
    );
    expect(c.reopenCount).toBe(1);

    // reopened: the grid fixes it itself this time.
    const fixed = await uploadPhoto('gridWorker');
    expectError(
      await move('communityStaff', c, { type: 'resolve', photoIds: [fixed] }),
      403,
      'cases.move_refused',
    );
    expect((await step('gridWorker', { type: 'resolve', photoIds: [fixed], note: '复查清理' })).status).toBe(
      'resolved_by_grid',
    );
    const verified = await uploadPhoto('gridWorker');
    expect((await step('gridWorker', { type: 'verify', photoIds: [verified] })).status).toBe('verified');

    // rate 满意, then close: a rider may not close, a department may not either.
    expect((await step('rider', { type: 'rate', rating: 'satisfied' })).status).toBe('rated');
    expect(c.rating).toBe('satisfied');
    expectError(await move('rider', c, { type: 'close' }), 403, 'access.forbidden');
    expectError(await move('department', c, { type: 'close' }), 403, 'cases.move_refused');
    expect((await step('gridWorker', { type: 'close' })).status).toBe('closed');
    expect(c.closedAt).not.toBeNull();
    expect(c.clock).toBeNull();
    expect(c.allowedEvents).toEqual([]);

    // The timeline has every step, in order, with who did it.
    expect(c.timeline.map((e) => [e.event, e.from, e.to])).toEqual([
      ['report', null, 'reported'],
      ['accept', 'reported', 'accepted'],
      ['escalate', 'accepted', 'escalated_community'],
      ['dispatch', 'escalated_community', 'dispatched'],
      ['acknowledge', 'dispatched', 'acknowledged'],
      ['report_back', 'acknowledged', 'reported_back'],
      ['verify', 'reported_back', 'verified'],
      ['rate', 'verified', 'reopened'],
      ['resolve', 'reopened', 'resolved_by_grid'],
      ['verify', 'resolved_by_grid', 'verified'],
      ['rate', 'verified', 'rated'],
      ['close', 'rated', 'closed'],
    ]);
    expect(c.timeline.map((e) => e.role)).toEqual([
      'part_time_worker',
      'grid_worker',
      'grid_worker',
      'community_staff',
      'department_staff',
      'department_staff',
      'grid_worker',
      'part_time_worker',
      'grid_worker',
      'grid_worker',
      'part_time_worker',
      'grid_worker',
    ]);
    expect(c.timeline[5]).toMatchObject({
      department: CATEGORY.department,
      photoIds: [evidence],
      note: '已清理',
    });
    expect(c.photoIds.sort()).toEqual([photo, evidence, onSite, fixed, verified].sort());
    expect(c.departments).toMatchObject([{ code: CATEGORY.department, status: 'reported_back' }]);

    // Every move is audited in its transaction.
    const audited = await database()
      .db.selectFrom('audit_event')
      .select('action')
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .where('subject_type', '=', 'case')
      .where('subject_id', '=', String(c.id))
      .orderBy('id')
      .execute();
    expect(audited.map((a) => a.action)).toEqual([
      'cases.report',
      ...c.timeline.slice(1).map((e) => `cases.${e.event}`),
    ]);
  });

  it('replays a report with the same key and body, and refuses the key with another body', async () => {
    const key = newKey();
    const body = reportBody(1);
    const first = await report('resident', body, key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await report('resident', { ...body }, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expectError(
      await report('resident', { ...body, description: '另一件事' }, key),
      422,
      'cases.idempotency_mismatch',
    );
    // The same key from another account is another request.
    const other = await report('otherResident', body, key);
    expect(other.statusCode).toBe(201);
    expect(other.json().id).not.toBe(first.json().id);
    expectError(
      await app.inject({ method: 'POST', url: '/api/cases', headers: as('resident').headers, payload: body }),
      400,
      'platform.validation_failed',
    );
  });

  it('makes one case of ten identical reports sent at once', async () => {
    const key = newKey();
    const body = reportBody(1, { description: `十次重试 ${key}` });
    const responses = await Promise.all(Array.from({ length: 10 }, () => report('rider', body, key)));
    for (const response of responses) expect(response.statusCode, response.body).toBe(201);
    const ids = new Set(responses.map((r) => r.json().id));
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    const rows = await withCasesTables(database().db)
      .selectFrom('case_record')
      .select('id')
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .where('description', '=', body.description)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('lets exactly one of two concurrent moves win; the other gets 409', async () => {
    const c = await reportOk('resident', 0);
    const [a, b] = await Promise.all([
      move('gridWorker', c, { type: 'accept' }),
      move('gridWorker', c, { type: 'reject', reason: '重复上报' }),
    ]);
    const statuses = [a?.statusCode, b?.statusCode].sort();
    expect(statuses, `${a?.body} ${b?.body}`).toEqual([200, 409]);
    const loser = a?.statusCode === 409 ? a : b;
    expect(loser?.json().error.code).toBe('cases.conflict');
    const now: CaseDetail = (await get('gridWorker', `/api/cases/${c.id}`)).json();
    expect(now.version).toBe(c.version + 1);
    expect(now.timeline).toHaveLength(2);
    // A stale version is refused; no version at all asks for one; If-Match works too.
    expectError(await move('gridWorker', now, { type: 'start_handling' }, c.version), 409, 'cases.conflict');
    expectError(
      await app.inject({
        method: 'POST',
        url: `/api/cases/${c.id}/moves`,
        headers: as('admin').headers,
        payload: { event: { type: 'urge', note: '请尽快' } },
      }),
      428,
      'cases.version_required',
    );
    const viaIfMatch = await app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/moves`,
      headers: { ...as('admin').headers, 'if-match': `"${now.version}"` },
      payload: { event: { type: 'urge', note: '请尽快' } },
    });
    if (now.status === 'rejected') {
      expectError(viaIfMatch, 409, 'cases.move_not_possible');
    } else {
      expect(viaIfMatch.statusCode, viaIfMatch.body).toBe(200);
      expect(viaIfMatch.json().timeline.at(-1)).toMatchObject({ event: 'urge', note: '请尽快' });
    }
  });

  it('converts GCJ-02 points and refuses points outside the jurisdiction', async () => {
    const wgs = pointIn(2);
    // A GCJ-02 point is offset by a few hundred metres; convert one the same way a phone SDK would.
    const { default: gcoord } = await import('gcoord');
    const [lng, lat] = gcoord.transform([wgs.lng, wgs.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const c = await reportOk('resident', 2, { point: { lng, lat }, crs: 'gcj02' });
    expect(c.grid.id).toBe(t.grids[2]?.id);
    expect(c.point.lng).toBeCloseTo(wgs.lng, 5);
    const outside = await report('resident', reportBody(0, { point: { lng: 100, lat: 30 } }));
    expectError(outside, 422, 'territory.outside_jurisdiction');
    expectError(
      await report('resident', reportBody(0, { categoryCode: '999999' })),
      422,
      'cases.unknown_category',
    );
    expectError(await report('department', reportBody(0)), 403, 'access.forbidden');
  });

  it('lists exactly the cases each viewer’s scope covers', async () => {
    const created = {
      grid0: await reportOk('otherResident', 0),
      grid1: await reportOk('otherResident', 1),
      grid2: await reportOk('otherResident', 2),
    };
    const ids = (page: CasePage) => new Set(page.cases.map((c) => c.id));
    const sees = async (label: string) => {
      const page = await list(label, `&from=${encodeURIComponent(created.grid0.reportedAt)}`);
      const found = ids(page);
      return Object.fromEntries(Object.entries(created).map(([k, c]) => [k, found.has(c.id)]));
    };
    expect(await sees('gridWorker')).toEqual({ grid0: true, grid1: false, grid2: false });
    expect(await sees('gridWorker2')).toEqual({ grid0: false, grid1: false, grid2: true });
    expect(await sees('communityStaff')).toEqual({ grid0: true, grid1: true, grid2: false });
    expect(await sees('communityStaff1')).toEqual({ grid0: false, grid1: false, grid2: true });
    expect(await sees('subdistrictStaff')).toEqual({ grid0: true, grid1: true, grid2: true });
    expect(await sees('admin')).toEqual({ grid0: true, grid1: true, grid2: true });
    expect(await sees('leader')).toEqual({ grid0: true, grid1: true, grid2: true });
    expect(await sees('otherResident')).toEqual({ grid0: true, grid1: true, grid2: true });
    expect(await sees('resident')).toEqual({ grid0: false, grid1: false, grid2: false });
    expect(await sees('rider')).toEqual({ grid0: false, grid1: false, grid2: false });
    expect(await sees('otherDepartment')).toEqual({ grid0: false, grid1: false, grid2: false });
    // A single read outside the scope is a 404, like a missing case.
    expectError(await get('gridWorker', `/api/cases/${created.grid2.id}`), 404, 'platform.not_found');
    expectError(await get('rider', `/api/cases/${created.grid0.id}`), 404, 'platform.not_found');
    // Filters: place and status.
    const inGrid1 = await list('admin', `&placeId=${t.grids[1]?.id}&status=reported`);
    expect(inGrid1.cases.every((c) => c.grid.id === t.grids[1]?.id && c.status === 'reported')).toBe(true);
    expect(ids(inGrid1).has(created.grid1.id)).toBe(true);
    expect(inGrid1.total).toBe(inGrid1.cases.length);
  });

  it('colours the queue green, yellow and red with the clock, in SQL and on read alike', async () => {
    // Grid 3 (community 1) holds only this test's cases.
    const c = await reportOk('otherResident', 3);
    const limitMinutes = CATEGORY.limits.accept.amount * 60;
    expect(CATEGORY.limits.accept.unit).toBe('work_hour');
    const start = clock.now().getTime();
    try {
      const colour = async () => {
        // Sessions idle out on the same clock: a fresh viewer for each look.
        await signIn('viewer', 'admin', 'jurisdiction', null);
        const lightOf = async (light: string) =>
          (await list('viewer', `&placeId=${t.grids[3]?.id}&light=${light}`)).cases.some(
            (x) => x.id === c.id,
          );
        return {
          green: await lightOf('green'),
          yellow: await lightOf('yellow'),
          red: await lightOf('red'),
          read: ((await get('viewer', `/api/cases/${c.id}`)).json() as CaseDetail).clock?.light,
        };
      };
      expect(await colour()).toEqual({ green: true, yellow: false, red: false, read: 'green' });
      clock.advanceMinutes(limitMinutes * 0.8);
      expect(await colour()).toEqual({ green: false, yellow: true, red: false, read: 'yellow' });
      clock.advanceMinutes(limitMinutes * 0.2 + 1);
      expect(await colour()).toEqual({ green: false, yellow: false, red: true, read: 'red' });
      // Ordered by deadline: the overdue case comes before a fresh one in the same grid.
      await signIn('reporter', 'resident', 'self', null);
      const fresh = await reportOk('reporter', 3);
      const queue = (await list('viewer', `&placeId=${t.grids[3]?.id}`)).cases.map((x) => x.id);
      expect(queue.indexOf(c.id)).toBeLessThan(queue.indexOf(fresh.id));
    } finally {
      clock.advance(start - clock.now().getTime());
    }
  });

  it('strips EXIF and GPS from photos, refuses fakes, and serves photos only in scope', async () => {
    const input = await jpegWithGps();
    expect((await sharp(input).metadata()).exif).toBeDefined();
    const id = await uploadPhoto('resident', input);
    // Before it is attached only the uploader sees it.
    expect((await get('resident', `/api/cases/photos/${id}`)).statusCode).toBe(200);
    expectError(await get('gridWorker', `/api/cases/photos/${id}`), 404, 'platform.not_found');
    const c = await reportOk('resident', 0, { photoIds: [id] });
    const served = await get('gridWorker', `/api/cases/photos/${id}`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    const metadata = await sharp(served.rawPayload).metadata();
    expect(metadata.exif).toBeUndefined();
    expect(served.rawPayload.includes(Buffer.from('Exif'))).toBe(false);
    const thumbnail = await get('gridWorker', `/api/cases/photos/${id}/thumbnail`);
    expect(thumbnail.statusCode).toBe(200);
    expect((await sharp(thumbnail.rawPayload).metadata()).exif).toBeUndefined();
    expectError(await get('gridWorker2', `/api/cases/photos/${id}`), 404, 'platform.not_found');
    expectError(await get('otherResident', `/api/cases/photos/${id}/thumbnail`), 404, 'platform.not_found');
    // A photo cannot be attached twice.
    expectError(await report('resident', reportBody(0, { photoIds: [id] })), 422, 'cases.photo_not_usable');
    expect(c.photoIds).toEqual([id]);

    // A text file named .jpg and declared image/jpeg is refused by its content.
    const fake = multipartFile({
      name: 'photo.jpg',
      contentType: 'image/jpeg',
      data: Buffer.from('just text'),
    });
    expectError(
      await app.inject({
        method: 'POST',
        url: '/api/cases/photos',
        headers: { ...as('resident').headers, ...fake.headers },
        payload: fake.payload,
      }),
      415,
      'cases.photo_unsupported',
    );
    const none = await app.inject({
      method: 'POST',
      url: '/api/cases/photos',
      headers: { ...as('resident').headers, 'content-type': 'application/json' },
      payload: {},
    });
    expect(none.statusCode).toBeGreaterThanOrEqual(400);
    expect(none.statusCode).toBeLessThan(500);
  });

  it('hides an anonymous reporter from everyone but the reporter, who is not asked to rate', async () => {
    const c = await reportOk('resident', 0, { anonymous: true });
    expect(c.reporter).toMatchObject({ anonymous: true, isViewer: true });
    const seen: CaseDetail = (await get('gridWorker', `/api/cases/${c.id}`)).json();
    expect(seen.reporter).toEqual({ channel: 'resident', anonymous: true, name: null, isViewer: false });
    expect(seen.timeline[0]?.actor).toBeNull();
    expect(JSON.stringify(seen)).not.toContain(as('resident').username);
  });
});

describe('cases test setup', () => {
  it('has a normal ZHZF event category to walk', () => {
    expect(CATEGORY.department).toBe('ZHZF');
  });
});
