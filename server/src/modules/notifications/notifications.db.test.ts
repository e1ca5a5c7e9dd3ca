import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { NotificationPage } from '#contracts';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { type SignedIn, signInAs } from '../../../test/sign-in.ts';
import { buildTestApp } from '../../../test/test-app.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import { FakeClock } from '../../platform/clock.ts';
import { type NotificationMessage, notify } from './index.ts';
import { openEventStream, type ReceivedEvent } from './testing/event-stream.ts';

/**
 * Notifications on a real database: rows and pushes only when the writing transaction commits, the
 * list with its unread count, marking read (and other tabs hearing of it), and the stream over real
 * HTTP — its headers, replay after a reconnection, and its end on sign-out, on an idle session and
 * on shutdown.
 */

describeOnEngines('notifications', (database) => {
  let app: App;
  let clock: FakeClock;
  let t: TestTerritory;
  let base: string;

  const signIn = (role: 'resident' | 'grid_worker' = 'resident'): Promise<SignedIn> =>
    signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role,
      scope:
        role === 'resident' ? { level: 'self', id: null } : { level: 'grid', id: t.grids[0]?.id ?? null },
    });
  const send = (accountIds: number[], message: Partial<NotificationMessage> = {}) =>
    database()
      .db.transaction()
      .execute((trx) =>
        notify(
          trx,
          { jurisdictionId: t.jurisdictionId, accountIds },
          { topic: 'test', title: '测试通知', at: clock.now(), ...message },
        ),
      );
  const list = async (who: SignedIn, query = ''): Promise<NotificationPage> => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/notifications${query}`,
      headers: who.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const stream = (who: SignedIn, extra: Record<string, string> = {}) =>
    openEventStream(`${base}/api/notifications/stream`, { cookie: who.headers.cookie ?? '', ...extra });
  const isUnread = (count: number) => (e: ReceivedEvent) =>
    e.event === 'unread' && (e.data as { unread: number }).unread === count;
  const titled = (title: string) => (e: ReceivedEvent) =>
    e.event === 'notification' && (e.data as { title: string }).title === title;

  beforeAll(async () => {
    clock = new FakeClock('2026-12-02T01:00:00Z');
    // A short heartbeat, so that the session check runs while the test waits for the stream's end.
    app = await buildTestApp(database(), { clock, notificationHeartbeatMs: 100 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    t = await createTestTerritory(database().db);
  });
  afterAll(async () => {
    await app.close();
  });

  it('writes and pushes only what commits: a rolled-back notification is never delivered', async () => {
    const who = await signIn();
    const events = await stream(who);
    expect(events.status).toBe(200);
    await events.next(isUnread(0));

    await expect(
      database()
        .db.transaction()
        .execute(async (trx) => {
          await notify(
            trx,
            { jurisdictionId: t.jurisdictionId, accountIds: [who.accountId] },
            {
              topic: 'test',
              title: '撤销的通知',
            },
          );
          throw new Error('roll back');
        }),
    ).rejects.toThrow('roll back');
    await send([who.accountId, who.accountId], { title: '提交的通知', body: '正文', link: '/cases/1' });

    const pushed = await events.next(titled('提交的通知'));
    expect(pushed.data).toMatchObject({ topic: 'test', body: '正文', link: '/cases/1', readAt: null });
    expect(pushed.id).toBe(String((pushed.data as { id: number }).id));
    await events.next(isUnread(1));
    // Signals arrive in commit order: had the rolled-back one been sent, it would be here by now.
    expect(
      events.events.filter((e) => e.event === 'notification').map((e) => (e.data as { title: string }).title),
    ).toEqual(['提交的通知']);
    const page = await list(who);
    expect(page).toMatchObject({ total: 1, unread: 1 });
    expect(page.notifications.map((n) => n.title)).toEqual(['提交的通知']);
    events.close();
  });

  it('lists newest first with the unread count, marks read, and tells the account’s other streams', async () => {
    const who = await signIn();
    const other = await signIn();
    await send([who.accountId], { title: '第一条' });
    await send([who.accountId], { title: '第二条' });
    await send([who.accountId, other.accountId], { title: '第三条' });
    const page = await list(who, '?limit=2');
    expect(page.total).toBe(3);
    expect(page.unread).toBe(3);
    expect(page.notifications.map((n) => n.title)).toEqual(['第三条', '第二条']);
    const first = (await list(who, '?offset=2')).notifications[0];
    if (!first) throw new Error('no first notification');

    const tab = await stream(who);
    await tab.next(isUnread(3));
    const read = await app.inject({
      method: 'POST',
      url: `/api/notifications/${first.id}/read`,
      headers: who.headers,
    });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toEqual({ unread: 2 });
    await tab.next(isUnread(2));
    expect((await list(who, '?unread=true')).notifications.map((n) => n.title)).toEqual(['第三条', '第二条']);
    const again = await app.inject({
      method: 'POST',
      url: `/api/notifications/${first.id}/read`,
      headers: who.headers,
    });
    expect(again.json()).toEqual({ unread: 2 });

    // Another account's notification is not found; nor is one that does not exist.
    const theirs = (await list(other)).notifications[0];
    for (const id of [theirs?.id, 999_999_999]) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/notifications/${id}/read`,
        headers: who.headers,
      });
      expect(response.statusCode).toBe(404);
    }
    const all = await app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: who.headers,
    });
    expect(all.json()).toEqual({ unread: 0 });
    await tab.next(isUnread(0));
    expect((await list(other)).unread).toBe(1);
    tab.close();
  });

  it('answers with an event stream, replays what a reconnection missed, and asks for a session', async () => {
    const anonymous = await openEventStream(`${base}/api/notifications/stream`);
    expect(anonymous.status).toBe(401);
    anonymous.close();

    const who = await signIn();
    const events = await stream(who);
    expect(events.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(events.headers['cache-control']).toContain('no-cache');
    expect(events.headers['x-request-id']).toBeTruthy();
    await send([who.accountId], { title: '甲' });
    const seen = await events.next(titled('甲'));
    events.close();

    await send([who.accountId], { title: '乙' });
    await send([who.accountId], { title: '丙' });
    const resumed = await stream(who, { 'last-event-id': seen.id ?? '' });
    await resumed.next(titled('丙'));
    expect(
      resumed.events
        .filter((e) => e.event === 'notification')
        .map((e) => (e.data as { title: string }).title),
    ).toEqual(['乙', '丙']);
    // Heartbeat comments keep the connection open through proxies.
    await expect.poll(() => resumed.comments, { timeout: 10_000 }).toBeGreaterThan(0);
    resumed.close();
  });

  it('ends the stream when its session ends: signed out, or idle', async () => {
    const who = await signIn();
    const events = await stream(who);
    await events.next(isUnread(0));
    const logout = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: who.headers });
    expect(logout.statusCode).toBe(204);
    await events.next((e) => e.event === 'end' && (e.data as { reason: string }).reason === 'session_ended');
    await events.ended;

    // A session that idles out (30 minutes of the app's clock) ends at the next session check.
    const idle = await signIn();
    const idleEvents = await stream(idle);
    await idleEvents.next(isUnread(0));
    clock.advance(31 * 60_000);
    await idleEvents.next((e) => e.event === 'end');
    await idleEvents.ended;
    clock.advance(-31 * 60_000);
  });

  it('ends a signed-out session’s streams through the database signal, and all streams on shutdown', async () => {
    // No session check runs here (an hour between heartbeats): only the signal can end the stream.
    const own = await buildTestApp(database(), { clock, notificationHeartbeatMs: 3_600_000 });
    await own.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(own.server.address() as AddressInfo).port}/api/notifications/stream`;
    const leaving = await signIn();
    const leavingEvents = await openEventStream(url, { cookie: leaving.headers.cookie ?? '' });
    await leavingEvents.next(isUnread(0));
    expect(
      (await own.inject({ method: 'POST', url: '/api/auth/logout', headers: leaving.headers })).statusCode,
    ).toBe(204);
    await leavingEvents.next(
      (e) => e.event === 'end' && (e.data as { reason: string }).reason === 'session_ended',
    );
    await leavingEvents.ended;

    const who = await signIn();
    const events = await openEventStream(url, { cookie: who.headers.cookie ?? '' });
    await events.next(isUnread(0));
    // Another app server on the same database writes; this one pushes.
    await send([who.accountId], { title: '另一台服务器' });
    await events.next(titled('另一台服务器'));
    expect(
      (await app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: who.headers })).json(),
    ).toEqual({
      unread: 0,
    });
    await events.next((e) => e.event === 'unread' && events.events.filter(isUnread(0)).length === 2);
    expect(own.notifications.hub.size).toBe(1);
    await own.close();
    await events.next((e) => e.event === 'end' && (e.data as { reason: string }).reason === 'shutdown');
    await events.ended;
  });
});
