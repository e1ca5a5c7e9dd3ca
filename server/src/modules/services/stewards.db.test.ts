import { afterAll, beforeAll, expect, it } from 'vitest';
import { LISTENING_DUTIES } from '#contracts/stewards.ts';
import { signInAs } from '../../../test/sign-in.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import type { FakeClock } from '../../platform/clock.ts';
import { type ServicesModule, sendDueReminders } from './index.ts';
import { deliverReminder } from './reminders.ts';
import {
  buildServicesTestApp,
  createServiceItem,
  createServicesFixtures,
  linkResident,
  type ServicesFixtures,
} from './testing/services-test-app.ts';

type Who = { headers: Record<string, string>; accountId: number };

describeOnEngines('stewards’ help and appointment reminders', (database) => {
  let app: App;
  let services: ServicesModule;
  let clock: FakeClock;
  let f: ServicesFixtures;
  let buildings: number[];
  let admin: Who;
  let stewardA: Who; // building 0 (community 0)
  let stewardB: Who; // building 1 (community 1)
  let staff0: Who;
  let staff2: Who;
  let residentA: Who;
  let residentB: Who;
  const residentsOf = (c: number) => f.residents.filter((r) => r.communityIndex === c).map((r) => r.id);
  const call = (who: Who, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });

  const signIn = async (
    role: Parameters<typeof signInAs>[2]['role'],
    level: 'jurisdiction' | 'community' | 'building' | 'self',
    id: number | null,
  ) => {
    const s = await signInAs(app, database(), {
      jurisdictionId: f.territory.jurisdictionId,
      role,
      scope: { level, id },
    });
    return { headers: s.headers, accountId: s.accountId };
  };
  const postSteward = async (who: Who, name: string, buildingId: number) => {
    const db = database().db;
    const { id } = await db
      .insertInto('staff_member')
      .values({
        jurisdiction_id: f.territory.jurisdictionId,
        name,
        kind: 'steward',
        account_id: who.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('posting')
      .values({
        jurisdiction_id: f.territory.jurisdictionId,
        staff_member_id: id,
        building_id: buildingId,
        title: '善治红管家',
        starts_on: '2026-01-01',
      })
      .execute();
    return id;
  };

  beforeAll(async () => {
    ({ app, services, clock } = await buildServicesTestApp(database()));
    f = await createServicesFixtures(database().db, { communities: 3, residentsPerCommunity: 6 });
    const rows = await database()
      .db.selectFrom('territory_building')
      .select('id')
      .where('jurisdiction_id', '=', f.territory.jurisdictionId)
      .orderBy('code')
      .execute();
    buildings = rows.map((r) => r.id);
    admin = await signIn('admin', 'jurisdiction', null);
    stewardA = await signIn('steward', 'building', buildings[0] ?? null);
    stewardB = await signIn('steward', 'building', buildings[1] ?? null);
    await postSteward(stewardA, '红管家甲', buildings[0] as number);
    await postSteward(stewardB, '红管家乙', buildings[1] as number);
    staff0 = await signIn('community_staff', 'community', f.territory.communities[0]?.id ?? null);
    staff2 = await signIn('community_staff', 'community', f.territory.communities[2]?.id ?? null);
    residentA = await signIn('resident', 'self', null);
    residentB = await signIn('resident', 'self', null);
    const j = f.territory.jurisdictionId;
    await linkResident(database().db, j, residentsOf(0)[0] as number, residentA.accountId);
    await linkResident(database().db, j, residentsOf(1)[0] as number, residentB.accountId);
  });
  afterAll(async () => {
    await app.close();
  });

  it('goes to the building’s steward, who takes it, does it and records it; the resident confirms', async () => {
    const asked = await call(residentA, 'POST', '/api/stewards/requests', {
      kind: 'purchase',
      description: '帮忙买一袋米',
    });
    expect(asked.statusCode).toBe(201);
    const id = asked.json().id as number;
    expect(asked.json()).toMatchObject({ status: 'open', routedTo: 'building', buildingId: buildings[0] });

    const boardA = await call(stewardA, 'GET', '/api/stewards/requests?status=open');
    expect(boardA.json().requests.map((r: { id: number }) => r.id)).toEqual([id]);
    expect((await call(stewardB, 'GET', '/api/stewards/requests')).json().total).toBe(0);
    expect((await call(stewardB, 'POST', `/api/stewards/requests/${id}/take`)).statusCode).toBe(404);
    expect((await call(residentB, 'GET', `/api/stewards/requests/${id}`)).statusCode).toBe(404);

    // Not done yet: nothing to confirm.
    expect((await call(residentA, 'POST', `/api/stewards/requests/${id}/confirm`)).json().error.code).toBe(
      'services.invalid_transition',
    );
    const taken = await call(stewardA, 'POST', `/api/stewards/requests/${id}/take`);
    expect(taken.json()).toMatchObject({ status: 'taken', steward: { name: '红管家甲' } });
    expect((await call(stewardA, 'POST', `/api/stewards/requests/${id}/take`)).statusCode).toBe(409);
    const done = await call(stewardA, 'POST', `/api/stewards/requests/${id}/complete`, {
      result: '已送到家',
    });
    expect(done.json()).toMatchObject({ status: 'done', result: '已送到家' });
    const confirmed = await call(residentA, 'POST', `/api/stewards/requests/${id}/confirm`);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed' });
    expect(confirmed.json().confirmedAt).not.toBeNull();

    const stats = (await call(admin, 'GET', '/api/stewards/stats')).json();
    expect(stats).toMatchObject({ done: 1 });
    expect(stats.bySteward).toEqual([expect.objectContaining({ name: '红管家甲', done: 1 })]);
    expect(stats.byGrid).toEqual([
      expect.objectContaining({ gridId: f.territory.grids[0]?.id, done: 1, open: 0 }),
    ]);
  });

  it('lets a worker ask for a resident of their place; a building without steward routes to the grid', async () => {
    const other = residentsOf(2)[0] as number;
    expect(
      (
        await call(staff0, 'POST', '/api/stewards/requests', {
          kind: 'errand',
          description: '代取快递',
          residentId: other,
        })
      ).statusCode,
    ).toBe(404);
    const asked = await call(staff2, 'POST', '/api/stewards/requests', {
      kind: 'errand',
      description: '代取快递',
      residentId: other,
    });
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({ routedTo: 'grid', gridId: f.territory.grids[2]?.id });
    expect((await call(staff0, 'GET', `/api/stewards/requests/${asked.json().id}`)).statusCode).toBe(404);
    expect(
      (await call(staff2, 'POST', `/api/stewards/requests/${asked.json().id}/cancel`)).json(),
    ).toMatchObject({
      status: 'cancelled',
    });
    // A resident may not name another resident.
    const own = await call(residentB, 'POST', '/api/stewards/requests', {
      kind: 'watch',
      description: '外出几天请照看',
      residentId: other,
    });
    expect(own.json()).toMatchObject({ resident: { id: residentsOf(1)[0] }, routedTo: 'building' });
    expect(
      (await call(stewardB, 'POST', `/api/stewards/requests/${own.json().id}/complete`, { result: 'x' }))
        .statusCode,
    ).toBe(409);
  });

  it('records a visit with the twelve listening duties, all twelve and each once', async () => {
    const checklist = LISTENING_DUTIES.map((duty, i) => ({ duty, done: i % 2 === 0 }));
    expect(
      (
        await call(stewardA, 'POST', '/api/stewards/visits', {
          doorNumber: '1-101',
          checklist: checklist.slice(1),
        })
      ).statusCode,
    ).toBe(400);
    const twice = [...checklist.slice(1), checklist[1]];
    expect(
      (await call(stewardA, 'POST', '/api/stewards/visits', { doorNumber: '1-101', checklist: twice }))
        .statusCode,
    ).toBe(400);
    const visit = await call(stewardA, 'POST', '/api/stewards/visits', {
      doorNumber: '1-101',
      checklist,
      note: '一切安好',
    });
    expect(visit.statusCode).toBe(201);
    expect(visit.json()).toMatchObject({
      steward: { name: '红管家甲' },
      buildingId: buildings[0],
      doorNumber: '1-101',
    });
    expect((await call(stewardA, 'GET', '/api/stewards/visits')).json().total).toBe(1);
    expect((await call(stewardB, 'GET', '/api/stewards/visits')).json().total).toBe(0);
    expect((await call(staff0, 'GET', '/api/stewards/visits')).json().total).toBe(1);
    expect(
      (await call(staff0, 'POST', '/api/stewards/visits', { doorNumber: '1-101', checklist })).statusCode,
    ).toBe(403);
  });

  it('reminds tomorrow’s bookings once, even with two runs at the same time, in the resident’s app', async () => {
    const itemId = await createServiceItem(database().db, f.territory.jurisdictionId, {
      code: 'REM1',
      handlerSiteId: f.stations[0] as number,
    });
    const published = await call(staff0, 'POST', `/api/services/sites/${f.stations[0]}/slots`, {
      itemId,
      startsAt: '2026-09-02T10:00:00+08:00',
      minutes: 30,
      capacity: 2,
      count: 1,
    });
    expect(published.statusCode).toBe(201);
    const slotId = published.json().slots[0].id;
    const booked = await call(residentA, 'POST', '/api/services/appointments', { slotId });
    expect(booked.statusCode).toBe(201);
    const delivered: number[] = [];
    const deliver = async (
      trx: Parameters<typeof deliverReminder>[0],
      r: Parameters<typeof deliverReminder>[1],
    ) => {
      delivered.push(r.appointmentId);
      await deliverReminder(trx, r);
    };
    const now = clock.now(); // Tuesday 1 September, 09:00: the slot is tomorrow
    const [one, two] = await Promise.all([
      sendDueReminders(services.db, now, deliver),
      sendDueReminders(services.db, now, deliver),
    ]);
    expect(delivered.filter((id) => id === booked.json().id)).toHaveLength(1);
    expect((one ?? 0) + (two ?? 0)).toBeGreaterThanOrEqual(1);
    expect(await sendDueReminders(services.db, now, deliver)).toBe(0);

    const mine = await call(residentA, 'GET', '/api/services/reminders');
    expect(mine.json().reminders).toEqual([
      expect.objectContaining({ appointmentId: booked.json().id, readAt: null }),
    ]);
    expect(mine.json().reminders[0].message).toContain('明天');
    // Told once in the app (the bell), however many runs raced.
    const bell = await call(residentA, 'GET', '/api/notifications');
    expect(bell.statusCode, bell.body).toBe(200);
    const told = bell
      .json()
      .notifications.filter(
        (n: { topic: string; link: string | null }) => n.topic === 'appointment_reminder',
      );
    expect(told).toHaveLength(1);
    expect(told[0].link).toBe('/my/services');
    expect((await call(residentB, 'GET', '/api/services/reminders')).json().reminders).toEqual([]);
    const reminderId = mine.json().reminders[0].id;
    expect((await call(residentB, 'POST', `/api/services/reminders/${reminderId}/read`)).statusCode).toBe(
      404,
    );
    expect((await call(residentA, 'POST', `/api/services/reminders/${reminderId}/read`)).statusCode).toBe(
      204,
    );
  });
});
