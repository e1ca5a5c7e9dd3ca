import type { CaseFollowResult } from '#contracts';
import { authorize, type Principal } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { CASE_STATUS_LABELS, type CaseState } from './case.lifecycle.ts';
import { type CaseRow, findCase, findCategory, findTasks } from './case.repository.ts';
import type { Db } from './case.table.ts';
import { findFollower, insertFollowers } from './case-followers.repository.ts';
import { canSeeCase } from './case-scope.ts';
import { whereaboutsOf } from './find-cases.service.ts';
import { distanceInMetres } from './find-possible-duplicates.service.ts';

/**
 * "Me too" (我也遇到): the caller follows a case instead of reporting the same problem again. A
 * follower reads the case as its reporter does and hears of its milestones. Only a case near the
 * caller (within its category's duplicate radius, as offered) or one the caller already sees can be
 * followed, so case numbers cannot be tried one after another; any other answers 404. Idempotent; a
 * closed, rejected or merged case takes no new followers.
 */

export interface FollowCaseOptions {
  principal: Principal;
  actor: Actor;
  now: Date;
  caseId: number;
  /** Where the caller is (WGS-84, converted by the route). */
  point: { lng: number; lat: number };
}

const TERMINAL = new Set(['closed', 'rejected', 'merged']);

export async function followCase(trx: Db, options: FollowCaseOptions): Promise<CaseFollowResult> {
  const { principal, now } = options;
  authorize(principal, 'cases.report', null);
  const jurisdictionId = principal.jurisdictionId;
  const row = await findCase(trx, jurisdictionId, options.caseId);
  if (!row) throw notFound('Case');
  const [category, tasks, following] = await Promise.all([
    findCategory(trx, jurisdictionId, row.category_code),
    findTasks(trx, jurisdictionId, row.id),
    findFollower(trx, jurisdictionId, row.id, principal.accountId),
  ]);
  const sees = canSeeCase(principal, whereaboutsOf(row, tasks, following ? [principal.accountId] : []));
  const near = category !== undefined && distanceInMetres(options.point, row) <= category.duplicate_radius_m;
  if (!sees && !near) throw notFound('Case');

  if (row.reporter_account_id === principal.accountId) return result(row, row.reported_at, false);
  if (following) return result(row, following.since, false);
  if (TERMINAL.has(row.status)) {
    const state = row.state as CaseState;
    throw new AppError('cases.not_followable', `A case that is ${row.status} takes no followers`, {
      status: row.status,
      ...(state.status === 'merged' ? { intoCaseId: state.intoCaseId } : {}),
    });
  }
  await insertFollowers(trx, {
    jurisdictionId,
    caseId: row.id,
    accountIds: [principal.accountId],
    via: 'me_too',
    since: now,
  });
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'cases.follow',
    subjectType: 'case',
    subjectId: row.id,
    details: { via: 'me_too' },
  });
  return result(row, now, true);
}

function result(row: CaseRow, since: Date, created: boolean): CaseFollowResult {
  return {
    caseId: row.id,
    trackingCode: row.tracking_code,
    status: row.status,
    statusLabel: CASE_STATUS_LABELS[row.status],
    since: since.toISOString(),
    created,
  };
}
