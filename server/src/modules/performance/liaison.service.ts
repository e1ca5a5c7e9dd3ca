import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { LocateResult } from '#contracts';
import type {
  LiaisonCompliance,
  LiaisonLink,
  Visit,
  VisitCreate,
  VisitList,
  VisitQuery,
} from '#contracts/performance.ts';
import { authorize, type Principal } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { WorkingCalendar } from '../../platform/working-calendar.ts';
import { reportCase } from '../cases/index.ts';
import { day, findLiaisons, requirePlace, requireStaff } from './performance.repository.ts';
import type { Db } from './performance.table.ts';
import { quarterOf, quarterRange, shanghaiDate } from './performance-rules.ts';

/**
 * Leader liaison (挂点联系): each city leader and department head is linked to a community and
 * visits it at least once a quarter; a visit records the people met and the problems found — each
 * solved on the spot or not, and linked to a case (an existing one of the community, or one reported
 * through the cases module) — and the quarter's compliance shows who has not visited yet.
 */

export async function linkLiaison(
  trx: Db,
  options: { principal: Principal; actor: Actor; body: LiaisonLink },
): Promise<void> {
  const { principal, body } = options;
  await requireStaff(trx, principal.jurisdictionId, body.staffMemberId, 'staffMemberId');
  await requirePlace(trx, principal.jurisdictionId, body.communityId, 'communityId', ['community']);
  await trx
    .insertInto('performance_liaison')
    .values({
      jurisdiction_id: principal.jurisdictionId,
      staff_member_id: body.staffMemberId,
      community_id: body.communityId,
      kind: body.kind,
    })
    .onConflict((oc) =>
      oc
        .columns(['jurisdiction_id', 'staff_member_id'])
        .doUpdateSet({ community_id: body.communityId, kind: body.kind }),
    )
    .execute();
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: 'performance.liaison_linked',
    subjectType: 'staff_member',
    subjectId: body.staffMemberId,
    details: { communityId: body.communityId, kind: body.kind },
  });
}

export interface VisitCaseReporting {
  calendar: WorkingCalendar;
  /** Where each problem's new case lies, by the problem's index: located before the transaction. */
  located: ReadonlyMap<number, LocateResult>;
}

/**
 * A visit by the linked leader (their own account) or logged for them by an administrator. Problems
 * that name a case link it (it must be a case of the community); problems with `newCase` report one
 * through the cases module, in the same transaction, with the caller's own right to report.
 */
export async function logVisit(
  trx: Db,
  options: { principal: Principal; actor: Actor; body: VisitCreate; now: Date; cases: VisitCaseReporting },
): Promise<Visit> {
  const { principal, body } = options;
  const jurisdictionId = principal.jurisdictionId;
  const staff = await requireStaff(trx, jurisdictionId, body.staffMemberId, 'staffMemberId');
  if (principal.role !== 'admin' && staff.accountId !== principal.accountId) {
    throw new AppError(
      'access.forbidden',
      'A visit is logged by the leader who made it (or an administrator)',
    );
  }
  const link = await trx
    .selectFrom('performance_liaison')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('staff_member_id', '=', staff.id)
    .select(['community_id'])
    .executeTakeFirst();
  if (!link) throw new AppError('performance.not_linked', `${staff.name} is not linked to a community`);
  const communityId = Number(link.community_id);
  const caseIds: (number | null)[] = [];
  for (const [index, problem] of body.problems.entries()) {
    if (problem.caseId !== undefined) {
      const found = await trx
        .selectFrom('case_record')
        .where('jurisdiction_id', '=', jurisdictionId)
        .where('id', '=', problem.caseId)
        .where('community_id', '=', communityId)
        .select('id')
        .executeTakeFirst();
      if (!found) {
        throw new AppError('performance.unknown_reference', `No case ${problem.caseId} in the community`, {
          field: `problems.${index}.caseId`,
        });
      }
      caseIds.push(problem.caseId);
    } else if (problem.newCase) {
      const located = options.cases.located.get(index);
      if (!located) throw new Error(`problem ${index} was not located`);
      const reported = await reportCase(trx, {
        principal,
        actor: options.actor,
        calendar: options.cases.calendar,
        now: options.now,
        idempotencyKey: `visit-${crypto.randomUUID()}`,
        request: {
          categoryCode: problem.newCase.categoryCode,
          description: problem.description,
          point: problem.newCase.point,
          crs: 'wgs84',
          anonymous: false,
          photoIds: [],
        },
        located,
      });
      caseIds.push(reported.body.id);
    } else {
      caseIds.push(null);
    }
  }
  const visit = await trx
    .insertInto('performance_visit')
    .values({
      jurisdiction_id: jurisdictionId,
      staff_member_id: staff.id,
      community_id: communityId,
      visited_on: body.visitedOn,
      people_met: body.peopleMet,
      notes: body.notes,
      logged_by: options.actor.id,
      logged_at: options.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const visitId = Number(visit.id);
  if (body.problems.length > 0) {
    await trx
      .insertInto('performance_visit_problem')
      .values(
        body.problems.map((problem, i) => ({
          jurisdiction_id: jurisdictionId,
          visit_id: visitId,
          description: problem.description,
          solved: problem.solved,
          case_id: caseIds[i] ?? null,
        })),
      )
      .execute();
  }
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'performance.visit_logged',
    subjectType: 'performance_visit',
    subjectId: visitId,
    details: {
      staffMemberId: staff.id,
      communityId,
      problems: body.problems.length,
      caseIds: caseIds.filter((c) => c !== null),
    },
  });
  const { visits } = await findVisits(trx, { principal, query: {}, visitId });
  return visits[0] as Visit;
}

/** Visits, newest first, with their problems and the cases they link (by quarter, leader or case). */
export async function findVisits(
  db: Db,
  options: { principal: Principal; query: VisitQuery; visitId?: number },
): Promise<VisitList> {
  authorize(options.principal, 'performance.read', null);
  const jurisdictionId = options.principal.jurisdictionId;
  const { query } = options;
  let visitsQuery = db
    .selectFrom('performance_visit as v')
    .innerJoin('staff_member as s', (join) =>
      join.onRef('s.jurisdiction_id', '=', 'v.jurisdiction_id').onRef('s.id', '=', 'v.staff_member_id'),
    )
    .innerJoin('territory_place as c', (join) =>
      join.onRef('c.jurisdiction_id', '=', 'v.jurisdiction_id').onRef('c.id', '=', 'v.community_id'),
    )
    .where('v.jurisdiction_id', '=', jurisdictionId)
    .select([
      'v.id',
      'v.staff_member_id',
      's.name as staff_name',
      'v.community_id',
      'c.name as community_name',
      day('v.visited_on').as('visited_on'),
      'v.people_met',
      'v.notes',
    ])
    .orderBy('v.visited_on', 'desc')
    .orderBy('v.id', 'desc');
  if (options.visitId !== undefined) visitsQuery = visitsQuery.where('v.id', '=', options.visitId);
  if (query.staffMemberId !== undefined)
    visitsQuery = visitsQuery.where('v.staff_member_id', '=', query.staffMemberId);
  if (query.quarter !== undefined) {
    const range = quarterRange(query.quarter);
    visitsQuery = visitsQuery.where('v.visited_on', '>=', range.from).where('v.visited_on', '<=', range.to);
  }
  if (query.caseId !== undefined) {
    const caseId = query.caseId;
    visitsQuery = visitsQuery.where((eb) =>
      eb.exists(
        eb
          .selectFrom('performance_visit_problem as p')
          .whereRef('p.jurisdiction_id', '=', 'v.jurisdiction_id')
          .whereRef('p.visit_id', '=', 'v.id')
          .where('p.case_id', '=', caseId)
          .select('p.id'),
      ),
    );
  }
  const visits = await visitsQuery.execute();
  const ids = visits.map((v) => Number(v.id));
  const problems =
    ids.length === 0
      ? []
      : await db
          .selectFrom('performance_visit_problem as p')
          .leftJoin('case_record as k', (join) =>
            join.onRef('k.jurisdiction_id', '=', 'p.jurisdiction_id').onRef('k.id', '=', 'p.case_id'),
          )
          .where('p.jurisdiction_id', '=', jurisdictionId)
          .where('p.visit_id', 'in', ids)
          .select(['p.id', 'p.visit_id', 'p.description', 'p.solved', 'p.case_id', 'k.tracking_code'])
          .orderBy('p.id')
          .execute();
  const byVisit = new Map<number, Visit['problems']>();
  for (const p of problems) {
    const list = byVisit.get(Number(p.visit_id)) ?? [];
    list.push({
      id: Number(p.id),
      description: p.description,
      solved: p.solved,
      caseId: p.case_id === null ? null : Number(p.case_id),
      caseTrackingCode: p.tracking_code ?? null,
    });
    byVisit.set(Number(p.visit_id), list);
  }
  return {
    visits: visits.map((v) => ({
      id: Number(v.id),
      staffMemberId: Number(v.staff_member_id),
      staffName: v.staff_name,
      communityId: Number(v.community_id),
      communityName: v.community_name,
      visitedOn: v.visited_on,
      peopleMet: v.people_met,
      notes: v.notes,
      problems: byVisit.get(Number(v.id)) ?? [],
    })),
    problemsFound: problems.length,
    problemsSolved: problems.filter((p) => p.solved).length,
    casesLinked: problems.filter((p) => p.case_id !== null).length,
  };
}

const lastVisitedOn = sql<string | null>`to_char(max(visited_on), 'YYYY-MM-DD')`.as('last_visited_on');

/** The quarter's compliance: every linked leader, their visits in the quarter, and who has none. */
export async function findLiaisonCompliance(
  db: Db,
  options: { principal: Principal; quarter?: string | undefined; now: Date },
): Promise<LiaisonCompliance> {
  const jurisdictionId = options.principal.jurisdictionId;
  const quarter = options.quarter ?? quarterOf(shanghaiDate(options.now));
  const range = quarterRange(quarter);
  const liaisons = await findLiaisons(db, jurisdictionId);
  const visits = await db
    .selectFrom('performance_visit')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('visited_on', '>=', range.from)
    .where('visited_on', '<=', range.to)
    .select(['staff_member_id', 'community_id', (eb) => eb.fn.countAll<number>().as('visits'), lastVisitedOn])
    .groupBy(['staff_member_id', 'community_id'])
    .execute();
  const byStaff = new Map(visits.map((v) => [`${v.staff_member_id}:${v.community_id}`, v]));
  const rows = liaisons.map((l) => {
    const v = byStaff.get(`${l.staff_member_id}:${l.community_id}`);
    const count = v ? Number(v.visits) : 0;
    return {
      staffMemberId: l.staff_member_id,
      staffName: l.staff_name,
      kind: l.kind,
      communityId: l.community_id,
      communityName: l.community_name,
      visits: count,
      lastVisitedOn: v?.last_visited_on ?? null,
      visited: count > 0,
      mine: l.account_id !== null && l.account_id === options.principal.accountId,
    };
  });
  return { quarter, liaisons: rows, notVisited: rows.filter((r) => !r.visited).length };
}
