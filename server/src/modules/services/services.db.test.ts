import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role, ScopeLevel } from '#contracts';
import { signInAs } from '../../../test/sign-in.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import type { FakeClock } from '../../platform/clock.ts';
import { dueReminders, type ServicesModule } from './index.ts';
import {
  buildServicesTestApp,
  createServiceItem,
  createServicesFixtures,
  linkResident,
  OFFICE_HOURS,
  type ServicesFixtures,
} from './testing/services-test-app.ts';

type Who = { headers: Record<string, string>; accountId: number };

describeOnEngines('services API', (database) => {
  let app: App;
  let services: ServicesModule;
  let clock: FakeClock;
  let f: ServicesFixtures;
  let admin: Who;
  let staff: Who[];
  let residentA: Who;
  let residentB: Who;
  const community = (i: number) => f.territory.communities[i] as { id: number };
  const residentsOf = (c: number) => f.residents.filter((r) => r.communityIndex === c).map((r) => r.id);

  const signIn = async (role: Role, level: ScopeLevel, id: number | null): Promise<Who> => {
    const s = await signInAs(app, database(), {
      jurisdictionId: f.territory.jurisdictionId,
      role,
      scope: { level, id },
    });
    return { headers: s.headers, accountId: s.accountId };
  };
  const call = (who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    ({ app, services, clock } = await buildServicesTestApp(database()));
    f = await createServicesFixtures(database().db, { communities: 3, residentsPerCommunity: 20 });
    admin = await signIn('admin', 'jurisdiction', null);
    staff = [];
    for (let c = 0; c < 3; c += 1) staff.push(await signIn('community_staff', 'community', community(c).id));
    residentA = await signIn('resident', 'self', null);
    residentB = await signIn('resident', 'self', null);
    await linkResident(
      database().db,
      f.territory.jurisdictionId,
      residentsOf(0)[0] as number,
      residentA.accountId,
    );
    await linkResident(
      database().db,
      f.territory.jurisdictionId,
      residentsOf(0)[1] as number,
      residentB.accountId,
    );
  });
  afterAll(async () => {
    await app.close();
  });

  it('reads the catalogue and the sites with their hours', async () => {
    await createServiceItem(database().db, f.territory.jurisdictionId, {
      code: 'CAT1',
      handlerDepartmentId: f.departmentId,
    });
    const items = await call(residentA, 'GET', '/api/services/items?q=CAT1');
    expect(items.statusCode).toBe(200);
    expect(items.json().items[0]).toMatchObject({
      code: 'CAT1',
      handler: { kind: 'department', name: '测试民政局' },
      promisedDays: 3,
    });
    const sites = await call(residentA, 'GET', `/api/services/sites?placeId=${community(1).id}`);
    expect(sites.json()).toMatchObject({ total: 2 });
    expect(sites.json().sites[0]).toMatchObject({
      kind: 'centre',
      opensOnWeekends: false,
      opensOnHolidays: false,
    });
  });

  it('gives exactly 10 of 50 concurrent bookings of a capacity-10 slot, and 40 clear refusals', async () => {
    const itemId = await createServiceItem(database().db, f.territory.jurisdictionId, {
      code: 'RUSH',
      handlerSiteId: f.centres[0] as number,
    });
    const published = await call(staff[0] as Who, 'POST', `/api/services/sites/${f.centres[0]}/slots`, {
      itemId,
      startsAt: '2026-09-02T10:00:00+08:00',
      minutes: 30,
      capacity: 10,
    });
    expect(published.statusCode).toBe(201);
    const slotId = published.json().slots[0].id as number;
    const residents = f.residents.slice(0, 50).map((r) => r.id);
    const responses = await Promise.all(
      residents.map((residentId) =>
        call(staff[0] as Who, 'POST', '/api/services/appointments', { slotId, residentId }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    for (const refused of responses.filter((r) => r.statusCode === 409)) {
      expect(refused.json().error.code).toBe('services.slot_full');
    }
    const slots = await call(admin, 'GET', `/api/services/slots?siteId=${f.centres[0]}&itemId=${itemId}`);
    expect(slots.json().slots[0]).toMatchObject({ id: slotId, capacity: 10, booked: 10, free: 0 });
    const booked = await database()
      .db.selectFrom('appointment' as never)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('slot_id' as never, '=', slotId as never)
      .executeTakeFirstOrThrow();
    expect(Number(booked.n)).toBe(10);
  });

  it('books 20:30 on a statutory holiday only when the site’s holiday extended hours cover it', async () => {
    const itemId = await createServiceItem(database().db, f.territory.jurisdictionId, {
      code: 'HOLI',
      handlerSiteId: f.centres[1] as number,
    });
    const holidayEvening = { ...OFFICE_HOURS, holidays: [{ start: '18:00', end: '21:00', extended: true }] };
    const slotAt = (startsAt: string) => ({ itemId, startsAt, minutes: 30, capacity: 5 });
    const covered = await call(
      staff[1] as Who,
      'PUT',
      `/api/services/sites/${f.centres[1]}/opening`,
      holidayEvening,
    );
    expect(covered.json()).toMatchObject({ opensOnHolidays: true });
    // 2026-10-02 is a Friday inside the National Day holiday (国庆节、中秋节).
    const slot = await call(
      staff[1] as Who,
      'POST',
      `/api/services/sites/${f.centres[1]}/slots`,
      slotAt('2026-10-02T20:30:00+08:00'),
    );
    expect(slot.statusCode).toBe(201);
    const slotId = slot.json().slots[0].id;
    const booked = await call(residentA, 'POST', '/api/services/appointments', { slotId });
    expect(booked.statusCode).toBe(201);
    expect(booked.json()).toMatchObject({
      status: 'booked',
      resident: { id: residentsOf(0)[0] },
      bookedOnBehalf: false,
    });

    // The same weekday evening hours do not count on a holiday: only the holiday hours do.
    const mornings = { ...OFFICE_HOURS, holidays: [{ start: '09:00', end: '12:00', extended: true }] };
    mornings.weekdays = { ...OFFICE_HOURS.weekdays, 5: [{ start: '08:30', end: '21:00', extended: true }] };
    await call(staff[1] as Who, 'PUT', `/api/services/sites/${f.centres[1]}/opening`, mornings);
    const refused = await call(residentB, 'POST', '/api/services/appointments', { slotId });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'services.outside_opening_hours',
      details: { date: '2026-10-02', dayKind: 'holiday' },
    });
    const notPublished = await call(
      staff[1] as Who,
      'POST',
      `/api/services/sites/${f.centres[1]}/slots`,
      slotAt('2026-10-02T20:00:00+08:00'),
    );
    expect(notPublished.statusCode).toBe(422);
    // Another community's staff cannot change this centre's hours.
    const foreign = await call(
      staff[2] as Who,
      'PUT',
      `/api/services/sites/${f.centres[1]}/opening`,
      holidayEvening,
    );
    expect(foreign.statusCode).toBe(403);
  });

  it('routes a request taken at one community to the handling one: accepted, done, rated, each hand on the timeline', async () => {
    const itemId = await createServiceItem(database().db, f.territory.jurisdictionId, {
      code: 'ROUTE',
      handlerSiteId: f.centres[1] as number,
      promisedDays: 3,
    });
    const taken = await call(staff[0] as Who, 'POST', '/api/services/requests', {
      itemId,
      residentId: residentsOf(0)[0],
      siteId: f.centres[0],
      materials: ['居民身份证'],
    });
    expect(taken.statusCode).toBe(201);
    const request = taken.json();
    expect(request).toMatchObject({
      status: 'routed',
      intakeSite: { id: f.centres[0] },
      handler: { kind: 'site', id: f.centres[1] },
      materialsMissing: ['户口簿'],
      // Tuesday 1 September 09:00 + 3 working days.
      deadline: (await services.calendarFor(f.territory.jurisdictionId))
        .addWorkingDays(clock.now(), 3)
        .at.toISOString(),
    });
    const url = `/api/services/requests/${request.id}`;

    // The intake community sees it but cannot handle it; a third community does not see it at all.
    expect((await call(staff[0] as Who, 'POST', `${url}/accept`, {})).statusCode).toBe(403);
    expect((await call(staff[2] as Who, 'GET', url)).statusCode).toBe(404);
    expect((await call(staff[2] as Who, 'POST', `${url}/accept`, {})).statusCode).toBe(404);
    const thirdList = await call(staff[2] as Who, 'GET', '/api/services/requests');
    expect(thirdList.json().requests.map((r: { id: number }) => r.id)).not.toContain(request.id);

    expect((await call(staff[1] as Who, 'POST', `${url}/accept`, { note: '已接收' })).json().status).toBe(
      'accepted',
    );
    expect((await call(residentA, 'POST', `${url}/rate`, { rating: 5 })).statusCode).toBe(409);
    clock.advanceMinutes(60 * 24);
    const done = await call(staff[1] as Who, 'POST', `${url}/complete`, { result: '证明已开具' });
    expect(done.json()).toMatchObject({ status: 'done', result: '证明已开具', overdue: false });
    expect((await call(residentB, 'POST', `${url}/rate`, { rating: 1 })).statusCode).toBe(404);
    const rated = await call(residentA, 'POST', `${url}/rate`, { rating: 5, comment: '很快' });
    expect(rated.statusCode).toBe(200);
    const timeline = rated.json().timeline as { type: string; site: { id: number } | null }[];
    expect(timeline.map((e) => [e.type, e.site?.id ?? null])).toEqual([
      ['received', f.centres[0]],
      ['routed', f.centres[1]],
      ['accepted', f.centres[1]],
      ['done', f.centres[1]],
      ['rated', null],
    ]);
    const seen = await call(staff[0] as Who, 'GET', url);
    expect(seen.json()).toMatchObject({ status: 'rated', rating: 5 });
  });

  it('shows residents only their own requests and appointments', async () => {
    const itemId = await createServiceItem(database().db, f.territory.jurisdictionId, {
      code: 'OWN',
      handlerDepartmentId: f.departmentId,
    });
    const forB = await call(staff[0] as Who, 'POST', '/api/services/requests', {
      itemId,
      residentId: residentsOf(0)[1],
      siteId: f.stations[0],
    });
    expect(forB.statusCode).toBe(201);
    const listA = await call(residentA, 'GET', '/api/services/requests');
    const listB = await call(residentB, 'GET', '/api/services/requests');
    expect(
      listA.json().requests.every((r: { resident: { id: number } }) => r.resident.id === residentsOf(0)[0]),
    ).toBe(true);
    expect(listB.json().requests.map((r: { id: number }) => r.id)).toEqual([forB.json().id]);
    expect((await call(residentA, 'GET', `/api/services/requests/${forB.json().id}`)).statusCode).toBe(404);
    const appointmentsB = await call(residentB, 'GET', '/api/services/appointments');
    expect(
      appointmentsB
        .json()
        .appointments.every((a: { resident: { id: number } }) => a.resident.id === residentsOf(0)[1]),
    ).toBe(true);
    const appointmentsA = await call(residentA, 'GET', '/api/services/appointments');
    expect(appointmentsA.json().total).toBeGreaterThan(0);
    expect(
      appointmentsA
        .json()
        .appointments.every((a: { resident: { id: number } }) => a.resident.id === residentsOf(0)[0]),
    ).toBe(true);
  });

  it('moves, cancels, reminds the day before, shows the day’s schedule and records no-shows', async () => {
    const itemId = await createServiceItem(database().db, f.territory.jurisdictionId, {
      code: 'MOVE',
      handlerSiteId: f.stations[2] as number,
    });
    const published = await call(staff[2] as Who, 'POST', `/api/services/sites/${f.stations[2]}/slots`, {
      itemId,
      startsAt: '2026-09-03T09:00:00+08:00',
      minutes: 30,
      capacity: 2,
      count: 3,
    });
    expect(published.statusCode).toBe(201);
    const [first, second, third] = published.json().slots as { id: number }[];
    const residentId = residentsOf(2)[0];
    const booked = await call(staff[2] as Who, 'POST', '/api/services/appointments', {
      slotId: first?.id,
      residentId,
    });
    expect(booked.json()).toMatchObject({ bookedOnBehalf: true });
    const id = booked.json().id;
    expect(
      (
        await call(staff[2] as Who, 'POST', '/api/services/appointments', { slotId: first?.id, residentId })
      ).json().error.code,
    ).toBe('services.already_booked');
    const moved = await call(staff[2] as Who, 'POST', `/api/services/appointments/${id}/move`, {
      slotId: second?.id,
    });
    expect(moved.json()).toMatchObject({ status: 'booked', slot: { id: second?.id, booked: 1 } });
    const other = await call(staff[2] as Who, 'POST', '/api/services/appointments', {
      slotId: third?.id,
      residentId: residentsOf(2)[1],
    });
    const cancelled = await call(
      staff[2] as Who,
      'POST',
      `/api/services/appointments/${other.json().id}/cancel`,
    );
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', slot: { booked: 0 } });

    // Now is Wednesday 2 September (after the earlier test's day): tomorrow's bookings are due.
    const due = await dueReminders(database().db, clock.now());
    expect(
      due.filter((r) => r.jurisdictionId === f.territory.jurisdictionId).map((r) => r.appointmentId),
    ).toEqual([id]);

    const schedule = await call(
      staff[2] as Who,
      'GET',
      `/api/services/sites/${f.stations[2]}/schedule?date=2026-09-03`,
    );
    expect(schedule.statusCode).toBe(200);
    expect(schedule.json()).toMatchObject({
      dayKind: 'workday',
      slots: [{ appointments: [] }, { appointments: [{ id }] }, {}],
    });
    expect(
      (await call(staff[0] as Who, 'GET', `/api/services/sites/${f.stations[2]}/schedule?date=2026-09-03`))
        .statusCode,
    ).toBe(404);

    expect((await call(staff[2] as Who, 'POST', `/api/services/appointments/${id}/no-show`)).statusCode).toBe(
      409,
    );
    clock.advanceMinutes(60 * 24 + 45);
    const noShow = await call(staff[2] as Who, 'POST', `/api/services/appointments/${id}/no-show`);
    expect(noShow.json()).toMatchObject({ status: 'no_show' });
    expect((await call(residentA, 'POST', `/api/services/appointments/${id}/cancel`)).statusCode).toBe(404);
  });

  it('takes holidays from the jurisdiction’s editable calendar: a day an administrator makes a holiday opens its holiday hours', async () => {
    const itemId = await createServiceItem(database().db, f.territory.jurisdictionId, {
      code: 'EDIT',
      handlerSiteId: f.centres[2] as number,
    });
    const site = `/api/services/sites/${f.centres[2]}`;
    const holidayEvening = { ...OFFICE_HOURS, holidays: [{ start: '18:00', end: '21:00', extended: true }] };
    expect((await call(staff[2] as Who, 'PUT', `${site}/opening`, holidayEvening)).statusCode).toBe(200);
    // Wednesday 16 September 2026 is a working day in the shipped calendar: no evening hours.
    const slotAt2030 = { itemId, startsAt: '2026-09-16T20:30:00+08:00', minutes: 30, capacity: 5 };
    const onWorkday = await call(staff[2] as Who, 'POST', `${site}/slots`, slotAt2030);
    expect(onWorkday.statusCode).toBe(422);
    expect(onWorkday.json().error).toMatchObject({
      code: 'services.outside_opening_hours',
      details: { date: '2026-09-16', dayKind: 'workday' },
    });

    // The administrator makes it a local holiday (a year saved in the calendar module).
    const years = (await call(admin, 'GET', '/api/calendar/years')).json().years as {
      year: number;
      loaded: boolean;
      source: string;
      holidays: { name: string; from: string; to: string }[];
      makeUpWorkdays: { name: string; date: string }[];
    }[];
    const year2026 = years.find((y) => y.year === 2026);
    if (!year2026) throw new Error('2026 is not in the calendar');
    const saveYear = (holidays: typeof year2026.holidays) =>
      call(admin, 'PUT', '/api/calendar/years/2026', {
        loaded: year2026.loaded,
        source: year2026.source,
        holidays,
        makeUpWorkdays: year2026.makeUpWorkdays,
      });
    const edited = await saveYear([
      ...year2026.holidays,
      { name: '地方纪念日', from: '2026-09-16', to: '2026-09-16' },
    ]);
    expect(edited.statusCode, edited.body).toBe(200);

    const slot = await call(staff[2] as Who, 'POST', `${site}/slots`, slotAt2030);
    expect(slot.statusCode, slot.body).toBe(201);
    const slotId = slot.json().slots[0].id;
    const schedule = await call(staff[2] as Who, 'GET', `${site}/schedule?date=2026-09-16`);
    expect(schedule.json()).toMatchObject({ dayKind: 'holiday' });
    const booked = await call(staff[2] as Who, 'POST', '/api/services/appointments', {
      slotId,
      residentId: residentsOf(2)[2],
    });
    expect(booked.statusCode, booked.body).toBe(201);

    // Holiday hours that end at noon do not cover 20:30.
    const mornings = { ...OFFICE_HOURS, holidays: [{ start: '09:00', end: '12:00', extended: true }] };
    await call(staff[2] as Who, 'PUT', `${site}/opening`, mornings);
    const refused = await call(staff[2] as Who, 'POST', '/api/services/appointments', {
      slotId,
      residentId: residentsOf(2)[3],
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'services.outside_opening_hours',
      details: { date: '2026-09-16', dayKind: 'holiday' },
    });

    // Taken back out of the calendar, the day is a working day again.
    await call(staff[2] as Who, 'PUT', `${site}/opening`, holidayEvening);
    expect((await saveYear(year2026.holidays)).statusCode).toBe(200);
    const again = await call(staff[2] as Who, 'POST', '/api/services/appointments', {
      slotId,
      residentId: residentsOf(2)[3],
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details).toMatchObject({ dayKind: 'workday' });
  });
});
