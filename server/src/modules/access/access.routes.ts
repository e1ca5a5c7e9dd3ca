import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AuditPage,
  AuditQuery,
  ChangePasswordRequest,
  DemoAccount,
  ErrorBody,
  LoginRequest,
  Me,
  TotpCode,
  TotpDisableRequest,
  TotpSetup,
} from '#contracts';
import { actorOf, type Principal, permissionsOf, requirePrincipal } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { errorResponses } from '../../platform/route-schemas.ts';
import type { AccessModule } from './access.module.ts';
import { findDemoAccounts, findSessionExpiry } from './access.repository.ts';
import { findAuditEntries } from './audit-log.service.ts';
import { SESSION_COOKIE } from './sessions.ts';
import {
  changePassword,
  mustChangePassword,
  mustSetUpTotp,
  type NewSession,
  signIn,
  signOut,
} from './sign-in.service.ts';
import { disableTotp, enableTotp, startTotpSetup } from './totp.service.ts';

const tags = ['access 账号与审计'];
const errors = { ...errorResponses, 429: ErrorBody };

/** Sign-in, the session, the demo accounts and the audit log. */
export function accessRoutes(access: AccessModule): FastifyPluginAsyncZod {
  return async (app) => {
    const { db, clock, settings } = access;
    const client = (request: FastifyRequest) => ({
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
      requestId: request.id,
    });

    const setSessionCookie = (request: FastifyRequest, reply: FastifyReply, session: NewSession) =>
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        expires: session.expiresAt,
      });

    const sessionExpiry = async (principal: Principal) =>
      (await findSessionExpiry(db, principal.sessionId)) ?? clock.now();

    const meOf = async (principal: Principal, expiresAt: Date): Promise<Me> => ({
      username: principal.username,
      displayName: principal.displayName,
      role: principal.role,
      scope: principal.scope,
      scopeName: await access.scopeName(principal),
      permissions: permissionsOf(principal.role),
      mustChangePassword: principal.mustChangePassword,
      mustSetUpTotp: principal.mustSetUpTotp,
      totpEnabled: await access.totpEnabled(principal),
      csrfToken: principal.csrfToken,
      sessionExpiresAt: expiresAt.toISOString(),
    });

    const meOfSession = (session: NewSession) =>
      meOf(
        {
          accountId: session.account.id,
          jurisdictionId: session.account.jurisdiction_id,
          username: session.account.username,
          displayName: session.account.display_name,
          role: session.account.role,
          scope: { level: session.account.scope_level, id: session.account.scope_id },
          scopeChain: [],
          csrfToken: session.csrfToken,
          sessionId: '',
          mustChangePassword: mustChangePassword(session.account, settings, clock.now()),
          mustSetUpTotp: mustSetUpTotp(session.account, settings),
        },
        session.expiresAt,
      );

    app.post(
      '/api/auth/login',
      {
        config: {
          access: { public: 'signing in' },
          // Per client address (the socket's, or the trusted proxy's X-Forwarded-For).
          rateLimit: {
            max: settings.signInsPerMinutePerIp,
            timeWindow: 60_000,
            errorResponseBuilder: (_request, context) =>
              new AppError('access.too_many_sign_ins', 'Too many sign-in attempts from this address', {
                retryAfterS: Math.ceil(context.ttl / 1000),
              }),
          },
        },
        schema: {
          tags,
          summary: 'Sign in: sets the session cookie',
          body: LoginRequest,
          response: { 200: Me, ...errors },
        },
      },
      async (request, reply) => {
        const session = await signIn(db, {
          username: request.body.username,
          password: request.body.password,
          totp: request.body.totp,
          cipher: access.cipher,
          client: client(request),
          settings,
          now: clock.now(),
        });
        setSessionCookie(request, reply, session);
        return meOfSession(session);
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { access: { signedIn: true, allowDuringAccountSetup: true } },
        schema: { tags, summary: 'Sign out: ends this session', response: { 204: z.null(), ...errors } },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        await signOut(db, {
          tokenHash: principal.sessionId,
          actor: actorOf(request),
          jurisdictionId: principal.jurisdictionId,
          accountId: principal.accountId,
          now: clock.now(),
        });
        return reply.clearCookie(SESSION_COOKIE, { path: '/' }).status(204).send(null);
      },
    );

    app.get(
      '/api/auth/me',
      {
        config: { access: { signedIn: true, allowDuringAccountSetup: true } },
        schema: {
          tags,
          summary: 'The signed-in account: role, scope, permissions, CSRF token',
          response: { 200: Me, ...errors },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return meOf(principal, await sessionExpiry(principal));
      },
    );

    app.post(
      '/api/auth/password',
      {
        config: { access: { signedIn: true, allowDuringAccountSetup: true } },
        schema: {
          tags,
          summary: 'Change the password: ends every session of the account and opens a new one here',
          body: ChangePasswordRequest,
          response: { 200: Me, ...errors },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const session = await db.transaction().execute((trx) =>
          changePassword(trx, {
            jurisdictionId: principal.jurisdictionId,
            accountId: principal.accountId,
            request: request.body,
            client: client(request),
            actor: actorOf(request),
            settings,
            now: clock.now(),
          }),
        );
        setSessionCookie(request, reply, session);
        return meOfSession(session);
      },
    );

    app.post(
      '/api/auth/totp/setup',
      {
        config: { access: { signedIn: true, allowDuringAccountSetup: true } },
        schema: {
          tags,
          summary:
            'Start the second factor: a new TOTP secret for an authenticator app (not active until confirmed)',
          response: { 200: TotpSetup, ...errors },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return db.transaction().execute((trx) =>
          startTotpSetup(trx, {
            principal,
            cipher: access.cipher,
            actor: actorOf(request),
            now: clock.now(),
          }),
        );
      },
    );

    app.post(
      '/api/auth/totp/enable',
      {
        config: { access: { signedIn: true, allowDuringAccountSetup: true } },
        schema: {
          tags,
          summary: 'Confirm the second factor with a code from the app; sign-in asks for a code from then on',
          body: TotpCode,
          response: { 200: Me, ...errors },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        await db.transaction().execute((trx) =>
          enableTotp(trx, {
            principal,
            code: request.body.code,
            cipher: access.cipher,
            actor: actorOf(request),
            now: clock.now(),
          }),
        );
        const updated = { ...principal, mustSetUpTotp: false };
        return meOf(updated, await sessionExpiry(principal));
      },
    );

    app.post(
      '/api/auth/totp/disable',
      {
        config: { access: { signedIn: true } },
        schema: {
          tags,
          summary: 'Turn the second factor off (refused for administrators where it is required)',
          body: TotpDisableRequest,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        await db.transaction().execute((trx) =>
          disableTotp(trx, {
            principal,
            password: request.body.password,
            settings,
            actor: actorOf(request),
            now: clock.now(),
          }),
        );
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/audit',
      {
        config: { access: { permission: 'audit.read' } },
        schema: {
          tags,
          summary: 'The audit log, newest first',
          querystring: AuditQuery,
          response: { 200: AuditPage, ...errors },
        },
      },
      async (request) =>
        findAuditEntries(db, {
          jurisdictionId: requirePrincipal(request).jurisdictionId,
          query: request.query,
        }),
    );

    if (settings.demoMode) {
      app.get(
        '/api/demo/accounts',
        {
          config: { access: { public: 'demo mode only: lists the demo logins (password Longkou-2229)' } },
          schema: {
            tags,
            summary: 'Demo mode only (never in production): one demo login per role',
            response: { 200: z.array(DemoAccount) },
          },
        },
        async () => {
          const accounts = await findDemoAccounts(db);
          return Promise.all(
            accounts.map(async (a) => ({
              username: a.username,
              displayName: a.display_name,
              role: a.role,
              scope: { level: a.scope_level, id: a.scope_id },
              scopeName: await access.scopeName({
                jurisdictionId: a.jurisdiction_id,
                scope: { level: a.scope_level, id: a.scope_id },
              }),
            })),
          );
        },
      );
    }
  };
}
