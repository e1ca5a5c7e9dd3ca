import { expect, it } from 'vitest';
import { createTestTerritory } from '../../../../test/factories.ts';
import { describeOnEngines } from '../../../../test/test-database.ts';
import { insertAccounts } from '../../access/index.ts';
import { withAccountabilityTables } from '../accountability.table.ts';
import { DEMO_LEAD_UNITS, isAccountabilityEmpty, seedDemoAccountability } from './seed-accountability.ts';

describeOnEngines('accountability demo seed', (database) => {
  it('writes 41 tasks over 37 units, a meeting, last month’s bulletin and last quarter’s flags, once', async () => {
    const t = await createTestTerritory(database().db);
    const db = withAccountabilityTables(database().db);
    const [leader] = await insertAccounts(database().db, [
      {
        jurisdictionId: t.jurisdictionId,
        username: `seed-leader-${process.pid}-${Date.now()}`,
        displayName: '市领导',
        role: 'city_leader',
        scopeLevel: 'jurisdiction',
        scopeId: null,
        passwordHash: 'x',
        now: new Date(),
      },
    ]);
    expect(await isAccountabilityEmpty(database().db, t.jurisdictionId)).toBe(true);
    const seeded = await seedDemoAccountability(database().db, {
      jurisdictionId: t.jurisdictionId,
      now: new Date('2026-11-27T02:00:00Z'),
    });
    expect(seeded).toMatchObject({ units: 37, tasks: 41, bulletinMonth: '2026-10', flagQuarter: '2026-Q3' });
    expect(DEMO_LEAD_UNITS).toHaveLength(37);
    expect(await isAccountabilityEmpty(database().db, t.jurisdictionId)).toBe(false);
    const leads = await db
      .selectFrom('accountability_task')
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .select(['lead_department_id'])
      .distinct()
      .execute();
    expect(leads).toHaveLength(37);
    const bulletins = await db
      .selectFrom('accountability_bulletin')
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .select(['month', 'published_at'])
      .orderBy('month')
      .execute();
    expect(bulletins.map((b) => [b.month, b.published_at !== null])).toEqual([
      ['2026-10', true],
      ['2026-11', false],
    ]);
    const flags = await db
      .selectFrom('accountability_flag')
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .select(['colour', 'published_at', 'overridden_by'])
      .execute();
    expect(flags).toHaveLength(37);
    expect(flags.every((f) => f.published_at !== null)).toBe(true);
    expect(new Set(flags.map((f) => f.colour))).toEqual(new Set(['red', 'yellow', 'green']));
    expect(flags.filter((f) => f.overridden_by !== null)).toHaveLength(1);
    const deliveries = await db
      .selectFrom('accountability_flag_delivery')
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .where('account_id', '=', leader?.id as number)
      .select('id')
      .execute();
    expect(deliveries).toHaveLength(6);
    const duty = await db
      .selectFrom('accountability_duty_entry')
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .select(['kind'])
      .execute();
    expect(duty.filter((e) => e.kind === 'flag')).toHaveLength(37);
    expect(duty.filter((e) => e.kind === 'override')).toHaveLength(1);
    expect(duty.some((e) => e.kind === 'bulletin')).toBe(true);
    const meetings = await db
      .selectFrom('accountability_meeting')
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .select('id')
      .execute();
    expect(meetings).toHaveLength(1);
  });
});
