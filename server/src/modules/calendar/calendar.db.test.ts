import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CalendarYear, CalendarYearList, CaseDetail, CasePage } from '#contracts';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { type SignedIn, signInAs } from '../../../test/sign-in.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import type { FakeClock } from '../../platform/clock.ts';
import { buildCategoryCatalogue } from '../cases/case.categories.ts';
import { buildCasesTestApp, seedCaseReferenceData } from '../cases/testing/cases-test-app.ts';
import { CalendarModule } from './index.ts';

/**
 * The working calendar as data (工作日历): administrators list and save years, checked by the
 * kernel's rules and audited; a saved year changes the deadlines the cases module computes, for
 * new clocks and for open cases alike; a deadline in a year without data (2027 today) stays
 * flagged until the year is loaded; another app server sees the change after its recheck interval.
 */

const catalogue = buildCategoryCatalogue();
/** Accepting takes 1 working hour (福州 standard) for a normal event category. */
const EVENT = catalogue.categories.find(
  (c) =>
    c.kind === 'event' && !c.urgent && c.limits.accept.unit === 'work_hour' && c.limits.accept.amount === 1,
);
if (!EVENT) throw new Error('no normal event category accepted within one working hour');
const HOUR = 3_600_000;

describeOnEngines('working calendar years', (database, engine) => {
  let app: App;
  let clock: FakeClock;
  let keys = 0;

  interface World {
    t: TestTerritory;
    admin: SignedIn;
    gridWorker: SignedIn;
  }

  /** A fresh jurisdiction (its own calendar) with an administrator and a grid worker signed in now. */
  const world = async (): Promise<World> => {
    const t = await createTestTerritory(database().db, {
      communities: 1,
      gridsPerCommunity: 1,
      unitsPerGrid: 1,
    });
    await seedCaseReferenceData(database().db, t.jurisdictionId);
    const admin = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role: 'admin',
      scope: { level: 'jurisdiction', id: null },
    });
    const gridWorker = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role: 'grid_worker',
      scope: { level: 'grid', id: t.grids[0]?.id ?? null },
    });
    return { t, admin, gridWorker };
  };
  const years = async (w: World): Promise<CalendarYearList> => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/calendar/years',
      headers: w.admin.headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const put = (w: World, year: number, body: object) =>
    app.inject({
      method: 'PUT',
      url: `/api/calendar/years/${year}`,
      headers: w.admin.headers,
      payload: body,
    });
  const bodyOf = (year: CalendarYear) => ({
    loaded: year.loaded,
    source: year.source,
    holidays: year.holidays,
    makeUpWorkdays: year.makeUpWorkdays,
  });
  const report = async (w: World): Promise<CaseDetail> => {
    const box = w.t.unitBoxes[0];
    if (!box) throw new Error('no unit');
    const response = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { ...w.gridWorker.headers, 'idempotency-key': `calendar-${engine}-${process.pid}-${++keys}` },
      payload: {
        categoryCode: EVENT.code,
        description: '占道经营',
        point: { lng: (box[0] + box[2]) / 2, lat: (box[1] + box[3]) / 2 },
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const read = async (w: World, id: number): Promise<CaseDetail> =>
    (await app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: w.admin.headers })).json();

  beforeAll(async () => {
    // Wednesday 2 December 2026, 09:00 in Shanghai.
    ({ app, clock } = await buildCasesTestApp(database()));
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists the years with 2027 missing, refuses inconsistent years and audits a saved one', async () => {
    const w = await world();
    const list = await years(w);
    expect(list.years.map((y) => [y.year, y.loaded, y.origin])).toEqual([
      [2025, true, 'built_in'],
      [2026, true, 'built_in'],
      [2027, false, 'built_in'],
    ]);
    expect(list.years.find((y) => y.year === 2026)?.holidayDays).toBe(33);
    expect(list.neededYears).toEqual([2026, 2027]);
    expect(list.missingYears).toEqual([2027]);
    expect(list.officeHours).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '13:30', end: '17:30' },
    ]);

    const refused = (
      await app.inject({ method: 'GET', url: '/api/calendar/years', headers: w.gridWorker.headers })
    ).statusCode;
    expect(refused).toBe(403);

    const y2026 = list.years.find((y) => y.year === 2026);
    if (!y2026) throw new Error('no 2026');
    const outside = await put(w, 2026, {
      ...bodyOf(y2026),
      holidays: [...y2026.holidays, { name: '元旦', from: '2026-12-31', to: '2027-01-01' }],
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.code).toBe('calendar.year_invalid');
    expect(outside.json().error.details.errors.join('\n')).toMatch(/2027-01-01 is outside 2026/);

    const both = await put(w, 2026, {
      ...bodyOf(y2026),
      makeUpWorkdays: [...y2026.makeUpWorkdays, { name: '国庆节', date: '2026-10-03' }],
    });
    expect(both.statusCode).toBe(422);
    expect(both.json().error.details.errors.join('\n')).toMatch(/2026-10-03 is also a day off/);

    const notLoaded = await put(w, 2027, {
      loaded: false,
      source: '待发布',
      holidays: [{ name: 'x', from: '2027-01-01', to: '2027-01-01' }],
      makeUpWorkdays: [],
    });
    expect(notLoaded.statusCode).toBe(422);
    expect(
      (await put(w, 1999, { loaded: false, source: 'x', holidays: [], makeUpWorkdays: [] })).statusCode,
    ).toBe(400);

    const saved = await put(w, 2026, { ...bodyOf(y2026), source: '国务院办公厅通知 (校对)' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ year: 2026, origin: 'edited', updatedBy: w.admin.username });
    const audit = await database()
      .db.selectFrom('audit_event')
      .select(['actor', 'details'])
      .where('jurisdiction_id', '=', w.t.jurisdictionId)
      .where('action', '=', 'calendar.year_saved')
      .executeTakeFirst();
    expect(audit?.actor).toBe(w.admin.username);
    expect(audit?.details).toMatchObject({
      before: { year: 2026, origin: 'built_in', source: y2026.source },
      after: { year: 2026, source: '国务院办公厅通知 (校对)' },
    });
  });

  it('moves a deadline the cases module computes when a holiday is added, for open and new cases', async () => {
    // Wednesday 17:00: half an hour today, half an hour on Thursday.
    clock.advance(8 * HOUR);
    const w = await world();
    const before = await report(w);
    expect(before.clock).toMatchObject({
      step: 'accept',
      deadline: '2026-12-03T01:00:00.000Z',
      uncertain: false,
    });

    const y2026 = (await years(w)).years.find((y) => y.year === 2026);
    if (!y2026) throw new Error('no 2026');
    const saved = await put(w, 2026, {
      ...bodyOf(y2026),
      holidays: [...y2026.holidays, { name: '测试假日', from: '2026-12-03', to: '2026-12-03' }],
    });
    expect(saved.statusCode, saved.body).toBe(200);

    // Thursday is off now: the open case's deadline moves to Friday 09:00, and a new case's too.
    const reread = await read(w, before.id);
    expect(reread.clock?.deadline).toBe('2026-12-04T01:00:00.000Z');
    expect(reread.version).toBe(before.version + 1);
    expect((await report(w)).clock?.deadline).toBe('2026-12-04T01:00:00.000Z');
    const audit = await database()
      .db.selectFrom('audit_event')
      .select('details')
      .where('jurisdiction_id', '=', w.t.jurisdictionId)
      .where('action', '=', 'calendar.year_saved')
      .executeTakeFirst();
    expect(audit?.details).toMatchObject({ retimedCases: 1 });

    // Another jurisdiction's calendar is its own.
    const other = await world();
    expect((await report(other)).clock?.deadline).toBe('2026-12-03T01:00:00.000Z');
  });

  it('flags a deadline in 2027 until 2027 is loaded', async () => {
    // Thursday 31 December 2026, 17:00: the half hour left runs into 2027, which has no data.
    clock.advance(29 * 24 * HOUR);
    const w = await world();
    const reported = await report(w);
    expect(reported.clock).toMatchObject({
      deadline: '2027-01-01T01:00:00.000Z',
      uncertain: true,
      missingYears: [2027],
    });
    const page: CasePage = (
      await app.inject({ method: 'GET', url: '/api/cases', headers: w.admin.headers })
    ).json();
    expect(page.cases[0]?.clock).toMatchObject({ uncertain: true, missingYears: [2027] });
    expect((await years(w)).missingYears).toEqual([2027]);
    const warnings = async () =>
      (
        await app.inject({
          method: 'GET',
          url: '/api/cases/deadline-warnings',
          headers: w.gridWorker.headers,
        })
      ).json();
    expect(await warnings()).toEqual({ years: [{ year: 2027, openCases: 1 }] });

    const loaded = await put(w, 2027, {
      loaded: true,
      source: '测试：2027年部分节假日安排',
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }],
      makeUpWorkdays: [],
    });
    expect(loaded.statusCode, loaded.body).toBe(200);

    const reread = await read(w, reported.id);
    expect(reread.clock).toMatchObject({
      deadline: '2027-01-04T01:00:00.000Z',
      uncertain: false,
      missingYears: [],
    });
    expect((await years(w)).missingYears).toEqual([]);
  });

  it('reaches another app server within its recheck interval', async () => {
    const w = await world();
    let elapsed = 0;
    const otherServer = new CalendarModule(database().db, { recheckMs: 1000, monotonicNow: () => elapsed });
    expect((await otherServer.calendarFor(w.t.jurisdictionId)).describeDay('2026-11-18').kind).toBe(
      'workday',
    );
    const y2026 = (await years(w)).years.find((y) => y.year === 2026);
    if (!y2026) throw new Error('no 2026');
    const saved = await put(w, 2026, {
      ...bodyOf(y2026),
      holidays: [...y2026.holidays, { name: '测试假日', from: '2026-11-18', to: '2026-11-18' }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // Within the interval the other server still answers from its cache …
    elapsed = 999;
    expect((await otherServer.calendarFor(w.t.jurisdictionId)).describeDay('2026-11-18').kind).toBe(
      'workday',
    );
    // … and after it, it reads the revision and rebuilds.
    elapsed = 1000;
    expect((await otherServer.calendarFor(w.t.jurisdictionId)).describeDay('2026-11-18')).toMatchObject({
      kind: 'holiday',
      holiday: '测试假日',
    });
  });
});
