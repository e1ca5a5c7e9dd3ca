import { beforeAll, expect, it } from 'vitest';
import type { Role, ScopeLevel } from '#contracts';
import type { FlagList, Task } from '#contracts/accountability.ts';
import type { DutyRecord, FlagInbox } from '#contracts/accountability-dispatch.ts';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import { FakeClock } from '../../platform/clock.ts';
import { addDays } from './task-flags.ts';
import { buildAccountabilityTestApp } from './testing/accountability-test-app.ts';

type Who = { headers: Record<string, string> };

/**
 * A quarter (2026-Q4) lived through on a fake clock: each Monday the units report (or not), a
 * milestone slips; on 4 January the flags are computed and match the table worked out by hand, an
 * administrator overrides one, and publishing delivers them to the subscribed leaders and writes them
 * into the units' duty records (履职档案).
 */
const MONDAYS = Array.from({ length: 13 }, (_, i) => addDays('2026-10-05', 7 * i)); // 10-05 … 12-28
const UNITS = ['A', 'B', 'C', 'D'] as const;
/** Mondays each unit's task goes without a report. */
const MISSED: Record<(typeof UNITS)[number], string[]> = {
  A: [],
  B: ['2026-11-09', '2026-11-16'],
  C: ['2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28'],
  D: [],
};
/** Worked by hand from the rule (red: ≥3 late or ≥4 missed; yellow: ≥1 late or ≥2 missed). */
const HAND_TABLE = {
  A: { lateMilestones: 0, missedReports: 0, colour: 'green' }, // milestone done a day early
  B: { lateMilestones: 1, missedReports: 2, colour: 'yellow' }, // milestone due 11-15, done 11-20
  C: { lateMilestones: 1, missedReports: 4, colour: 'red' }, // milestone due 12-10, never done
  D: { lateMilestones: 3, missedReports: 0, colour: 'red' }, // three milestones, none done
} as const;

describeOnEngines('accountability flags across a quarter, delivery and duty record', (database) => {
  let app: App;
  let t: TestTerritory;
  let clock: FakeClock;
  const dept: Record<string, number> = {};
  const tasks: Record<string, Task> = {};

  const signIn = async (role: Role, level: ScopeLevel, id: number | null): Promise<Who> =>
    signInAs(app, database(), { jurisdictionId: t.jurisdictionId, role, scope: { level, id } });
  const ok = async (
    who: Who,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: object,
    status = 200,
  ) => {
    const response = await app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
    expect(response.statusCode, response.body).toBe(status);
    return response.json();
  };
  /** 10:00 in Shanghai on a day. */
  const setDay = (date: string) => clock.advance(Date.parse(`${date}T02:00:00Z`) - clock.now().getTime());

  beforeAll(async () => {
    clock = new FakeClock('2026-10-01T02:00:00Z');
    ({ app } = await buildAccountabilityTestApp(database(), clock));
    t = await createTestTerritory(database().db);
    const rows = await database()
      .db.insertInto('department')
      .values(
        UNITS.map((c) => ({ jurisdiction_id: t.jurisdictionId, code: `DUTY-${c}`, name: `挂牌单位${c}` })),
      )
      .returning(['id', 'code'])
      .execute();
    for (const r of rows) dept[r.code.slice(5)] = r.id;
    const admin = await signIn('admin', 'jurisdiction', null);
    const milestones: Record<string, string[]> = {
      A: ['2026-11-15'],
      B: ['2026-11-15'],
      C: ['2026-12-10'],
      D: ['2026-10-20', '2026-11-20', '2026-12-20'],
    };
    for (const u of UNITS)
      tasks[u] = await ok(
        admin,
        'POST',
        '/api/accountability/tasks',
        {
          title: `单位${u}的任务`,
          goal: '目标',
          leadDepartmentId: dept[u],
          responsiblePerson: `${u}局长`,
          startsOn: '2026-10-01',
          milestones: (milestones[u] ?? []).map((dueOn, i) => ({ title: `节点${i + 1}`, dueOn })),
        },
        201,
      );
  });

  it('lives through the quarter: reports missed, a milestone slips, flags as worked by hand', async () => {
    const reporters: Record<string, Who> = {};
    const done = async (u: string, on: string) => {
      const task = tasks[u] as Task;
      const staff = await signIn('department_staff', 'department', dept[u] as number);
      await ok(
        staff,
        'POST',
        `/api/accountability/tasks/${task.id}/milestones/${task.milestones[0]?.id}/done`,
        {
          doneOn: on,
          evidence: '验收通过',
        },
      );
    };
    for (const monday of MONDAYS) {
      setDay(monday);
      // Each Monday the unit's own staff sign in (sessions do not outlive weeks) and report this week.
      for (const u of UNITS) reporters[u] = await signIn('department_staff', 'department', dept[u] as number);
      for (const u of UNITS) {
        if (MISSED[u].includes(monday)) continue;
        await ok(
          reporters[u] as Who,
          'POST',
          `/api/accountability/tasks/${tasks[u]?.id}/reports`,
          { progress: '本周推进', nextWeekPlan: '下周计划' },
          201,
        );
      }
      if (monday === '2026-11-09') {
        setDay('2026-11-14');
        await done('A', '2026-11-14');
      }
      if (monday === '2026-11-16') {
        setDay('2026-11-20');
        await done('B', '2026-11-20');
      }
    }
    setDay('2027-01-04');
    const admin = await signIn('admin', 'jurisdiction', null);
    const flags: FlagList = await ok(admin, 'POST', '/api/accountability/flags/compute', {
      quarter: '2026-Q4',
    });
    const byUnit = Object.fromEntries(
      flags.flags.map((f) => [
        UNITS.find((u) => dept[u] === f.departmentId),
        { lateMilestones: f.lateMilestones, missedReports: f.missedReports, colour: f.colour },
      ]),
    );
    expect(byUnit).toEqual(HAND_TABLE);
  });

  it('delivers the published flags to the subscribed leaders and writes the duty records', async () => {
    const admin = await signIn('admin', 'jurisdiction', null);
    const leaderOne = await signIn('city_leader', 'jurisdiction', null);
    const leaderTwo = await signIn('city_leader', 'jurisdiction', null);
    const staff = await signIn('department_staff', 'department', dept.A as number);
    await ok(leaderOne, 'PUT', '/api/accountability/subscriptions', { departmentIds: [dept.B, dept.D] });
    await ok(leaderTwo, 'PUT', '/api/accountability/subscriptions', { departmentIds: [dept.A] });
    const refused = await app.inject({
      method: 'PUT',
      url: '/api/accountability/subscriptions',
      headers: staff.headers,
      payload: { departmentIds: [dept.A] },
    });
    expect(refused.statusCode).toBe(403);

    const flags: FlagList = await ok(admin, 'GET', '/api/accountability/flags?quarter=2026-Q4');
    const flagOf = (u: string) => flags.flags.find((f) => f.departmentId === dept[u]);
    await ok(admin, 'POST', `/api/accountability/flags/${flagOf('D')?.id}/override`, {
      colour: 'yellow',
      reason: '节点受审批政策调整影响，已报市领导同意',
    });
    // Nothing is delivered before publishing.
    expect(((await ok(leaderOne, 'GET', '/api/accountability/inbox')) as FlagInbox).notices).toEqual([]);
    await ok(admin, 'POST', '/api/accountability/flags/publish', { quarter: '2026-Q4' });

    const one: FlagInbox = await ok(leaderOne, 'GET', '/api/accountability/inbox');
    expect(one.unread).toBe(2);
    expect(one.notices.map((n) => [n.departmentName, n.colour, n.quarter]).sort()).toEqual([
      ['挂牌单位B', 'yellow', '2026-Q4'],
      ['挂牌单位D', 'yellow', '2026-Q4'],
    ]);
    expect(one.notices.find((n) => n.departmentId === dept.D)?.overrideReason).toContain('审批政策');
    const two: FlagInbox = await ok(leaderTwo, 'GET', '/api/accountability/inbox');
    expect(two.notices.map((n) => [n.departmentName, n.colour])).toEqual([['挂牌单位A', 'green']]);
    // And in the app's bell, pushed live: one notice per subscribed unit's flag.
    const bell = (await ok(leaderOne, 'GET', '/api/notifications')) as {
      notifications: { topic: string; title: string }[];
    };
    expect(
      bell.notifications
        .filter((n) => n.topic === 'flag_published')
        .map((n) => n.title)
        .sort(),
    ).toEqual(['2026-Q4 季挂牌：挂牌单位B 黄牌', '2026-Q4 季挂牌：挂牌单位D 黄牌']);
    const read: FlagInbox = await ok(
      leaderTwo,
      'POST',
      `/api/accountability/inbox/${two.notices[0]?.id}/read`,
    );
    expect(read.unread).toBe(0);

    const record = async (u: string): Promise<DutyRecord> =>
      ok(admin, 'GET', `/api/accountability/duty-records/${dept[u]}`);
    const d = await record('D');
    expect(d.heads).toEqual(['D局长']);
    expect(d.entries.map((e) => [e.kind, e.period, e.colour, e.head]).sort()).toEqual([
      ['flag', '2026-Q4', 'yellow', 'D局长'],
      ['override', '2026-Q4', 'yellow', 'D局长'],
    ]);
    expect(d.entries.find((e) => e.kind === 'override')?.summary).toContain('按规则为红牌，调整为黄牌');
    const c = await record('C');
    expect(c.entries.map((e) => [e.kind, e.colour])).toEqual([['flag', 'red']]);
    expect(c.entries[0]?.summary).toContain('滞后节点 1 个，缺报 4 次');
  });
});
