import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AppointmentReminderList,
  StewardRequest,
  StewardRequestComplete,
  StewardRequestCreate,
  StewardRequestPage,
  StewardRequestQuery,
  StewardStats,
  StewardVisit,
  StewardVisitCreate,
  StewardVisitPage,
} from '#contracts/stewards.ts';
import { actorOf, requirePrincipal } from '../../platform/access.ts';
import { errorResponses, IdParams } from '../../platform/route-schemas.ts';
import { findOwnReminders, markReminderRead } from './reminders.ts';
import type { ServicesModule } from './services.module.ts';
import { type ServicesPermission, servicesPermission } from './services.policy.ts';
import {
  askSteward,
  cancelStewardRequest,
  completeStewardRequest,
  confirmStewardRequest,
  findStewardRequests,
  findStewardVisits,
  getStewardRequest,
  recordStewardVisit,
  stewardStats,
  takeStewardRequest,
} from './steward.service.ts';

const tags = ['stewards 善治红管家'];
const errors = errorResponses;
const access = (permission: ServicesPermission) => ({
  access: { permission: servicesPermission(permission) },
});
const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Stewards' help, their visits, and a resident's appointment reminders: registered by servicesRoutes. */
export async function registerStewardRoutes(
  typed: Parameters<FastifyPluginAsyncZod>[0],
  services: ServicesModule,
): Promise<void> {
  const { db, clock } = services;

  typed.post(
    '/api/stewards/requests',
    {
      config: access('stewards.ask'),
      schema: {
        tags,
        summary: 'Ask a steward for one of the six basic services (a worker names the resident)',
        body: StewardRequestCreate,
        response: { 201: StewardRequest, ...errors },
      },
    },
    async (request, reply) => {
      const created = await db.transaction().execute((trx) =>
        askSteward(trx, {
          principal: requirePrincipal(request),
          actor: actorOf(request),
          now: clock.now(),
          request: request.body,
        }),
      );
      return reply.status(201).send(created);
    },
  );
  typed.get(
    '/api/stewards/requests',
    {
      config: access('stewards.read'),
      schema: {
        tags,
        summary: 'Steward requests in the viewer’s scope (residents: their own; stewards: building and grid)',
        querystring: StewardRequestQuery,
        response: { 200: StewardRequestPage, ...errors },
      },
    },
    async (request) => findStewardRequests(db, requirePrincipal(request), request.query),
  );
  typed.get(
    '/api/stewards/requests/:id',
    {
      config: access('stewards.read'),
      schema: {
        tags,
        summary: 'One steward request',
        params: IdParams,
        response: { 200: StewardRequest, ...errors },
      },
    },
    async (request) => getStewardRequest(db, requirePrincipal(request), request.params.id),
  );
  for (const [path, permission, run] of [
    ['take', 'stewards.serve', takeStewardRequest],
    ['confirm', 'stewards.ask', confirmStewardRequest],
    ['cancel', 'stewards.ask', cancelStewardRequest],
  ] as const) {
    typed.post(
      `/api/stewards/requests/:id/${path}`,
      {
        config: access(permission),
        schema: {
          tags,
          summary:
            path === 'take'
              ? 'A steward takes an open request'
              : path === 'confirm'
                ? 'The resident confirms the service was done'
                : 'Withdraw an open request',
          params: IdParams,
          response: { 200: StewardRequest, ...errors },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          run(trx, {
            principal: requirePrincipal(request),
            actor: actorOf(request),
            now: clock.now(),
            requestId: request.params.id,
          }),
        ),
    );
  }
  typed.post(
    '/api/stewards/requests/:id/complete',
    {
      config: access('stewards.serve'),
      schema: {
        tags,
        summary: 'The steward who took it records what was done',
        params: IdParams,
        body: StewardRequestComplete,
        response: { 200: StewardRequest, ...errors },
      },
    },
    async (request) =>
      db.transaction().execute((trx) =>
        completeStewardRequest(trx, {
          principal: requirePrincipal(request),
          actor: actorOf(request),
          now: clock.now(),
          requestId: request.params.id,
          result: request.body.result,
        }),
      ),
  );
  typed.get(
    '/api/stewards/stats',
    {
      config: access('stewards.read'),
      schema: {
        tags,
        summary: 'Services done and open per grid and per steward, in the viewer’s scope',
        response: { 200: StewardStats, ...errors },
      },
    },
    async (request) => stewardStats(db, requirePrincipal(request)),
  );
  typed.post(
    '/api/stewards/visits',
    {
      config: access('stewards.serve'),
      schema: {
        tags,
        summary: 'A household visit with the twelve listening duties (网格访听12条)',
        body: StewardVisitCreate,
        response: { 201: StewardVisit, ...errors },
      },
    },
    async (request, reply) => {
      const created = await db.transaction().execute((trx) =>
        recordStewardVisit(trx, {
          principal: requirePrincipal(request),
          actor: actorOf(request),
          now: clock.now(),
          visit: request.body,
        }),
      );
      return reply.status(201).send(created);
    },
  );
  typed.get(
    '/api/stewards/visits',
    {
      config: access('stewards.read'),
      schema: {
        tags,
        summary: 'Visits: a steward’s own, or those in the viewer’s places',
        querystring: PageQuery,
        response: { 200: StewardVisitPage, ...errors },
      },
    },
    async (request) => findStewardVisits(db, requirePrincipal(request), request.query),
  );

  // ---- a resident's reminders of tomorrow's appointments ------------------------------------------
  typed.get(
    '/api/services/reminders',
    {
      config: access('appointments.book'),
      schema: {
        tags: ['services 幸福365'],
        summary: 'The signed-in account’s appointment reminders (the day before), newest first',
        response: { 200: AppointmentReminderList, ...errors },
      },
    },
    async (request) => findOwnReminders(db, requirePrincipal(request)),
  );
  typed.post(
    '/api/services/reminders/:id/read',
    {
      config: access('appointments.book'),
      schema: {
        tags: ['services 幸福365'],
        summary: 'Mark one of one’s reminders read',
        params: IdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await markReminderRead(db, requirePrincipal(request), request.params.id, clock.now());
      return reply.status(204).send(null);
    },
  );
}
