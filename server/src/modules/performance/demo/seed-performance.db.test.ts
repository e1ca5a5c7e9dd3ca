import { expect, it } from 'vitest';
import { createTestTerritory } from '../../../../test/factories.ts';
import { describeOnEngines } from '../../../../test/test-database.ts';
import { isPerformanceEmpty, seedDemoPerformance } from './seed-performance.ts';

describeOnEngines('performance demo seed', (database) => {
  it('writes 89 projects, 527 pledges and visits that solved 211 problems, once', async () => {
    const t = await createTestTerritory(database().db, { communities: 3 });
    const db = database().db;
    const staff = async (kind: string, placeId: number | null) => {
      const row = await db
        .insertInto('staff_member')
        .values({
          jurisdiction_id: t.jurisdictionId,
          name: kind,
          kind: kind as 'city_leader',
          phone_enc: null,
          phone_hash: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (placeId !== null) {
        await db
          .insertInto('posting')
          .values({
            jurisdiction_id: t.jurisdictionId,
            staff_member_id: row.id,
            place_id: placeId,
            title: kind,
            starts_on: '2026-01-01',
          })
          .execute();
      }
    };
    await staff('city_leader', null);
    await staff('city_leader', null);
    await staff('department_staff', null);
    await staff('subdistrict_staff', t.subdistrict.id);
    for (const c of t.communities) await staff('community_secretary', c.id);
    await staff('community_worker', t.grids[0]?.id as number);

    expect(await isPerformanceEmpty(db, t.jurisdictionId)).toBe(true);
    await seedDemoPerformance(db, {
      jurisdictionId: t.jurisdictionId,
      now: new Date('2026-12-02T02:00:00Z'),
    });
    expect(await isPerformanceEmpty(db, t.jurisdictionId)).toBe(false);

    const count = async (table: 'performance_project' | 'performance_pledge' | 'performance_report') =>
      Number(
        (
          await db
            .selectFrom(table)
            .where('jurisdiction_id', '=', t.jurisdictionId)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('performance_project')).toBe(89);
    expect(await count('performance_pledge')).toBe(527);
    expect(await count('performance_report')).toBe(3);
    const solved = await db
      .selectFrom('performance_visit_problem')
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .where('solved', '=', true)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(solved.n)).toBe(211);
    // Three liaisons over four quarters; the fourth liaison (none here) would skip this quarter.
    const visits = await db
      .selectFrom('performance_visit')
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(visits.n)).toBe(12);
  });
});
