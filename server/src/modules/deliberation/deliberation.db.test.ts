import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role, ScopeLevel } from '#contracts';
import type {
  GridNoticeBoard,
  Matter,
  MatterRecord,
  MyMatters,
  TemplateStep,
} from '#contracts/deliberation.ts';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import { DEFAULT_STEPS } from './default-template.ts';
import { buildDeliberationTestApp, createResidentWithAccount } from './testing/deliberation-test-app.ts';

type Who = { headers: Record<string, string>; accountId: number };

const MEETING = {
  heldAt: '2026-11-20T07:00:00Z',
  place: '第1网格党群服务站',
  attendanceExpected: 12,
  attendancePresent: 10,
  minutes: '与会人员逐项讨论，形成一致意见。',
};

describeOnEngines('deliberation API', (database) => {
  let app: App;
  let t: TestTerritory;
  let gridWorker: Who;
  let secretary: Who;
  let admin: Who;
  let otherGridWorker: Who;
  /** Households of grid 0 and grid 1, by code. */
  let households: number[][];
  /** Residents with accounts in grid 0: household i has residents[i] (households 0–5). */
  const residents: (Who & { name: string; phone: string; householdId: number })[] = [];
  /** A second account in household 0 (another member of the family). */
  let sameHousehold: Who;
  let outsider: Who;
  const personalStrings: string[] = [];

  const signIn = async (role: Role, level: ScopeLevel, id: number | null): Promise<Who> => {
    const s = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role,
      scope: { level, id },
    });
    return { headers: s.headers, accountId: s.accountId };
  };
  const request = (who: Who | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });
  const grid = (i: number) => (t.grids[i] as { id: number }).id;
  const household = (g: number, i: number) => households[g]?.[i] as number;

  const newMatter = async (title: string, gridIndex = 0): Promise<Matter> => {
    const response = await request(gridWorker, 'POST', '/api/deliberation/matters', {
      gridId: grid(gridIndex),
      title,
      description: `${title}：居民提出的议题。`,
      caseId: 4242,
      fund: { name: '社区微实事资金', amount: 8000.5 },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const complete = (who: Who, matterId: number, step: number, body: object) =>
    request(who, 'POST', `/api/deliberation/matters/${matterId}/steps/${step}`, body);
  /** Completes steps 1 … `upTo` of the default template the plain way. */
  const advanceTo = async (matterId: number, upTo: number) => {
    for (let step = 1; step <= upTo; step += 1) {
      const def = DEFAULT_STEPS[step - 1] as TemplateStep;
      const who = def.roles.includes('grid_worker') ? gridWorker : secretary;
      const response = await complete(who, matterId, step, {
        summary: `${def.name}完成`,
        ...(def.mode === 'offline' ? { meeting: MEETING } : {}),
      });
      expect(response.statusCode, response.body).toBe(201);
    }
  };
  const vote = (who: Who, matterId: number, choice: 'for' | 'against' | 'abstain') =>
    request(who, 'POST', `/api/deliberation/matters/${matterId}/votes`, { choice });

  beforeAll(async () => {
    ({ app } = await buildDeliberationTestApp(database()));
    t = await createTestTerritory(database().db, { buildingsPerUnit: 1 });
    const rows = await database()
      .db.selectFrom('territory_household as h')
      .innerJoin('territory_building as b', (j) =>
        j.onRef('b.jurisdiction_id', '=', 'h.jurisdiction_id').onRef('b.id', '=', 'h.building_id'),
      )
      .innerJoin('territory_place as u', (j) =>
        j.onRef('u.jurisdiction_id', '=', 'b.jurisdiction_id').onRef('u.id', '=', 'b.unit_id'),
      )
      .select(['h.id', 'u.grid_id'])
      .where('h.jurisdiction_id', '=', t.jurisdictionId)
      .orderBy('h.code')
      .execute();
    households = t.grids.map((g) => rows.filter((r) => r.grid_id === g.id).map((r) => r.id));
    expect(households[0]).toHaveLength(8);
    gridWorker = await signIn('grid_worker', 'grid', grid(0));
    otherGridWorker = await signIn('grid_worker', 'grid', grid(1));
    secretary = await signIn('community_secretary', 'community', (t.communities[0] as { id: number }).id);
    admin = await signIn('admin', 'jurisdiction', null);
    const names = ['张建国', '李秀英', '王志强', '刘桂兰', '陈国华', '杨淑珍'];
    for (const [i, name] of names.entries()) {
      const who = await signIn('resident', 'self', null);
      const phone = `1390535${String(1000 + i).padStart(4, '0')}`;
      await createResidentWithAccount(database().db, {
        jurisdictionId: t.jurisdictionId,
        householdId: household(0, i),
        accountId: who.accountId,
        name,
        phone,
      });
      residents.push({ ...who, name, phone, householdId: household(0, i) });
      personalStrings.push(name, phone);
    }
    sameHousehold = await signIn('resident', 'self', null);
    await createResidentWithAccount(database().db, {
      jurisdictionId: t.jurisdictionId,
      householdId: household(0, 0),
      accountId: sameHousehold.accountId,
      name: '张小明',
      phone: '13905359999',
    });
    outsider = await signIn('resident', 'self', null);
    await createResidentWithAccount(database().db, {
      jurisdictionId: t.jurisdictionId,
      householdId: household(1, 0),
      accountId: outsider.accountId,
      name: '赵外格',
      phone: '13905358888',
    });
    personalStrings.push('张小明', '13905359999', '赵外格', '13905358888');
  });
  afterAll(async () => {
    await app.close();
  });

  it('takes a matter through all seven steps, online and offline mixed, and publishes both disclosures', async () => {
    const matter = await newMatter('加装电梯');
    expect(matter).toMatchObject({ currentStep: 1, status: 'in_progress', templateVersion: 1, caseId: 4242 });
    expect(matter.steps.map((s) => s.state)).toEqual(['current', ...Array(6).fill('pending')]);
    const id = matter.id;

    // 1 征集议题 (online): a post, a resident's comment, completed without a meeting.
    expect(
      (await request(gridWorker, 'POST', `/api/deliberation/matters/${id}/posts`, { body: '请大家提出意见' }))
        .statusCode,
    ).toBe(201);
    const comment = await request(residents[0] as Who, 'POST', `/api/deliberation/matters/${id}/comments`, {
      body: '支持加装，希望低层住户得到补偿',
    });
    expect(comment.statusCode, comment.body).toBe(201);
    expect(comment.json().author).toEqual({ role: 'resident', label: '居民' });
    expect((await complete(gridWorker, id, 1, { summary: '征集到意见12条' })).statusCode).toBe(201);

    // 2 支部审议 (offline): the grid worker may not; a meeting is required.
    const wrongRole = await complete(gridWorker, id, 2, { summary: '审议', meeting: MEETING });
    expect(wrongRole.statusCode).toBe(403);
    expect(wrongRole.json().error.code).toBe('deliberation.role_not_allowed');
    const noMeeting = await complete(secretary, id, 2, { summary: '审议' });
    expect(noMeeting.json().error.code).toBe('deliberation.meeting_required');
    expect(
      (await complete(secretary, id, 2, { summary: '支部审议同意提交', meeting: MEETING })).statusCode,
    ).toBe(201);

    // 3 议题公示 (online only): a meeting is refused, the plain record goes.
    expect((await complete(gridWorker, id, 3, { summary: '公示', meeting: MEETING })).json().error.code).toBe(
      'deliberation.meeting_not_allowed',
    );
    expect((await complete(gridWorker, id, 3, { summary: '议题公示7天无异议' })).statusCode).toBe(201);

    // 4 协商讨论 (both): held as a meeting this time.
    expect(
      (await complete(gridWorker, id, 4, { summary: '协商形成分摊方案', meeting: MEETING })).statusCode,
    ).toBe(201);

    // 5 表决: four households online, one paper ballot; 5 of 8 voted, 4 in favour.
    for (const [i, choice] of (['for', 'for', 'for', 'against'] as const).entries()) {
      const response = await vote(residents[i] as Who, id, choice);
      expect(response.statusCode, response.body).toBe(201);
    }
    const ballot = await request(gridWorker, 'POST', `/api/deliberation/matters/${id}/ballots`, {
      householdId: household(0, 6),
      choice: 'for',
    });
    expect(ballot.statusCode, ballot.body).toBe(201);
    const running = (await request(gridWorker, 'GET', `/api/deliberation/matters/${id}`)).json() as Matter;
    expect(running.tally).toMatchObject({ eligibleHouseholds: 8, voted: 5, inFavour: 4, against: 1 });
    const voted = await complete(gridWorker, id, 5, { summary: '表决结束', meeting: MEETING });
    expect(voted.statusCode, voted.body).toBe(201);
    expect((voted.json() as Matter).tally).toMatchObject({
      adopted: true,
      turnoutMet: true,
      approvalMet: true,
    });

    // 6 决议公开 (secretary, online).
    const publishedResolution = await complete(secretary, id, 6, {
      summary: '决议：同意加装电梯，费用按楼层分摊。',
    });
    expect(publishedResolution.statusCode, publishedResolution.body).toBe(201);
    const afterResolution = (
      await request(null, 'GET', `/api/public/grids/${grid(0)}/notices`)
    ).json() as GridNoticeBoard;
    expect(afterResolution.notices.filter((n) => n.matterId === id).map((n) => n.kind)).toEqual([
      'resolution',
    ]);

    // 7 实施与结果公开 (both).
    const done = await complete(gridWorker, id, 7, { summary: '电梯已安装并通过验收。', meeting: MEETING });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ status: 'completed', currentStep: null });
    expect((done.json() as Matter).steps.every((s) => s.state === 'done')).toBe(true);

    // The public board, signed out: both disclosures, counts only, no personal data.
    const board = await request(null, 'GET', `/api/public/grids/${grid(0)}/notices`);
    expect(board.statusCode).toBe(200);
    const notices = (board.json() as GridNoticeBoard).notices.filter((n) => n.matterId === id);
    expect(notices.map((n) => n.kind).sort()).toEqual(['resolution', 'result']);
    const resolution = notices.find((n) => n.kind === 'resolution');
    expect(resolution?.tally).toMatchObject({
      eligibleHouseholds: 8,
      voted: 5,
      inFavour: 4,
      against: 1,
      adopted: true,
    });
    expect(resolution?.fund).toEqual({ name: '社区微实事资金', amount: 8000.5 });
    for (const secret of personalStrings) expect(board.body).not.toContain(secret);
    expect(board.body).not.toMatch(/householdId|accountId|phone/i);

    // The printable record: every step, both lines.
    const record = (
      await request(secretary, 'GET', `/api/deliberation/matters/${id}/record`)
    ).json() as MatterRecord;
    expect(record.steps.map((s) => s.summary)).toHaveLength(7);
    expect(record.steps.map((s) => s.meeting !== null)).toEqual([
      false,
      true,
      false,
      true,
      true,
      false,
      true,
    ]);
    expect(record.steps[0]?.posts.map((p) => p.kind)).toEqual(['post', 'comment']);
    expect(record.steps[4]?.ballots).toEqual({ online: 4, paper: 1 });
    expect(record.notices).toHaveLength(2);
    for (const secret of personalStrings) expect(JSON.stringify(record)).not.toContain(secret);

    // The result stays: a closed matter takes nothing more.
    expect((await complete(gridWorker, id, 7, { summary: '再次' })).json().error.code).toBe(
      'deliberation.matter_closed',
    );
  });

  it('refuses a step out of order', async () => {
    const { id } = await newMatter('楼道堆物清理');
    const ahead = await complete(gridWorker, id, 3, { summary: '跳步' });
    expect(ahead.statusCode).toBe(409);
    expect(ahead.json().error).toMatchObject({
      code: 'deliberation.step_out_of_order',
      details: { currentStep: 1 },
    });
    expect((await complete(gridWorker, id, 1, { summary: '征集' })).statusCode).toBe(201);
    const again = await complete(gridWorker, id, 1, { summary: '重复' });
    expect(again.json().error.code).toBe('deliberation.step_out_of_order');
    // Votes before the vote step are refused too.
    expect((await vote(residents[0] as Who, id, 'for')).json().error.code).toBe('deliberation.not_voting');
  });

  it('refuses a second vote from one household, online or on paper', async () => {
    const { id } = await newMatter('停车位划线');
    await advanceTo(id, 4);
    expect((await vote(residents[0] as Who, id, 'for')).statusCode).toBe(201);
    const twice = await vote(residents[0] as Who, id, 'against');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('deliberation.already_voted');
    expect((await vote(sameHousehold, id, 'for')).json().error.code).toBe('deliberation.already_voted');
    const paper = await request(gridWorker, 'POST', `/api/deliberation/matters/${id}/ballots`, {
      householdId: household(0, 0),
      choice: 'for',
    });
    expect(paper.json().error.code).toBe('deliberation.already_voted');
    // A household of another grid neither votes nor is recorded here.
    expect((await vote(outsider, id, 'for')).statusCode).toBe(404);
    const foreign = await request(gridWorker, 'POST', `/api/deliberation/matters/${id}/ballots`, {
      householdId: household(1, 1),
      choice: 'for',
    });
    expect(foreign.json().error.code).toBe('deliberation.household_not_in_grid');
    const mine = (await request(residents[0] as Who, 'GET', '/api/deliberation/mine')).json() as MyMatters;
    expect(mine.matters.find((m) => m.id === id)?.myVote).toBe('for');
  });

  it('takes one of two parallel votes from one household: one 201, one 409', async () => {
    const { id } = await newMatter('健身器材更新');
    await advanceTo(id, 4);
    const responses = await Promise.all([
      vote(residents[1] as Who, id, 'for'),
      vote(residents[1] as Who, id, 'against'),
    ]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const both = await Promise.all([
      vote(residents[0] as Who, id, 'for'),
      vote(sameHousehold, id, 'against'),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const matter = (await request(gridWorker, 'GET', `/api/deliberation/matters/${id}`)).json() as Matter;
    expect(matter.tally?.voted).toBe(2);
  });

  it('a failed vote is published as not adopted and the matter ends there', async () => {
    const { id } = await newMatter('拆除违建花坛');
    await advanceTo(id, 4);
    expect((await vote(residents[2] as Who, id, 'against')).statusCode).toBe(201);
    const counted = await complete(gridWorker, id, 5, { summary: '表决结束' });
    expect((counted.json() as Matter).tally).toMatchObject({ voted: 1, adopted: false });
    const published = await complete(secretary, id, 6, { summary: '议题未获通过。' });
    expect(published.json()).toMatchObject({ status: 'not_adopted' });
    expect((published.json() as Matter).steps.map((s) => s.state).at(-1)).toBe('skipped');
  });

  it('keeps personal numbers off the public board and scopes matters to the grid', async () => {
    const { id } = await newMatter('绿化补种');
    await advanceTo(id, 4);
    await complete(gridWorker, id, 5, { summary: '表决结束' });
    const leaky = await complete(secretary, id, 6, { summary: '联系人电话 139 0535 1000' });
    expect(leaky.json().error.code).toBe('deliberation.personal_data_in_notice');
    expect((await request(otherGridWorker, 'GET', `/api/deliberation/matters/${id}`)).statusCode).toBe(404);
    const list = (await request(otherGridWorker, 'GET', '/api/deliberation/matters')).json();
    expect(list.matters.map((m: Matter) => m.id)).not.toContain(id);
    expect((await request(null, 'GET', '/api/public/grids/999999999/notices')).statusCode).toBe(404);
    expect((await request(residents[0] as Who, 'GET', `/api/deliberation/matters/${id}`)).statusCode).toBe(
      403,
    );
  });

  it('lets an administrator edit the template; a running matter keeps its version', async () => {
    const running = await newMatter('垃圾分类亭');
    const steps = DEFAULT_STEPS.map((s) => (s.key === 'topic_notice' ? { ...s, mode: 'both' as const } : s));
    const body = { steps, quorum: { turnoutAbovePercent: 66, approvalAbovePercent: 50 } };
    expect((await request(gridWorker, 'PUT', '/api/deliberation/template', body)).statusCode).toBe(403);
    const bad = await request(admin, 'PUT', '/api/deliberation/template', {
      ...body,
      steps: steps.map((s) => ({ ...s, vote: false })),
    });
    expect(bad.json().error.code).toBe('deliberation.invalid_template');
    const saved = await request(admin, 'PUT', '/api/deliberation/template', body);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, quorum: { turnoutAbovePercent: 66 } });
    const fresh = await newMatter('路灯增设');
    expect(fresh.templateVersion).toBe(2);
    const kept = (
      await request(gridWorker, 'GET', `/api/deliberation/matters/${running.id}`)
    ).json() as Matter;
    expect(kept.templateVersion).toBe(1);
    expect(kept.steps[2]?.mode).toBe('online');
  });
});
