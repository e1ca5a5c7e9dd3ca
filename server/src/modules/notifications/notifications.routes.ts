import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotificationListQuery, NotificationPage, UnreadCount } from '#contracts';
import { requirePrincipal } from '../../platform/access.ts';
import { errorResponses, IdParams } from '../../platform/route-schemas.ts';
import type { NotificationsModule } from './notifications.module.ts';
import { findNotifications, readAllNotifications, readNotification } from './notifications.service.ts';

const tags = ['notifications 通知'];

const StreamHeaders = z.looseObject({ 'last-event-id': z.string().max(20).optional() });

/** The account's own notifications: every signed-in account has them, so no permission beyond a session. */
export function notificationsRoutes(notifications: NotificationsModule): FastifyPluginAsyncZod {
  return async (app) => {
    const { db, clock, hub } = notifications;

    app.get(
      '/api/notifications',
      {
        config: { access: { signedIn: true } },
        schema: {
          tags,
          summary: 'My notifications, newest first, with the unread count (the badge)',
          querystring: NotificationListQuery,
          response: { 200: NotificationPage, ...errorResponses },
        },
      },
      async (request) =>
        findNotifications(db, { principal: requirePrincipal(request), query: request.query }),
    );

    app.post(
      '/api/notifications/:id/read',
      {
        config: { access: { signedIn: true } },
        schema: {
          tags,
          summary: 'Mark one of my notifications read; answers the unread count',
          params: IdParams,
          response: { 200: UnreadCount, ...errorResponses },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          readNotification(trx, {
            principal: requirePrincipal(request),
            id: request.params.id,
            now: clock.now(),
          }),
        ),
    );

    app.post(
      '/api/notifications/read-all',
      {
        config: { access: { signedIn: true } },
        schema: {
          tags,
          summary: 'Mark all my notifications read',
          response: { 200: UnreadCount, ...errorResponses },
        },
      },
      async (request) =>
        db
          .transaction()
          .execute((trx) =>
            readAllNotifications(trx, { principal: requirePrincipal(request), now: clock.now() }),
          ),
    );

    app.get(
      '/api/notifications/stream',
      {
        config: { access: { signedIn: true } },
        schema: {
          tags,
          summary:
            'Server-sent events (text/event-stream): `unread` ({ unread }) at once and after every change, `notification` (one Notification, with `id:` so that a reconnection sends Last-Event-ID and gets what it missed), heartbeat comments, and `end` ({ reason: session_ended | shutdown }) before the server closes it',
          headers: StreamHeaders,
          response: { 200: z.string().describe('text/event-stream'), ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const lastEventId = parseLastEventId(request.headers['last-event-id']);
        // Fails (500) before anything is sent when the database channel cannot be listened on.
        await hub.ready();
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          // nginx and similar proxies would buffer the stream otherwise.
          'x-accel-buffering': 'no',
          'x-request-id': request.id,
        });
        raw.write('retry: 5000\n\n');
        let close: (() => void) | null = null;
        let gone = false;
        raw.on('close', () => {
          gone = true;
          close?.();
        });
        try {
          close = await hub.open(
            {
              jurisdictionId: principal.jurisdictionId,
              accountId: principal.accountId,
              sessionId: principal.sessionId,
            },
            { write: (frame) => raw.write(frame), end: () => raw.end() },
            lastEventId,
          );
          if (gone) close();
        } catch (error) {
          request.log.error({ err: error }, 'could not open a notification stream');
          raw.end();
        }
      },
    );
  };
}

function parseLastEventId(header: string | undefined): number | null {
  if (!header || !/^\d{1,15}$/.test(header.trim())) return null;
  return Number(header.trim());
}
