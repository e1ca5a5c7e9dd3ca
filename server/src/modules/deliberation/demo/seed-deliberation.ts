import type { Kysely } from 'kysely';
import type { Tally, TemplateStep, VoteChoice } from '#contracts/deliberation.ts';
import type { Database } from '../../../db/schema.ts';
import { type Actor, recordAudit, systemActor } from '../../../platform/audit.ts';
import { countGridHouseholds } from '../../territory/index.ts';
import { advance, initialMatterState, type MatterState } from '../deliberation.lifecycle.ts';
import {
  findGrid,
  insertMatter,
  insertNotice,
  insertPost,
  insertStepRecord,
  updateMatterState,
} from '../deliberation.repository.ts';
import type { Db } from '../deliberation.table.ts';
import { countVotes, tally } from '../quorum.ts';
import { currentTemplate } from '../template.service.ts';

/**
 * The demo's grid council: a few matters in the anchors' grids, each walked through the pure step
 * machine to the step it stops at — one through all seven with both disclosures public, the others
 * at the vote, in consultation and at the branch review. Deterministic: the same rows every time
 * (timestamps count back from `now`).
 */

interface DemoMatter {
  grid: 0 | 1;
  title: string;
  description: string;
  /** Steps completed (7 = all). */
  stepsDone: number;
  /** Share of the grid's households that vote, and of those, in favour (tenths). */
  turnoutTenths: number;
  forTenths: number;
  fund?: { name: string; amount: number };
  startedDaysAgo: number;
}

const DEMO_MATTERS: DemoMatter[] = [
  {
    grid: 0,
    title: '3号楼加装电梯',
    description: '3号楼二单元居民提出加装电梯，涉及费用分摊、低层住户补偿与施工期间出行安排。',
    stepsDone: 7,
    turnoutTenths: 8,
    forTenths: 8,
    fund: { name: '既有住宅加装电梯补助资金', amount: 150000 },
    startedDaysAgo: 60,
  },
  {
    grid: 0,
    title: '楼道堆物清理',
    description: '多栋楼道长期堆放杂物，存在消防隐患，拟统一清理并约定今后的堆放规则。',
    stepsDone: 4,
    turnoutTenths: 4,
    forTenths: 9,
    startedDaysAgo: 20,
  },
  {
    grid: 1,
    title: '小区停车位划线',
    description: '小区内停车无序，拟对空地施划停车位，并商定车位分配和外来车辆管理办法。',
    stepsDone: 3,
    turnoutTenths: 0,
    forTenths: 0,
    fund: { name: '社区微实事资金', amount: 12000 },
    startedDaysAgo: 12,
  },
  {
    grid: 1,
    title: '健身器材更新',
    description: '广场健身器材老化损坏，拟更换并增加适老化器材。',
    stepsDone: 1,
    turnoutTenths: 0,
    forTenths: 0,
    startedDaysAgo: 5,
  },
];

const DAY = 86_400_000;

export async function isDeliberationEmpty(db: Kysely<Database>, jurisdictionId: number): Promise<boolean> {
  const row = await db
    .selectFrom('deliberation_matter')
    .select('id')
    .where('jurisdiction_id', '=', jurisdictionId)
    .limit(1)
    .executeTakeFirst();
  return row === undefined;
}

export async function seedDemoDeliberation(
  db: Kysely<Database>,
  options: { jurisdictionId: number; gridIds: readonly number[]; now: Date; actor?: Actor },
): Promise<{ matters: number; votes: number; notices: number }> {
  return db.transaction().execute((trx) => writeDemo(trx, options));
}

async function writeDemo(
  trx: Db,
  options: { jurisdictionId: number; gridIds: readonly number[]; now: Date; actor?: Actor },
): Promise<{ matters: number; votes: number; notices: number }> {
  const { jurisdictionId, now } = options;
  const template = await currentTemplate(trx, jurisdictionId, 'demo');
  let votes = 0;
  let notices = 0;
  let matters = 0;
  for (const demo of DEMO_MATTERS) {
    const gridId = options.gridIds[demo.grid] ?? options.gridIds[0];
    if (gridId === undefined) break;
    const grid = await findGrid(trx, jurisdictionId, gridId);
    if (!grid) continue;
    const startedAt = new Date(now.getTime() - demo.startedDaysAgo * DAY);
    const matterId = await insertMatter(trx, {
      jurisdictionId,
      gridId,
      templateVersion: template.version,
      title: demo.title,
      description: demo.description,
      caseId: null,
      fund: demo.fund ?? null,
      createdBy: '网格员（演示）',
      now: startedAt,
    });
    matters += 1;
    let state: MatterState = initialMatterState(template.steps);
    let resolutionTally: Tally | null = null;
    const households = await trx
      .selectFrom('territory_household as h')
      .innerJoin('territory_building as b', (join) =>
        join.onRef('b.jurisdiction_id', '=', 'h.jurisdiction_id').onRef('b.id', '=', 'h.building_id'),
      )
      .innerJoin('territory_place as u', (join) =>
        join.onRef('u.jurisdiction_id', '=', 'b.jurisdiction_id').onRef('u.id', '=', 'b.unit_id'),
      )
      .select('h.id')
      .where('h.jurisdiction_id', '=', jurisdictionId)
      .where('u.grid_id', '=', gridId)
      .orderBy('h.code')
      .execute();
    const voteIndex = template.steps.findIndex((s) => s.vote);
    const reachesVote = demo.stepsDone >= voteIndex;
    if (reachesVote && households.length > 0) {
      const voters = households.slice(0, Math.ceil((households.length * demo.turnoutTenths) / 10));
      const choiceOf = (i: number): VoteChoice =>
        i % 10 < demo.forTenths ? 'for' : i % 10 === demo.forTenths ? 'abstain' : 'against';
      if (voters.length > 0) {
        await trx
          .insertInto('deliberation_vote')
          .values(
            voters.map((h, i) => ({
              jurisdiction_id: jurisdictionId,
              matter_id: matterId,
              household_id: h.id,
              choice: choiceOf(i),
              channel: i % 3 === 0 ? ('paper' as const) : ('online' as const),
              cast_by_account_id: null,
              cast_at: new Date(startedAt.getTime() + (voteIndex + 1) * 3 * DAY),
            })),
          )
          .execute();
        votes += voters.length;
      }
    }
    for (let index = 0; index < demo.stepsDone && state.status === 'in_progress'; index += 1) {
      const step = template.steps[index] as TemplateStep;
      const at = new Date(startedAt.getTime() + (index + 1) * 3 * DAY);
      const offline = step.mode !== 'online';
      let count: Tally | null = null;
      if (step.vote) {
        const rows = await trx
          .selectFrom('deliberation_vote')
          .select('choice')
          .where('jurisdiction_id', '=', jurisdictionId)
          .where('matter_id', '=', matterId)
          .execute();
        count = tally(
          countVotes(
            rows.map((r) => r.choice),
            await countGridHouseholds(trx, jurisdictionId, gridId),
          ),
          template.quorum,
        );
        resolutionTally = count;
      }
      const decision = advance(
        state,
        { stepIndex: index, hasMeeting: offline, tally: count },
        { role: step.roles[0] ?? 'community_secretary', inScope: true },
      );
      if (!decision.ok) throw new Error(`demo matter ${demo.title}: ${decision.message}`);
      if (step.mode !== 'offline') {
        await insertPost(trx, {
          jurisdictionId,
          matterId,
          stepIndex: index,
          parentId: null,
          kind: 'post',
          authorAccountId: null,
          authorRole: 'grid_worker',
          authorLabel: `${grid.name}网格员`,
          body: `【${step.name}】${demo.title}：请各户通过网格群或线上议事厅发表意见。`,
          now: new Date(at.getTime() - DAY),
        });
      }
      const summary = summaryOf(step, demo.title, count);
      await insertStepRecord(trx, {
        jurisdictionId,
        matterId,
        stepIndex: index,
        step,
        summary,
        meeting: offline
          ? {
              heldAt: at.toISOString(),
              place: `${grid.name}党群服务站`,
              attendanceExpected: 15 + index,
              attendancePresent: 12 + index,
              minutes: `${step.name}会议：围绕“${demo.title}”逐项讨论，形成意见并记录在案。`,
            }
          : null,
        tally: count,
        completedBy: step.roles.includes('grid_worker') ? '网格员（演示）' : '社区书记（演示）',
        completedByRole: step.roles[0] ?? 'community_secretary',
        now: at,
      });
      for (const effect of decision.effects) {
        if (effect.type !== 'publish') continue;
        await insertNotice(trx, {
          jurisdictionId,
          matterId,
          gridId,
          kind: effect.kind,
          title: demo.title,
          stepName: step.name,
          body: summary,
          tally: effect.kind === 'resolution' ? resolutionTally : null,
          fund: demo.fund ?? null,
          now: at,
        });
        notices += 1;
      }
      await updateMatterState(trx, {
        jurisdictionId,
        matterId,
        fromStepIndex: state.stepIndex,
        stepIndex: decision.next.stepIndex,
        status: decision.next.status,
        adopted: decision.next.adopted,
        now: at,
      });
      state = decision.next;
    }
  }
  await recordAudit(trx, options.actor ?? systemActor, {
    jurisdictionId,
    action: 'deliberation.demo_seeded',
    subjectType: 'deliberation_matter',
    details: { matters, votes, notices },
  });
  return { matters, votes, notices };
}

function summaryOf(step: TemplateStep, title: string, count: Tally | null): string {
  if (step.vote && count) {
    return `表决结果：应参与${count.eligibleHouseholds}户，实际参与${count.voted}户，同意${count.inFavour}户，反对${count.against}户，弃权${count.abstained}户。`;
  }
  switch (step.disclosure) {
    case 'resolution':
      return `经网格善治会表决，“${title}”事项获通过，现予公开。`;
    case 'result':
      return `“${title}”已实施完毕，经居民代表验收合格，现将结果公开。`;
    case null:
      return `${step.name}已完成：“${title}”。`;
  }
}
