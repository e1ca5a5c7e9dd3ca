import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { Role, ScopeLevel } from '#contracts';
import type { Task } from '#contracts/accountability.ts';
import type { Bulletin, DutyRecord } from '#contracts/accountability-dispatch.ts';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import { FakeClock } from '../../platform/clock.ts';
import { CATEGORY_LABELS } from './bulletin.ts';
import { TASK_SHEET, UNIT_SHEET } from './bulletin.xlsx.ts';
import { buildAccountabilityTestApp } from './testing/accountability-test-app.ts';

type Who = { headers: Record<string, string> };

/**
 * The monthly bulletin (月通报) for October 2026, generated on Thursday 5 November: its tasks and
 * units are exactly those a direct SQL query over the tables says, by the written rule, and the
 * Excel file read back has the same rows.
 */
const OCT_MONDAYS = ['2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26'];

describeOnEngines('accountability monthly bulletin', (database) => {
  let app: App;
  let t: TestTerritory;
  let admin: Who;
  let clock: FakeClock;
  const dept: number[] = [];
  const tasks: Record<string, Task> = {};

  const signIn = async (role: Role, level: ScopeLevel, id: number | null): Promise<Who> =>
    signInAs(app, database(), { jurisdictionId: t.jurisdictionId, role, scope: { level, id } });
  const request = (who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });
  const ok = async (
    who: Who,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: object,
    status = 200,
  ) => {
    const response = await request(who, method, url, payload);
    expect(response.statusCode, response.body).toBe(status);
    return response.json();
  };
  const d = (i: number) => dept[i] as number;
  const id = (key: string) => (tasks[key] as Task).id;

  beforeAll(async () => {
    clock = new FakeClock('2026-09-01T02:00:00Z');
    ({ app } = await buildAccountabilityTestApp(database(), clock));
    t = await createTestTerritory(database().db);
    const rows = await database()
      .db.insertInto('department')
      .values(
        ['A', 'B', 'C', 'D'].map((c) => ({
          jurisdiction_id: t.jurisdictionId,
          code: `BUL-${c}`,
          name: `通报单位${c}`,
        })),
      )
      .returning('id')
      .execute();
    dept.push(...rows.map((r) => r.id));
    admin = await signIn('admin', 'jurisdiction', null);

    const create = async (key: string, body: { lead: number; startsOn: string; milestones?: object[] }) => {
      tasks[key] = await ok(
        admin,
        'POST',
        '/api/accountability/tasks',
        {
          title: `任务${key}`,
          goal: '目标',
          leadDepartmentId: d(body.lead),
          responsiblePerson: `负责人${key}`,
          startsOn: body.startsOn,
          milestones: body.milestones ?? [],
        },
        201,
      );
    };
    await create('T1', {
      lead: 0,
      startsOn: '2026-09-01',
      milestones: [
        { title: 'T1节点1', dueOn: '2026-10-10' },
        { title: 'T1节点2', dueOn: '2026-12-01' },
      ],
    });
    await create('T2', {
      lead: 0,
      startsOn: '2026-09-01',
      milestones: [{ title: 'T2节点', dueOn: '2026-10-15' }],
    });
    await create('T3', { lead: 1, startsOn: '2026-09-01' });
    await create('T4', { lead: 1, startsOn: '2026-09-01' });
    await create('T5', { lead: 2, startsOn: '2026-11-02' });
    await create('T6', { lead: 2, startsOn: '2026-09-01' });
    await create('T7', { lead: 3, startsOn: '2026-10-14' });
    await create('T8', {
      lead: 3,
      startsOn: '2026-09-01',
      milestones: [{ title: 'T8节点', dueOn: '2026-09-20' }],
    });

    const report = (key: string, weekOf: string) =>
      ok(
        admin,
        'POST',
        `/api/accountability/tasks/${id(key)}/reports`,
        { weekOf, progress: '推进中', nextWeekPlan: '继续' },
        201,
      );
    for (const weekOf of OCT_MONDAYS) {
      for (const key of ['T1', 'T2', 'T8']) await report(key, weekOf);
      if (weekOf !== '2026-10-12') await report('T3', weekOf);
      if (weekOf < '2026-10-20') await report('T4', weekOf);
      if (weekOf >= '2026-10-19') await report('T7', weekOf);
    }
    const done = (key: string, doneOn: string, index = 0) =>
      ok(
        admin,
        'POST',
        `/api/accountability/tasks/${id(key)}/milestones/${tasks[key]?.milestones[index]?.id}/done`,
        {
          doneOn,
          evidence: '验收材料',
        },
      );
    await done('T1', '2026-10-08');
    await done('T8', '2026-10-03');
    await ok(admin, 'POST', `/api/accountability/tasks/${id('T6')}/status`, {
      action: 'suspend',
      on: '2026-09-20',
      reason: '上级调整',
    });
    await ok(admin, 'POST', `/api/accountability/tasks/${id('T4')}/status`, {
      action: 'complete',
      on: '2026-10-20',
      reason: '全部完成',
    });
    clock.advance(Date.parse('2026-11-05T02:00:00Z') - clock.now().getTime());
    admin = await signIn('admin', 'jurisdiction', null); // the session ran out over two months
  });

  /** The month's tasks and their category, straight from the tables by the written rule. */
  const directQuery = async (month: { first: string; last: string; asOf: string; thisMonday: string }) => {
    const { first, last, asOf, thisMonday } = month;
    const result = await sql<{ id: number | string; lead_department_id: number | string; category: string }>`
      select t.id, t.lead_department_id,
        case
          when t.status = 'completed' and t.ended_on <= ${last}::date then 'done'
          when exists (
            select 1 from accountability_milestone m
            where m.jurisdiction_id = t.jurisdiction_id and m.task_id = t.id and (
              (m.done_on <= ${asOf}::date and m.done_on > m.due_on and m.done_on >= ${first}::date)
              or ((m.done_on is null or m.done_on > ${asOf}::date) and m.due_on < ${asOf}::date))
          ) then 'late'
          when exists (
            select 1 from generate_series(${first}::date, ${last}::date, interval '1 day') as g(day)
            where extract(isodow from g.day) = 1 and g.day < ${thisMonday}::date
              and g.day >= t.starts_on + ((8 - extract(isodow from t.starts_on)::int) % 7)
              and (t.ended_on is null or g.day < t.ended_on)
              and not exists (
                select 1 from accountability_weekly_report r
                where r.jurisdiction_id = t.jurisdiction_id and r.task_id = t.id and r.week_of = g.day::date)
          ) then 'not_reported'
          else 'on_track'
        end as category
      from accountability_task t
      where t.jurisdiction_id = ${t.jurisdictionId}
        and t.starts_on <= ${last}::date and (t.ended_on is null or t.ended_on >= ${first}::date)
      order by t.id`.execute(database().db);
    return result.rows.map((r) => ({
      taskId: Number(r.id),
      departmentId: Number(r.lead_department_id),
      category: r.category,
    }));
  };

  let bulletin: Bulletin;

  it('lists exactly the tasks and units a direct query says, by category', async () => {
    bulletin = await ok(admin, 'POST', '/api/accountability/bulletins', { month: '2026-10' });
    expect(bulletin).toMatchObject({ month: '2026-10', asOf: '2026-10-31', status: 'draft' });
    const expected = await directQuery({
      first: '2026-10-01',
      last: '2026-10-31',
      asOf: '2026-10-31',
      thisMonday: '2026-11-02',
    });
    const listed = bulletin.tasks
      .map((r) => ({ taskId: r.taskId, departmentId: r.departmentId, category: r.category }))
      .sort((a, b) => a.taskId - b.taskId);
    expect(listed).toEqual(expected);
    expect(bulletin.units.map((u) => u.departmentId).sort((a, b) => a - b)).toEqual(
      [...new Set(expected.map((e) => e.departmentId))].sort((a, b) => a - b),
    );
    // The hand-worked reading of the same facts, so the query above is not vacuous.
    expect(Object.fromEntries(bulletin.tasks.map((r) => [r.title, r.category]))).toEqual({
      任务T1: 'on_track',
      任务T2: 'late',
      任务T3: 'not_reported',
      任务T4: 'done',
      任务T7: 'on_track',
      任务T8: 'late',
    });
    expect(bulletin.tasks.find((r) => r.title === '任务T3')?.missedWeeks).toEqual(['2026-10-12']);
    expect(bulletin.units.find((u) => u.departmentId === d(1))).toMatchObject({
      tasks: 2,
      done: 1,
      notReported: 1,
    });
    expect(bulletin.changes.map((c) => [c.title, c.kind, c.on])).toEqual([
      ['任务T8', 'milestone_done', '2026-10-03'],
      ['任务T1', 'milestone_done', '2026-10-08'],
      ['任务T4', 'task_completed', '2026-10-20'],
      // September: no reports yet (T1–T4 not reported), T8's milestone overdue.
      ['任务T1', 'category_changed', null],
      ['任务T2', 'category_changed', null],
      ['任务T4', 'category_changed', null],
    ]);
  });

  it('exports an Excel file that reads back with the same rows', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/accountability/bulletins/${bulletin.id}/xlsx`,
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const values = (sheet: string) => {
      const rows: unknown[][] = [];
      workbook.getWorksheet(sheet)?.eachRow((row, n) => {
        if (n > 1) rows.push((row.values as unknown[]).slice(1));
      });
      return rows;
    };
    expect(values(TASK_SHEET).map((r) => r.slice(0, 5))).toEqual(
      bulletin.tasks.map((r) => [
        r.title,
        r.departmentName,
        r.responsiblePerson,
        CATEGORY_LABELS[r.category],
        r.progress,
      ]),
    );
    expect(values(UNIT_SHEET).map((r) => r.slice(0, 6))).toEqual(
      bulletin.units.map((u) => [u.departmentName, u.tasks, u.done, u.onTrack, u.late, u.notReported]),
    );
  });

  it('takes remarks on the draft, publishes it into the duty records, then no longer changes', async () => {
    const edited: Bulletin = await ok(admin, 'PUT', `/api/accountability/bulletins/${bulletin.id}/remarks`, {
      remarks: '十月总体平稳。',
      unitRemarks: { [String(d(0))]: '节点滞后，限期整改。' },
    });
    expect(edited.remarks).toBe('十月总体平稳。');
    expect(edited.units.find((u) => u.departmentId === d(0))?.remark).toBe('节点滞后，限期整改。');
    const published: Bulletin = await ok(
      admin,
      'POST',
      `/api/accountability/bulletins/${bulletin.id}/publish`,
    );
    expect(published.status).toBe('published');
    const again = await request(admin, 'POST', '/api/accountability/bulletins', { month: '2026-10' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('accountability.bulletin_published');

    const record = async (i: number): Promise<DutyRecord> =>
      ok(admin, 'GET', `/api/accountability/duty-records/${d(i)}`);
    const a = await record(0);
    expect(a.entries.map((e) => [e.kind, e.period])).toEqual([['bulletin', '2026-10']]);
    expect(a.entries[0]?.summary).toContain('“任务T2”滞后');
    expect(a.entries[0]?.summary).toContain('限期整改');
    expect(a.entries[0]?.head).toBe('负责人T1、负责人T2');
    expect((await record(1)).entries.map((e) => e.kind)).toEqual(['bulletin']);
    expect((await record(2)).entries).toEqual([]);
    expect((await record(3)).entries.map((e) => e.kind)).toEqual(['bulletin']);
  });

  it('refuses a status change that does not fit, and audits the ones that do', async () => {
    const resumeRunning = await request(admin, 'POST', `/api/accountability/tasks/${id('T1')}/status`, {
      action: 'resume',
      reason: '恢复推进',
    });
    expect(resumeRunning.statusCode).toBe(409);
    const resumed: Task = await ok(admin, 'POST', `/api/accountability/tasks/${id('T6')}/status`, {
      action: 'resume',
      reason: '恢复推进',
    });
    expect(resumed.status).toBe('in_progress');
    const audit = await database()
      .db.selectFrom('audit_event')
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .where('action', 'like', 'accountability.task_%')
      .select(['action'])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      ...Array(8).fill('accountability.task_created'),
      'accountability.task_suspended',
      'accountability.task_completed',
      'accountability.task_resumed',
    ]);
  });
});
