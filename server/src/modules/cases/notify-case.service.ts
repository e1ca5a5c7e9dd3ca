import type { Role, ScopeLevel } from '#contracts';
import type { OrderedWrite } from '../../db/ordered-writes.ts';
import { accountIdsAtScope, findAccountIdsByScope } from '../access/index.ts';
import { type NotificationMessage, notificationToPlaceWrites, notify } from '../notifications/index.ts';
import {
  type Audience,
  CASE_STATUS_LABELS,
  type CaseEffect,
  type CaseState,
  currentHandlers,
} from './case.lifecycle.ts';
import {
  type CaseRow,
  type CategoryRow,
  findCase,
  findCategory,
  findDepartmentsByCode,
} from './case.repository.ts';
import type { Db } from './case.table.ts';
import { findFollowerIds, insertFollowers } from './case-followers.repository.ts';

/**
 * Delivers a move's (or an intake's) `notify` effects in its transaction, so that nobody hears of
 * a move that did not commit. The lifecycle says whom by `Audience`; here that becomes accounts:
 * - grid: the grid workers scoped to the case's grid; community: the community's staff and
 *   secretary; subdistrict: its staff; department: the staff of that department;
 * - reporter: the reporter, and every follower (我也遇到, merged reports), told as the reporter is.
 * A `link_duplicate` effect (merge) first makes the merged case's reporter and followers followers
 * of the case it was merged into. The account that made the move is not told of it, and nobody is
 * told twice of one move. Messages are in Chinese and open the case page.
 */

export interface NotifyCaseOptions {
  jurisdictionId: number;
  caseId: number;
  /** The move's effects as the timeline records them. */
  effects: readonly CaseEffect[];
  /** Who made the move (null for the scheduled jobs). */
  actorAccountId: number | null;
  now: Date;
}

type NotifyEffect = Extract<CaseEffect, { kind: 'notify' }>;
type HandlerAudience = Exclude<Audience, { kind: 'reporter' }>;

/** The roles that act for each level, among the accounts scoped to its place or department. */
const HANDLER_ROLES: Record<HandlerAudience['kind'], { level: ScopeLevel; roles: Role[] }> = {
  grid: { level: 'grid', roles: ['grid_worker'] },
  community: { level: 'community', roles: ['community_staff', 'community_secretary'] },
  subdistrict: { level: 'subdistrict', roles: ['subdistrict_staff'] },
  department: { level: 'department', roles: ['department_staff'] },
};

export async function notifyCase(trx: Db, options: NotifyCaseOptions): Promise<void> {
  const notifies = options.effects.filter((effect): effect is NotifyEffect => effect.kind === 'notify');
  const merge = options.effects.find((effect) => effect.kind === 'link_duplicate');
  if (notifies.length === 0 && !merge) return;
  const { jurisdictionId, now } = options;
  const row = await findCase(trx, jurisdictionId, options.caseId);
  if (!row) throw new Error(`case ${options.caseId} is missing`);
  const category = await findCategory(trx, jurisdictionId, row.category_code);
  if (!category) throw new Error(`case ${row.id} has an unknown category ${row.category_code}`);

  // Followers matter only to the reporter's audience and to a merge (never on intake).
  const needsFollowers = merge !== undefined || notifies.some((effect) => effect.to.kind === 'reporter');
  let followers = needsFollowers ? await findFollowerIds(trx, jurisdictionId, row.id) : [];
  let mergedInto: CaseRow | undefined;
  if (merge) {
    mergedInto = await findCase(trx, jurisdictionId, merge.intoCaseId);
    if (mergedInto) {
      const movers = [row.reporter_account_id, ...followers].filter(
        (id): id is number => id !== null && id !== mergedInto?.reporter_account_id,
      );
      await insertFollowers(trx, {
        jurisdictionId,
        caseId: mergedInto.id,
        accountIds: movers,
        via: 'merge',
        since: now,
      });
    }
  }

  const told = new Set<number>(options.actorAccountId === null ? [] : [options.actorAccountId]);
  const tell = async (accountIds: readonly number[], message: Omit<NotificationMessage, 'at'>) => {
    const fresh = accountIds.filter((id) => !told.has(id));
    for (const id of fresh) told.add(id);
    await notify(trx, { jurisdictionId, accountIds: fresh }, { ...message, at: now });
  };
  const urgeNote = options.effects.find((effect) => effect.kind === 'urge')?.note ?? null;
  // Handlers first: one who is also the reporter hears that they must act.
  const ordered = [...notifies].sort(
    (a, b) => Number(a.to.kind === 'reporter') - Number(b.to.kind === 'reporter'),
  );
  for (const effect of ordered) {
    if (effect.to.kind === 'reporter') {
      if (row.reporter_account_id !== null) {
        await tell([row.reporter_account_id], reporterMessage(row, category, effect, '您上报的', mergedInto));
      }
      followers = followers.filter((id) => id !== row.reporter_account_id);
      await tell(followers, reporterMessage(row, category, effect, '您关注的', mergedInto));
    } else {
      await tell(await handlersOf(trx, row, effect.to), handlerMessage(row, category, effect, urgeNote));
    }
  }
}

type IntakeAudience = Extract<HandlerAudience, { kind: 'grid' | 'community' | 'subdistrict' }>;

/** The column of a new case that holds each intake audience's place. */
const PLACE_COLUMN = { grid: 'grid_id', community: 'community_id', subdistrict: 'subdistrict_id' } as const;

/** Whom a new case in this state is for first: its place's handlers (never a department or reporter). */
function intakeAudiences(state: CaseState): IntakeAudience[] {
  return currentHandlers(state).filter(
    (to): to is IntakeAudience => to.kind !== 'reporter' && to.kind !== 'department',
  );
}

/**
 * Many new cases (a batched intake): each case's first handlers hear of it (but the reporter, if
 * one of them), selected by the statement that writes the messages (the access module's
 * `accountIdsAtScope`), one write per audience — for the intake's statement (`executeInOrder`).
 */
export function intakeNotificationWrites(
  intakes: readonly { row: CaseRow; category: CategoryRow; actorAccountId: number | null; now: Date }[],
): OrderedWrite[] {
  const byKind = new Map<IntakeAudience['kind'], Parameters<typeof notificationToPlaceWrites>[0][number][]>();
  for (const { row, category, actorAccountId, now } of intakes) {
    for (const audience of intakeAudiences(row.state as CaseState)) {
      const deliveries = byKind.get(audience.kind) ?? [];
      deliveries.push({
        jurisdictionId: row.jurisdiction_id,
        placeId: row[PLACE_COLUMN[audience.kind]],
        exceptAccountId: actorAccountId,
        message: {
          ...handlerMessage(row, category, { kind: 'notify', to: audience, about: 'action_needed' }, null),
          at: now,
        },
      });
      byKind.set(audience.kind, deliveries);
    }
  }
  return [...byKind].flatMap(([kind, deliveries]) => {
    const { level, roles } = HANDLER_ROLES[kind];
    return notificationToPlaceWrites(deliveries, (message) =>
      accountIdsAtScope({
        jurisdictionId: message.jurisdictionId,
        scopeLevel: level,
        scopeId: message.placeId,
        roles,
      }),
    );
  });
}

/** The accounts that act for an audience on this case. */
async function handlersOf(trx: Db, row: CaseRow, audience: HandlerAudience): Promise<number[]> {
  const { level, roles } = HANDLER_ROLES[audience.kind];
  let scopeId: number | undefined;
  switch (audience.kind) {
    case 'grid':
      scopeId = row.grid_id;
      break;
    case 'community':
      scopeId = row.community_id;
      break;
    case 'subdistrict':
      scopeId = row.subdistrict_id;
      break;
    case 'department':
      scopeId = (await findDepartmentsByCode(trx, row.jurisdiction_id, [audience.department]))[0]?.id;
      break;
    default: {
      const unknown: never = audience;
      throw new RangeError(`unknown audience ${JSON.stringify(unknown)}`);
    }
  }
  if (scopeId === undefined) return [];
  return findAccountIdsByScope(trx, {
    jurisdictionId: row.jurisdiction_id,
    scopeLevel: level,
    scopeId,
    roles,
  });
}

const caseLink = (caseId: number) => `/cases/${caseId}`;

function summaryOf(row: CaseRow, category: CategoryRow): string {
  const chars = [...row.description.trim()];
  const text = chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : chars.join('');
  return `${category.major_name} / ${category.name}：${text}`;
}

function handlerMessage(
  row: CaseRow,
  category: CategoryRow,
  effect: NotifyEffect,
  urgeNote: string | null,
): Omit<NotificationMessage, 'at'> {
  const status = CASE_STATUS_LABELS[row.status];
  const common = { topic: effect.about, link: caseLink(row.id), subjectType: 'case', subjectId: row.id };
  switch (effect.about) {
    case 'action_needed':
      return { ...common, title: `案件 ${row.id} 待您处理（${status}）`, body: summaryOf(row, category) };
    case 'urged':
      return {
        ...common,
        title: `案件 ${row.id} 被督办，请尽快处理（${status}）`,
        body: urgeNote ? `督办意见：${urgeNote}` : summaryOf(row, category),
      };
    case 'reassigned':
      return { ...common, title: `案件 ${row.id} 改派至本网格，待您受理`, body: summaryOf(row, category) };
    case 'status_changed':
      return { ...common, title: `案件 ${row.id} 状态更新：${status}`, body: summaryOf(row, category) };
    default: {
      const unknown: never = effect.about;
      throw new RangeError(`unknown notification ${String(unknown)}`);
    }
  }
}

/** The reporter's (or a follower's) news: milestones, and the request to rate. */
function reporterMessage(
  row: CaseRow,
  category: CategoryRow,
  effect: NotifyEffect,
  whose: '您上报的' | '您关注的',
  mergedInto: CaseRow | undefined,
): Omit<NotificationMessage, 'at'> {
  const state = row.state as CaseState;
  const body = `查询码 ${row.tracking_code} · ${category.major_name} / ${category.name}`;
  const common = { topic: effect.about, link: caseLink(row.id), subjectType: 'case', subjectId: row.id };
  if (effect.about === 'action_needed' && state.status === 'verified') {
    return whose === '您上报的'
      ? { ...common, title: `${whose}案件 ${row.id} 已处置完毕，请您评价`, body }
      : { ...common, topic: 'status_changed', title: `${whose}案件 ${row.id} 已处置完毕`, body };
  }
  switch (state.status) {
    case 'accepted':
      return { ...common, title: `${whose}案件 ${row.id} 已受理`, body };
    case 'rejected':
      return { ...common, title: `${whose}案件 ${row.id} 未予受理`, body: `${body} · 原因：${state.reason}` };
    case 'merged':
      // Followed from now on as the case it was merged into (the mover already follows it).
      return {
        ...common,
        title: `${whose}案件 ${row.id} 已并入案件 ${state.intoCaseId} 一并办理`,
        body: mergedInto
          ? `后续进展将继续通知您 · 查询码 ${mergedInto.tracking_code}`
          : `后续进展将继续通知您 · ${body}`,
        link: caseLink(state.intoCaseId),
        subjectId: state.intoCaseId,
      };
    case 'closed':
      return { ...common, title: `${whose}案件 ${row.id} 已办结`, body };
    default:
      return { ...common, title: `${whose}案件 ${row.id} 状态更新：${CASE_STATUS_LABELS[row.status]}`, body };
  }
}
