import { expect, it } from 'vitest';
import { createTestTerritory } from '../../../../test/factories.ts';
import { describeOnEngines } from '../../../../test/test-database.ts';
import { isDeliberationEmpty, seedDemoDeliberation } from './seed-deliberation.ts';

describeOnEngines('deliberation demo seed', (database) => {
  it('writes matters at different steps, one with both disclosures public, deterministically and fast', async () => {
    const snapshot = async (jurisdictionId: number) => {
      const db = database().db;
      const matters = await db
        .selectFrom('deliberation_matter')
        .select(['title', 'status', 'step_index', 'adopted'])
        .where('jurisdiction_id', '=', jurisdictionId)
        .orderBy('id')
        .execute();
      const notices = await db
        .selectFrom('deliberation_notice')
        .select(['title', 'kind', 'tally'])
        .where('jurisdiction_id', '=', jurisdictionId)
        .orderBy('id')
        .execute();
      return { matters, notices };
    };
    const now = new Date('2026-12-01T02:00:00Z');
    const runs = [];
    for (let i = 0; i < 2; i += 1) {
      const t = await createTestTerritory(database().db, { buildingsPerUnit: 1 });
      expect(await isDeliberationEmpty(database().db, t.jurisdictionId)).toBe(true);
      const started = performance.now();
      const seeded = await seedDemoDeliberation(database().db, {
        jurisdictionId: t.jurisdictionId,
        gridIds: t.grids.map((g) => g.id),
        now,
      });
      // Well under a second alone (a few hundred ms on PGlite); the bound leaves room for a loaded test run.
      expect(performance.now() - started).toBeLessThan(4000);
      if (process.env.LOG_TESTS) console.log('demo seed ms', Math.round(performance.now() - started));
      expect(seeded).toMatchObject({ matters: 4, notices: 2 });
      runs.push(await snapshot(t.jurisdictionId));
    }
    const [first, second] = runs;
    expect(first).toEqual(second);
    expect(first?.matters.map((m) => [m.status, m.step_index])).toEqual([
      ['completed', 6],
      ['in_progress', 4],
      ['in_progress', 3],
      ['in_progress', 1],
    ]);
    expect(first?.notices.map((n) => n.kind)).toEqual(['resolution', 'result']);
    expect(first?.notices[0]?.tally).toMatchObject({ adopted: true });
  });
});
