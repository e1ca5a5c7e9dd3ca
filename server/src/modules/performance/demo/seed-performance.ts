import type { Kysely } from 'kysely';
import type { Criterion, Indicator, PayBand } from '#contracts/performance.ts';
import type { Database } from '../../../db/schema.ts';
import { jsonb } from '../../../platform/audit.ts';
import { halfYearOf, halfYearRange, quarterOf, quarterRange, shanghaiDate } from '../performance-rules.ts';

/**
 * The Longkou figures of DOMAIN.md §4 on the demo people: secretaries at city, subdistrict and
 * community level claimed 89 breakthrough projects and made 527 pledges (most kept, a few late or
 * waiting for review around today); every city leader and department head is linked to a community
 * and their visits over the last four quarters solved 211 problems (a few leaders have not visited
 * yet this quarter); a rubric and last half year's reports with five to seven reviewers each; the
 * assessment templates of communities and workers with their pay bands, and a few manual values.
 * Deterministic for a given `now`.
 */
export const DEMO_PERFORMANCE_FIGURES = { projects: 89, pledges: 527, problemsSolved: 211 } as const;

const CITY_PROJECTS = 5;
const SUBDISTRICT_PROJECTS = 14;

const PROJECT_THEMES = [
  '老旧小区加装电梯',
  '红色物业全覆盖',
  '一刻钟便民生活圈',
  '社区食堂',
  '网格党支部标准化',
  '物业矛盾化解',
  '背街小巷整治',
  '居家养老服务站',
  '新就业群体融入',
  '停车难综合治理',
];
const PLEDGE_VERBS = ['完成', '建成', '解决', '化解', '开展', '推动'];

export const DEMO_RUBRIC: { name: string; criteria: Criterion[] } = {
  name: '社区党组织书记述职评议细则',
  criteria: [
    { key: 'results', label: '工作实绩', weight: 40, maxScore: 40 },
    { key: 'party', label: '党建引领', weight: 30, maxScore: 30 },
    { key: 'satisfaction', label: '群众满意', weight: 20, maxScore: 20 },
    { key: 'integrity', label: '廉洁自律', weight: 10, maxScore: 10 },
  ],
};

export const DEMO_PAY_BANDS: PayBand[] = [
  { band: '优秀（A档）', minScore: 90 },
  { band: '良好（B档）', minScore: 80 },
  { band: '合格（C档）', minScore: 60 },
  { band: '不合格（D档）', minScore: 0 },
];

export const DEMO_COMMUNITY_INDICATORS: Indicator[] = [
  { key: 'cases_on_time', label: '案件按时办结率', source: 'cases_on_time', weight: 30 },
  { key: 'pledges_kept', label: '承诺按期践诺率', source: 'pledges_kept', weight: 20 },
  { key: 'visit_compliance', label: '挂点领导走访率', source: 'visit_compliance', weight: 10 },
  { key: 'report_score', label: '书记述职评议得分', source: 'report_score', weight: 25 },
  { key: 'satisfaction', label: '居民满意度测评', source: 'manual', weight: 15 },
];

export const DEMO_WORKER_INDICATORS: Indicator[] = [
  { key: 'cases_on_time', label: '网格案件按时办结率', source: 'cases_on_time', weight: 60 },
  { key: 'attendance', label: '日常考勤与走访', source: 'manual', weight: 25 },
  { key: 'resident_feedback', label: '居民评议', source: 'manual', weight: 15 },
];

export async function isPerformanceEmpty(db: Kysely<Database>, jurisdictionId: number): Promise<boolean> {
  const row = await db
    .selectFrom('performance_project')
    .select('id')
    .where('jurisdiction_id', '=', jurisdictionId)
    .limit(1)
    .executeTakeFirst();
  return row === undefined;
}

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export async function seedDemoPerformance(
  db: Kysely<Database>,
  options: { jurisdictionId: number; now: Date },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { jurisdictionId, now } = options;
    const today = shanghaiDate(now);
    const staff = await trx
      .selectFrom('staff_member as m')
      .leftJoin('posting as p', (join) =>
        join.onRef('p.jurisdiction_id', '=', 'm.jurisdiction_id').onRef('p.staff_member_id', '=', 'm.id'),
      )
      .where('m.jurisdiction_id', '=', jurisdictionId)
      .where('m.kind', 'in', [
        'city_leader',
        'subdistrict_staff',
        'community_secretary',
        'department_staff',
        'community_worker',
      ])
      .select(['m.id', 'm.kind', 'm.name', 'p.place_id'])
      .orderBy('m.id')
      .execute();
    const ofKind = (kind: string) => staff.filter((s) => s.kind === kind);
    const leaders = ofKind('city_leader');
    const subdistrictStaff = ofKind('subdistrict_staff').filter((s) => s.place_id !== null);
    const secretaries = ofKind('community_secretary').filter((s) => s.place_id !== null);
    const heads = ofKind('department_staff');
    if (leaders.length === 0 || subdistrictStaff.length === 0 || secretaries.length === 0) return;

    // ---- projects and pledges ----
    const projectSpecs = Array.from({ length: DEMO_PERFORMANCE_FIGURES.projects }, (_, i) => {
      const theme = PROJECT_THEMES[i % PROJECT_THEMES.length] as string;
      if (i < CITY_PROJECTS) {
        const owner = leaders[i % leaders.length] as (typeof leaders)[number];
        return {
          level: 'city' as const,
          place_id: null,
          owner_staff_id: owner.id,
          title: `全市${theme}攻坚`,
        };
      }
      if (i < CITY_PROJECTS + SUBDISTRICT_PROJECTS) {
        const owner = subdistrictStaff[
          (i - CITY_PROJECTS) % subdistrictStaff.length
        ] as (typeof staff)[number];
        return {
          level: 'subdistrict' as const,
          place_id: owner.place_id,
          owner_staff_id: owner.id,
          title: `街道${theme}突破项目`,
        };
      }
      const owner = secretaries[
        (i - CITY_PROJECTS - SUBDISTRICT_PROJECTS) % secretaries.length
      ] as (typeof staff)[number];
      return {
        level: 'community' as const,
        place_id: owner.place_id,
        owner_staff_id: owner.id,
        title: `${theme}书记突破项目`,
      };
    });
    const projects = await trx
      .insertInto('performance_project')
      .values(
        projectSpecs.map((p) => ({
          ...p,
          jurisdiction_id: jurisdictionId,
          created_by: 'seed',
          created_at: now,
        })),
      )
      .returning('id')
      .execute();
    const perProject = Math.floor(DEMO_PERFORMANCE_FIGURES.pledges / projects.length);
    const extra = DEMO_PERFORMANCE_FIGURES.pledges % projects.length;
    const pledges = projects.flatMap((project, p) =>
      Array.from({ length: perProject + (p < extra ? 1 : 0) }, (_, k) => {
        const n = p * 7 + k;
        // Due dates from about ten months ago to four months ahead.
        const dueOn = addDays(today, -300 + ((n * 37) % 420));
        const past = dueOn < today;
        // Past due: kept (one in eleven late, one in seventeen still open: late); ahead: a few claimed or kept early.
        const state = past
          ? n % 17 === 0
            ? 'open'
            : n % 23 === 0
              ? 'claimed'
              : 'kept'
          : n % 5 === 0
            ? 'kept'
            : n % 7 === 0
              ? 'claimed'
              : 'open';
        const claimedOn =
          state === 'open'
            ? null
            : past && n % 11 === 0
              ? addDays(dueOn, 3)
              : addDays(past ? dueOn : today, -2);
        return {
          jurisdiction_id: jurisdictionId,
          project_id: project.id,
          title: `${PLEDGE_VERBS[n % PLEDGE_VERBS.length]}${projectSpecs[p]?.title.replace(/书记突破项目|突破项目|攻坚/, '')}第${k + 1}项承诺`,
          due_on: dueOn,
          status: state as 'open' | 'claimed' | 'kept',
          evidence_text: state === 'open' ? null : '已按承诺完成，现场照片及台账已上传。',
          evidence_refs: jsonb(
            state === 'open' ? [] : [`https://example.org/evidence/${project.id}-${k + 1}.jpg`],
          ),
          claimed_on: claimedOn,
          claimed_by: state === 'open' ? null : 'seed',
          reviewed_by: state === 'kept' ? 'seed' : null,
          reviewed_at: state === 'kept' ? now : null,
          created_at: now,
        };
      }),
    );
    for (let i = 0; i < pledges.length; i += 200) {
      await trx
        .insertInto('performance_pledge')
        .values(pledges.slice(i, i + 200))
        .execute();
    }

    // ---- liaison: leaders and department heads, each linked to a community ----
    const communities = [...new Set(secretaries.map((s) => s.place_id as number))];
    const liaisons = [
      ...leaders.map((s) => ({ staff: s, kind: 'city_leader' as const })),
      ...heads.map((s) => ({ staff: s, kind: 'department_head' as const })),
    ].map((l, i) => ({ ...l, communityId: communities[(i * 3) % communities.length] as number }));
    await trx
      .insertInto('performance_liaison')
      .values(
        liaisons.map((l) => ({
          jurisdiction_id: jurisdictionId,
          staff_member_id: l.staff.id,
          community_id: l.communityId,
          kind: l.kind,
        })),
      )
      .execute();
    // The last four quarters up to today; in the current one every fourth leader has not visited yet.
    const quarters: string[] = [];
    for (let q = quarterOf(today); quarters.length < 4; ) {
      quarters.unshift(q);
      q = quarterOf(addDays(quarterRange(q).from, -1));
    }
    const visitSpecs = liaisons.flatMap((l, i) =>
      quarters
        .filter((q) => !(q === quarterOf(today) && i % 4 === 3))
        .map((q, k) => {
          const start = quarterRange(q).from;
          const day = addDays(start, 8 + ((i * 5 + k * 11) % 60));
          return { l, visitedOn: day <= today ? day : start };
        }),
    );
    const visits = await trx
      .insertInto('performance_visit')
      .values(
        visitSpecs.map((v) => ({
          jurisdiction_id: jurisdictionId,
          staff_member_id: v.l.staff.id,
          community_id: v.l.communityId,
          visited_on: v.visitedOn,
          people_met: '社区党组织书记、网格员代表、居民代表',
          notes: '走访网格，召开居民座谈会。',
          logged_by: 'seed',
          logged_at: now,
        })),
      )
      .returning('id')
      .execute();
    const solvedPer = Math.floor(DEMO_PERFORMANCE_FIGURES.problemsSolved / visits.length);
    const solvedExtra = DEMO_PERFORMANCE_FIGURES.problemsSolved % visits.length;
    const problems = visits.flatMap((v, i) => [
      ...Array.from({ length: solvedPer + (i < solvedExtra ? 1 : 0) }, (_, k) => ({
        jurisdiction_id: jurisdictionId,
        visit_id: v.id,
        description: ['楼道堆物清理', '路灯损坏报修', '小区停车秩序', '化粪池清掏', '健身器材维修'][
          (i + k) % 5
        ] as string,
        solved: true,
      })),
      ...(i % 3 === 0
        ? [
            {
              jurisdiction_id: jurisdictionId,
              visit_id: v.id,
              description: '老旧管网改造需协调资金',
              solved: false,
            },
          ]
        : []),
    ]);
    await trx.insertInto('performance_visit_problem').values(problems).execute();

    // ---- rubric, last half year's reports and their scores ----
    const rubric = await trx
      .insertInto('performance_rubric')
      .values({
        jurisdiction_id: jurisdictionId,
        name: DEMO_RUBRIC.name,
        criteria: jsonb(DEMO_RUBRIC.criteria),
        outlier_rule: jsonb({ dropHighestAndLowestFrom: 5 }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const lastHalf = halfYearOf(addDays(halfYearRange(halfYearOf(today)).from, -1));
    const submittedAt = new Date(`${halfYearRange(lastHalf).to}T02:00:00Z`);
    const reports = await trx
      .insertInto('performance_report')
      .values(
        secretaries.map((s) => ({
          jurisdiction_id: jurisdictionId,
          half_year: lastHalf,
          community_id: s.place_id as number,
          secretary_staff_id: s.id,
          rubric_id: rubric.id,
          body: `${s.name}同志${lastHalf.replace('-H1', '年上半年').replace('-H2', '年下半年')}述职报告：\n一、抓党建引领网格治理情况；\n二、承诺践诺和突破项目推进情况；\n三、存在的问题和下步打算。`,
          submitted_by: 'seed',
          submitted_at: submittedAt,
        })),
      )
      .onConflict((oc) => oc.columns(['jurisdiction_id', 'half_year', 'community_id']).doNothing())
      .returning('id')
      .execute();
    const scores = reports.flatMap((r, i) =>
      Array.from({ length: 5 + (i % 3) }, (_, k) => {
        const base = 0.7 + ((i * 7 + k * 3) % 28) / 100;
        return {
          jurisdiction_id: jurisdictionId,
          report_id: r.id,
          reviewer: `评议组成员${k + 1}`,
          scores: jsonb(
            Object.fromEntries(
              DEMO_RUBRIC.criteria.map((c) => [
                c.key,
                Math.round(c.maxScore * Math.min(1, base + (k === 0 ? 0.1 : 0))),
              ]),
            ),
          ),
          scored_at: submittedAt,
        };
      }),
    );
    if (scores.length > 0) await trx.insertInto('performance_review_score').values(scores).execute();

    // ---- assessment templates and a few manual values ----
    const templates = await trx
      .insertInto('performance_template')
      .values([
        {
          jurisdiction_id: jurisdictionId,
          subject: 'community' as const,
          name: '社区绩效考核',
          indicators: jsonb(DEMO_COMMUNITY_INDICATORS),
          pay_bands: jsonb(DEMO_PAY_BANDS),
        },
        {
          jurisdiction_id: jurisdictionId,
          subject: 'worker' as const,
          name: '社区工作者绩效考核',
          indicators: jsonb(DEMO_WORKER_INDICATORS),
          pay_bands: jsonb(DEMO_PAY_BANDS),
        },
      ])
      .returning(['id', 'subject'])
      .execute();
    const communityTemplate = templates.find((t) => t.subject === 'community');
    if (communityTemplate) {
      await trx
        .insertInto('performance_manual_value')
        .values(
          communities.flatMap((c, i) =>
            [lastHalf, halfYearOf(today)].map((period) => ({
              jurisdiction_id: jurisdictionId,
              template_id: communityTemplate.id,
              period,
              subject_id: c,
              indicator_key: 'satisfaction',
              value: 78 + ((i * 13) % 21),
              reason: '第三方居民满意度测评结果',
              entered_by: 'seed',
              entered_at: now,
            })),
          ),
        )
        .execute();
    }
    const workerTemplate = templates.find((t) => t.subject === 'worker');
    const workers = ofKind('community_worker').filter((w) => w.place_id !== null);
    if (workerTemplate && workers.length > 0) {
      const workerIds = [...new Set(workers.map((w) => w.id))];
      await trx
        .insertInto('performance_manual_value')
        .values(
          workerIds.flatMap((id, i) =>
            [lastHalf, halfYearOf(today)].flatMap((period) =>
              ['attendance', 'resident_feedback'].map((key, k) => ({
                jurisdiction_id: jurisdictionId,
                template_id: workerTemplate.id,
                period,
                subject_id: id,
                indicator_key: key,
                value: 70 + ((i * 11 + k * 7) % 31),
                reason: key === 'attendance' ? '考勤系统月度汇总' : '居民代表评议汇总',
                entered_by: 'seed',
                entered_at: now,
              })),
            ),
          ),
        )
        .execute();
    }
  });
}
