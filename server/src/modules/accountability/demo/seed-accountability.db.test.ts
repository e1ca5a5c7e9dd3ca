import { expect, it } from 'vitest';
import { createTestTerritory } from '../../../../test/factories.ts';
import { describeOnEngines } from '../../../../test/test-database.ts';
import { withAccountabilityTables } from '../accountability.table.ts';
import { isAccountabilityEmpty, seedDemoAccountability } from './seed-accountability.ts';

describeOnEngines('accountability demo seed', (database) => {
  it('writes the demo tasks for the departments present, with reports, once', async () => {
    const t = await createTestTerritory(database().db);
    const db = withAccountabilityTables(database().db);
    await db
      .insertInto('department')
      .values(
        ['ZZB', 'ZFW', 'ZJJ', 'MZJ'].map((code) => ({ jurisdiction_id: t.jurisdictionId, code, name: code })),
      )
      .execute();
    expect(await isAccountabilityEmpty(database().db, t.jurisdictionId)).toBe(true);
    const seeded = await seedDemoAccountability(database().db, {
      jurisdictionId: t.jurisdictionId,
      now: new Date('2026-12-02T02:00:00Z'),
    });
    // YJJ is missing: four tasks; 8 past weeks each, minus gaps, plus two reported this week.
    expect(seeded).toEqual({ tasks: 4, reports: 8 + 1 + 7 + 4 + 8 + 1 });
    expect(await isAccountabilityEmpty(database().db, t.jurisdictionId)).toBe(false);
    const milestones = await db
      .selectFrom('accountability_milestone')
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .select('id')
      .execute();
    expect(milestones).toHaveLength(10);
  });
});
