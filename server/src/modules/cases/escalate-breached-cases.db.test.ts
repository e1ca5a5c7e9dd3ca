import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CaseDetail, Role, ScopeLevel } from '#contracts';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { type SignedIn, signInAs } from '../../../test/sign-in.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import type { FakeClock } from '../../platform/clock.ts';
import { createJobRunner } from '../../platform/jobs.ts';
import { buildCategoryCatalogue } from './case.categories.ts';
import { casesJobs } from './cases.jobs.ts';
import type { CasesModule } from './cases.module.ts';
import { closeRatedCases } from './close-rated-cases.service.ts';
import { escalateBreachedCases } from './escalate-breached-cases.service.ts';
import { buildCasesTestApp, multipartFile, seedCaseReferenceData } from './testing/cases-test-app.ts';
import { jpegWithGps } from './testing/images.ts';

/**
 * The breach job on a real database: grid-level breaches escalated by `system` exactly once even
 * when two runs race (Promise.all), late departments flagged and urged once, a second run a no-op;
 * a subdistrict past its limit urged once; the closing job closes rated cases, and verified ones
 * when the rating window has passed (or no rating is expected), never earlier.
 */

const catalogue = buildCategoryCatalogue();
const CATEGORY = catalogue.categories.find((c) => c.kind === 'event' && !c.urgent && c.department === 'ZHZF');
if (!CATEGORY) throw new Error('no normal ZHZF event category in the catalogue');

describeOnEngines('cases breach job', (database) => {
  let app: App;
  let cases: CasesModule;
  let clock: FakeClock;
  let t: TestTerritory;
  const who: Record<string, SignedIn> = {};
  let keyCounter = 0;

  const signIn = async (label: string, role: Role, level: ScopeLevel, id: number | null) => {
    who[label] = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role,
      scope: { level, id },
    });
  };
  const headers = (label: string) => {
    const found = who[label];
    if (!found) throw new Error(`no actor ${label}`);
    return found.headers;
  };
  const pointIn = (unit: number) => {
    const box = t.unitBoxes[unit];
    if (!box) throw new Error(`no unit ${unit}`);
    return { lng: (box[0] + box[2]) / 2, lat: (box[1] + box[3]) / 2 };
  };
  const report = async (unit: number): Promise<CaseDetail> => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { ...headers('rider'), 'idempotency-key': `breach-${process.pid}-${++keyCounter}` },
      payload: {
        categoryCode: CATEGORY.code,
        description: `breach ${unit} ${Math.random()}`,
        point: pointIn(unit),
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };
  const move = async (label: string, c: CaseDetail, event: object): Promise<CaseDetail> => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/cases/${c.id}/moves`,
      headers: headers(label),
      payload: { version: c.version, event },
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const timeline = (caseId: number) =>
    cases.db
      .selectFrom('case_timeline')
      .select(['event', 'actor_role', 'actor_account_id', 'from_status', 'to_status', 'note'])
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    const built = await buildCasesTestApp(database());
    app = built.app;
    cases = built.cases;
    clock = built.clock;
    t = await createTestTerritory(database().db, { communities: 1, gridsPerCommunity: 2, unitsPerGrid: 1 });
    await seedCaseReferenceData(database().db, t.jurisdictionId);
    const [community0] = t.communities;
    const [grid0] = t.grids;
    if (!community0 || !grid0) throw new Error('territory incomplete');
    await signIn('rider', 'part_time_worker', 'community', community0.id);
    await signIn('gridWorker', 'grid_worker', 'grid', grid0.id);
    await signIn('communityStaff', 'community_staff', 'community', community0.id);
  });
  afterAll(async () => {
    await app.close();
  });

  it('escalates each breached grid-level case exactly once when two runs race, and urges late departments once', async () => {
    const reported = await report(0);
    const accepted = await move('gridWorker', await report(0), { type: 'accept' });
    const handling = await move('gridWorker', await report(0), { type: 'accept' });
    const inProgress = await move('gridWorker', handling, { type: 'start_handling' });
    const escalated = await move('gridWorker', await report(0), { type: 'accept' }).then((c) =>
      move('gridWorker', c, { type: 'escalate', reason: '需执法' }),
    );
    const dispatched = await move('communityStaff', escalated, {
      type: 'dispatch',
      departments: [CATEGORY.department],
    });
    const rejected = await move('gridWorker', await report(0), { type: 'reject', reason: '无效上报' });

    // Nothing is late yet: a run changes nothing.
    const early = await escalateBreachedCases(cases.db, {
      now: clock.now(),
      calendar: (jurisdictionId) => cases.calendarFor(jurisdictionId),
      jurisdictionId: t.jurisdictionId,
    });
    expect(early.escalated).toEqual([]);
    expect(early.urged).toEqual([]);

    // A month later every limit has passed.
    clock.advance(30 * 24 * 3_600_000);
    const now = clock.now();
    const runs = await Promise.all([
      escalateBreachedCases(cases.db, {
        now,
        calendar: (jurisdictionId) => cases.calendarFor(jurisdictionId),
        batchSize: 2,
        jurisdictionId: t.jurisdictionId,
      }),
      escalateBreachedCases(cases.db, {
        now,
        calendar: (jurisdictionId) => cases.calendarFor(jurisdictionId),
        batchSize: 2,
        jurisdictionId: t.jurisdictionId,
      }),
    ]);
    const escalatedIds = runs.flatMap((r) => r.escalated).sort((a, b) => a - b);
    const breachedIds = [reported.id, accepted.id, inProgress.id].sort((a, b) => a - b);
    expect(escalatedIds).toEqual(breachedIds);
    expect(runs.flatMap((r) => r.urged)).toEqual([dispatched.id]);

    for (const id of breachedIds) {
      const entries = (await timeline(id)).filter((e) => e.actor_role === 'system');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        event: 'escalate',
        actor_account_id: null,
        to_status: 'escalated_community',
      });
      const audit = await cases.db
        .selectFrom('audit_event')
        .select('action')
        .where('subject_type', '=', 'case')
        .where('subject_id', '=', String(id))
        .where('action', '=', 'cases.escalate')
        .execute();
      expect(audit).toHaveLength(1);
    }
    const urges = (await timeline(dispatched.id)).filter((e) => e.actor_role === 'system');
    expect(urges).toHaveLength(1);
    expect(urges[0]).toMatchObject({ event: 'urge', to_status: 'dispatched' });
    expect(urges[0]?.note).toContain(`${CATEGORY.department} 未按时报到`);
    const task = await cases.db
      .selectFrom('case_department_task')
      .select(['acknowledge_late_at', 'report_back_late_at'])
      .where('case_id', '=', dispatched.id)
      .executeTakeFirstOrThrow();
    expect(task.acknowledge_late_at?.getTime()).toBe(now.getTime());
    expect(task.report_back_late_at).toBeNull();
    // A finished case has no clock: untouched.
    expect((await timeline(rejected.id)).filter((e) => e.actor_role === 'system')).toEqual([]);

    // Run again through the job runner (as main.ts does): nothing new.
    // Scoped to this test's jurisdiction: the PostgreSQL test database is shared with other files.
    const runner = createJobRunner(casesJobs(cases, { jurisdictionId: t.jurisdictionId }), {
      info: () => {},
      error: () => {},
    });
    await runner.runNow('cases.escalate_breached');
    await runner.stop();
    const again = await escalateBreachedCases(cases.db, {
      now,
      calendar: (jurisdictionId) => cases.calendarFor(jurisdictionId),
      jurisdictionId: t.jurisdictionId,
    });
    expect(again.escalated).toEqual([]);
    expect(again.urged).toEqual([]);
    for (const id of [...breachedIds, dispatched.id]) {
      expect((await timeline(id)).filter((e) => e.actor_role === 'system')).toHaveLength(1);
    }
  });

  const photo = async (label: string): Promise<string> => {
    const file = multipartFile({ name: 'p.jpg', contentType: 'image/jpeg', data: await jpegWithGps() });
    const response = await app.inject({
      method: 'POST',
      url: '/api/cases/photos',
      headers: { ...headers(label), ...file.headers },
      payload: file.payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  };

  /** The earlier test moved the clock a month on: sessions have idled out since. */
  const signInAgain = async () => {
    const [community0] = t.communities;
    const [grid0] = t.grids;
    if (!community0 || !grid0) throw new Error('territory incomplete');
    await signIn('rider', 'part_time_worker', 'community', community0.id);
    await signIn('gridWorker', 'grid_worker', 'grid', grid0.id);
    await signIn('communityStaff', 'community_staff', 'community', community0.id);
  };

  it('urges a subdistrict past its response limit once', async () => {
    await signInAgain();
    const atCommunity = await move('gridWorker', await report(0), { type: 'accept' }).then((c) =>
      move('gridWorker', c, { type: 'escalate', reason: '需街道协调' }),
    );
    const atSubdistrict = await move('communityStaff', atCommunity, { type: 'escalate', reason: '跨社区' });
    expect(atSubdistrict.status).toBe('escalated_subdistrict');
    clock.advance(30 * 24 * 3_600_000);
    const options = {
      now: clock.now(),
      calendar: (j: number) => cases.calendarFor(j),
      jurisdictionId: t.jurisdictionId,
    };
    const first = await escalateBreachedCases(cases.db, options);
    expect(first.urged).toContain(atSubdistrict.id);
    const second = await escalateBreachedCases(cases.db, options);
    expect(second.urged).not.toContain(atSubdistrict.id);
    const urges = (await timeline(atSubdistrict.id)).filter((e) => e.actor_role === 'system');
    expect(urges).toHaveLength(1);
    expect(urges[0]?.note).toContain('街道响应');
  });

  it('closes rated cases at once and unrated ones only after the rating window', async () => {
    await signInAgain();
    const verified = async (): Promise<CaseDetail> => {
      const accepted = await move('gridWorker', await report(0), { type: 'accept' });
      const resolved = await move('gridWorker', accepted, {
        type: 'resolve',
        photoIds: [await photo('gridWorker')],
      });
      return move('gridWorker', resolved, { type: 'verify', photoIds: [await photo('gridWorker')] });
    };
    const unrated = await verified();
    expect(unrated.status).toBe('verified');
    const rated = await move('rider', await verified(), { type: 'rate', rating: 'satisfied' });
    expect(rated.status).toBe('rated');
    const options = () => ({
      now: clock.now(),
      calendar: (j: number) => cases.calendarFor(j),
      jurisdictionId: t.jurisdictionId,
    });

    const first = await closeRatedCases(cases.db, options());
    expect(first.closed).toContain(rated.id);
    expect(first.closed).not.toContain(unrated.id);
    // The rating window is three natural days.
    clock.advance(4 * 24 * 3_600_000);
    const runs = await Promise.all([
      closeRatedCases(cases.db, options()),
      closeRatedCases(cases.db, options()),
    ]);
    expect(runs.flatMap((r) => r.closed)).toEqual([unrated.id]);
    for (const id of [rated.id, unrated.id]) {
      const closes = (await timeline(id)).filter((e) => e.event === 'close');
      expect(closes).toEqual([expect.objectContaining({ actor_role: 'system', to_status: 'closed' })]);
    }
  });
});
