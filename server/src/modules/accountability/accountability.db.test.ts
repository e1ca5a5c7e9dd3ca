import { beforeAll, expect, it } from 'vitest';
import type { Role, ScopeLevel } from '#contracts';
import type { FlagList, NotReportedBoard, Task, TaskBoard, UnitFlag } from '#contracts/accountability.ts';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import { FakeClock } from '../../platform/clock.ts';
import { buildAccountabilityTestApp } from './testing/accountability-test-app.ts';

type Who = { headers: Record<string, string> };

/** Wednesday 2026-12-02, 10:00 in Shanghai: this week's Monday is 11-30. */
const NOW = '2026-12-02T02:00:00Z';

describeOnEngines('accountability API', (database) => {
  let app: App;
  let t: TestTerritory;
  let admin: Who;
  let staffA: Who;
  let staffB: Who;
  let leader: Who;
  const dept: number[] = [];
  const tasks: Task[] = [];

  const signIn = async (role: Role, level: ScopeLevel, id: number | null): Promise<Who> => {
    const s = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role,
      scope: { level, id },
    });
    return { headers: s.headers };
  };
  const request = (who: Who | null, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });
  const d = (i: number) => dept[i] as number;
  const task = (i: number) => tasks[i] as Task;
  const weekly = (weekOf?: string) => ({
    ...(weekOf ? { weekOf } : {}),
    progress: '本周完成入户走访30户。',
    problems: '资金未到位。',
    nextWeekPlan: '完成剩余走访。',
  });

  beforeAll(async () => {
    ({ app } = await buildAccountabilityTestApp(database(), new FakeClock(NOW)));
    t = await createTestTerritory(database().db);
    const rows = await database()
      .db.insertInto('department')
      .values(
        ['A', 'B', 'C'].map((c) => ({
          jurisdiction_id: t.jurisdictionId,
          code: `ACC-${c}`,
          name: `测试部门${c}`,
        })),
      )
      .returning('id')
      .execute();
    dept.push(...rows.map((r) => r.id));
    admin = await signIn('admin', 'jurisdiction', null);
    leader = await signIn('city_leader', 'jurisdiction', null);
    staffA = await signIn('department_staff', 'department', d(0));
    staffB = await signIn('department_staff', 'department', d(1));

    const create = async (body: object) => {
      const response = await request(admin, 'POST', '/api/accountability/tasks', body);
      expect(response.statusCode, response.body).toBe(201);
      tasks.push(response.json());
    };
    await create({
      title: '老旧小区改造',
      goal: '年内完成12个小区改造。',
      leadDepartmentId: d(0),
      cooperatingDepartmentIds: [d(1), d(2)],
      responsiblePerson: '王主任',
      placeId: t.communities[0]?.id,
      startsOn: '2026-11-01',
      milestones: [
        { title: '方案批复', dueOn: '2026-11-15', weight: 1 },
        { title: '施工完成', dueOn: '2026-12-20', weight: 3 },
      ],
    });
    await create({
      title: '网格员队伍建设',
      goal: '专职网格员全覆盖。',
      leadDepartmentId: d(1),
      responsiblePerson: '李科长',
      startsOn: '2026-11-10',
    });
    await create({
      title: '红色物业',
      goal: '物业党组织全覆盖。',
      leadDepartmentId: d(2),
      responsiblePerson: '张书记',
      startsOn: '2026-10-01',
      milestones: ['2026-10-10', '2026-10-20', '2026-11-01'].map((dueOn, i) => ({
        title: `节点${i + 1}`,
        dueOn,
      })),
    });
  });

  it('creates a task with its milestones and shows it on the board by lead unit', async () => {
    expect(task(0)).toMatchObject({
      leadDepartmentId: d(0),
      leadDepartmentName: '测试部门A',
      cooperatingDepartmentIds: [d(1), d(2)],
      status: 'in_progress',
      startsOn: '2026-11-01',
      progress: 0,
    });
    expect(task(0).milestones.map((m) => [m.dueOn, m.weight, m.late])).toEqual([
      ['2026-11-15', 1, true],
      ['2026-12-20', 3, false],
    ]);
    const board = await request(leader, 'GET', '/api/accountability/tasks');
    expect(board.statusCode, board.body).toBe(200);
    const units = (board.json() as TaskBoard).units;
    expect(units.map((u) => [u.departmentId, u.tasks.map((x) => x.id)])).toEqual([
      [d(0), [task(0).id]],
      [d(1), [task(1).id]],
      [d(2), [task(2).id]],
    ]);
    const one = await request(staffB, 'GET', `/api/accountability/tasks?leadDepartmentId=${d(1)}`);
    expect((one.json() as TaskBoard).units).toHaveLength(1);
  });

  it('refuses a task for an unknown department, and task creation by a department', async () => {
    const body = { title: 'x', goal: 'y', leadDepartmentId: 999_999, responsiblePerson: 'z' };
    const unknown = await request(admin, 'POST', '/api/accountability/tasks', body);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.code).toBe('accountability.unknown_department');
    const forbidden = await request(staffA, 'POST', '/api/accountability/tasks', {
      ...body,
      leadDepartmentId: d(0),
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('takes one weekly report per task per week, from the lead unit only', async () => {
    const first = await request(staffA, 'POST', `/api/accountability/tasks/${task(0).id}/reports`, weekly());
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      taskId: task(0).id,
      weekOf: '2026-11-30',
      problems: '资金未到位。',
    });
    const again = await request(staffA, 'POST', `/api/accountability/tasks/${task(0).id}/reports`, weekly());
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('accountability.already_reported');
    const other = await request(staffB, 'POST', `/api/accountability/tasks/${task(0).id}/reports`, weekly());
    expect(other.statusCode).toBe(403);
    const notMonday = await request(
      staffA,
      'POST',
      `/api/accountability/tasks/${task(0).id}/reports`,
      weekly('2026-12-01'),
    );
    expect(notMonday.statusCode).toBe(422);
    expect(notMonday.json().error.code).toBe('accountability.not_a_monday');
  });

  it('shows who has not reported this week', async () => {
    const response = await request(leader, 'GET', '/api/accountability/not-reported');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json() as NotReportedBoard).toEqual({
      weekOf: '2026-11-30',
      units: [
        { departmentId: d(1), departmentName: '测试部门B', taskIds: [task(1).id] },
        { departmentId: d(2), departmentName: '测试部门C', taskIds: [task(2).id] },
      ],
    });
    // Before task 1 (starts 11-10) owed anything: the week of 11-02 lacks only A's and C's reports.
    const past = await request(leader, 'GET', '/api/accountability/not-reported?weekOf=2026-11-02');
    expect((past.json() as NotReportedBoard).units.map((u) => u.departmentId)).toEqual([d(0), d(2)]);
  });

  it('computes the quarter’s flags by the rule, keeps overrides, audits them, and publishes', async () => {
    // A reports every past week and finishes its first milestone on time: green.
    for (const weekOf of ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']) {
      const r = await request(
        staffA,
        'POST',
        `/api/accountability/tasks/${task(0).id}/reports`,
        weekly(weekOf),
      );
      expect(r.statusCode, r.body).toBe(201);
    }
    const milestoneId = task(0).milestones[0]?.id as number;
    const done = await request(
      staffA,
      'POST',
      `/api/accountability/tasks/${task(0).id}/milestones/${milestoneId}/done`,
      {
        doneOn: '2026-11-14',
        evidence: '批复文件 龙政字〔2026〕12号',
      },
    );
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as Task).progress).toBe(25);
    // B owes 11-16 and 11-23, reports 11-23 only: 1 missed → green; C misses all 8 weeks, 3 late → red.
    const b = await request(
      staffB,
      'POST',
      `/api/accountability/tasks/${task(1).id}/reports`,
      weekly('2026-11-23'),
    );
    expect(b.statusCode, b.body).toBe(201);

    const computed = await request(admin, 'POST', '/api/accountability/flags/compute', {
      quarter: '2026-Q4',
    });
    expect(computed.statusCode, computed.body).toBe(200);
    const table = (computed.json() as FlagList).flags.map((f) => [
      f.departmentId,
      f.lateMilestones,
      f.missedReports,
      f.colour,
    ]);
    expect(table).toEqual([
      [d(0), 0, 0, 'green'],
      [d(1), 0, 1, 'green'],
      [d(2), 3, 8, 'red'],
    ]);

    // A stricter rule, given with the request: B's one missed report makes it yellow.
    const strict = await request(admin, 'POST', '/api/accountability/flags/compute', {
      quarter: '2026-Q4',
      rule: {
        red: { lateMilestones: 3, missedReports: 4 },
        yellow: { lateMilestones: 1, missedReports: 1 },
      },
    });
    expect((strict.json() as FlagList).flags.map((f) => f.colour)).toEqual(['green', 'yellow', 'red']);

    const flagC = (strict.json() as FlagList).flags[2] as UnitFlag;
    const refused = await request(staffA, 'POST', `/api/accountability/flags/${flagC.id}/override`, {
      colour: 'yellow',
      reason: '因疫情停工',
    });
    expect(refused.statusCode).toBe(403);
    const overridden = await request(admin, 'POST', `/api/accountability/flags/${flagC.id}/override`, {
      colour: 'yellow',
      reason: '节点调整经市委批准',
    });
    expect(overridden.statusCode, overridden.body).toBe(200);
    expect(overridden.json()).toMatchObject({
      computedColour: 'red',
      colour: 'yellow',
      overrideReason: '节点调整经市委批准',
    });
    const audit = await database()
      .db.selectFrom('audit_event')
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .where('action', '=', 'accountability.flag_overridden')
      .select(['subject_id', 'actor'])
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.subject_id).toBe(String(flagC.id));

    // Recomputing keeps the override.
    const recomputed = await request(admin, 'POST', '/api/accountability/flags/compute', {
      quarter: '2026-Q4',
    });
    expect((recomputed.json() as FlagList).flags.map((f) => [f.computedColour, f.colour])).toEqual([
      ['green', 'green'],
      ['green', 'green'],
      ['red', 'yellow'],
    ]);

    const published = await request(admin, 'POST', '/api/accountability/flags/publish', {
      quarter: '2026-Q4',
    });
    expect(published.statusCode, published.body).toBe(200);
    expect((published.json() as FlagList).flags.every((f) => f.published)).toBe(true);
    const late = await request(admin, 'POST', `/api/accountability/flags/${flagC.id}/override`, {
      colour: 'red',
      reason: '再议',
    });
    expect(late.statusCode).toBe(409);
    const again = await request(admin, 'POST', '/api/accountability/flags/compute', { quarter: '2026-Q4' });
    expect(again.json().error.code).toBe('accountability.flags_published');
    const list = await request(leader, 'GET', '/api/accountability/flags?quarter=2026-Q4');
    expect((list.json() as FlagList).flags).toHaveLength(3);
    const none = await request(admin, 'POST', '/api/accountability/flags/publish', { quarter: '2026-Q3' });
    expect(none.json().error.code).toBe('accountability.no_flags');
  });
});
