import { z } from 'zod';
import type {
  HalfYearReport,
  ReportList,
  ReportSubmit,
  ReviewScoreSubmit,
  Rubric,
} from '#contracts/performance.ts';
import { authorize, type Principal } from '../../platform/access.ts';
import { type Actor, jsonb, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { requirePlace, requireStaff } from './performance.repository.ts';
import type { Db } from './performance.table.ts';
import { aggregateReview, invalidScores } from './performance-rules.ts';

/**
 * Half-year reports and their review (述职评议): every half year each community secretary submits a
 * written report; reviewers score it against a rubric (criteria with weights and maximum scores);
 * the scores are aggregated as the rubric's outlier rule says, and the result feeds the community's
 * assessment (the `report_score` indicator) and so the secretary's pay band.
 */

export async function createRubric(
  trx: Db,
  options: { principal: Principal; actor: Actor; body: Omit<Rubric, 'id'> },
): Promise<Rubric> {
  const { principal, body } = options;
  const keys = body.criteria.map((c) => c.key);
  if (new Set(keys).size !== keys.length) {
    throw new AppError('performance.invalid_scores', 'Criterion keys repeat', { keys });
  }
  const row = await trx
    .insertInto('performance_rubric')
    .values({
      jurisdiction_id: principal.jurisdictionId,
      name: body.name,
      criteria: jsonb(body.criteria),
      outlier_rule: jsonb(body.outlierRule),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: 'performance.rubric_created',
    subjectType: 'performance_rubric',
    subjectId: Number(row.id),
    details: { ...body },
  });
  return { id: Number(row.id), ...body };
}

export async function findRubrics(db: Db, jurisdictionId: number): Promise<Rubric[]> {
  const rows = await db
    .selectFrom('performance_rubric')
    .where('jurisdiction_id', '=', jurisdictionId)
    .select(['id', 'name', 'criteria', 'outlier_rule'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    criteria: r.criteria,
    outlierRule: r.outlier_rule,
  }));
}

export async function submitReport(
  trx: Db,
  options: { principal: Principal; actor: Actor; body: ReportSubmit; now: Date },
): Promise<HalfYearReport> {
  const { principal, body } = options;
  const jurisdictionId = principal.jurisdictionId;
  const community = await requirePlace(trx, jurisdictionId, body.communityId, 'communityId', ['community']);
  authorize(principal, 'performance.report', { placeChain: community.chain });
  await requireStaff(trx, jurisdictionId, body.secretaryStaffId, 'secretaryStaffId');
  const rubrics = await findRubrics(trx, jurisdictionId);
  if (!rubrics.some((r) => r.id === body.rubricId)) {
    throw new AppError('performance.unknown_reference', `No rubric ${body.rubricId}`, { field: 'rubricId' });
  }
  const inserted = await trx
    .insertInto('performance_report')
    .values({
      jurisdiction_id: jurisdictionId,
      half_year: body.halfYear,
      community_id: body.communityId,
      secretary_staff_id: body.secretaryStaffId,
      rubric_id: body.rubricId,
      body: body.body,
      submitted_by: options.actor.id,
      submitted_at: options.now,
    })
    .onConflict((oc) => oc.columns(['jurisdiction_id', 'half_year', 'community_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    throw new AppError('performance.report_exists', `${community.name} has its ${body.halfYear} report`);
  }
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'performance.report_submitted',
    subjectType: 'performance_report',
    subjectId: Number(inserted.id),
    details: { halfYear: body.halfYear, communityId: body.communityId },
  });
  const [report] = await loadReports(trx, jurisdictionId, { id: Number(inserted.id) });
  return report as HalfYearReport;
}

/** One reviewer's scores of a report (a reviewer may correct theirs: the latest counts). */
export async function scoreReport(
  trx: Db,
  options: { principal: Principal; actor: Actor; id: number; body: ReviewScoreSubmit; now: Date },
): Promise<HalfYearReport> {
  const { principal, body } = options;
  const jurisdictionId = principal.jurisdictionId;
  const [report] = await loadReports(trx, jurisdictionId, { id: options.id });
  if (!report) throw new AppError('platform.not_found', 'Report not found');
  const invalid = invalidScores(report.rubric.criteria, body.scores);
  if (invalid.length > 0) {
    throw new AppError('performance.invalid_scores', 'The scores do not fit the rubric', { keys: invalid });
  }
  await trx
    .insertInto('performance_review_score')
    .values({
      jurisdiction_id: jurisdictionId,
      report_id: report.id,
      reviewer: options.actor.id,
      scores: jsonb(body.scores),
      scored_at: options.now,
    })
    .onConflict((oc) =>
      oc.columns(['jurisdiction_id', 'report_id', 'reviewer']).doUpdateSet({
        scores: jsonb(body.scores),
        scored_at: options.now,
      }),
    )
    .execute();
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'performance.report_scored',
    subjectType: 'performance_report',
    subjectId: report.id,
    details: { scores: body.scores },
  });
  const [scored] = await loadReports(trx, jurisdictionId, { id: report.id });
  return scored as HalfYearReport;
}

export async function findReports(
  db: Db,
  options: { principal: Principal; halfYear?: string | undefined },
): Promise<ReportList> {
  return {
    reports: await loadReports(db, options.principal.jurisdictionId, {
      ...(options.halfYear ? { halfYear: options.halfYear } : {}),
    }),
  };
}

/** Reports with their rubric and aggregated result. */
export async function loadReports(
  db: Db,
  jurisdictionId: number,
  filter: { id?: number; halfYear?: string },
): Promise<HalfYearReport[]> {
  let query = db
    .selectFrom('performance_report as r')
    .innerJoin('territory_place as c', (join) =>
      join.onRef('c.jurisdiction_id', '=', 'r.jurisdiction_id').onRef('c.id', '=', 'r.community_id'),
    )
    .innerJoin('staff_member as s', (join) =>
      join.onRef('s.jurisdiction_id', '=', 'r.jurisdiction_id').onRef('s.id', '=', 'r.secretary_staff_id'),
    )
    .where('r.jurisdiction_id', '=', jurisdictionId)
    .select([
      'r.id',
      'r.half_year',
      'r.community_id',
      'c.name as community_name',
      'r.secretary_staff_id',
      's.name as secretary_name',
      'r.rubric_id',
      'r.body',
      'r.submitted_at',
    ])
    .orderBy('r.half_year', 'desc')
    .orderBy('c.code');
  if (filter.id !== undefined) query = query.where('r.id', '=', filter.id);
  if (filter.halfYear !== undefined) query = query.where('r.half_year', '=', filter.halfYear);
  const reports = await query.execute();
  if (reports.length === 0) return [];
  const rubrics = new Map((await findRubrics(db, jurisdictionId)).map((r) => [r.id, r]));
  const scores = await db
    .selectFrom('performance_review_score')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where(
      'report_id',
      'in',
      reports.map((r) => Number(r.id)),
    )
    .select(['report_id', 'reviewer', 'scores'])
    .execute();
  return reports.map((r) => {
    const rubric = rubrics.get(Number(r.rubric_id)) as Rubric;
    const reviews = scores
      .filter((s) => Number(s.report_id) === Number(r.id))
      .map((s) => ({ reviewer: s.reviewer, scores: z.record(z.string(), z.number()).parse(s.scores) }));
    const result = aggregateReview(rubric.criteria, rubric.outlierRule, reviews);
    return {
      id: Number(r.id),
      halfYear: r.half_year,
      communityId: Number(r.community_id),
      communityName: r.community_name,
      secretaryStaffId: Number(r.secretary_staff_id),
      secretaryName: r.secretary_name,
      rubric,
      body: r.body,
      submittedAt: r.submitted_at.toISOString(),
      result: { reviewers: reviews.length, totals: result.totals, score: result.score },
    };
  });
}
