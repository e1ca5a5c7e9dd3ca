import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LocateResult } from '#contracts';
import {
  AssessmentQuery,
  AssessmentTable,
  ComplianceQuery,
  HalfYearReport,
  LiaisonCompliance,
  LiaisonLink,
  ManualValueEntry,
  Pledge,
  PledgeClaim,
  PledgeList,
  PledgeQuery,
  PledgeReview,
  Project,
  ProjectCreate,
  ReportList,
  ReportQuery,
  ReportSubmit,
  ReviewScoreSubmit,
  Rubric,
  RubricCreate,
  Template,
  TemplateList,
  TemplateSave,
  Visit,
  VisitCreate,
  VisitList,
  VisitQuery,
} from '#contracts/performance.ts';
import { actorOf, requirePrincipal } from '../../platform/access.ts';
import { errorResponses, IdParams } from '../../platform/route-schemas.ts';
import { assess, enterManualValue, findTemplates, saveTemplate } from './assessment.service.ts';
import { findLiaisonCompliance, findVisits, linkLiaison, logVisit } from './liaison.service.ts';
import type { PerformanceModule } from './performance.module.ts';
import type { PerformancePermission } from './performance.policy.ts';
import { claimPledge, createProject, findPledges, getProject, reviewPledge } from './pledge.service.ts';
import { createRubric, findReports, findRubrics, scoreReport, submitReport } from './review.service.ts';

const tags = ['performance 履职考评'];
const errors = errorResponses;
const rule = (permission: PerformancePermission) => ({ access: { permission } });
const NoContent = z.null();

/** Thin routes: validate, authenticate, open the transaction for writes, call one service. */
export function performanceRoutes(performance: PerformanceModule): FastifyPluginAsyncZod {
  return async (app) => {
    const { db, clock } = performance;

    // ---- projects and pledges (书记突破项目, 承诺践诺) ----
    app.post(
      '/api/performance/projects',
      {
        config: rule('performance.pledge'),
        schema: {
          tags,
          summary: 'Claim a breakthrough project with its pledges',
          body: ProjectCreate,
          response: { 201: Project, ...errors },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const project = await db
          .transaction()
          .execute((trx) =>
            createProject(trx, { principal, actor: actorOf(request), body: request.body, now: clock.now() }),
          );
        return reply.status(201).send(project);
      },
    );
    app.get(
      '/api/performance/projects/:id',
      {
        config: rule('performance.read'),
        schema: {
          tags,
          summary: 'A project with its pledges',
          params: IdParams,
          response: { 200: Project, ...errors },
        },
      },
      async (request) =>
        getProject(db, { principal: requirePrincipal(request), id: request.params.id, now: clock.now() }),
    );
    app.get(
      '/api/performance/pledges',
      {
        config: rule('performance.read'),
        schema: {
          tags,
          summary: 'Pledges with their standing (kept, late …) and counts',
          querystring: PledgeQuery,
          response: { 200: PledgeList, ...errors },
        },
      },
      async (request) =>
        findPledges(db, { principal: requirePrincipal(request), query: request.query, now: clock.now() }),
    );
    app.post(
      '/api/performance/pledges/:id/claim',
      {
        config: rule('performance.pledge'),
        schema: {
          tags,
          summary: 'Claim fulfilment with evidence (refused without)',
          params: IdParams,
          body: PledgeClaim,
          response: { 200: Pledge, ...errors },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return db.transaction().execute((trx) =>
          claimPledge(trx, {
            principal,
            actor: actorOf(request),
            id: request.params.id,
            body: request.body,
            now: clock.now(),
          }),
        );
      },
    );
    app.post(
      '/api/performance/pledges/:id/review',
      {
        config: rule('performance.review'),
        schema: {
          tags,
          summary: 'Accept (kept) or send back a claimed pledge: the level above',
          params: IdParams,
          body: PledgeReview,
          response: { 200: Pledge, ...errors },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return db.transaction().execute((trx) =>
          reviewPledge(trx, {
            principal,
            actor: actorOf(request),
            id: request.params.id,
            body: request.body,
            now: clock.now(),
          }),
        );
      },
    );

    // ---- leader liaison (挂点联系) ----
    app.put(
      '/api/performance/liaisons',
      {
        config: rule('performance.manage'),
        schema: {
          tags,
          summary: 'Link a city leader or department head to a community',
          body: LiaisonLink,
          response: { 204: NoContent, ...errors },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        await db
          .transaction()
          .execute((trx) => linkLiaison(trx, { principal, actor: actorOf(request), body: request.body }));
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/api/performance/liaisons/compliance',
      {
        config: rule('performance.read'),
        schema: {
          tags,
          summary: 'Who has visited their community this quarter, and who has not',
          querystring: ComplianceQuery,
          response: { 200: LiaisonCompliance, ...errors },
        },
      },
      async (request) =>
        findLiaisonCompliance(db, {
          principal: requirePrincipal(request),
          quarter: request.query.quarter,
          now: clock.now(),
        }),
    );
    app.get(
      '/api/performance/visits',
      {
        config: rule('performance.read'),
        schema: {
          tags,
          summary: 'Liaison visits with problems found and solved, and linked cases',
          querystring: VisitQuery,
          response: { 200: VisitList, ...errors },
        },
      },
      async (request) => findVisits(db, { principal: requirePrincipal(request), query: request.query }),
    );
    app.post(
      '/api/performance/visits',
      {
        config: rule('performance.liaison'),
        schema: {
          tags,
          summary: 'Log a visit; problems may link or report cases',
          body: VisitCreate,
          response: { 201: Visit, ...errors },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const { cases, territory } = performance;
        // Located before the transaction: the point index may read the database itself.
        const located = new Map<number, LocateResult>();
        for (const [index, problem] of request.body.problems.entries()) {
          if (!problem.newCase) continue;
          const { lng, lat } = problem.newCase.point;
          located.set(index, await territory.locate(principal.jurisdictionId, lng, lat));
        }
        const calendar = await cases.calendarFor(principal.jurisdictionId);
        const visit = await db.transaction().execute((trx) =>
          logVisit(trx, {
            principal,
            actor: actorOf(request),
            body: request.body,
            now: clock.now(),
            cases: { calendar, located },
          }),
        );
        return reply.status(201).send(visit);
      },
    );

    // ---- half-year reports and review (述职评议) ----
    app.get(
      '/api/performance/rubrics',
      {
        config: rule('performance.read'),
        schema: {
          tags,
          summary: 'Review rubrics',
          response: { 200: z.object({ rubrics: z.array(Rubric) }), ...errors },
        },
      },
      async (request) => ({ rubrics: await findRubrics(db, requirePrincipal(request).jurisdictionId) }),
    );
    app.post(
      '/api/performance/rubrics',
      {
        config: rule('performance.manage'),
        schema: {
          tags,
          summary: 'Create a rubric: criteria with weights and maxima, the outlier rule',
          body: RubricCreate,
          response: { 201: Rubric, ...errors },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const rubric = await db
          .transaction()
          .execute((trx) => createRubric(trx, { principal, actor: actorOf(request), body: request.body }));
        return reply.status(201).send(rubric);
      },
    );
    app.get(
      '/api/performance/reports',
      {
        config: rule('performance.read'),
        schema: {
          tags,
          summary: 'Half-year reports with their aggregated review',
          querystring: ReportQuery,
          response: { 200: ReportList, ...errors },
        },
      },
      async (request) =>
        findReports(db, { principal: requirePrincipal(request), halfYear: request.query.halfYear }),
    );
    app.post(
      '/api/performance/reports',
      {
        config: rule('performance.report'),
        schema: {
          tags,
          summary: 'Submit the community’s half-year report',
          body: ReportSubmit,
          response: { 201: HalfYearReport, ...errors },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const report = await db
          .transaction()
          .execute((trx) =>
            submitReport(trx, { principal, actor: actorOf(request), body: request.body, now: clock.now() }),
          );
        return reply.status(201).send(report);
      },
    );
    app.put(
      '/api/performance/reports/:id/score',
      {
        config: rule('performance.review'),
        schema: {
          tags,
          summary: 'Score a report against its rubric (one score per reviewer)',
          params: IdParams,
          body: ReviewScoreSubmit,
          response: { 200: HalfYearReport, ...errors },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return db.transaction().execute((trx) =>
          scoreReport(trx, {
            principal,
            actor: actorOf(request),
            id: request.params.id,
            body: request.body,
            now: clock.now(),
          }),
        );
      },
    );

    // ---- dual performance assessment (双绩效考核) ----
    app.get(
      '/api/performance/templates',
      {
        config: rule('performance.read'),
        schema: { tags, summary: 'Assessment templates', response: { 200: TemplateList, ...errors } },
      },
      async (request) => ({ templates: await findTemplates(db, requirePrincipal(request).jurisdictionId) }),
    );
    app.put(
      '/api/performance/templates',
      {
        config: rule('performance.manage'),
        schema: {
          tags,
          summary: 'Save the template of a subject: indicators, weights, pay bands',
          body: TemplateSave,
          response: { 200: Template, ...errors },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return db
          .transaction()
          .execute((trx) => saveTemplate(trx, { principal, actor: actorOf(request), body: request.body }));
      },
    );
    app.put(
      '/api/performance/manual-values',
      {
        config: rule('performance.manage'),
        schema: {
          tags,
          summary: 'Enter a manual indicator value (audited)',
          body: ManualValueEntry,
          response: { 204: NoContent, ...errors },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        await db.transaction().execute((trx) =>
          enterManualValue(trx, {
            principal,
            actor: actorOf(request),
            body: request.body,
            now: clock.now(),
          }),
        );
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/api/performance/assessment',
      {
        config: rule('performance.read'),
        schema: {
          tags,
          summary: 'Scores of a period with per-indicator contributions, rank and pay band',
          querystring: AssessmentQuery,
          response: { 200: AssessmentTable, ...errors },
        },
      },
      async (request) =>
        assess(db, {
          principal: requirePrincipal(request),
          subject: request.query.subject,
          period: request.query.period,
          now: clock.now(),
        }),
    );
  };
}
