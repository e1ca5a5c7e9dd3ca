import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { type SignedIn, signInAs } from '../../../test/sign-in.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import type { App } from '../../app.ts';
import { buildCategoryCatalogue } from './case.categories.ts';
import { withCasesTables } from './case.table.ts';
import type { CasesModule } from './cases.module.ts';
import { buildCasesTestApp, multipartFile, seedCaseReferenceData } from './testing/cases-test-app.ts';
import { jpegWithGps } from './testing/images.ts';

/**
 * Group commit at intake: reports sent at once share transactions, and each still gets its own
 * answer — a refused report (unknown category, a photo someone else took) neither sinks the others
 * nor keeps its Idempotency-Key, and two reports claiming one photo cannot both have it.
 */

const category = buildCategoryCatalogue().categories.find((c) => c.kind === 'event' && !c.urgent);
if (!category) throw new Error('no normal event category');

describeOnEngines('intake batching', (database, engine) => {
  let app: App;
  let cases: CasesModule;
  let t: TestTerritory;
  let rider: SignedIn;
  let other: SignedIn;
  let counter = 0;
  const newKey = () => `batch-${engine}-${process.pid}-${++counter}`;

  beforeAll(async () => {
    ({ app, cases } = await buildCasesTestApp(database()));
    t = await createTestTerritory(database().db, { communities: 2 });
    await seedCaseReferenceData(database().db, t.jurisdictionId);
    const account = { jurisdictionId: t.jurisdictionId, scope: { level: 'jurisdiction' as const, id: null } };
    rider = await signInAs(app, database(), { ...account, role: 'part_time_worker' });
    other = await signInAs(app, database(), { ...account, role: 'part_time_worker' });
  });
  afterAll(async () => {
    await app?.close();
  });

  const body = (unit: number, extra: object = {}) => {
    const box = t.unitBoxes[unit % t.unitBoxes.length] as [number, number, number, number];
    return {
      categoryCode: category.code,
      description: `批量上报 ${engine} ${unit} ${counter}`,
      point: { lng: (box[0] + box[2]) / 2, lat: (box[1] + box[3]) / 2 },
      ...extra,
    };
  };
  const report = (who: SignedIn, payload: object, key = newKey()) =>
    app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { ...who.headers, 'idempotency-key': key },
      payload,
    });
  const upload = async (who: SignedIn): Promise<string> => {
    const file = multipartFile({ name: 'a.jpg', contentType: 'image/jpeg', data: await jpegWithGps() });
    const response = await app.inject({
      method: 'POST',
      url: '/api/cases/photos',
      headers: { ...who.headers, ...file.headers },
      payload: file.payload,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  };

  it('answers each of many concurrent reports on its own, in fewer transactions than reports', async () => {
    const shared = await upload(rider);
    const othersPhoto = await upload(other);
    const before = { ...cases.intake.stats };
    const badKey = newKey();
    const requests = [
      ...Array.from({ length: 30 }, (_, i) => ({ kind: 'good', send: () => report(rider, body(i)) })),
      { kind: 'bad-category', send: () => report(rider, body(1, { categoryCode: 'NO-SUCH' }), badKey) },
      { kind: 'bad-category', send: () => report(rider, body(2, { categoryCode: 'NO-SUCH' })) },
      { kind: 'shared-photo', send: () => report(rider, body(3, { photoIds: [shared] })) },
      { kind: 'shared-photo', send: () => report(rider, body(4, { photoIds: [shared] })) },
      { kind: 'others-photo', send: () => report(rider, body(5, { photoIds: [othersPhoto] })) },
    ];
    const responses = await Promise.all(requests.map((r) => r.send()));
    const byKind = (kind: string) => responses.filter((_, i) => requests[i]?.kind === kind);

    for (const response of byKind('good')) expect(response.statusCode, response.body).toBe(201);
    for (const response of byKind('bad-category')) {
      expect(response.statusCode).toBe(422);
      expect(response.json().error.code).toBe('cases.unknown_category');
    }
    const sharedCodes = byKind('shared-photo')
      .map((r) => r.statusCode)
      .sort();
    expect(sharedCodes).toEqual([201, 422]);
    expect(byKind('others-photo')[0]?.json().error.code).toBe('cases.photo_not_usable');

    const ids = byKind('good').map((r) => r.json().id as number);
    expect(new Set(ids).size).toBe(30);
    const stored = await withCasesTables(database().db)
      .selectFrom('case_record')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .where('id', 'in', ids)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(30);
    // Every case has its first timeline entry and audit event.
    const timeline = await withCasesTables(database().db)
      .selectFrom('case_timeline')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .where('case_id', 'in', ids)
      .executeTakeFirstOrThrow();
    expect(Number(timeline.n)).toBe(30);
    const audited = await database()
      .db.selectFrom('audit_event')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .where('action', '=', 'cases.report')
      .where('subject_id', 'in', ids.map(String))
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .executeTakeFirstOrThrow();
    expect(Number(audited.n)).toBe(30);

    const batches = cases.intake.stats.batches - before.batches;
    const reports = cases.intake.stats.reports - before.reports;
    expect(reports).toBe(requests.length);
    expect(batches).toBeLessThan(reports);

    // The refused report gave its key back: the same key with a good body lands.
    const retried = await report(rider, body(6), badKey);
    expect(retried.statusCode, retried.body).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it('replays a key sent twice in one batch and refuses its copy with another body', async () => {
    const key = newKey();
    const payload = body(7);
    const [first, copy, changed] = await Promise.all([
      report(rider, payload, key),
      report(rider, payload, key),
      report(rider, { ...payload, description: '另一件事' }, key),
    ]);
    expect(first?.statusCode, first?.body).toBe(201);
    expect(copy?.statusCode).toBe(201);
    expect(copy?.json().id).toBe(first?.json().id);
    expect([first, copy].filter((r) => r?.headers['idempotent-replayed'] === 'true')).toHaveLength(1);
    expect(changed?.statusCode).toBe(422);
    expect(changed?.json().error.code).toBe('cases.idempotency_mismatch');
  });

  it('replays the retry of an accepted report though its photo is attached and its category retired since', async () => {
    const key = newKey();
    const payload = body(8, { photoIds: [await upload(rider)] });
    const first = await report(rider, payload, key);
    expect(first.statusCode, first.body).toBe(201);

    const again = await report(rider, payload, key);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);

    const categories = () =>
      withCasesTables(database().db)
        .updateTable('case_category')
        .where('jurisdiction_id', '=', t.jurisdictionId)
        .where('code', '=', category.code);
    // Retired by an administrator (through this app server: intake's catalogue is read afresh).
    await categories().set({ active: false }).execute();
    cases.categories.changed(t.jurisdictionId);
    try {
      const retired = await report(rider, payload, key);
      expect(retired.statusCode, retired.body).toBe(201);
      expect(retired.json().id).toBe(first.json().id);
      // A new report is refused, and another body under the old key is still a mismatch.
      expect((await report(rider, body(9))).json().error.code).toBe('cases.unknown_category');
      const changed = await report(rider, { ...payload, description: '换了说法' }, key);
      expect(changed.json().error.code).toBe('cases.idempotency_mismatch');
    } finally {
      await categories().set({ active: true }).execute();
      cases.categories.changed(t.jurisdictionId);
    }
  });
});
