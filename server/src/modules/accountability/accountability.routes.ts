import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FlagCompute,
  FlagList,
  FlagOverride,
  FlagPublish,
  FlagQuery,
  MilestoneDone,
  NotReportedBoard,
  NotReportedQuery,
  Task,
  TaskBoard,
  TaskCreate,
  TaskQuery,
  UnitFlag,
  WeeklyReport,
  WeeklyReportCreate,
} from '#contracts/accountability.ts';
import { Id } from '#contracts/territory.ts';
import { actorOf, requirePrincipal } from '../../platform/access.ts';
import { errorResponses, IdParams } from '../../platform/route-schemas.ts';
import type { AccountabilityModule } from './accountability.module.ts';
import { accountabilityPermission } from './accountability.policy.ts';
import { dispatchRoutes } from './dispatch.routes.ts';
import { computeFlags, findFlags, overrideUnitFlag, publishQuarterFlags } from './flag.service.ts';
import {
  completeMilestone,
  createTask,
  findNotReported,
  findTaskBoard,
  getTask,
  reportWeek,
} from './task.service.ts';

const tags = ['accountability 挂图作战'];
const errors = errorResponses;
const read = { access: { permission: accountabilityPermission('accountability.read') } };
const report = { access: { permission: accountabilityPermission('accountability.report') } };
const manage = { access: { permission: accountabilityPermission('accountability.manage') } };

/** Thin routes: validate, authenticate, open the transaction for writes, call one service. */
export function accountabilityRoutes(accountability: AccountabilityModule): FastifyPluginAsyncZod {
  return async (app) => {
    const { db, clock } = accountability;
    // Task status, meetings, the monthly bulletin, subscriptions, inbox and duty record.
    await app.register(dispatchRoutes(accountability));

    app.get(
      '/api/accountability/tasks',
      {
        config: read,
        schema: {
          tags,
          summary: 'The battle map: tasks by lead unit, with milestones and progress',
          querystring: TaskQuery,
          response: { 200: TaskBoard, ...errors },
        },
      },
      async (request) =>
        findTaskBoard(db, { principal: requirePrincipal(request), query: request.query, now: clock.now() }),
    );

    app.get(
      '/api/accountability/tasks/:id',
      {
        config: read,
        schema: {
          tags,
          summary: 'A task with its milestones',
          params: IdParams,
          response: { 200: Task, ...errors },
        },
      },
      async (request) =>
        getTask(db, { principal: requirePrincipal(request), id: request.params.id, now: clock.now() }),
    );

    app.post(
      '/api/accountability/tasks',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Create a task led by a department, with its milestones',
          body: TaskCreate,
          response: { 201: Task, ...errors },
        },
      },
      async (request, reply) => {
        const task = await db.transaction().execute((trx) =>
          createTask(trx, {
            principal: requirePrincipal(request),
            request: request.body,
            actor: actorOf(request),
            now: clock.now(),
          }),
        );
        return reply.status(201).send(task);
      },
    );

    app.post(
      '/api/accountability/tasks/:id/reports',
      {
        config: report,
        schema: {
          tags,
          summary: 'The lead unit’s report for a week (每周周一调度): progress, problems, next week’s plan',
          params: IdParams,
          body: WeeklyReportCreate,
          response: { 201: WeeklyReport, ...errors },
        },
      },
      async (request, reply) => {
        const created = await db.transaction().execute((trx) =>
          reportWeek(trx, {
            principal: requirePrincipal(request),
            taskId: request.params.id,
            request: request.body,
            actor: actorOf(request),
            now: clock.now(),
          }),
        );
        return reply.status(201).send(created);
      },
    );

    app.post(
      '/api/accountability/tasks/:id/milestones/:milestoneId/done',
      {
        config: report,
        schema: {
          tags,
          summary: 'Mark a milestone done, with the date and an evidence note',
          params: z.object({ id: Id, milestoneId: Id }),
          body: MilestoneDone,
          response: { 200: Task, ...errors },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          completeMilestone(trx, {
            principal: requirePrincipal(request),
            taskId: request.params.id,
            milestoneId: request.params.milestoneId,
            request: request.body,
            actor: actorOf(request),
            now: clock.now(),
          }),
        ),
    );

    app.get(
      '/api/accountability/not-reported',
      {
        config: read,
        schema: {
          tags,
          summary: 'Lead units that have not reported on every task for a Monday (this week by default)',
          querystring: NotReportedQuery,
          response: { 200: NotReportedBoard, ...errors },
        },
      },
      async (request) =>
        findNotReported(db, {
          principal: requirePrincipal(request),
          weekOf: request.query.weekOf,
          now: clock.now(),
        }),
    );

    app.get(
      '/api/accountability/flags',
      {
        config: read,
        schema: {
          tags,
          summary: 'The quarter’s flags (季挂牌) of the lead units',
          querystring: FlagQuery,
          response: { 200: FlagList, ...errors },
        },
      },
      async (request) =>
        findFlags(db, { principal: requirePrincipal(request), quarter: request.query.quarter }),
    );

    app.post(
      '/api/accountability/flags/compute',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Compute the quarter’s flags by the rule (the module’s, or one given); overrides stand',
          body: FlagCompute,
          response: { 200: FlagList, ...errors },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          computeFlags(trx, {
            principal: requirePrincipal(request),
            quarter: request.body.quarter,
            rule: request.body.rule ?? accountability.flagRule,
            actor: actorOf(request),
            now: clock.now(),
          }),
        ),
    );

    app.post(
      '/api/accountability/flags/:id/override',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Override a unit’s flag with a reason (audited)',
          params: IdParams,
          body: FlagOverride,
          response: { 200: UnitFlag, ...errors },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          overrideUnitFlag(trx, {
            principal: requirePrincipal(request),
            id: request.params.id,
            request: request.body,
            actor: actorOf(request),
            now: clock.now(),
          }),
        ),
    );

    app.post(
      '/api/accountability/flags/publish',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Publish the quarter’s flags; they no longer change',
          body: FlagPublish,
          response: { 200: FlagList, ...errors },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          publishQuarterFlags(trx, {
            principal: requirePrincipal(request),
            quarter: request.body.quarter,
            actor: actorOf(request),
            now: clock.now(),
          }),
        ),
    );
  };
}
