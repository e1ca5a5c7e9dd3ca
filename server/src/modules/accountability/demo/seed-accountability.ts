import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { insertMilestones, insertTask, insertWeeklyReport } from '../accountability.repository.ts';
import { withAccountabilityTables } from '../accountability.table.ts';
import { addDays, currentMonday, mondaysBetween, shanghaiDate } from '../task-flags.ts';

/**
 * A handful of the pilot's 41 tasks (挂图作战), led by the demo departments (by code; a task whose
 * lead is missing is skipped), started eight weeks ago, with milestones around today and weekly
 * reports with deliberate gaps, so that the not-reported board and the flags show all three colours.
 */
const DEMO_TASKS: {
  lead: string;
  cooperating: string[];
  title: string;
  goal: string;
  person: string;
  /** Milestones: days from today (negative: past), done `doneAfter` days after due, or not done (null). */
  milestones: { title: string; dueIn: number; doneAfter: number | null }[];
  /** Weeks (0 = eight weeks ago … 7 = last week) without a report; `thisWeek`: reported this Monday. */
  missedWeeks: number[];
  thisWeek: boolean;
}[] = [
  {
    lead: 'ZZB',
    cooperating: ['ZFW', 'MZJ'],
    title: '党建引领网格化治理体系建设',
    goal: '构建“街道—社区—网格—楼栋”四级组织体系，网格党支部全覆盖。',
    person: '市委组织部 组织科科长',
    milestones: [
      { title: '网格党支部组建方案印发', dueIn: -45, doneAfter: 0 },
      { title: '网格党支部全部挂牌', dueIn: -10, doneAfter: -2 },
      { title: '年度述职评议完成', dueIn: 25, doneAfter: null },
    ],
    missedWeeks: [],
    thisWeek: true,
  },
  {
    lead: 'ZFW',
    cooperating: ['GAJ', 'ZHZF'],
    title: '“多网合一”网格划分与专职网格员配备',
    goal: '统一划分城市社区网格，专职网格员一格一员。',
    person: '市委政法委 基层治理科科长',
    milestones: [
      { title: '网格边界数据入库', dueIn: -30, doneAfter: 6 },
      { title: '专职网格员到岗', dueIn: -5, doneAfter: null },
    ],
    missedWeeks: [3],
    thisWeek: false,
  },
  {
    lead: 'ZJJ',
    cooperating: ['ZRZY', 'SWJ'],
    title: '老旧小区改造与红色物业全覆盖',
    goal: '完成年度老旧小区改造计划，物业企业党组织全覆盖。',
    person: '市住建局 物业科科长',
    milestones: [
      { title: '改造项目立项', dueIn: -50, doneAfter: null },
      { title: '施工单位进场', dueIn: -20, doneAfter: null },
      { title: '首批小区完工', dueIn: -3, doneAfter: null },
    ],
    missedWeeks: [1, 2, 4, 6],
    thisWeek: false,
  },
  {
    lead: 'MZJ',
    cooperating: ['WJJ'],
    title: '幸福365便民服务圈',
    goal: '社区党群服务中心服务事项清单化，一窗受理。',
    person: '市民政局 基层政权科科长',
    milestones: [
      { title: '服务事项清单发布', dueIn: -28, doneAfter: 0 },
      { title: '社区服务站挂牌', dueIn: 14, doneAfter: null },
    ],
    missedWeeks: [],
    thisWeek: true,
  },
  {
    lead: 'YJJ',
    cooperating: ['XFJY'],
    title: '网格安全隐患排查整治',
    goal: '网格员每月巡查，隐患发现、交办、整改闭环。',
    person: '市应急局 基础科科长',
    milestones: [{ title: '隐患台账建立', dueIn: -14, doneAfter: 1 }],
    missedWeeks: [5],
    thisWeek: false,
  },
];

export async function isAccountabilityEmpty(db: Kysely<Database>, jurisdictionId: number): Promise<boolean> {
  const row = await withAccountabilityTables(db)
    .selectFrom('accountability_task')
    .where('jurisdiction_id', '=', jurisdictionId)
    .select('id')
    .limit(1)
    .executeTakeFirst();
  return row === undefined;
}

export async function seedDemoAccountability(
  database: Kysely<Database>,
  options: { jurisdictionId: number; now: Date },
): Promise<{ tasks: number; reports: number }> {
  const db = withAccountabilityTables(database);
  const { jurisdictionId, now } = options;
  const departments = await db
    .selectFrom('department')
    .where('jurisdiction_id', '=', jurisdictionId)
    .select(['id', 'code'])
    .execute();
  const byCode = new Map(departments.map((d) => [d.code, d.id]));
  const today = shanghaiDate(now);
  const thisMonday = currentMonday(now);
  const startsOn = addDays(thisMonday, -56);
  const pastMondays = mondaysBetween(startsOn, addDays(thisMonday, -1));
  let tasks = 0;
  let reports = 0;
  for (const spec of DEMO_TASKS) {
    const lead = byCode.get(spec.lead);
    if (lead === undefined) continue;
    const taskId = await insertTask(db, {
      jurisdictionId,
      title: spec.title,
      goal: spec.goal,
      leadDepartmentId: lead,
      cooperatingDepartmentIds: spec.cooperating.flatMap((c) => byCode.get(c) ?? []),
      responsiblePerson: spec.person,
      placeId: null,
      startsOn,
      createdBy: 'demo',
      now,
    });
    tasks += 1;
    await insertMilestones(db, {
      jurisdictionId,
      taskId,
      milestones: spec.milestones.map((m) => ({ title: m.title, dueOn: addDays(today, m.dueIn) })),
    });
    for (const [position, m] of spec.milestones.entries()) {
      if (m.doneAfter === null) continue;
      await db
        .updateTable('accountability_milestone')
        .set({ done_on: addDays(today, m.dueIn + m.doneAfter), evidence: '会议纪要与现场照片已上传' })
        .where('jurisdiction_id', '=', jurisdictionId)
        .where('task_id', '=', taskId)
        .where('position', '=', position)
        .execute();
    }
    const weeks = pastMondays.filter((_, i) => !spec.missedWeeks.includes(i));
    if (spec.thisWeek) weeks.push(thisMonday);
    for (const weekOf of weeks) {
      await insertWeeklyReport(db, {
        jurisdictionId,
        taskId,
        weekOf,
        progress: `${spec.title}：本周按计划推进。`,
        problems: '',
        nextWeekPlan: '继续推进下一节点工作。',
        reportedBy: 'demo',
        now,
      });
      reports += 1;
    }
  }
  return { tasks, reports };
}
