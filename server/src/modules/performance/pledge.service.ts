import type {
  Pledge,
  PledgeClaim,
  PledgeList,
  PledgeQuery,
  PledgeReview,
  PledgeStanding,
  Project,
  ProjectCreate,
} from '#contracts/performance.ts';
import { authorize, hasPermission, type Principal, scopeCovers } from '../../platform/access.ts';
import { type Actor, jsonb, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findPledgeRows, type PledgeRow, requirePlace, requireStaff } from './performance.repository.ts';
import type { Db } from './performance.table.ts';
import { pledgeStanding, reviewerRoles, shanghaiDate } from './performance-rules.ts';

/**
 * Secretaries' breakthrough projects and pledges (书记突破项目, 承诺践诺): a project at city,
 * subdistrict or community level with pledges due on dates; fulfilment claimed with evidence, then
 * accepted or sent back by the level above.
 */

export function presentPledge(row: PledgeRow, today: string, viewer: Principal): Pledge {
  const inScope = scopeCovers(viewer, locationOf(row));
  return {
    id: row.id,
    projectId: row.project_id,
    projectTitle: row.project_title,
    level: row.level,
    placeName: row.place_name,
    ownerName: row.owner_name,
    title: row.title,
    dueOn: row.due_on,
    status: row.status,
    standing: pledgeStanding({ status: row.status, dueOn: row.due_on, claimedOn: row.claimed_on }, today),
    evidenceText: row.evidence_text,
    evidenceRefs: row.evidence_refs,
    claimedOn: row.claimed_on,
    reviewedBy: row.reviewed_by,
    reviewNote: row.review_note,
    mayClaim:
      inScope &&
      hasPermission(viewer.role, 'performance.pledge') &&
      (row.status === 'open' || row.status === 'sent_back'),
    mayReview:
      inScope &&
      hasPermission(viewer.role, 'performance.review') &&
      reviewerRoles(row.level).includes(viewer.role) &&
      row.status === 'claimed' &&
      row.claimed_by !== viewer.username,
  };
}

/** Where a project sits, for the central check: its place chain (a city project: the jurisdiction). */
const locationOf = (row: { place_chain: number[] }) => ({ placeChain: row.place_chain });

export async function createProject(
  trx: Db,
  options: { principal: Principal; actor: Actor; body: ProjectCreate; now: Date },
): Promise<Project> {
  const { principal, body } = options;
  const jurisdictionId = principal.jurisdictionId;
  const owner = await requireStaff(trx, jurisdictionId, body.ownerStaffId, 'ownerStaffId');
  let placeChain: number[] = [];
  if (body.level === 'city') {
    if (body.placeId !== null) {
      throw new AppError('performance.unknown_reference', 'A city project has no place', {
        field: 'placeId',
      });
    }
  } else {
    if (body.placeId === null) {
      throw new AppError('performance.unknown_reference', 'The project needs its place', {
        field: 'placeId',
      });
    }
    placeChain = (await requirePlace(trx, jurisdictionId, body.placeId, 'placeId', [body.level])).chain;
  }
  // A secretary claims projects in their own scope; a city project needs a jurisdiction scope.
  authorize(principal, 'performance.pledge', { placeChain });
  const project = await trx
    .insertInto('performance_project')
    .values({
      jurisdiction_id: jurisdictionId,
      title: body.title,
      level: body.level,
      place_id: body.placeId,
      owner_staff_id: owner.id,
      created_by: options.actor.id,
      created_at: options.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const projectId = Number(project.id);
  if (body.pledges.length > 0) {
    await trx
      .insertInto('performance_pledge')
      .values(
        body.pledges.map((pledge) => ({
          jurisdiction_id: jurisdictionId,
          project_id: projectId,
          title: pledge.title,
          due_on: pledge.dueOn,
          evidence_refs: jsonb([]),
          created_at: options.now,
        })),
      )
      .execute();
  }
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'performance.project_created',
    subjectType: 'performance_project',
    subjectId: projectId,
    details: { level: body.level, placeId: body.placeId, pledges: body.pledges.length },
  });
  return getProject(trx, { principal, id: projectId, now: options.now });
}

export async function getProject(
  db: Db,
  options: { principal: Principal; id: number; now: Date },
): Promise<Project> {
  const jurisdictionId = options.principal.jurisdictionId;
  const project = await db
    .selectFrom('performance_project as p')
    .innerJoin('staff_member as s', (join) =>
      join.onRef('s.jurisdiction_id', '=', 'p.jurisdiction_id').onRef('s.id', '=', 'p.owner_staff_id'),
    )
    .leftJoin('territory_place as pl', (join) =>
      join.onRef('pl.jurisdiction_id', '=', 'p.jurisdiction_id').onRef('pl.id', '=', 'p.place_id'),
    )
    .where('p.jurisdiction_id', '=', jurisdictionId)
    .where('p.id', '=', options.id)
    .select([
      'p.id',
      'p.title',
      'p.level',
      'p.place_id',
      'pl.name as place_name',
      'p.owner_staff_id',
      's.name as owner_name',
    ])
    .executeTakeFirst();
  if (!project) throw new AppError('platform.not_found', 'Project not found');
  const today = shanghaiDate(options.now);
  const pledges = await findPledgeRows(db, { jurisdictionId, projectId: options.id });
  return {
    id: Number(project.id),
    title: project.title,
    level: project.level,
    placeId: project.place_id === null ? null : Number(project.place_id),
    placeName: project.place_name,
    ownerStaffId: Number(project.owner_staff_id),
    ownerName: project.owner_name,
    pledges: pledges.map((row) => presentPledge(row, today, options.principal)),
  };
}

/** Every pledge (the list is shared, as the battle map is), with counts by standing. */
export async function findPledges(
  db: Db,
  options: { principal: Principal; query: PledgeQuery; now: Date },
): Promise<PledgeList> {
  const { query } = options;
  const jurisdictionId = options.principal.jurisdictionId;
  const today = shanghaiDate(options.now);
  const rows = await findPledgeRows(db, {
    jurisdictionId,
    ...(query.projectId !== undefined ? { projectId: query.projectId } : {}),
    ...(query.level !== undefined ? { level: query.level } : {}),
  });
  const all = rows.map((row) => presentPledge(row, today, options.principal));
  const counts: Record<PledgeStanding, number> = { kept: 0, kept_late: 0, claimed: 0, open: 0, late: 0 };
  for (const pledge of all) counts[pledge.standing] += 1;
  const shown = query.standing ? all.filter((p) => p.standing === query.standing) : all;
  return {
    total: shown.length,
    counts,
    projects: new Set(all.map((p) => p.projectId)).size,
    pledges: shown.slice(0, query.limit),
  };
}

async function lockPledge(trx: Db, principal: Principal, id: number): Promise<PledgeRow> {
  const [row] = await findPledgeRows(trx, { jurisdictionId: principal.jurisdictionId, id, forUpdate: true });
  if (!row) throw new AppError('platform.not_found', 'Pledge not found');
  return row;
}

/** Fulfilment claimed with evidence (a text; photo ids or links too): refused without it. */
export async function claimPledge(
  trx: Db,
  options: { principal: Principal; actor: Actor; id: number; body: PledgeClaim; now: Date },
): Promise<Pledge> {
  const { principal, body } = options;
  const row = await lockPledge(trx, principal, options.id);
  authorize(principal, 'performance.pledge', locationOf(row), { notFoundAs: 'Pledge' });
  if (body.evidenceText.trim() === '') {
    throw new AppError('performance.evidence_required', 'Describe what was done to keep the pledge');
  }
  if (row.status === 'kept' || row.status === 'claimed') {
    throw new AppError('performance.pledge_not_claimable', `The pledge is ${row.status}`);
  }
  const today = shanghaiDate(options.now);
  await trx
    .updateTable('performance_pledge')
    .set({
      status: 'claimed',
      evidence_text: body.evidenceText,
      evidence_refs: jsonb(body.evidenceRefs),
      claimed_on: today,
      claimed_by: options.actor.id,
    })
    .where('jurisdiction_id', '=', principal.jurisdictionId)
    .where('id', '=', row.id)
    .execute();
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: 'performance.pledge_claimed',
    subjectType: 'performance_pledge',
    subjectId: row.id,
    details: { evidenceRefs: body.evidenceRefs.length },
  });
  const [updated] = await findPledgeRows(trx, { jurisdictionId: principal.jurisdictionId, id: row.id });
  return presentPledge(updated as PledgeRow, today, principal);
}

/** Accepted (kept) or sent back by the level above the project's; never by the one who claimed it. */
export async function reviewPledge(
  trx: Db,
  options: { principal: Principal; actor: Actor; id: number; body: PledgeReview; now: Date },
): Promise<Pledge> {
  const { principal, body } = options;
  const row = await lockPledge(trx, principal, options.id);
  authorize(principal, 'performance.review', locationOf(row), { notFoundAs: 'Pledge' });
  if (!reviewerRoles(row.level).includes(principal.role) || row.claimed_by === options.actor.id) {
    throw new AppError('performance.not_level_above', `A ${row.level} pledge is reviewed by the level above`);
  }
  if (row.status !== 'claimed')
    throw new AppError('performance.pledge_not_claimed', `The pledge is ${row.status}`);
  await trx
    .updateTable('performance_pledge')
    .set({
      status: body.decision === 'accept' ? 'kept' : 'sent_back',
      reviewed_by: options.actor.id,
      reviewed_at: options.now,
      review_note: body.note || null,
    })
    .where('jurisdiction_id', '=', principal.jurisdictionId)
    .where('id', '=', row.id)
    .execute();
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: body.decision === 'accept' ? 'performance.pledge_accepted' : 'performance.pledge_sent_back',
    subjectType: 'performance_pledge',
    subjectId: row.id,
    details: { note: body.note },
  });
  const [updated] = await findPledgeRows(trx, { jurisdictionId: principal.jurisdictionId, id: row.id });
  return presentPledge(updated as PledgeRow, shanghaiDate(options.now), principal);
}
