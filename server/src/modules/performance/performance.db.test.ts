import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaseDetail, Role, ScopeLevel } from '#contracts';
import type {
  AssessmentTable,
  HalfYearReport,
  LiaisonCompliance,
  Pledge,
  PledgeList,
  Project,
  VisitList,
} from '#contracts/performance.ts';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { signInAs, TEST_PASSWORD } from '../../../test/sign-in.ts';
import { buildTestApp } from '../../../test/test-app.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import { FakeClock } from '../../platform/clock.ts';
import { buildCategoryCatalogue, escalateBreachedCases } from '../cases/index.ts';
import { multipartFile, seedCaseReferenceData } from '../cases/testing/cases-test-app.ts';
import { jpegWithGps } from '../cases/testing/images.ts';

/**
 * The performance module through its API on a real database: pledges (no evidence refused, accepted
 * shows kept, past due shows late), liaison compliance and visits linked to cases both ways, rubric
 * aggregation with outliers dropped, and a worker's assessment moving when a case in their grid
 * closes late — explained by the indicator that moved.
 */

/** Wednesday 2026-09-02, 10:00 in Shanghai: quarter 2026-Q3, half year 2026-H2. */
const NOW = '2026-09-02T02:00:00Z';
const CATEGORY = buildCategoryCatalogue().categories.find((c) => c.kind === 'event' && !c.urgent);
if (!CATEGORY) throw new Error('no normal event category in the catalogue');

type Who = { headers: Record<string, string>; accountId: number; username: string };

describeOnEngines('performance API', (database) => {
  let app: App;
  let clock: FakeClock;
  let t: TestTerritory;
  const who: Record<string, Who> = {};
  const staff: Record<string, number> = {};
  let keyCounter = 0;

  const signIn = async (label: string, role: Role, level: ScopeLevel, id: number | null) => {
    const s = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role,
      scope: { level, id },
    });
    who[label] = { headers: s.headers, accountId: s.accountId, username: s.username };
    return who[label] as Who;
  };
  const signInAgain = async (label: string) => {
    const known = who[label] as Who;
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: known.username, password: TEST_PASSWORD },
    });
    expect(response.statusCode, response.body).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'jz_session');
    known.headers = { cookie: `jz_session=${cookie?.value}`, 'x-csrf-token': response.json().csrfToken };
  };
  const as = (label: string) => {
    const found = who[label];
    if (!found) throw new Error(`no actor ${label}`);
    return found.headers;
  };
  const call = (label: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: as(label), ...(payload ? { payload } : {}) });
  const ok = async <T>(label: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const response = await call(label, method, url, payload);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return (response.body ? response.json() : null) as T;
  };
  const addStaff = async (label: string, kind: string, name: string, accountId: number | null = null) => {
    const row = await database()
      .db.insertInto('staff_member')
      .values({
        jurisdiction_id: t.jurisdictionId,
        name,
        kind: kind as 'city_leader',
        phone_enc: null,
        phone_hash: null,
        account_id: accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    staff[label] = Number(row.id);
    return Number(row.id);
  };
  const grid0 = () => t.grids[0]?.id as number;
  const community = (i: number) => t.communities[i]?.id as number;
  const pointIn = (unit: number) => {
    const box = t.unitBoxes[unit] as [number, number, number, number];
    return { lng: (box[0] + box[2]) / 2, lat: (box[1] + box[3]) / 2 };
  };
  const signInCaseActors = async () => {
    await signIn('rider', 'part_time_worker', 'community', community(0));
    await signIn('gridWorker', 'grid_worker', 'grid', grid0());
    await signIn('communityStaff', 'community_staff', 'community', community(0));
  };
  const reportCase = async (unit: number): Promise<CaseDetail> => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { ...as('rider'), 'idempotency-key': `perf-${process.pid}-${++keyCounter}` },
      payload: { categoryCode: CATEGORY.code, description: `问题 ${keyCounter}`, point: pointIn(unit) },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const move = (label: string, c: CaseDetail, event: object) =>
    ok<CaseDetail>(label, 'POST', `/api/cases/${c.id}/moves`, { version: c.version, event });
  const photo = async (): Promise<string> => {
    const file = multipartFile({ name: 'p.jpg', contentType: 'image/jpeg', data: await jpegWithGps() });
    const response = await app.inject({
      method: 'POST',
      url: '/api/cases/photos',
      headers: { ...as('gridWorker'), ...file.headers },
      payload: file.payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  };
  const resolveAndClose = async (c: CaseDetail) => {
    const resolved = await move('gridWorker', c, { type: 'resolve', photoIds: [await photo()] });
    const verified = await move('gridWorker', resolved, { type: 'verify', photoIds: [await photo()] });
    const rated = await move('rider', verified, { type: 'rate', rating: 'satisfied' });
    return move('gridWorker', rated, { type: 'close' });
  };

  beforeAll(async () => {
    clock = new FakeClock(NOW);
    app = await buildTestApp(database(), { clock });
    t = await createTestTerritory(database().db, { communities: 2, gridsPerCommunity: 2, unitsPerGrid: 1 });
    await seedCaseReferenceData(database().db, t.jurisdictionId);
    await signIn('admin', 'admin', 'jurisdiction', null);
    await signIn('secretary', 'community_secretary', 'community', community(0));
    await signIn('subdistrict', 'subdistrict_staff', 'subdistrict', t.subdistrict.id);
    await signIn('leaderA', 'city_leader', 'jurisdiction', null);
    await signIn('leaderB', 'city_leader', 'jurisdiction', null);
    await signInCaseActors();
    await addStaff('secretary', 'community_secretary', '郭书记', who.secretary?.accountId);
    await addStaff('leaderA', 'city_leader', '王市长', who.leaderA?.accountId);
    await addStaff('leaderB', 'city_leader', '李部长', who.leaderB?.accountId);
    await addStaff('worker', 'community_worker', '刘网格员');
    await database()
      .db.insertInto('posting')
      .values({
        jurisdiction_id: t.jurisdictionId,
        staff_member_id: staff.worker as number,
        place_id: grid0(),
        title: '专职网格员',
        starts_on: '2026-01-01',
      })
      .execute();
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses a pledge claimed without evidence; one accepted shows as kept, one past due as late', async () => {
    const project = await ok<Project>('secretary', 'POST', '/api/performance/projects', {
      title: '老旧小区加装电梯书记突破项目',
      level: 'community',
      placeId: community(0),
      ownerStaffId: staff.secretary,
      pledges: [
        { title: '完成3部电梯加装', dueOn: '2026-09-10' },
        { title: '召开居民协商会', dueOn: '2026-09-01' },
        { title: '完成资金筹措', dueOn: '2026-09-30' },
      ],
    });
    // In due order: the one due yesterday is late already.
    const [late, kept, sentBack] = project.pledges as [Pledge, Pledge, Pledge];
    expect(project.pledges.map((p) => [p.title, p.standing])).toEqual([
      ['召开居民协商会', 'late'],
      ['完成3部电梯加装', 'open'],
      ['完成资金筹措', 'open'],
    ]);

    for (const body of [{}, { evidenceText: '   ', evidenceRefs: ['photo-1'] }]) {
      const refused = await call('secretary', 'POST', `/api/performance/pledges/${kept.id}/claim`, body);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.code).toBe('performance.evidence_required');
    }
    const claimed = await ok<Pledge>('secretary', 'POST', `/api/performance/pledges/${kept.id}/claim`, {
      evidenceText: '3部电梯已通过验收。',
      evidenceRefs: ['https://example.org/lift.jpg'],
    });
    expect(claimed).toMatchObject({
      status: 'claimed',
      standing: 'claimed',
      claimedOn: '2026-09-02',
      mayClaim: false,
      mayReview: false,
    });
    const [seenAbove] = (
      await ok<PledgeList>(
        'subdistrict',
        'GET',
        `/api/performance/pledges?projectId=${project.id}&standing=claimed`,
      )
    ).pledges;
    expect(seenAbove).toMatchObject({ id: kept.id, mayReview: true, mayClaim: false });
    // The secretary does not accept their own pledge: the level above does.
    expect(
      (await call('secretary', 'POST', `/api/performance/pledges/${kept.id}/review`, { decision: 'accept' }))
        .statusCode,
    ).toBe(403);
    const accepted = await ok<Pledge>('subdistrict', 'POST', `/api/performance/pledges/${kept.id}/review`, {
      decision: 'accept',
      note: '核实无误',
    });
    expect(accepted).toMatchObject({ status: 'kept', standing: 'kept' });
    const again = await call('secretary', 'POST', `/api/performance/pledges/${kept.id}/claim`, {
      evidenceText: '再次',
    });
    expect(again.json().error.code).toBe('performance.pledge_not_claimable');

    await ok('secretary', 'POST', `/api/performance/pledges/${sentBack.id}/claim`, {
      evidenceText: '资金已落实。',
    });
    const back = await ok<Pledge>('subdistrict', 'POST', `/api/performance/pledges/${sentBack.id}/review`, {
      decision: 'send_back',
      note: '缺少拨付凭证',
    });
    expect(back).toMatchObject({ status: 'sent_back', standing: 'open', reviewNote: '缺少拨付凭证' });

    const list = await ok<PledgeList>('admin', 'GET', `/api/performance/pledges?projectId=${project.id}`);
    expect(list.counts).toEqual({ kept: 1, kept_late: 0, claimed: 0, open: 1, late: 1 });
    const lateOnly = await ok<PledgeList>(
      'admin',
      'GET',
      `/api/performance/pledges?projectId=${project.id}&standing=late`,
    );
    expect(lateOnly.pledges.map((p) => p.id)).toEqual([late.id]);
  });

  it('links visits to cases both ways and shows who has not visited this quarter', async () => {
    await ok('admin', 'PUT', '/api/performance/liaisons', {
      staffMemberId: staff.leaderA,
      communityId: community(0),
      kind: 'city_leader',
    });
    await ok('admin', 'PUT', '/api/performance/liaisons', {
      staffMemberId: staff.leaderB,
      communityId: community(1),
      kind: 'city_leader',
    });
    const existing = await reportCase(0);
    const visit = {
      staffMemberId: staff.leaderA,
      visitedOn: '2026-08-20',
      peopleMet: '社区书记、居民代表',
      problems: [
        { description: '路灯损坏', solved: true },
        { description: '楼道堆物', caseId: existing.id },
      ],
    };
    // Only the leader (or an administrator) logs the leader's visit.
    expect((await call('leaderB', 'POST', '/api/performance/visits', visit)).statusCode).toBe(403);
    const logged = await ok<VisitList['visits'][number]>('leaderA', 'POST', '/api/performance/visits', visit);
    expect(logged.problems.map((p) => [p.solved, p.caseId])).toEqual([
      [true, null],
      [false, existing.id],
    ]);
    // A case of another community is not linked.
    const foreign = await call('leaderA', 'POST', '/api/performance/visits', {
      ...visit,
      problems: [{ description: 'x', caseId: (await reportCase(2)).id }],
    });
    expect(foreign.json().error.code).toBe('performance.unknown_reference');
    // A problem reported as a new case through the cases module (by an administrator's right to report).
    const withNewCase = await ok<VisitList['visits'][number]>('admin', 'POST', '/api/performance/visits', {
      staffMemberId: staff.leaderA,
      visitedOn: '2026-09-01',
      peopleMet: '网格员',
      problems: [{ description: '井盖缺失', newCase: { categoryCode: CATEGORY.code, point: pointIn(1) } }],
    });
    const newCaseId = withNewCase.problems[0]?.caseId as number;
    const created = await ok<CaseDetail>('admin', 'GET', `/api/cases/${newCaseId}`);
    expect(created.description).toBe('井盖缺失');
    const fromCase = await ok<VisitList>('admin', 'GET', `/api/performance/visits?caseId=${newCaseId}`);
    expect(fromCase.visits.map((v) => v.id)).toEqual([withNewCase.id]);

    const compliance = await ok<LiaisonCompliance>('admin', 'GET', '/api/performance/liaisons/compliance');
    expect(compliance.quarter).toBe('2026-Q3');
    expect(compliance.liaisons.map((l) => [l.staffMemberId, l.visits, l.lastVisitedOn, l.visited])).toEqual(
      expect.arrayContaining([
        [staff.leaderA, 2, '2026-09-01', true],
        [staff.leaderB, 0, null, false],
      ]),
    );
    expect(compliance.notVisited).toBe(1);
    // Each leader finds their own link (the visits their form may log); an administrator has none.
    const asLeaderA = await ok<LiaisonCompliance>('leaderA', 'GET', '/api/performance/liaisons/compliance');
    expect(asLeaderA.liaisons.filter((l) => l.mine).map((l) => l.staffMemberId)).toEqual([staff.leaderA]);
    expect(compliance.liaisons.some((l) => l.mine)).toBe(false);
    const lastQuarter = await ok<LiaisonCompliance>(
      'admin',
      'GET',
      '/api/performance/liaisons/compliance?quarter=2026-Q2',
    );
    expect(lastQuarter.notVisited).toBe(2);
    const all = await ok<VisitList>('admin', 'GET', '/api/performance/visits?quarter=2026-Q3');
    expect([all.problemsFound, all.problemsSolved, all.casesLinked]).toEqual([3, 1, 2]);
  });

  it('aggregates review scores by the rubric, dropping the highest and lowest of five', async () => {
    const rubric = await ok<{ id: number }>('admin', 'POST', '/api/performance/rubrics', {
      name: '述职评议细则',
      criteria: [
        { key: 'work', label: '工作实绩', weight: 60, maxScore: 10 },
        { key: 'style', label: '作风建设', weight: 40, maxScore: 10 },
      ],
      outlierRule: { dropHighestAndLowestFrom: 5 },
    });
    const submit = (communityId: number) =>
      call('secretary', 'POST', '/api/performance/reports', {
        halfYear: '2026-H2',
        communityId,
        secretaryStaffId: staff.secretary,
        rubricId: rubric.id,
        body: '上半年述职报告。',
      });
    expect((await submit(community(1))).statusCode).toBe(403);
    const report: HalfYearReport = (await submit(community(0))).json();
    expect((await submit(community(0))).json().error.code).toBe('performance.report_exists');
    const bad = await call('admin', 'PUT', `/api/performance/reports/${report.id}/score`, {
      scores: { work: 11, style: 5 },
    });
    expect(bad.json().error).toMatchObject({
      code: 'performance.invalid_scores',
      details: { keys: ['work'] },
    });
    const given = [
      [10, 10], // 100: dropped (highest)
      [8, 8], // 80
      [7, 7], // 70
      [9, 9], // 90
      [0, 0], // 0: dropped (lowest)
    ];
    let scored: HalfYearReport = report;
    for (const [i, [work, style]] of given.entries()) {
      const reviewer = await signIn(`reviewer${i}`, 'subdistrict_staff', 'subdistrict', t.subdistrict.id);
      expect(reviewer).toBeTruthy();
      scored = await ok(`reviewer${i}`, 'PUT', `/api/performance/reports/${report.id}/score`, {
        scores: { work, style },
      });
      if (i === 3) expect(scored.result.score).toBe(85); // four reviewers: all kept
    }
    expect(scored.result.reviewers).toBe(5);
    expect(scored.result.score).toBe(80);
    expect(
      scored.result.totals
        .filter((x) => x.dropped)
        .map((x) => x.total)
        .sort((a, b) => a - b),
    ).toEqual([0, 100]);
  });

  it("moves a worker's score when a case in their grid closes late, explained by that indicator", async () => {
    await ok('admin', 'PUT', '/api/performance/templates', {
      subject: 'worker',
      name: '社区工作者绩效考核',
      indicators: [
        { key: 'cases', label: '网格案件按时办结率', source: 'cases_on_time', weight: 60 },
        { key: 'conduct', label: '日常表现', source: 'manual', weight: 40 },
      ],
      payBands: [
        { band: 'A', minScore: 90 },
        { band: 'B', minScore: 60 },
        { band: 'C', minScore: 0 },
      ],
    });
    const manual = {
      subject: 'worker',
      period: '2026-H2',
      subjectId: staff.worker,
      indicatorKey: 'conduct',
      reason: '月度考勤',
    };
    expect(
      (
        await call('admin', 'PUT', '/api/performance/manual-values', {
          ...manual,
          indicatorKey: 'cases',
          value: 1,
        })
      ).json().error.code,
    ).toBe('performance.not_manual');
    await ok('admin', 'PUT', '/api/performance/manual-values', { ...manual, value: 80 });
    await ok('admin', 'PUT', '/api/performance/manual-values', { ...manual, value: 90 });
    const audits = await database()
      .db.selectFrom('audit_event')
      .select('details')
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .where('action', '=', 'performance.manual_value_entered')
      .orderBy('id')
      .execute();
    expect(
      audits.map((a) => [
        (a.details as { before: number | null }).before,
        (a.details as { after: number }).after,
      ]),
    ).toEqual([
      [null, 80],
      [80, 90],
    ]);

    const workerRow = async () => {
      const table = await ok<AssessmentTable>(
        'admin',
        'GET',
        '/api/performance/assessment?subject=worker&period=2026-H2',
      );
      const row = table.rows.find((r) => r.subjectId === staff.worker);
      if (!row) throw new Error('worker not assessed');
      return row;
    };
    const byKey = (row: Awaited<ReturnType<typeof workerRow>>) =>
      Object.fromEntries(row.indicators.map((i) => [i.key, [i.value, i.contribution]]));

    // Cases reported in the earlier tests in grid 0 are still open: nothing closed yet counts 100.
    const onTime = await move('gridWorker', await reportCase(0), { type: 'accept' });
    await resolveAndClose(onTime);
    const before = await workerRow();
    expect(byKey(before)).toEqual({ cases: [100, 60], conduct: [90, 36] });
    expect(before).toMatchObject({ score: 96, payBand: 'A', rank: 1 });

    // A second case waits past the grid's limit: the breach job escalates it (late), the community
    // returns it to the grid, and it is closed.
    const slow = await move('gridWorker', await reportCase(0), { type: 'accept' });
    clock.advance(40 * 24 * 3_600_000);
    const run = await escalateBreachedCases(app.cases.db, {
      now: clock.now(),
      calendar: (j: number) => app.cases.calendarFor(j),
      jurisdictionId: t.jurisdictionId,
    });
    expect(run.escalated).toContain(slow.id);
    // Sessions have idled out on the fake clock: the same accounts sign in again.
    for (const label of ['admin', 'rider', 'gridWorker', 'communityStaff']) await signInAgain(label);
    const escalated = await ok<CaseDetail>('communityStaff', 'GET', `/api/cases/${slow.id}`);
    const returned = await move('communityStaff', escalated, {
      type: 'return_to_grid',
      reason: '网格可处置',
    });
    await resolveAndClose(returned);

    const after = await workerRow();
    expect(byKey(after)).toEqual({ cases: [50, 30], conduct: [90, 36] });
    expect(after).toMatchObject({ score: 66, payBand: 'B' });
    const moved = after.indicators.filter(
      (i) => i.contribution !== before.indicators.find((b) => b.key === i.key)?.contribution,
    );
    expect(moved.map((i) => [i.key, i.basis])).toEqual([['cases', '按时结案 1/2']]);
  });
});
