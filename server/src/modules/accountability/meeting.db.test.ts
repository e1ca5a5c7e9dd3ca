import { beforeAll, expect, it } from 'vitest';
import type { DispatchMeeting, DispatchMeetingList } from '#contracts/accountability-dispatch.ts';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import { FakeClock } from '../../platform/clock.ts';
import { buildAccountabilityTestApp } from './testing/accountability-test-app.ts';

type Who = { headers: Record<string, string> };

/** Dispatch meetings (调度会): decisions assigned to units with due dates, done by their unit. */
describeOnEngines('accountability dispatch meetings', (database) => {
  let app: App;
  let t: TestTerritory;
  let admin: Who;
  const dept: number[] = [];

  const call = (who: Who, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    ({ app } = await buildAccountabilityTestApp(database(), new FakeClock('2026-11-25T02:00:00Z')));
    t = await createTestTerritory(database().db);
    const rows = await database()
      .db.insertInto('department')
      .values(
        ['A', 'B'].map((c) => ({
          jurisdiction_id: t.jurisdictionId,
          code: `MTG-${c}`,
          name: `会议单位${c}`,
        })),
      )
      .returning('id')
      .execute();
    dept.push(...rows.map((r) => r.id));
    admin = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role: 'admin',
      scope: { level: 'jurisdiction', id: null },
    });
  });

  it('records a meeting, and a decision is done by its own unit only; late ones show', async () => {
    const created = await call(admin, 'POST', '/api/accountability/meetings', {
      heldOn: '2026-11-23',
      title: '第十二次调度会',
      chairedBy: '市委副书记',
      decisions: [
        { content: '资金缺口报告', departmentId: dept[0], dueOn: '2026-11-30' },
        { content: '网格员到岗', departmentId: dept[1], dueOn: '2026-11-20' },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const meeting: DispatchMeeting = created.json();
    expect(meeting.decisions.map((d) => [d.departmentName, d.late])).toEqual([
      ['会议单位A', false],
      ['会议单位B', true],
    ]);
    const [first] = meeting.decisions;
    const staffB = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role: 'department_staff',
      scope: { level: 'department', id: dept[1] as number },
    });
    const staffA = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role: 'department_staff',
      scope: { level: 'department', id: dept[0] as number },
    });
    const url = `/api/accountability/meetings/${meeting.id}/decisions/${first?.id}/done`;
    const body = { doneOn: '2026-11-25', note: '报告已报送' };
    expect((await call(staffB, 'POST', url, body)).statusCode).toBe(403);
    const noCreate = await call(staffA, 'POST', '/api/accountability/meetings', {
      heldOn: '2026-11-23',
      title: 'x',
      chairedBy: 'y',
    });
    expect(noCreate.statusCode).toBe(403);
    const done = await call(staffA, 'POST', url, body);
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as DispatchMeeting).decisions[0]).toMatchObject({
      doneOn: '2026-11-25',
      doneNote: '报告已报送',
      late: false,
    });
    const again = await call(staffA, 'POST', url, body);
    expect(again.json().error.code).toBe('accountability.decision_done');
    const list: DispatchMeetingList = (await call(staffB, 'GET', '/api/accountability/meetings')).json();
    expect(list.meetings.map((m) => m.title)).toEqual(['第十二次调度会']);
  });
});
