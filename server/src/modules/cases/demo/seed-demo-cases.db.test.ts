import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestTerritory, type TestTerritory } from '../../../../test/factories.ts';
import { signInAs } from '../../../../test/sign-in.ts';
import { buildTestApp } from '../../../../test/test-app.ts';
import { describeOnEngines } from '../../../../test/test-database.ts';
import type { App } from '../../../app.ts';
import { CALENDAR_YEARS } from '../../../platform/working-calendar.data.ts';
import { createWorkingCalendar } from '../../../platform/working-calendar.ts';
import { clockLight, firstDue } from '../case.clocks.ts';
import { type CaseState, runningClocks } from '../case.lifecycle.ts';
import { withCasesTables } from '../case.table.ts';
import { seedCaseReferenceData } from '../testing/cases-test-app.ts';
import { replayTimeline, type StoredEntry } from '../testing/replay-timeline.ts';
import { SHOWCASE_CASES_PER_GRID, SHOWCASE_DAYS } from './plan-demo-cases.ts';
import { isCasesDemoEmpty, seedDemoCases } from './seed-demo-cases.ts';

/**
 * The demo year written to a real database at a small size: every case's stored timeline replays
 * through the state machine to its stored state; status, clocks and step columns, closing time,
 * rating and department tasks agree with it; rider clues are the riders' and the grid's share is
 * near 75 %. Then the API reads them as any case.
 */
describeOnEngines('demo cases seed', (database) => {
  let app: App;
  let t: TestTerritory;
  const now = new Date('2026-11-27T06:00:00Z'); // Friday 14:00 in Shanghai
  const calendar = createWorkingCalendar(CALENDAR_YEARS);
  const size = 800;
  let riderAccount: number;
  let gridWorker: Awaited<ReturnType<typeof signInAs>>;
  let photoCount = 0;

  beforeAll(async () => {
    app = await buildTestApp(database());
    t = await createTestTerritory(database().db, {
      communities: 2,
      gridsPerCommunity: 2,
      unitsPerGrid: 2,
      buildingsPerUnit: 2,
    });
    await seedCaseReferenceData(database().db, t.jurisdictionId);
    riderAccount = (
      await signInAs(app, database(), {
        jurisdictionId: t.jurisdictionId,
        role: 'part_time_worker',
        scope: { level: 'community', id: t.communities[0]?.id ?? null },
      })
    ).accountId;
    gridWorker = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role: 'grid_worker',
      scope: { level: 'grid', id: t.grids[0]?.id ?? null },
    });
    // A demo login (grid1): its grid gets the plan's showcase of recent cases.
    await sql`update account set is_demo = true where id = ${gridWorker.accountId}`.execute(database().db);
    expect(await isCasesDemoEmpty(database().db, t.jurisdictionId)).toBe(true);
    const result = await seedDemoCases(database().db, {
      jurisdictionId: t.jurisdictionId,
      now,
      size,
      riderClues: 10,
      calendar,
      photosDir: app.cases.photos.dir,
    });
    expect(result.cases).toBe(size);
    photoCount = result.photos;
  });
  afterAll(async () => {
    await app.close();
  });

  it('stores cases whose timelines replay through the state machine to their state', async () => {
    const db = withCasesTables(database().db);
    const cases = await db
      .selectFrom('case_record')
      .selectAll()
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .execute();
    expect(cases).toHaveLength(size);
    const timeline = await db
      .selectFrom('case_timeline')
      .selectAll()
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .orderBy('case_id')
      .orderBy('id')
      .execute();
    const tasks = await db
      .selectFrom('case_department_task as k')
      .innerJoin('department as d', (join) =>
        join.onRef('d.jurisdiction_id', '=', 'k.jurisdiction_id').onRef('d.id', '=', 'k.department_id'),
      )
      .select(['k.case_id', 'k.status', 'k.closed_at', 'd.code'])
      .where('k.jurisdiction_id', '=', t.jurisdictionId)
      .execute();
    const entriesOf = groupBy(timeline, (e) => e.case_id);
    const tasksOf = groupBy(tasks, (k) => k.case_id);
    const problems: string[] = [];
    for (const c of cases) {
      const state = c.state as CaseState;
      const entries = entriesOf.get(c.id) ?? [];
      const replayed = replayTimeline(entries as StoredEntry[], state.ratingExpected);
      if (!replayed.ok) problems.push(`case ${c.id} entry ${replayed.index}: ${replayed.message}`);
      else if (JSON.stringify(sortKeys(replayed.state)) !== JSON.stringify(sortKeys(state)))
        problems.push(`case ${c.id}: state differs`);
      if (c.status !== state.status) problems.push(`case ${c.id}: status column ${c.status}`);
      if (c.version !== entries.length)
        problems.push(`case ${c.id}: version ${c.version}, ${entries.length} entries`);
      const last = entries.at(-1);
      if (last && c.updated_at.getTime() !== last.at.getTime()) problems.push(`case ${c.id}: updated_at`);
      const terminal = ['closed', 'rejected', 'merged'].includes(state.status);
      if (terminal !== (c.closed_at !== null)) problems.push(`case ${c.id}: closed_at`);
      if (terminal && c.clocks.length > 0) problems.push(`case ${c.id}: clocks on a finished case`);
      const first = firstDue(c.clocks);
      if ((first?.deadline ?? null) !== (c.step_deadline?.toISOString() ?? null))
        problems.push(`case ${c.id}: step_deadline`);
      // Every step with a time limit has its clock (a verified case no one rates waits for 结案 without one).
      if (runningClocks(state).length > 0 && c.clocks.length === 0)
        problems.push(`case ${c.id}: open without a clock`);
      const rates = entries.filter((e) => e.event === 'rate');
      const lastRating =
        (rates.at(-1)?.effects as { kind: string; rating?: string }[] | undefined)?.find(
          (e) => e.kind === 'record_rating',
        )?.rating ?? null;
      if (c.rating !== lastRating) problems.push(`case ${c.id}: rating`);
      if (
        state.status === 'dispatched' ||
        state.status === 'acknowledged' ||
        state.status === 'reported_back'
      ) {
        const current = (tasksOf.get(c.id) ?? []).filter((k) => k.closed_at === null);
        const wanted = state.departments.map((d) => `${d.department}:${d.status}`).sort();
        if (JSON.stringify(current.map((k) => `${k.code}:${k.status}`).sort()) !== JSON.stringify(wanted)) {
          problems.push(`case ${c.id}: tasks`);
        }
      }
      if (entries.some((e) => e.event === 'dispatch') !== (tasksOf.get(c.id) ?? []).length > 0)
        problems.push(`case ${c.id}: tasks without dispatch`);
    }
    expect(problems.slice(0, 10)).toEqual([]);

    const riders = cases.filter((c) => c.channel === 'rider');
    expect(riders).toHaveLength(10);
    expect(riders.every((c) => c.reporter_account_id === riderAccount)).toBe(true);
    const closed = cases.filter((c) => c.status === 'closed');
    const byGrid = closed.filter(
      (c) => (c.state as CaseState & { resolvedBy?: string }).resolvedBy === 'grid',
    );
    expect(byGrid.length / closed.length).toBeGreaterThan(0.65);
    expect(byGrid.length / closed.length).toBeLessThan(0.85);
    // The open ones have lights; the grid-level ones never red (the breach job would have escalated).
    for (const c of cases.filter((c) => c.step_deadline !== null)) {
      const clock = firstDue(c.clocks);
      if (!clock) continue;
      const light = clockLight(calendar, clock, now).light;
      if (['reported', 'accepted', 'in_progress', 'reopened', 'escalated_community'].includes(c.status)) {
        expect(light, `case ${c.id} ${c.status}`).not.toBe('red');
      }
    }
    expect(await isCasesDemoEmpty(database().db, t.jurisdictionId)).toBe(false);
  });

  it("fills the demo grid worker's queue with recent cases", async () => {
    const db = withCasesTables(database().db);
    const recentSince = new Date(now.getTime() - (SHOWCASE_DAYS + 1) * 86_400_000);
    const recentByGrid = await db
      .selectFrom('case_record')
      .select(['grid_id', (eb) => eb.fn.countAll<string>().as('count')])
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .where('reported_at', '>=', recentSince)
      .groupBy('grid_id')
      .execute();
    const recent = new Map(recentByGrid.map((r) => [r.grid_id, Number(r.count)]));
    const showcaseGrid = t.grids[0]?.id as number;
    expect(recent.get(showcaseGrid)).toBeGreaterThanOrEqual(SHOWCASE_CASES_PER_GRID);
    // The other grids get one or two a week at this size (100 cases a year each).
    for (const grid of t.grids.slice(1))
      expect(recent.get(grid.id) ?? 0).toBeLessThan(SHOWCASE_CASES_PER_GRID);

    const queue = await app.inject({
      method: 'GET',
      url: '/api/cases?status=reported,accepted,in_progress,reopened,resolved_by_grid,reported_back,verified,rated',
      headers: gridWorker.headers,
    });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().total).toBeGreaterThanOrEqual(3);
  });

  it('gives recent cases photos on the report and on every move that needs evidence, served as uploads are', async () => {
    const db = withCasesTables(database().db);
    const cases = await db
      .selectFrom('case_record')
      .select(['id', 'status', 'channel', 'reported_at'])
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .execute();
    const timeline = await db
      .selectFrom('case_timeline')
      .select(['case_id', 'event', 'photo_ids'])
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .orderBy('id')
      .execute();
    const photos = await db
      .selectFrom('case_photo')
      .selectAll()
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .execute();
    expect(photos).toHaveLength(photoCount);
    const photoCase = new Map(photos.map((p) => [p.id, p.case_id]));
    const illustrated = new Set(photos.map((p) => p.case_id));
    const ended = (status: string) => ['closed', 'rejected', 'merged'].includes(status);
    const evidence = new Set(['resolve', 'report_back', 'verify', 'fail_verification']);
    const problems: string[] = [];
    for (const entry of timeline) {
      for (const id of entry.photo_ids)
        if (photoCase.get(id) !== entry.case_id) problems.push(`case ${entry.case_id}: photo ${id}`);
      if (!illustrated.has(entry.case_id)) continue;
      const wanted =
        evidence.has(entry.event) ||
        (entry.event === 'report' && cases.find((c) => c.id === entry.case_id)?.channel !== 'hotline');
      if (wanted !== (entry.photo_ids.length === 1)) problems.push(`case ${entry.case_id}: ${entry.event}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    // Every open case is illustrated; of the ended ones the most recent (here: all 300 of them).
    for (const c of cases.filter((c) => !ended(c.status))) {
      if (c.channel !== 'hotline' || timeline.some((e) => e.case_id === c.id && evidence.has(e.event)))
        expect(illustrated.has(c.id), `open case ${c.id}`).toBe(true);
    }
    const endedCases = cases.filter((c) => ended(c.status)).sort((a, b) => +b.reported_at - +a.reported_at);
    const newest = endedCases.slice(0, 300);
    expect(endedCases.slice(300).some((c) => illustrated.has(c.id))).toBe(false);
    expect(newest.filter((c) => illustrated.has(c.id)).length).toBeGreaterThan(250);
    // A few drawn scenes, not one file per photo.
    expect(new Set(photos.map((p) => p.sha256)).size).toBeLessThanOrEqual(11 * 2 * 2);

    const admin = await signInAs(app, database(), {
      jurisdictionId: t.jurisdictionId,
      role: 'admin',
      scope: { level: 'jurisdiction', id: null },
    });
    const photo = photos.find((p) => p.case_id !== null) as (typeof photos)[number];
    const detail = await app.inject({
      method: 'GET',
      url: `/api/cases/${photo.case_id}`,
      headers: admin.headers,
    });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().photoIds).toContain(photo.id);
    for (const suffix of ['', '/thumbnail']) {
      const file = await app.inject({
        method: 'GET',
        url: `/api/cases/photos/${photo.id}${suffix}`,
        headers: admin.headers,
      });
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('image/jpeg');
      expect(file.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      if (suffix === '') expect(file.rawPayload.length).toBe(photo.bytes);
    }
  });
});

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const list = groups.get(key(item)) ?? [];
    list.push(item);
    groups.set(key(item), list);
  }
  return groups;
}

/** An object with its keys sorted (jsonb keeps its own key order). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}
