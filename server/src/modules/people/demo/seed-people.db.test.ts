import { beforeAll, expect, it } from 'vitest';
import { createTestTerritory, type TestTerritory } from '../../../../test/factories.ts';
import { describeOnEngines } from '../../../../test/test-database.ts';
import { findIdNumberProblem, PersonalDataCipher } from '../../../platform/personal-data.ts';
import { seedDemoAccounts } from '../../access/index.ts';
import { findPeopleDemoAnchors, isPeopleEmpty, linkDemoAccountsToPeople, seedDemoPeople } from '../index.ts';
import { withPeopleTables } from '../people.table.ts';
import type { PeopleDemoAnchors } from './generate-people.ts';

describeOnEngines('people demo seed', (database, engine) => {
  const cipher = new PersonalDataCipher(Buffer.alloc(32, 9));
  const now = new Date('2026-11-27T00:00:00Z');
  let t: TestTerritory;
  let anchors: PeopleDemoAnchors;
  const db = () => withPeopleTables(database().db);

  beforeAll(async () => {
    t = await createTestTerritory(database().db, {
      communities: 2,
      gridsPerCommunity: 3,
      unitsPerGrid: 2,
      buildingsPerUnit: 2,
    });
    const buildingId = (
      await db()
        .selectFrom('territory_building')
        .select('id')
        .where('unit_id', '=', t.units[0]?.id as number)
        .orderBy('code')
        .executeTakeFirstOrThrow()
    ).id;
    anchors = {
      subdistrictId: t.subdistrict.id,
      communityId: t.communities[0]?.id as number,
      gridIds: [t.grids[0]?.id as number, t.grids[1]?.id as number],
      buildingId,
    };
  });

  it('seeds staff on every grid, residents of the anchors’ community, and the party structure, encrypted', async () => {
    expect(await isPeopleEmpty(database().db, t.jurisdictionId)).toBe(true);
    const seeded = await seedDemoPeople(database().db, {
      jurisdictionId: t.jurisdictionId,
      cipher,
      now,
      anchors,
    });
    expect(await isPeopleEmpty(database().db, t.jurisdictionId)).toBe(false);
    expect(seeded.residents).toBeGreaterThanOrEqual(48); // 24 households of community 1, 1–4 each
    const workersPerGrid = await db()
      .selectFrom('posting as p')
      .innerJoin('staff_member as s', (join) =>
        join.onRef('s.jurisdiction_id', '=', 'p.jurisdiction_id').onRef('s.id', '=', 'p.staff_member_id'),
      )
      .select(['p.place_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('s.jurisdiction_id', '=', t.jurisdictionId)
      .where('s.kind', '=', 'community_worker')
      .groupBy('p.place_id')
      .execute();
    expect(workersPerGrid.map((row) => row.place_id).sort()).toEqual(t.grids.map((g) => g.id).sort());
    const residents = await db()
      .selectFrom('resident')
      .selectAll()
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .execute();
    expect(residents).toHaveLength(seeded.residents);
    for (const resident of residents) {
      expect(resident.id_number_enc).toMatch(/^v1:/);
      const idNumber = cipher.decrypt('id_number', resident.id_number_enc as string);
      expect(findIdNumberProblem(idNumber, now)).toBeNull();
      expect(resident.id_number_hash).toBe(cipher.hash('id_number', idNumber));
      if (resident.phone_enc) expect(cipher.decrypt('phone', resident.phone_enc)).toMatch(/^1[3-9]\d{9}$/);
    }
    const groups = await db()
      .selectFrom('party_group')
      .select('id')
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .execute();
    expect(groups.length).toBe(seeded.partyGroups);
    const audit = await database()
      .db.selectFrom('audit_event')
      .select('details')
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .where('action', '=', 'people.seed_demo')
      .executeTakeFirstOrThrow();
    expect(audit.details).toEqual(seeded);
  });

  // Demo usernames are unique across an instance, so this runs on the fresh PGlite database only.
  it.skipIf(engine === 'postgres')('gives each demo login its person, once', async () => {
    await seedDemoAccounts(database().db, { jurisdictionId: t.jurisdictionId, ...anchors }, now);
    const linked = await linkDemoAccountsToPeople(database().db, {
      jurisdictionId: t.jurisdictionId,
      anchors,
      cipher,
      now,
    });
    expect(linked).toEqual(
      expect.arrayContaining(['grid1', 'grid2', 'assistant', 'rider', 'steward', 'secretary', 'resident']),
    );
    expect(
      await linkDemoAccountsToPeople(database().db, {
        jurisdictionId: t.jurisdictionId,
        anchors,
        cipher,
        now,
      }),
    ).toEqual([]);
    const found = await findPeopleDemoAnchors(database().db);
    expect(found?.jurisdictionId).toBe(t.jurisdictionId);
    const grid1 = await db()
      .selectFrom('staff_member as s')
      .innerJoin('posting as p', (join) =>
        join.onRef('p.jurisdiction_id', '=', 's.jurisdiction_id').onRef('p.staff_member_id', '=', 's.id'),
      )
      .select(['s.name', 's.kind', 'p.place_id'])
      .where('s.id', '=', found?.gridWorkerStaffId as number)
      .executeTakeFirstOrThrow();
    expect(grid1).toEqual({ name: '刘洋', kind: 'community_worker', place_id: anchors.gridIds[0] });
    const self = await db()
      .selectFrom('resident')
      .selectAll()
      .where('id', '=', found?.residentId as number)
      .executeTakeFirstOrThrow();
    expect(self).toMatchObject({ name: '马德福', gender: 'male', birth_year: 1950 });
    expect(findIdNumberProblem(cipher.decrypt('id_number', self.id_number_enc as string), now)).toBeNull();
  });
});
