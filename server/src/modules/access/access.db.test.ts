import type { FastifyRequest } from 'fastify';
import { type KyselyPlugin, sql } from 'kysely';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { signInAs, TEST_PASSWORD } from '../../../test/sign-in.ts';
import { buildTestApp } from '../../../test/test-app.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import { readMigrations } from '../../db/migrate.ts';
import { recordAudit, verifyAuditChain } from '../../platform/audit.ts';
import { FakeClock } from '../../platform/clock.ts';
import { AccessModule } from './access.module.ts';
import { setAccountStatus, updateAccountScope } from './index.ts';
import { hashSessionToken, SESSION_COOKIE } from './sessions.ts';

describeOnEngines('sign-in, sessions and the audit log', (database) => {
  let app: App;
  let t: TestTerritory;
  const clock = new FakeClock('2026-11-27T08:00:00Z');
  const login = (
    username: string,
    password: string,
    extra: { remoteAddress?: string; headers?: Record<string, string> } = {},
  ) =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password },
      ...(extra.remoteAddress ? { remoteAddress: extra.remoteAddress } : {}),
      ...(extra.headers ? { headers: extra.headers } : {}),
    });
  const me = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/api/auth/me', headers });
  const staff = () => ({
    jurisdictionId: t.jurisdictionId,
    role: 'grid_worker' as const,
    scope: { level: 'grid' as const, id: t.grids[0]?.id ?? null },
  });

  beforeAll(async () => {
    app = await buildTestApp(database(), { clock, config: { signInsPerMinutePerIp: 1000 } });
    t = await createTestTerritory(database().db);
  });
  afterAll(async () => {
    await app.close();
  });

  it('signs in with an httpOnly SameSite cookie and says who is signed in', async () => {
    const worker = await signInAs(app, database(), staff());
    const response = await me(worker.headers);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      username: worker.username,
      role: 'grid_worker',
      scope: { level: 'grid', id: t.grids[0]?.id },
      scopeName: '第1网格',
      mustChangePassword: false,
    });
    expect(response.json().permissions).toContain('territory.read');
    const again = await login(worker.username, TEST_PASSWORD);
    const cookie = again.cookies.find((c) => c.name === 'jz_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(`jz_session=${cookie?.value}`).not.toBe(worker.headers.cookie);
  });

  it('answers a wrong password and an unknown account alike, and locks after 5 failures for 10 minutes', async () => {
    const worker = await signInAs(app, database(), staff());
    const wrong = await login(worker.username, 'not-the-password');
    const unknown = await login(`nobody-${worker.username}`, 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    for (let i = 0; i < 4; i++) await login(worker.username, 'still-wrong');
    for (let i = 0; i < 4; i++) await login(`nobody-${worker.username}`, 'still-wrong');
    const locked = await login(worker.username, TEST_PASSWORD);
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.code).toBe('access.account_locked');
    const lockedUnknown = await login(`nobody-${worker.username}`, TEST_PASSWORD);
    expect(lockedUnknown.json().error.code).toBe('access.account_locked');
    clock.advanceMinutes(11);
    expect((await login(worker.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('ends a session idle for 30 minutes, and any session after 12 hours', async () => {
    const idle = await signInAs(app, database(), staff());
    clock.advanceMinutes(29);
    expect((await me(idle.headers)).statusCode).toBe(200);
    clock.advanceMinutes(31);
    const expired = await me(idle.headers);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('access.unauthenticated');

    const busy = await signInAs(app, database(), staff());
    // Active every 20 minutes: alive up to 11 h 40 min, ended at 12 h whatever the activity.
    for (let elapsed = 20; elapsed < 12 * 60; elapsed += 20) {
      clock.advanceMinutes(20);
      expect((await me(busy.headers)).statusCode).toBe(200);
    }
    clock.advanceMinutes(20);
    expect((await me(busy.headers)).statusCode).toBe(401);
  });

  it('writes a session’s last-seen time once a minute at most, however many requests read it stale', async () => {
    const worker = await signInAs(app, database(), staff());
    const token = /jz_session=([^;]+)/.exec(worker.headers.cookie ?? '')?.[1] as string;
    let sessionWrites = 0;
    const counting: KyselyPlugin = {
      transformQuery: ({ node }) => {
        if (node.kind === 'UpdateQueryNode' && JSON.stringify(node.table).includes('"session"'))
          sessionWrites++;
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    // A second process's view of the same sessions, whose writes are counted.
    const access = new AccessModule(
      database().db.withPlugin(counting),
      app.territory,
      clock,
      app.access.settings,
      app.access.cipher,
    );
    const request = { cookies: { [SESSION_COOKIE]: token } } as unknown as FastifyRequest;
    const resolveMany = async () => {
      const principals = await Promise.all(
        Array.from({ length: 20 }, () => access.resolvePrincipal(request)),
      );
      expect(principals.every((p) => p?.accountId === worker.accountId)).toBe(true);
    };
    await resolveMany();
    expect(sessionWrites).toBe(0); // just signed in: fresh
    clock.advanceMinutes(2);
    await resolveMany();
    await resolveMany();
    expect(sessionWrites).toBe(1);
    const lastSeen = await database()
      .db.selectFrom('session')
      .select('last_seen_at')
      .where('token_hash', '=', hashSessionToken(token))
      .executeTakeFirstOrThrow();
    expect(lastSeen.last_seen_at.getTime()).toBe(clock.now().getTime());
    clock.advanceMinutes(2);
    await resolveMany();
    expect(sessionWrites).toBe(2);
  });

  it('ends sessions on sign-out, on password change (all of them) and when the account is disabled', async () => {
    const a = await signInAs(app, database(), staff());
    expect(
      (await app.inject({ method: 'POST', url: '/api/auth/logout', headers: a.headers })).statusCode,
    ).toBe(204);
    expect((await me(a.headers)).statusCode).toBe(401);

    const b = await signInAs(app, database(), staff());
    const other = await login(b.username, TEST_PASSWORD);
    const otherHeaders = {
      cookie: `jz_session=${other.cookies.find((c) => c.name === 'jz_session')?.value}`,
    };
    const changed = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: b.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'A-much-better-secret-9' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await me(b.headers)).statusCode).toBe(401);
    expect((await me(otherHeaders)).statusCode).toBe(401);
    const fresh = { cookie: `jz_session=${changed.cookies.find((c) => c.name === 'jz_session')?.value}` };
    expect((await me(fresh)).statusCode).toBe(200);

    const c = await signInAs(app, database(), staff());
    await setAccountStatus(
      database().db,
      { jurisdiction_id: t.jurisdictionId, id: c.accountId },
      'disabled',
      clock.now(),
    );
    expect((await me(c.headers)).statusCode).toBe(401);
    expect((await login(c.username, TEST_PASSWORD)).statusCode).toBe(401);
  });

  it('refuses a weak new password, naming the rules it breaks', async () => {
    const a = await signInAs(app, database(), staff());
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: a.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'password' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.details.rules).toEqual(expect.arrayContaining(['common']));
    const short = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: a.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Ab1!' },
    });
    expect(short.json().error.details.rules).toContain('too_short');
  });

  it('requires the CSRF token on writes made with the cookie', async () => {
    const admin = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role: 'admin',
      scope: { level: 'jurisdiction', id: null },
    });
    const { 'x-csrf-token': _token, ...cookieOnly } = admin.headers;
    const response = await app.inject({
      method: 'POST',
      url: '/api/territory/places/merge',
      headers: cookieOnly,
      payload: { placeIds: [t.units[0]?.id, t.units[1]?.id], reason: 'x' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('access.csrf_failed');
  });

  it('lets an account whose password must change do nothing else until it does', async () => {
    const a = await signInAs(app, database(), { ...staff(), mustChangePassword: true });
    expect((await me(a.headers)).json().mustChangePassword).toBe(true);
    const blocked = await app.inject({ method: 'GET', url: '/api/territory/summary', headers: a.headers });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('access.password_change_required');
    const changed = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: a.headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Grid-worker-new-2229' },
    });
    const headers = { cookie: `jz_session=${changed.cookies.find((c) => c.name === 'jz_session')?.value}` };
    expect((await app.inject({ method: 'GET', url: '/api/territory/summary', headers })).statusCode).toBe(
      200,
    );
  });

  it('applies a new posting on the worker’s next request', async () => {
    const a = await signInAs(app, database(), staff());
    await updateAccountScope(
      database().db,
      { jurisdiction_id: t.jurisdictionId, id: a.accountId },
      { level: 'grid', id: t.grids[1]?.id ?? null },
      clock.now(),
    );
    expect((await me(a.headers)).json().scope).toEqual({ level: 'grid', id: t.grids[1]?.id });
  });

  it('keeps out roles without the permission', async () => {
    const resident = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role: 'resident',
      scope: { level: 'self', id: null },
    });
    const map = await app.inject({ method: 'GET', url: '/api/territory/summary', headers: resident.headers });
    expect(map.statusCode).toBe(403);
    const worker = await signInAs(app, database(), staff());
    const split = await app.inject({
      method: 'POST',
      url: `/api/territory/places/${t.units[0]?.id}/split`,
      headers: worker.headers,
      payload: { reason: 'x', parts: [] },
    });
    expect(split.statusCode).toBe(403);
    const audit = await app.inject({ method: 'GET', url: '/api/audit', headers: worker.headers });
    expect(audit.statusCode).toBe(403);
    const denials = await database()
      .db.selectFrom('audit_event')
      .select(['subject_id', 'result'])
      .where('actor', '=', worker.username)
      .where('action', '=', 'access.denied')
      .execute();
    expect(denials).toEqual(
      expect.arrayContaining([
        { subject_id: 'GET /api/audit', result: 'denied' },
        { subject_id: 'POST /api/territory/places/:id/split', result: 'denied' },
      ]),
    );
  });

  it('records sign-ins in a hash chain that names the first row changed by hand', async () => {
    const admin = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role: 'admin',
      scope: { level: 'jurisdiction', id: null },
    });
    const log = await app.inject({
      method: 'GET',
      url: `/api/audit?actor=${admin.username}&action=access.sign_in`,
      headers: admin.headers,
    });
    expect(log.statusCode).toBe(200);
    expect(log.json().entries[0]).toMatchObject({
      actor: admin.username,
      role: 'admin',
      action: 'access.sign_in',
      result: 'ok',
    });
    expect(log.json().entries[0].ip).toBeTruthy();

    const failed = await app.inject({
      method: 'GET',
      url: '/api/audit?action=access.sign_in',
      headers: admin.headers,
    });
    expect(failed.json().entries.some((e: { result: string }) => e.result === 'failed')).toBe(true);

    const db = database().db;
    await expect(sql`update audit_event set actor = 'someone else'`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_event`.execute(db)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describeOnEngines('the audit chain under concurrent writers', (database) => {
  it('stays intact when transactions append at the same time and commit out of id order', async () => {
    const db = database().db;
    await Promise.all(
      Array.from({ length: 12 }, (_, writer) =>
        db.transaction().execute(async (trx) => {
          for (let entry = 0; entry < 3; entry++) {
            await recordAudit(
              trx,
              { id: `writer-${writer}` },
              { jurisdictionId: null, action: 'test.concurrent', subjectType: 'test', subjectId: entry },
            );
            await sql`select pg_sleep(${(writer % 4) * 0.003})`.execute(trx);
          }
        }),
      ),
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, firstBroken: null });
  });
});

describeOnEngines('the audit digest', (database) => {
  it('gives what its first definition gave, so entries hashed before a redefinition still verify', async () => {
    const db = database().db;
    const actor = `digest-probe-${process.pid}-${Date.now()}`;
    await recordAudit(
      db,
      { id: actor, role: 'admin', requestId: 'r-1', ip: '127.0.0.1' },
      {
        jurisdictionId: null,
        action: 'test.digest',
        subjectType: 'case',
        subjectId: 7,
        details: { 路灯: '不亮', n: 1.5, list: [null, true] },
      },
    );
    // The digest as 20261127003000 first defined it, as a temporary function: the stored hash
    // (written through the current definition) must be what it computes.
    const first = readMigrations().find((m) => m.version === 20261127003000);
    const definition = /create function audit_event_digest\([\s\S]*?\$\$;/.exec(first?.sql ?? '')?.[0];
    if (!definition) throw new Error('the first audit digest definition was not found');
    await db.transaction().execute(async (trx) => {
      await sql
        .raw(
          definition.replace(
            'create function audit_event_digest',
            'create function pg_temp.first_audit_digest',
          ),
        )
        .execute(trx);
      const { rows } = await sql<{ stored: string; first: string; current: string }>`
        select e.hash as stored, pg_temp.first_audit_digest(e, e.prev_hash) as first,
               audit_event_digest(e, e.prev_hash) as current
        from audit_event e where e.actor = ${actor}`.execute(trx);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.stored).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0]?.first).toBe(rows[0]?.stored);
      expect(rows[0]?.current).toBe(rows[0]?.stored);
      await sql`drop function pg_temp.first_audit_digest(audit_event, text)`.execute(trx);
    });
  });
});

describe.each(['pglite'] as const)('audit tampering [%s]', () => {
  // A separate database, since corrupting the chain would break the other suites' verification.
  it('names the row corrupted by hand', async () => {
    const { openTestDatabase } = await import('../../../test/test-database.ts');
    const handle = await openTestDatabase('pglite');
    try {
      const db = handle.db;
      for (const actor of ['a', 'b', 'c', 'd']) {
        await sql`insert into audit_event (actor, action, subject_type) values (${actor}, 'test.action', 'test')`.execute(
          db,
        );
      }
      const ids = (await sql<{ id: number }>`select id from audit_event order by id`.execute(db)).rows.map(
        (r) => r.id,
      );
      const victim = ids[ids.length - 2] as number;
      await sql`alter table audit_event disable trigger audit_event_append_only`.execute(db);
      await sql`update audit_event set details = '{"changed": true}' where id = ${victim}`.execute(db);
      const result = await verifyAuditChain(db);
      expect(result).toMatchObject({ ok: false, firstBroken: { id: victim, reason: 'content_changed' } });
    } finally {
      await handle.close();
    }
  });
});

describeOnEngines('sign-in rate limit per address', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(database(), { config: { signInsPerMinutePerIp: 3 } });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 429 with Retry-After past the limit, and a spoofed X-Forwarded-For changes nothing', async () => {
    const attempt = (forwardedFor: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '198.51.100.7',
        headers: { 'x-forwarded-for': forwardedFor },
        payload: { username: 'someone', password: 'wrong-password' },
      });
    for (let i = 0; i < 3; i++) expect((await attempt(`203.0.113.${i}`)).statusCode).toBe(401);
    const limited = await attempt('203.0.113.99');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error.code).toBe('access.too_many_sign_ins');
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '198.51.100.8',
      payload: { username: 'someone', password: 'wrong-password' },
    });
    expect(elsewhere.statusCode).toBe(401);
  });
});

describeOnEngines('second factor (TOTP) required for administrators', (database) => {
  let app: App;
  let t: TestTerritory;
  const clock = new FakeClock('2026-11-27T09:00:00Z');
  const codeAt = (secret: string) => generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });

  beforeAll(async () => {
    app = await buildTestApp(database(), { clock, config: { requireAdminTotp: true } });
    t = await createTestTerritory(database().db);
  });
  afterAll(async () => {
    await app.close();
  });

  it('makes an administrator set it up before anything else, then asks for a fresh code at every sign-in', async () => {
    const admin = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role: 'admin',
      scope: { level: 'jurisdiction', id: null },
    });
    expect(
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: admin.headers })).json(),
    ).toMatchObject({
      mustSetUpTotp: true,
      totpEnabled: false,
    });
    const blocked = await app.inject({
      method: 'GET',
      url: '/api/territory/summary',
      headers: admin.headers,
    });
    expect(blocked.json().error.code).toBe('access.totp_setup_required');

    const setup = await app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: admin.headers });
    expect(setup.statusCode).toBe(200);
    const { secret, uri } = setup.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    const stored = await database()
      .db.selectFrom('account')
      .select('totp_secret')
      .where('id', '=', admin.accountId)
      .executeTakeFirst();
    expect(stored?.totp_secret).not.toContain(secret);

    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: admin.headers,
      payload: { code: '000000' },
    });
    expect(wrong.json().error.code).toBe('access.totp_invalid');
    const enabled = await app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: admin.headers,
      payload: { code: await codeAt(secret) },
    });
    expect(enabled.statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/api/territory/summary', headers: admin.headers })).statusCode,
    ).toBe(200);

    const login = (totp?: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: admin.username, password: TEST_PASSWORD, ...(totp ? { totp } : {}) },
      });
    expect((await login()).json().error.code).toBe('access.totp_required');
    expect((await login('123456')).json().error.code).toBe('access.totp_invalid');
    clock.advance(30_000);
    const code = await codeAt(secret);
    expect((await login(code)).statusCode).toBe(200);
    // The same code a second time is refused.
    expect((await login(code)).json().error.code).toBe('access.totp_invalid');

    const off = await app.inject({
      method: 'POST',
      url: '/api/auth/totp/disable',
      headers: admin.headers,
      payload: { password: TEST_PASSWORD },
    });
    expect(off.statusCode).toBe(403);
  });
});
