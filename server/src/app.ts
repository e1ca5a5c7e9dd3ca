import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import helmet from 'helmet';
import { z } from 'zod';
import { ErrorBody, Health } from '#contracts';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import { readSchemaVersion } from './db/migrate.ts';
import { AccessModule, accessRoutes, passwordPolicies } from './modules/access/index.ts';
import { AccountabilityModule, accountabilityRoutes } from './modules/accountability/index.ts';
import { CalendarModule, calendarRoutes } from './modules/calendar/index.ts';
import { CasesModule, casesRoutes } from './modules/cases/index.ts';
import { DeliberationModule, deliberationRoutes } from './modules/deliberation/index.ts';
import {
  NotificationsModule,
  notificationsRoutes,
  signalSessionEnded,
} from './modules/notifications/index.ts';
import { Open311Module, open311Routes } from './modules/open311/index.ts';
import { PeopleModule, peopleRoutes } from './modules/people/index.ts';
import { PerformanceModule, performanceRoutes } from './modules/performance/index.ts';
import { ServicesModule, servicesRoutes } from './modules/services/index.ts';
import { TerritoryModule, territoryRoutes } from './modules/territory/index.ts';
import { actorOf, enforceRouteAccess, type RouteAccess } from './platform/access.ts';
import { recordAudit } from './platform/audit.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import { errorBody, handleError } from './platform/error-handler.ts';
import { AppError } from './platform/errors.ts';
import type { PersonalDataCipher } from './platform/personal-data.ts';
import { generateRequestId } from './platform/request-context.ts';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
const API_PREFIXES = ['/api/', '/docs', '/healthz', '/open311/'];

export type AppConfig = Pick<
  Config,
  | 'mapTileUrl'
  | 'mapTileAttribution'
  | 'logLevel'
  | 'demoMode'
  | 'sessionIdleMinutes'
  | 'sessionAbsoluteHours'
  | 'passwordPolicy'
  | 'signInsPerMinutePerIp'
  | 'trustProxy'
  | 'requireAdminTotp'
>;

export interface AppDeps {
  config: AppConfig;
  database: DatabaseHandle;
  /** Time, for sessions and lockouts; tests pass a fake one. */
  clock?: Clock;
  /** Encrypts, hashes and masks phone and ID numbers, with the key from PII_KEY (or DATA_DIR/pii.key in development). */
  personalData: PersonalDataCipher;
  logger?: FastifyServerOptions['logger'];
  /** Where case photos are kept (DATA_DIR/photos); tests get a fresh temporary directory. */
  photosDir?: string;
  /** The built web app; none in API-only tests. */
  webDist?: string | null;
  /** Between heartbeats and session checks of notification streams (default 25 s; tests shorten it). */
  notificationHeartbeatMs?: number;
}

export interface App extends FastifyInstance {
  territory: TerritoryModule;
  access: AccessModule;
  people: PeopleModule;
  calendar: CalendarModule;
  cases: CasesModule;
  deliberation: DeliberationModule;
  services: ServicesModule;
  open311: Open311Module;
  accountability: AccountabilityModule;
  notifications: NotificationsModule;
  performance: PerformanceModule;
  /** Every route with what it declares: walked by a test so that none is left without a rule. */
  routeTable: { method: string; url: string; access: RouteAccess | undefined }[];
}

/** Refusals written to the audit log (failed sign-ins are audited where they happen). */
const AUDITED_REFUSALS = new Set([
  'access.forbidden',
  'access.csrf_failed',
  'access.password_change_required',
  'access.totp_setup_required',
]);

/** Routes registered by plugins (API docs, static files) and what they expose. */
const INFRASTRUCTURE_ACCESS: [RegExp, RouteAccess][] = [
  [/^\/docs/, { public: 'API reference' }],
  [/^\/(\*|report|track)?$/, { public: 'the web app and its static files' }],
];

/** Builds the whole HTTP app without listening: main.ts listens, tests call app.inject(). */
export async function buildApp(deps: AppDeps): Promise<App> {
  const startedAt = Date.now();
  const app = Fastify({
    logger: deps.logger ?? {
      level: deps.config.logLevel,
      serializers: {
        // Personal data never reaches the logs: query values that can carry it are replaced.
        req: (request: { method: string; url: string; id: string }) => ({
          method: request.method,
          url: redactUrl(request.url),
          reqId: request.id,
        }),
      },
    },
    genReqId: generateRequestId,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    // Requests Node's HTTP parser refuses (e.g. raw non-ASCII in the URL) get the error shape too.
    clientErrorHandler: (error, socket) => {
      if (!socket.writable) return;
      const body = JSON.stringify(
        errorBody('platform.validation_failed', `Malformed HTTP request: ${error.message}`),
      );
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
    // A URL Fastify cannot even parse (e.g. a broken percent-encoding) still gets the error shape.
    frameworkErrors: (error, _request, reply) => {
      void (reply as FastifyReply).status(400).send(errorBody('platform.validation_failed', error.message));
    },
    routerOptions: { ignoreTrailingSlash: true },
    // X-Forwarded-For is believed only from the configured proxies; a spoofed one changes nothing.
    trustProxy: deps.config.trustProxy.length > 0 ? deps.config.trustProxy : false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // Every route must say who may call it; plugin routes are given theirs here, and a test walks
  // the router to check that none is left without.
  const routeTable: App['routeTable'] = [];
  app.addHook('onRoute', (route) => {
    if (!route.config?.access) {
      const match = INFRASTRUCTURE_ACCESS.find(([pattern]) => pattern.test(route.url));
      if (match) route.config = { ...route.config, access: match[1] };
    }
    for (const method of [route.method].flat()) {
      routeTable.push({ method, url: route.url, access: route.config?.access });
    }
  });

  // Security headers (helmet), its middleware built once: the Fastify plugin builds it anew for
  // every request, which cost ~2 % of the server's time under intake load.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design and Leaflet set inline styles; map tiles may come from the configured tile host.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: [
          "'self'",
          'data:',
          'blob:',
          ...(deps.config.mapTileUrl ? [tileOrigin(deps.config.mapTileUrl)] : []),
        ],
        scriptSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Served over plain HTTP in development; HSTS belongs to the TLS-terminating proxy.
    hsts: false,
  });
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)),
  );
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });

  const clock = deps.clock ?? systemClock;
  const territory = new TerritoryModule(deps.database.db);
  const access = new AccessModule(
    deps.database.db,
    territory,
    clock,
    {
      idleMinutes: deps.config.sessionIdleMinutes,
      absoluteHours: deps.config.sessionAbsoluteHours,
      passwordPolicy: passwordPolicies[deps.config.passwordPolicy],
      maxFailures: 5,
      lockMinutes: 10,
      demoMode: deps.config.demoMode,
      signInsPerMinutePerIp: deps.config.signInsPerMinutePerIp,
      requireAdminTotp: deps.config.requireAdminTotp,
    },
    deps.personalData,
  );
  const people = new PeopleModule(deps.database.db, territory, deps.personalData, clock);
  const deliberation = new DeliberationModule(deps.database.db, clock);
  const photosDir = deps.photosDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'jingzhi-photos-'));
  const calendar = new CalendarModule(deps.database.db);
  const cases = new CasesModule(deps.database.db, territory, {
    photosDir,
    clock,
    calendars: calendar,
    intakeConcurrency: deps.database.kind === 'postgres' ? 2 : 1,
    personalData: deps.personalData,
  });
  const services = new ServicesModule(deps.database.db, { clock, calendars: calendar });
  const accountability = new AccountabilityModule(deps.database.db, clock);
  const performance = new PerformanceModule(deps.database.db, territory, cases, clock);
  const open311 = new Open311Module(deps.database.db, territory, cases, { demoMode: deps.config.demoMode });
  const notifications = new NotificationsModule(deps.database, {
    clock,
    liveSessions: (sessionIds) => access.liveSessionIds(sessionIds),
    onError: (error, message) => app.log.error({ err: error }, message),
    ...(deps.notificationHeartbeatMs !== undefined ? { heartbeatMs: deps.notificationHeartbeatMs } : {}),
  });
  // Open notification streams end before the server stops taking connections (else it waits for them).
  app.addHook('preClose', async () => notifications.hub.close());
  // A sign-out ends that session's streams on every app server at once (others end at the next heartbeat).
  app.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.url !== '/api/auth/logout' || reply.statusCode !== 204 || !request.principal)
      return;
    await signalSessionEnded(deps.database.db, request.principal.sessionId).catch((error: unknown) =>
      request.log.error({ err: error }, 'could not signal the end of a session'),
    );
  });
  app.decorateRequest('principal', null);
  // Refusals are audited too (等保: denials), in their own transaction since the request fails.
  app.addHook('onError', async (request, _reply, error) => {
    if (!(error instanceof AppError) || !AUDITED_REFUSALS.has(error.code)) return;
    await recordAudit(deps.database.db, actorOf(request), {
      jurisdictionId: request.principal?.jurisdictionId ?? null,
      action: 'access.denied',
      subjectType: 'route',
      subjectId: `${request.method} ${request.routeOptions.url ?? request.url}`,
      result: 'denied',
      details: { code: error.code },
    }).catch((auditError: unknown) => request.log.error({ err: auditError }, 'could not audit a refusal'));
  });
  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    request.principal = await access.resolvePrincipal(request);
    enforceRouteAccess(request);
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Jingzhi 精治 API',
        description:
          'Grid-based community governance (网格化基层治理). Errors: `{ error: { code, message, messageZh?, details? } }`, codes in docs/errors.md.',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.get(
    '/healthz',
    {
      config: { access: { public: 'liveness probe' } },
      schema: {
        tags: ['platform'],
        summary: 'Liveness: database kind, schema version, uptime',
        response: { 200: Health, 503: ErrorBody },
      },
    },
    async () => ({
      status: 'ok' as const,
      database: deps.database.kind,
      schemaVersion: await readSchemaVersion(deps.database.db),
      uptimeS: Math.round((Date.now() - startedAt) / 100) / 10,
    }),
  );
  app.get(
    '/api/app-config',
    {
      config: { access: { public: 'what the sign-in page needs' } },
      schema: {
        tags: ['platform'],
        summary: 'What the web app needs to know of the deployment (basemap tiles)',
        response: {
          200: z.object({ mapTileUrl: z.string().nullable(), mapTileAttribution: z.string().nullable() }),
        },
      },
    },
    async () => ({
      mapTileUrl: deps.config.mapTileUrl ?? null,
      mapTileAttribution: deps.config.mapTileAttribution ?? null,
    }),
  );
  await app.register(territoryRoutes(territory));
  await app.register(accessRoutes(access));
  await app.register(peopleRoutes(people));
  await app.register(calendarRoutes(calendar, clock));
  await app.register(casesRoutes(cases));
  await app.register(deliberationRoutes(deliberation));
  await app.register(servicesRoutes(services));
  await app.register(open311Routes(open311));
  await app.register(accountabilityRoutes(accountability));
  await app.register(notificationsRoutes(notifications));
  await app.register(performanceRoutes(performance));

  const webDist = deps.webDist === undefined ? WEB_DIST : deps.webDist;
  const hasWeb = webDist !== null && fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    // Served by pattern, not a list made at start, so a rebuilt web app needs no restart. Hashed
    // assets are cached for good; anything else (index.html) is revalidated.
    await app.register(fastifyStatic, {
      root: webDist,
      index: false,
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        void reply.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
    app.get('/', { schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html'),
    );
    // The phone report page (随手拍) is its own light entry, without the main app's bundle.
    app.get('/report', { schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', 'no-cache').sendFile('report.html'),
    );
    // Public tracking (查询进度) and the public map: its own light entry, no sign-in.
    app.get('/track', { schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', 'no-cache').sendFile('track.html'),
    );
  }
  app.setNotFoundHandler((request, reply) => {
    const isApi = API_PREFIXES.some((prefix) => request.url.startsWith(prefix));
    if (hasWeb && request.method === 'GET' && !isApi) {
      // The web app's own routes (e.g. /territory) are served its index page.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply
      .status(404)
      .send(errorBody('platform.not_found', `No route ${request.method} ${request.url.split('?')[0]}`));
  });

  const decorated = app as unknown as App;
  decorated.decorate('territory', territory);
  decorated.decorate('access', access);
  decorated.decorate('people', people);
  decorated.decorate('calendar', calendar);
  decorated.decorate('cases', cases);
  decorated.decorate('open311', open311);
  decorated.decorate('deliberation', deliberation);
  decorated.decorate('services', services);
  decorated.decorate('accountability', accountability);
  decorated.decorate('notifications', notifications);
  decorated.decorate('performance', performance);
  // A temporary photo directory (tests) goes with the app.
  if (!deps.photosDir)
    app.addHook('onClose', async () => fs.rmSync(photosDir, { recursive: true, force: true }));
  decorated.decorate('routeTable', routeTable);
  return decorated;
}

function tileOrigin(template: string): string {
  try {
    return new URL(template.replace(/\{[^}]+\}/g, '0')).origin;
  } catch {
    return "'none'";
  }
}

/** Query parameters whose values are personal data (searches by phone or ID number). */
const PERSONAL_QUERY_PARAMETERS = /([?&](?:phone|idNumber|id_number|mobile)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(PERSONAL_QUERY_PARAMETERS, '$1[redacted]');
}
