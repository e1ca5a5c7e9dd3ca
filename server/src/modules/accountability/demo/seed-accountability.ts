import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Principal } from '../../../platform/access.ts';
import type { Actor } from '../../../platform/audit.ts';
import { insertMilestones, insertTask, insertWeeklyReport } from '../accountability.repository.ts';
import { withAccountabilityTables } from '../accountability.table.ts';
import { editBulletinRemarks, generateBulletin, publishBulletin } from '../bulletin.service.ts';
import { previousMonth } from '../bulletin.ts';
import { insertMeeting, replaceSubscriptions, updateTaskStatus } from '../dispatch.repository.ts';
import { computeFlags, findFlags, overrideUnitFlag, publishQuarterFlags } from '../flag.service.ts';
import {
  addDays,
  currentMonday,
  DEFAULT_FLAG_RULE,
  mondaysBetween,
  quarterBounds,
  quarterOf,
  shanghaiDate,
} from '../task-flags.ts';

/**
 * The pilot's battle map (挂图作战): 41 tasks led by 37 units (32 departments and the 5 subdistricts,
 * as the access module's `department` rows; units missing from the demo are added by code). Tasks
 * started early last quarter; each has three milestones and a Monday report every week, with gaps and
 * slips by the unit's pattern so that the board, the bulletin and the flags show every case. Last
 * month's bulletin and last quarter's flags are published (one flag overridden), a dispatch meeting is
 * recorded, and the city leaders subscribe to a few units.
 */

type Pattern = 'steady' | 'slipping' | 'lagging';

/** The lead units: code, name; the subdistricts' codes are their territory codes. */
export const DEMO_LEAD_UNITS: { code: string; name: string }[] = [
  { code: 'ZZB', name: '市委组织部' },
  { code: 'XCB', name: '市委宣传部' },
  { code: 'TZB', name: '市委统战部' },
  { code: 'ZFW', name: '市委政法委' },
  { code: 'FGJ', name: '市发展和改革局' },
  { code: 'JYJ', name: '市教育和体育局' },
  { code: 'GXJ', name: '市工业和信息化局' },
  { code: 'GAJ', name: '市公安局' },
  { code: 'MZJ', name: '市民政局' },
  { code: 'SFJ', name: '市司法局' },
  { code: 'CZJ', name: '市财政局' },
  { code: 'RSJ', name: '市人力资源和社会保障局' },
  { code: 'ZRZY', name: '市自然资源和规划局' },
  { code: 'SHJ', name: '烟台市生态环境局龙口分局' },
  { code: 'ZJJ', name: '市住房和城乡建设局' },
  { code: 'JTJ', name: '市交通运输局' },
  { code: 'SWJ', name: '市水务局' },
  { code: 'NYJ', name: '市农业农村局' },
  { code: 'SWJJ', name: '市商务局' },
  { code: 'WLJ', name: '市文化和旅游局' },
  { code: 'WJJ', name: '市卫生健康局' },
  { code: 'TYJR', name: '市退役军人事务局' },
  { code: 'YJJ', name: '市应急管理局' },
  { code: 'SCJG', name: '市市场监督管理局' },
  { code: 'XFJ', name: '市信访局' },
  { code: 'SPJ', name: '市行政审批服务局' },
  { code: 'DSJ', name: '市大数据中心' },
  { code: 'ZHZF', name: '市综合行政执法局' },
  { code: 'XFJY', name: '市消防救援大队' },
  { code: 'ZGH', name: '市总工会' },
  { code: 'FL', name: '市妇女联合会' },
  { code: 'CL', name: '市残疾人联合会' },
  { code: 'JD-370681001', name: '东莱街道办事处' },
  { code: 'JD-370681002', name: '龙港街道办事处' },
  { code: 'JD-370681003', name: '新嘉街道办事处' },
  { code: 'JD-370681004', name: '徐福街道办事处' },
  { code: 'JD-370681005', name: '东江街道办事处' },
];

/** The 41 tasks: the lead unit's code, the title, the cooperating units. Four units lead two. */
const DEMO_TASKS: { lead: string; title: string; cooperating: string[] }[] = [
  { lead: 'ZZB', title: '党建引领网格化治理体系建设', cooperating: ['ZFW', 'MZJ'] },
  { lead: 'ZZB', title: '网格党支部全覆盖与书记突破项目', cooperating: ['MZJ'] },
  { lead: 'XCB', title: '新时代文明实践站进网格', cooperating: ['WLJ'] },
  { lead: 'TZB', title: '新的社会阶层人士参与基层治理', cooperating: ['ZFW'] },
  { lead: 'ZFW', title: '“多网合一”网格划分与专职网格员配备', cooperating: ['GAJ', 'ZHZF'] },
  { lead: 'ZFW', title: '矛盾纠纷多元化解“一站式”平台', cooperating: ['SFJ', 'XFJ'] },
  { lead: 'FGJ', title: '智慧城市基层治理项目立项', cooperating: ['DSJ', 'CZJ'] },
  { lead: 'JYJ', title: '校园周边网格化安全管理', cooperating: ['GAJ'] },
  { lead: 'GXJ', title: '社区5G与物联感知设施覆盖', cooperating: ['DSJ'] },
  { lead: 'GAJ', title: '“一标三实”基础信息采集', cooperating: ['ZFW'] },
  { lead: 'MZJ', title: '幸福365便民服务圈', cooperating: ['WJJ'] },
  { lead: 'MZJ', title: '社区减负增效与事项准入清单', cooperating: ['ZZB'] },
  { lead: 'SFJ', title: '网格法律顾问全覆盖', cooperating: ['ZFW'] },
  { lead: 'CZJ', title: '网格化治理经费保障机制', cooperating: ['RSJ'] },
  { lead: 'RSJ', title: '专职网格员薪酬与职业体系', cooperating: ['CZJ', 'ZZB'] },
  { lead: 'ZRZY', title: '网格地理底图与地址库更新', cooperating: ['DSJ'] },
  { lead: 'SHJ', title: '生态环境问题网格发现与处置', cooperating: ['ZHZF'] },
  { lead: 'ZJJ', title: '老旧小区改造与红色物业全覆盖', cooperating: ['ZRZY', 'SWJ'] },
  { lead: 'ZJJ', title: '物业服务质量网格评价', cooperating: ['SCJG'] },
  { lead: 'JTJ', title: '背街小巷道路与停车治理', cooperating: ['GAJ', 'ZHZF'] },
  { lead: 'SWJ', title: '城区供排水设施网格巡查', cooperating: ['ZJJ'] },
  { lead: 'NYJ', title: '城郊结合部人居环境整治', cooperating: ['SHJ'] },
  { lead: 'SWJJ', title: '便民商业网点进社区', cooperating: ['SCJG'] },
  { lead: 'WLJ', title: '社区文化活动阵地提升', cooperating: ['XCB'] },
  { lead: 'WJJ', title: '家庭医生签约服务进网格', cooperating: ['MZJ'] },
  { lead: 'TYJR', title: '退役军人服务站网格联动', cooperating: ['MZJ'] },
  { lead: 'YJJ', title: '网格安全隐患排查整治', cooperating: ['XFJY'] },
  { lead: 'SCJG', title: '食品安全网格化监管', cooperating: ['ZHZF'] },
  { lead: 'XFJ', title: '信访事项网格化前置化解', cooperating: ['ZFW'] },
  { lead: 'SPJ', title: '政务服务事项下沉社区', cooperating: ['DSJ'] },
  { lead: 'DSJ', title: '市域社会治理指挥平台数据共享', cooperating: ['GAJ', 'ZFW'] },
  { lead: 'ZHZF', title: '执法力量下沉网格“吹哨报到”', cooperating: ['SCJG'] },
  { lead: 'XFJY', title: '高层建筑与“九小场所”消防网格', cooperating: ['YJJ'] },
  { lead: 'ZGH', title: '网格员关爱与职工之家建设', cooperating: ['RSJ'] },
  { lead: 'FL', title: '妇女儿童之家网格服务', cooperating: ['MZJ'] },
  { lead: 'CL', title: '残疾人网格精准帮扶', cooperating: ['MZJ'] },
  { lead: 'JD-370681001', title: '东莱街道润新社区治理示范点', cooperating: ['ZFW', 'MZJ'] },
  { lead: 'JD-370681002', title: '龙港街道港城融合网格试点', cooperating: ['ZFW'] },
  { lead: 'JD-370681003', title: '新嘉街道新建小区网格组建', cooperating: ['ZJJ'] },
  { lead: 'JD-370681004', title: '徐福街道季节性居住社区管理', cooperating: ['GAJ'] },
  { lead: 'JD-370681005', title: '东江街道单位型社区治理', cooperating: ['ZZB'] },
];

const PATTERNS: Pattern[] = ['steady', 'steady', 'slipping', 'steady', 'lagging', 'steady', 'slipping'];
const PEOPLE = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱'];

export async function isAccountabilityEmpty(db: Kysely<Database>, jurisdictionId: number): Promise<boolean> {
  const row = await withAccountabilityTables(db)
    .selectFrom('accountability_task')
    .where('jurisdiction_id', '=', jurisdictionId)
    .select('id')
    .limit(1)
    .executeTakeFirst();
  return row === undefined;
}

export interface AccountabilitySeedResult {
  units: number;
  tasks: number;
  reports: number;
  bulletinMonth: string;
  flagQuarter: string;
}

export async function seedDemoAccountability(
  database: Kysely<Database>,
  options: { jurisdictionId: number; now: Date },
): Promise<AccountabilitySeedResult> {
  const db = withAccountabilityTables(database);
  const { jurisdictionId, now } = options;
  const actor: Actor = { id: 'seed' };
  /** The seed acts as the jurisdiction's administrator; the services read only these fields. */
  const principal = { jurisdictionId, accountId: 0, role: 'admin' } as Principal;

  await db
    .insertInto('department')
    .values(DEMO_LEAD_UNITS.map((u) => ({ jurisdiction_id: jurisdictionId, code: u.code, name: u.name })))
    .onConflict((oc) => oc.columns(['jurisdiction_id', 'code']).doNothing())
    .execute();
  const departments = await db
    .selectFrom('department')
    .where('jurisdiction_id', '=', jurisdictionId)
    .select(['id', 'code'])
    .execute();
  const byCode = new Map(departments.map((d) => [d.code, d.id]));
  const communities = await db
    .selectFrom('territory_place as c')
    .leftJoin('territory_place as s', (j) =>
      j.onRef('s.jurisdiction_id', '=', 'c.jurisdiction_id').onRef('s.id', '=', 'c.subdistrict_id'),
    )
    .where('c.jurisdiction_id', '=', jurisdictionId)
    .where('c.level', '=', 'community')
    .select(['c.id', 's.code as subdistrict_code'])
    .orderBy('c.code')
    .execute();

  const today = shanghaiDate(now);
  const thisMonday = currentMonday(now);
  const lastQuarter = quarterBounds(quarterOf(addDays(quarterBounds(quarterOf(today)).first, -1)));
  const startsOn = addDays(lastQuarter.first, 3);
  const pastMondays = mondaysBetween(startsOn, addDays(thisMonday, -1));
  const lastQ = (n: number) => addDays(lastQuarter.first, n);

  let tasks = 0;
  let reports = 0;
  const taskIds: number[] = [];
  for (const [i, spec] of DEMO_TASKS.entries()) {
    const lead = byCode.get(spec.lead);
    if (lead === undefined) continue;
    const pattern = PATTERNS[i % PATTERNS.length] as Pattern;
    const subdistrictPlace = spec.lead.startsWith('JD-')
      ? communities.find((c) => `JD-${c.subdistrict_code}` === spec.lead)
      : i % 3 === 0
        ? communities[(i * 7) % Math.max(communities.length, 1)]
        : undefined;
    const taskId = await insertTask(db, {
      jurisdictionId,
      title: spec.title,
      goal: `${spec.title}：年底前形成可复制的机制，纳入季度挂牌考核。`,
      leadDepartmentId: lead,
      cooperatingDepartmentIds: spec.cooperating.flatMap((c) => byCode.get(c) ?? []),
      responsiblePerson: `${PEOPLE[i % PEOPLE.length]}${spec.lead.startsWith('JD-') ? '主任' : '局长'}`,
      placeId: subdistrictPlace?.id ?? null,
      startsOn,
      createdBy: 'seed',
      now,
    });
    tasks += 1;
    taskIds.push(taskId);
    // Three milestones: early last quarter, late last quarter, a month ahead.
    const milestones = [
      { title: '实施方案印发', dueOn: lastQ(30 + (i % 10)) },
      { title: '阶段目标完成', dueOn: lastQ(75 + (i % 12)) },
      { title: '年度目标验收', dueOn: addDays(today, 20 + (i % 25)) },
    ];
    await insertMilestones(db, { jurisdictionId, taskId, milestones });
    const doneAfter: (number | null)[] =
      pattern === 'steady' ? [-2, 0, null] : pattern === 'slipping' ? [0, 6, null] : [9, null, null];
    for (const [position, after] of doneAfter.entries()) {
      const m = milestones[position];
      if (after === null || !m || addDays(m.dueOn, after) > today) continue;
      await db
        .updateTable('accountability_milestone')
        .set({ done_on: addDays(m.dueOn, after), evidence: '实施方案、会议纪要与现场照片已上传' })
        .where('jurisdiction_id', '=', jurisdictionId)
        .where('task_id', '=', taskId)
        .where('position', '=', position)
        .execute();
    }
    // Weekly reports: steady units miss none, slipping ones two, lagging ones one in four.
    const missed = (w: number) =>
      pattern === 'lagging'
        ? (w + i) % 4 === 0
        : pattern === 'slipping'
          ? w === 5 || w === pastMondays.length - 2
          : // a few steady units forgot one Monday five weeks ago (last month's bulletin names them)
            i % 5 === 1 && w === pastMondays.length - 5;
    const weeks = pastMondays.filter((_, w) => !missed(w));
    if (pattern === 'steady' && i % 2 === 0) weeks.push(thisMonday);
    for (const weekOf of weeks) {
      await insertWeeklyReport(db, {
        jurisdictionId,
        taskId,
        weekOf,
        progress: `${spec.title}：本周完成入户走访与台账更新，推进情况良好。`,
        problems: pattern === 'steady' ? '' : '部分社区人手紧张，经费拨付进度偏慢。',
        nextWeekPlan: '按节点推进，协调配合单位召开专题会。',
        reportedBy: 'seed',
        now,
      });
      reports += 1;
    }
  }

  // Two tasks ended: one completed last month, one suspended.
  const lastMonth = previousMonth(today.slice(0, 7));
  if (taskIds[3] !== undefined)
    await updateTaskStatus(db, {
      jurisdictionId,
      id: taskIds[3],
      status: 'completed',
      endedOn: `${lastMonth}-20`,
      now,
    });
  if (taskIds[40] !== undefined)
    await updateTaskStatus(db, { jurisdictionId, id: taskIds[40], status: 'suspended', endedOn: today, now });

  // A dispatch meeting (调度会) last Monday, with decisions for the lagging units.
  const decisionUnits = ['ZJJ', 'YJJ', 'JTJ', 'ZFW'].flatMap((c) => byCode.get(c) ?? []);
  await insertMeeting(db, {
    jurisdictionId,
    heldOn: addDays(thisMonday, -7),
    title: '挂图作战第四季度第二次调度会',
    chairedBy: '市委副书记',
    attendees: '市委组织部、市委政法委、各牵头单位分管负责同志、五个街道党工委书记',
    summary: '通报上周任务推进和未报送情况，研究解决老旧小区改造资金、网格员到岗等问题。',
    createdBy: 'seed',
    now,
    decisions: decisionUnits.map((departmentId, k) => ({
      content: [
        '老旧小区改造资金缺口形成专题报告报市政府',
        '隐患台账月底前完成全部销号',
        '背街小巷停车位施划方案下周报审',
        '专职网格员本月全部到岗',
      ][k] as string,
      departmentId,
      dueOn: addDays(thisMonday, 7 * (k + 1) - 10),
    })),
  });
  const [firstDecision] = await db
    .selectFrom('accountability_meeting_decision')
    .where('jurisdiction_id', '=', jurisdictionId)
    .select('id')
    .orderBy('id')
    .limit(1)
    .execute();
  if (firstDecision)
    await db
      .updateTable('accountability_meeting_decision')
      .set({ done_on: addDays(thisMonday, -4), done_note: '专题报告已报市政府办公室' })
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('id', '=', firstDecision.id)
      .execute();

  // The city leaders subscribe to a few units each.
  const leaders = await db
    .selectFrom('account')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('role', '=', 'city_leader')
    .select('id')
    .execute();
  const subscribed = ['ZZB', 'ZFW', 'ZJJ', 'YJJ', 'MZJ', 'JD-370681001'].flatMap((c) => byCode.get(c) ?? []);
  for (const leader of leaders)
    await replaceSubscriptions(db, { jurisdictionId, accountId: leader.id, departmentIds: subscribed, now });

  // Last quarter's flags, one overridden, published (delivered to the leaders, into the duty records).
  const flagQuarter = lastQuarter.quarter;
  await computeFlags(db, { principal, quarter: flagQuarter, rule: DEFAULT_FLAG_RULE, actor, now });
  const flags = await findFlags(db, { principal, quarter: flagQuarter });
  const toOverride = flags.flags.find((f) => f.colour === 'red');
  if (toOverride)
    await overrideUnitFlag(db, {
      principal,
      id: toOverride.id,
      request: { colour: 'yellow', reason: '节点滞后系上级资金批复延迟所致，经市委督查室核实，调整为黄牌。' },
      actor,
      now,
    });
  await publishQuarterFlags(db, { principal, quarter: flagQuarter, actor, now });

  // Last month's bulletin, with remarks, published; this month's as a draft.
  const bulletin = await generateBulletin(db, { principal, month: lastMonth, actor, now });
  const named = bulletin.units.filter((u) => u.late > 0).slice(0, 3);
  await editBulletinRemarks(db, {
    principal,
    id: bulletin.id,
    request: {
      remarks: '本月任务总体推进有序；对节点滞后、未按时报送的单位予以通报，请于下周一调度会前说明情况。',
      unitRemarks: Object.fromEntries(named.map((u) => [String(u.departmentId), '节点滞后，限期整改。'])),
    },
    actor,
  });
  await publishBulletin(db, { principal, id: bulletin.id, actor, now });
  await generateBulletin(db, { principal, month: today.slice(0, 7), actor, now });

  return {
    units: new Set(DEMO_TASKS.map((t) => t.lead)).size,
    tasks,
    reports,
    bulletinMonth: lastMonth,
    flagQuarter,
  };
}
