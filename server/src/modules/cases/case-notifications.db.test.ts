import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaseDetail, Notification, PossibleDuplicates, Role, ScopeLevel } from '#contracts';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { type SignedIn, signInAs } from '../../../test/sign-in.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import { openEventStream } from '../notifications/testing/event-stream.ts';
import { buildCategoryCatalogue } from './case.categories.ts';
import { buildCasesTestApp, seedCaseReferenceData } from './testing/cases-test-app.ts';

/**
 * Whoever must act hears of it, and every reporter stays informed: the grid's workers on intake,
 * the community on an escalation, the department on a dispatch, the reporter and followers on
 * milestones (never the one who moved); the stream pushes a notification of a move made through
 * the API; possible duplicates within the category's radius and the 7-day window; "me too" (follow)
 * idempotent and refused for ended cases; a merge makes the merged case's reporter and followers
 * followers of the case it went into.
 */

const catalogue = buildCategoryCatalogue();
const CATEGORY = catalogue.categories.find((c) => c.kind === 'event' && !c.urgent && c.department === 'ZHZF');
const OTHER_CATEGORY = catalogue.categories.find((c) => c.kind === 'event' && c.code !== CATEGORY?.code);
if (!CATEGORY || !OTHER_CATEGORY) throw new Error('no event categories in the catalogue');
const RADIUS = CATEGORY.duplicateRadiusM;
const METRES_PER_DEGREE_LAT = 111_195;

describeOnEngines('case notifications, duplicates and followers', (database) => {
  let app: App;
  let t: TestTerritory;
  let base: string;
  const who: Record<string, SignedIn> = {};
  let keys = 0;

  const as = (label: string): SignedIn => {
    const found = who[label];
    if (!found) throw new Error(`no account ${label}`);
    return found;
  };
  /** The centre of unit i, moved `northM` metres north. */
  const pointIn = (unit: number, northM = 0) => {
    const box = t.unitBoxes[unit];
    if (!box) throw new Error(`no unit ${unit}`);
    return { lng: (box[0] + box[2]) / 2, lat: (box[1] + box[3]) / 2 + northM / METRES_PER_DEGREE_LAT };
  };
  const report = async (label: string, point: { lng: number; lat: number }, categoryCode = CATEGORY.code) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { ...as(label).headers, 'idempotency-key': `notify-${process.pid}-${Date.now()}-${++keys}` },
      payload: { categoryCode, description: `路边堆放建筑垃圾，影响通行 ${keys}`, point },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as CaseDetail;
  };
  const move = async (label: string, c: { id: number }, event: object, status = 200) => {
    const current = await app.inject({
      method: 'GET',
      url: `/api/cases/${c.id}`,
      headers: as(label).headers,
    });
    expect(current.statusCode, current.body).toBe(200);
    const response = await app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/moves`,
      headers: as(label).headers,
      payload: { version: current.json().version, event },
    });
    expect(response.statusCode, response.body).toBe(status);
    return response.json() as CaseDetail;
  };
  const notificationsOf = async (label: string): Promise<Notification[]> => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/notifications?limit=100',
      headers: as(label).headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().notifications;
  };
  const about = async (label: string, caseId: number) =>
    (await notificationsOf(label)).filter((n) => n.subjectType === 'case' && n.subjectId === String(caseId));
  const duplicates = async (
    label: string,
    point: { lng: number; lat: number },
    categoryCode = CATEGORY.code,
  ) => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/cases/possible-duplicates?categoryCode=${categoryCode}&lng=${point.lng}&lat=${point.lat}`,
      headers: as(label).headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as PossibleDuplicates;
  };
  const follow = (label: string, caseId: number, point: { lng: number; lat: number }) =>
    app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/follow`,
      headers: as(label).headers,
      payload: { point },
    });

  beforeAll(async () => {
    app = (await buildCasesTestApp(database())).app;
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    t = await createTestTerritory(database().db, { communities: 1, gridsPerCommunity: 2, unitsPerGrid: 1 });
    const departments = await seedCaseReferenceData(database().db, t.jurisdictionId);
    const [community] = t.communities;
    const [grid0, grid1] = t.grids;
    if (!community || !grid0 || !grid1) throw new Error('territory incomplete');
    const accounts: [string, Role, ScopeLevel, number | null][] = [
      ['resident', 'resident', 'self', null],
      ['resident2', 'resident', 'self', null],
      ['resident3', 'resident', 'self', null],
      ['resident4', 'resident', 'self', null],
      ['rider', 'part_time_worker', 'community', community.id],
      ['gridWorker', 'grid_worker', 'grid', grid0.id],
      ['gridWorker2', 'grid_worker', 'grid', grid0.id],
      ['otherGridWorker', 'grid_worker', 'grid', grid1.id],
      ['gridAssistant', 'grid_assistant', 'grid', grid0.id],
      ['communityStaff', 'community_staff', 'community', community.id],
      ['secretary', 'community_secretary', 'community', community.id],
      ['subdistrictStaff', 'subdistrict_staff', 'subdistrict', t.subdistrict.id],
      ['department', 'department_staff', 'department', departments.get(CATEGORY.department) ?? null],
      ['otherDepartment', 'department_staff', 'department', departments.get('SCJG') ?? null],
    ];
    for (const [label, role, level, id] of accounts) {
      who[label] = await signInAs(app, database(), {
        jurisdictionId: t.jurisdictionId,
        role,
        scope: { level, id },
      });
    }
  });
  afterAll(async () => {
    await app.close();
  });

  it('tells whoever must act: the grid on intake, the community on escalation, the department on dispatch', async () => {
    const c = await report('rider', pointIn(0));
    for (const label of ['gridWorker', 'gridWorker2']) {
      const [news, ...more] = await about(label, c.id);
      expect(more).toEqual([]);
      expect(news).toMatchObject({
        topic: 'action_needed',
        title: `案件 ${c.id} 待您处理（上报）`,
        link: `/cases/${c.id}`,
        readAt: null,
      });
      expect(news?.body).toContain(CATEGORY.name);
    }
    for (const label of ['otherGridWorker', 'gridAssistant', 'rider', 'communityStaff', 'department']) {
      expect(await about(label, c.id), label).toEqual([]);
    }

    await move('gridWorker', c, { type: 'accept' });
    expect((await about('rider', c.id)).map((n) => [n.topic, n.title])).toEqual([
      ['status_changed', `您上报的案件 ${c.id} 已受理`],
    ]);
    expect(await about('gridWorker', c.id)).toHaveLength(1);

    await move('gridWorker', c, { type: 'escalate', reason: '需执法部门处理' });
    for (const label of ['communityStaff', 'secretary']) {
      expect((await about(label, c.id)).map((n) => n.title)).toEqual([`案件 ${c.id} 待您处理（上报社区）`]);
    }
    expect(await about('subdistrictStaff', c.id)).toEqual([]);

    await move('communityStaff', c, { type: 'dispatch', departments: [CATEGORY.department] });
    expect((await about('department', c.id)).map((n) => n.title)).toEqual([
      `案件 ${c.id} 待您处理（派遣至部门）`,
    ]);
    expect(await about('otherDepartment', c.id)).toEqual([]);
    // The one who moved is not told of their own move.
    expect(await about('communityStaff', c.id)).toHaveLength(1);

    await move('secretary', c, { type: 'urge', note: '请今日内报到' });
    const urged = (await about('department', c.id)).find((n) => n.topic === 'urged');
    expect(urged).toMatchObject({ body: '督办意见：请今日内报到' });

    // A grid worker reporting in their own grid: the grid's other worker must act, not the reporter.
    const own = await report('gridWorker', pointIn(0, 200));
    expect(await about('gridWorker', own.id)).toEqual([]);
    expect(await about('gridWorker2', own.id)).toHaveLength(1);
  });

  it('pushes a notification of a case reported through the API to the grid worker’s open stream', async () => {
    const stream = await openEventStream(`${base}/api/notifications/stream`, {
      cookie: as('gridWorker2').headers.cookie ?? '',
    });
    expect(stream.status).toBe(200);
    const first = await stream.next((e) => e.event === 'unread');
    const before = (first.data as { unread: number }).unread;
    const c = await report('resident', pointIn(0, -200));
    const pushed = await stream.next(
      (e) => e.event === 'notification' && (e.data as Notification).subjectId === String(c.id),
    );
    expect(pushed.data).toMatchObject({ topic: 'action_needed', link: `/cases/${c.id}` });
    await stream.next((e) => e.event === 'unread' && (e.data as { unread: number }).unread === before + 1);
    stream.close();
  });

  it('offers open cases of the category within its radius and the last 7 days, nearest first, without personal data', async () => {
    const unit = 1;
    const near = await report('resident', pointIn(unit));
    const nearer = await report('resident3', pointIn(unit, 4));
    await report('resident', pointIn(unit), OTHER_CATEGORY.code);
    const outside = await report('resident', pointIn(unit, RADIUS + 25));
    const rejected = await report('resident', pointIn(unit, 2));
    await move('otherGridWorker', rejected, { type: 'reject', reason: '重复上报' });
    const old = await report('resident', pointIn(unit, 1));
    await sql`update case_record set reported_at = reported_at - interval '8 days'
      where jurisdiction_id = ${t.jurisdictionId} and id = ${old.id}`.execute(database().db);

    const offered = await duplicates('resident2', pointIn(unit, 5));
    expect(offered.radiusM).toBe(RADIUS);
    expect(offered.windowDays).toBe(7);
    expect(offered.cases.map((c) => c.id)).toEqual([nearer.id, near.id]);
    const [first] = offered.cases;
    expect(first).toMatchObject({
      trackingCode: nearer.trackingCode,
      status: 'reported',
      statusLabel: '上报',
      distanceM: 1,
      followers: 0,
      category: { code: CATEGORY.code },
    });
    expect(Object.keys(first ?? {}).sort()).toEqual(
      [
        'category',
        'description',
        'distanceM',
        'followers',
        'id',
        'reportedAt',
        'status',
        'statusLabel',
        'trackingCode',
      ].sort(),
    );
    expect(JSON.stringify(offered)).not.toContain(as('resident3').username);

    const there = await duplicates('resident2', pointIn(unit, RADIUS + 25));
    expect(there.cases.map((c) => c.id)).toEqual([outside.id]);
    expect((await duplicates('resident2', pointIn(unit), OTHER_CATEGORY.code)).cases).toHaveLength(1);
    const unknown = await app.inject({
      method: 'GET',
      url: `/api/cases/possible-duplicates?categoryCode=NOPE&lng=${pointIn(unit).lng}&lat=${pointIn(unit).lat}`,
      headers: as('resident2').headers,
    });
    expect(unknown.json().error.code).toBe('cases.unknown_category');
    const leader = await app.inject({
      method: 'GET',
      url: `/api/cases/possible-duplicates?categoryCode=${CATEGORY.code}&lng=1&lat=1`,
      headers: as('department').headers,
    });
    expect(leader.statusCode).toBe(403);
  });

  it('follows (“me too”) idempotently near the case only; a follower reads it as the reporter does and hears its milestones', async () => {
    const c = await report('resident', pointIn(0, 400));
    const first = await follow('resident2', c.id, pointIn(0, 405));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      caseId: c.id,
      trackingCode: c.trackingCode,
      status: 'reported',
      created: true,
    });
    const again = await follow('resident2', c.id, pointIn(0, 405));
    expect(again.json()).toMatchObject({ created: false, since: first.json().since });
    const rows = await database()
      .db.selectFrom('case_follower')
      .select(['account_id', 'via'])
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .where('case_id', '=', c.id)
      .execute();
    expect(rows).toEqual([{ account_id: as('resident2').accountId, via: 'me_too' }]);
    expect((await follow('resident', c.id, pointIn(0, 400))).json()).toMatchObject({ created: false });

    // Far from the case and unable to see it: as if it did not exist.
    const far = await follow('resident3', c.id, pointIn(1));
    expect(far.statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: `/api/cases/${c.id}`, headers: as('resident3').headers }))
        .statusCode,
    ).toBe(404);

    const read = await app.inject({
      method: 'GET',
      url: `/api/cases/${c.id}`,
      headers: as('resident2').headers,
    });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().reporter).toEqual({
      channel: 'resident',
      anonymous: false,
      name: null,
      isViewer: false,
    });
    expect(read.json().allowedEvents).toEqual([]);
    expect(read.json().timeline[0].actor).toBeNull();
    const listed = await app.inject({
      method: 'GET',
      url: '/api/cases?limit=100',
      headers: as('resident2').headers,
    });
    expect(listed.json().cases.map((x: { id: number }) => x.id)).toContain(c.id);
    expect((await duplicates('resident3', pointIn(0, 400))).cases.find((x) => x.id === c.id)?.followers).toBe(
      1,
    );

    await move('gridWorker', c, { type: 'accept' });
    expect((await about('resident', c.id)).map((n) => n.title)).toEqual([`您上报的案件 ${c.id} 已受理`]);
    expect((await about('resident2', c.id)).map((n) => n.title)).toEqual([`您关注的案件 ${c.id} 已受理`]);

    const ended = await report('resident', pointIn(0, -400));
    await move('gridWorker', ended, { type: 'reject', reason: '不属于受理范围' });
    const refused = await follow('resident2', ended.id, pointIn(0, -400));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'cases.not_followable',
      details: { status: 'rejected' },
    });
  });

  it('merges a duplicate: its reporter and followers follow the case it went into and hear of it', async () => {
    const target = await report('resident', pointIn(0, 300));
    const duplicate = await report('resident3', pointIn(0, 302));
    expect((await follow('resident4', duplicate.id, pointIn(0, 302))).statusCode).toBe(200);

    const closed = await report('resident', pointIn(0, 310));
    await move('gridWorker', closed, { type: 'reject', reason: '无效' });
    const intoEnded = await move(
      'gridWorker',
      duplicate,
      { type: 'merge', intoCaseId: closed.id, reason: '重复' },
      422,
    );
    expect(intoEnded).toMatchObject({ error: { code: 'cases.move_invalid' } });

    const merged = await move('gridWorker', duplicate, {
      type: 'merge',
      intoCaseId: target.id,
      reason: '同一处问题',
    });
    expect(merged.status).toBe('merged');
    const followers = await database()
      .db.selectFrom('case_follower')
      .select(['account_id', 'via'])
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .where('case_id', '=', target.id)
      .orderBy('account_id')
      .execute();
    expect(followers).toEqual(
      [as('resident3').accountId, as('resident4').accountId]
        .sort((a, b) => a - b)
        .map((id) => ({ account_id: id, via: 'merge' })),
    );
    const [toReporter] = await about('resident3', target.id);
    expect(toReporter).toMatchObject({
      topic: 'status_changed',
      title: `您上报的案件 ${duplicate.id} 已并入案件 ${target.id} 一并办理`,
      link: `/cases/${target.id}`,
    });
    expect((await about('resident4', target.id)).map((n) => n.title)).toEqual([
      `您关注的案件 ${duplicate.id} 已并入案件 ${target.id} 一并办理`,
    ]);
    const read = await app.inject({
      method: 'GET',
      url: `/api/cases/${target.id}`,
      headers: as('resident3').headers,
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().reporter.name).toBeNull();

    await move('gridWorker', target, { type: 'accept' });
    for (const label of ['resident3', 'resident4']) {
      expect((await about(label, target.id)).map((n) => n.title)).toContain(
        `您关注的案件 ${target.id} 已受理`,
      );
    }
    expect((await about('resident', target.id)).map((n) => n.title)).toEqual([
      `您上报的案件 ${target.id} 已受理`,
    ]);
  });
});
