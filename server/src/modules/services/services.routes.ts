import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Appointment,
  AppointmentCreate,
  AppointmentMove,
  AppointmentPage,
  AppointmentQuery,
  OpeningHours,
  ScheduleQuery,
  ServiceItem,
  ServiceItemPage,
  ServiceItemQuery,
  ServiceRequest,
  ServiceRequestComplete,
  ServiceRequestCreate,
  ServiceRequestNote,
  ServiceRequestPage,
  ServiceRequestQuery,
  ServiceRequestRate,
  ServiceSite,
  ServiceSitePage,
  ServiceSiteQuery,
  SiteSchedule,
  Slot,
  SlotList,
  SlotPublish,
  SlotQuery,
} from '#contracts/services.ts';
import { actorOf, requirePrincipal } from '../../platform/access.ts';
import { errorResponses, IdParams } from '../../platform/route-schemas.ts';
import {
  bookAppointment,
  cancelAppointment,
  findAppointments,
  findSlots,
  getSiteSchedule,
  moveAppointment,
  publishSlots,
  recordAttendance,
} from './appointment.service.ts';
import {
  findServiceItems,
  findServiceSites,
  getServiceItem,
  getServiceSite,
  setSiteOpening,
} from './catalogue.service.ts';
import {
  acceptServiceRequest,
  completeServiceRequest,
  findServiceRequests,
  getServiceRequest,
  rateServiceRequest,
  takeServiceRequest,
} from './request.service.ts';
import type { ServicesModule } from './services.module.ts';
import { type ServicesPermission, servicesPermission } from './services.policy.ts';
import { registerStewardRoutes } from './stewards.routes.ts';

const tags = ['services 幸福365'];
const errors = errorResponses;
const access = (permission: ServicesPermission) => ({
  access: { permission: servicesPermission(permission) },
});

/** Thin routes: validate, authenticate, open the transaction for writes, call one service, present. */
export function servicesRoutes(services: ServicesModule): FastifyPluginAsyncZod {
  return async (app) => {
    const { db, clock } = services;
    /** The viewer's jurisdiction's calendar, read before the transaction (PGlite: one connection). */
    const calendarOf = (request: FastifyRequest) =>
      services.calendarFor(requirePrincipal(request).jurisdictionId);

    // ---- catalogue --------------------------------------------------------------------------------

    app.get(
      '/api/services/items',
      {
        config: access('services.read'),
        schema: {
          tags,
          summary: 'Service items (服务事项) by kind or name',
          querystring: ServiceItemQuery,
          response: { 200: ServiceItemPage, ...errors },
        },
      },
      async (request) => findServiceItems(db, { principal: requirePrincipal(request), query: request.query }),
    );
    app.get(
      '/api/services/items/:id',
      {
        config: access('services.read'),
        schema: {
          tags,
          summary: 'One service item: materials, where offered, handler, promised days',
          params: IdParams,
          response: { 200: ServiceItem, ...errors },
        },
      },
      async (request) =>
        getServiceItem(db, { principal: requirePrincipal(request), itemId: request.params.id }),
    );
    app.get(
      '/api/services/sites',
      {
        config: access('services.read'),
        schema: {
          tags,
          summary: 'Service centres and stations, with opening hours',
          querystring: ServiceSiteQuery,
          response: { 200: ServiceSitePage, ...errors },
        },
      },
      async (request) => findServiceSites(db, { principal: requirePrincipal(request), query: request.query }),
    );
    app.get(
      '/api/services/sites/:id',
      {
        config: access('services.read'),
        schema: {
          tags,
          summary: 'One service site with its hours',
          params: IdParams,
          response: { 200: ServiceSite, ...errors },
        },
      },
      async (request) =>
        getServiceSite(db, { principal: requirePrincipal(request), siteId: request.params.id }),
    );
    app.put(
      '/api/services/sites/:id/opening',
      {
        config: access('appointments.manage'),
        schema: {
          tags,
          summary: 'Set a site’s hours: weekdays, weekends, holidays, extended (错峰延时)',
          params: IdParams,
          body: OpeningHours,
          response: { 200: ServiceSite, ...errors },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          setSiteOpening(trx, {
            principal: requirePrincipal(request),
            siteId: request.params.id,
            opening: request.body,
            actor: actorOf(request),
          }),
        ),
    );

    // ---- one-window requests ----------------------------------------------------------------------

    app.post(
      '/api/services/requests',
      {
        config: access('services.intake'),
        schema: {
          tags,
          summary: 'Take a request at a window for any item (一窗受理), routed to its handler',
          body: ServiceRequestCreate,
          response: { 201: ServiceRequest, ...errors },
        },
      },
      async (request, reply) => {
        const calendar = await calendarOf(request);
        const created = await db.transaction().execute((trx) =>
          takeServiceRequest(trx, {
            principal: requirePrincipal(request),
            actor: actorOf(request),
            now: clock.now(),
            calendar,
            request: request.body,
          }),
        );
        return reply.status(201).send(created);
      },
    );
    app.get(
      '/api/services/requests',
      {
        config: access('services.read'),
        schema: {
          tags,
          summary: 'Requests taken at or routed to the viewer’s places (residents: their own)',
          querystring: ServiceRequestQuery,
          response: { 200: ServiceRequestPage, ...errors },
        },
      },
      async (request) =>
        findServiceRequests(db, {
          principal: requirePrincipal(request),
          now: clock.now(),
          query: request.query,
        }),
    );
    app.get(
      '/api/services/requests/:id',
      {
        config: access('services.read'),
        schema: {
          tags,
          summary: 'One request with its timeline (each hand)',
          params: IdParams,
          response: { 200: ServiceRequest, ...errors },
        },
      },
      async (request) =>
        getServiceRequest(db, {
          principal: requirePrincipal(request),
          requestId: request.params.id,
          now: clock.now(),
        }),
    );
    app.post(
      '/api/services/requests/:id/accept',
      {
        config: access('services.handle'),
        schema: {
          tags,
          summary: 'The handler accepts a routed request',
          params: IdParams,
          body: ServiceRequestNote,
          response: { 200: ServiceRequest, ...errors },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          acceptServiceRequest(trx, {
            principal: requirePrincipal(request),
            actor: actorOf(request),
            now: clock.now(),
            requestId: request.params.id,
            note: request.body.note,
          }),
        ),
    );
    app.post(
      '/api/services/requests/:id/complete',
      {
        config: access('services.handle'),
        schema: {
          tags,
          summary: 'The handler completes (办结) an accepted request',
          params: IdParams,
          body: ServiceRequestComplete,
          response: { 200: ServiceRequest, ...errors },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          completeServiceRequest(trx, {
            principal: requirePrincipal(request),
            actor: actorOf(request),
            now: clock.now(),
            requestId: request.params.id,
            result: request.body.result,
          }),
        ),
    );
    app.post(
      '/api/services/requests/:id/rate',
      {
        config: access('services.rate'),
        schema: {
          tags,
          summary: 'The resident rates their finished request',
          params: IdParams,
          body: ServiceRequestRate,
          response: { 200: ServiceRequest, ...errors },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          rateServiceRequest(trx, {
            principal: requirePrincipal(request),
            actor: actorOf(request),
            now: clock.now(),
            requestId: request.params.id,
            rating: request.body.rating,
            comment: request.body.comment,
          }),
        ),
    );

    // ---- appointments -----------------------------------------------------------------------------

    app.post(
      '/api/services/sites/:id/slots',
      {
        config: access('appointments.manage'),
        schema: {
          tags,
          summary: 'Publish bookable slots of an item at a site, inside its hours',
          params: IdParams,
          body: SlotPublish,
          response: { 201: z.object({ slots: z.array(Slot) }), ...errors },
        },
      },
      async (request, reply) => {
        const calendar = await calendarOf(request);
        const slots = await db.transaction().execute((trx) =>
          publishSlots(trx, {
            principal: requirePrincipal(request),
            actor: actorOf(request),
            now: clock.now(),
            calendar,
            siteId: request.params.id,
            request: request.body,
          }),
        );
        return reply.status(201).send({ slots });
      },
    );
    app.get(
      '/api/services/slots',
      {
        config: access('services.read'),
        schema: {
          tags,
          summary: 'A site’s slots (default: the next seven days), with free places',
          querystring: SlotQuery,
          response: { 200: SlotList, ...errors },
        },
      },
      async (request) =>
        findSlots(db, { principal: requirePrincipal(request), now: clock.now(), query: request.query }),
    );
    app.get(
      '/api/services/sites/:id/schedule',
      {
        config: access('appointments.manage'),
        schema: {
          tags,
          summary: 'A site’s day: hours, slots and bookings (staff)',
          params: IdParams,
          querystring: ScheduleQuery,
          response: { 200: SiteSchedule, ...errors },
        },
      },
      async (request) =>
        getSiteSchedule(db, {
          principal: requirePrincipal(request),
          siteId: request.params.id,
          date: request.query.date,
          calendar: await calendarOf(request),
        }),
    );
    app.post(
      '/api/services/appointments',
      {
        config: access('appointments.book'),
        schema: {
          tags,
          summary: 'Book a slot (a resident for themselves, a worker on a resident’s behalf)',
          body: AppointmentCreate,
          response: { 201: Appointment, ...errors },
        },
      },
      async (request, reply) => {
        const calendar = await calendarOf(request);
        const booked = await db.transaction().execute((trx) =>
          bookAppointment(trx, {
            principal: requirePrincipal(request),
            actor: actorOf(request),
            now: clock.now(),
            calendar,
            slotId: request.body.slotId,
            residentId: request.body.residentId,
          }),
        );
        return reply.status(201).send(booked);
      },
    );
    app.get(
      '/api/services/appointments',
      {
        config: access('appointments.book'),
        schema: {
          tags,
          summary: 'Appointments: a resident’s own, or those at the viewer’s sites',
          querystring: AppointmentQuery,
          response: { 200: AppointmentPage, ...errors },
        },
      },
      async (request) => findAppointments(db, { principal: requirePrincipal(request), query: request.query }),
    );
    app.post(
      '/api/services/appointments/:id/move',
      {
        config: access('appointments.book'),
        schema: {
          tags,
          summary: 'Move an appointment to another slot',
          params: IdParams,
          body: AppointmentMove,
          response: { 200: Appointment, ...errors },
        },
      },
      async (request) => {
        const calendar = await calendarOf(request);
        return db.transaction().execute((trx) =>
          moveAppointment(trx, {
            principal: requirePrincipal(request),
            actor: actorOf(request),
            now: clock.now(),
            calendar,
            appointmentId: request.params.id,
            slotId: request.body.slotId,
          }),
        );
      },
    );
    app.post(
      '/api/services/appointments/:id/cancel',
      {
        config: access('appointments.book'),
        schema: {
          tags,
          summary: 'Cancel an appointment before its slot',
          params: IdParams,
          response: { 200: Appointment, ...errors },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          cancelAppointment(trx, {
            principal: requirePrincipal(request),
            actor: actorOf(request),
            now: clock.now(),
            appointmentId: request.params.id,
          }),
        ),
    );
    for (const [path, status] of [
      ['no-show', 'no_show'],
      ['attended', 'attended'],
    ] as const) {
      app.post(
        `/api/services/appointments/:id/${path}`,
        {
          config: access('appointments.manage'),
          schema: {
            tags,
            summary: `Record that the resident ${status === 'no_show' ? 'did not come (no-show)' : 'came'}`,
            params: IdParams,
            response: { 200: Appointment, ...errors },
          },
        },
        async (request) =>
          db.transaction().execute((trx) =>
            recordAttendance(trx, {
              principal: requirePrincipal(request),
              actor: actorOf(request),
              now: clock.now(),
              appointmentId: request.params.id,
              status,
            }),
          ),
      );
    }

    await registerStewardRoutes(app, services);
  };
}
