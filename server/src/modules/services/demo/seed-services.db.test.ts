import { beforeAll, expect, it } from 'vitest';
import { describeOnEngines } from '../../../../test/test-database.ts';
import { dueReminders, isServicesEmpty, seedDemoServices } from '../index.ts';
import { createServicesFixtures, type ServicesFixtures } from '../testing/services-test-app.ts';
import { DEMO_ITEM_KINDS } from './catalogue.ts';
import { DEMO_STEWARD_SERVICES_DONE } from './seed-stewards.ts';

describeOnEngines('services demo seed', (database) => {
  const now = new Date('2026-11-27T02:00:00Z'); // Friday 10:00 in Shanghai
  let f: ServicesFixtures;

  beforeAll(async () => {
    f = await createServicesFixtures(database().db, { communities: 3, residentsPerCommunity: 30 });
    // The fixtures' own sites are not the demo's: a fresh jurisdiction's sites are seeded below.
    const db = database().db;
    await db.deleteFrom('service_site').where('jurisdiction_id', '=', f.territory.jurisdictionId).execute();
    // A steward (善治红管家) for each building: the stewards' services are seeded for their residents.
    const buildings = await db
      .selectFrom('territory_building')
      .select('id')
      .where('jurisdiction_id', '=', f.territory.jurisdictionId)
      .execute();
    for (const [i, building] of buildings.entries()) {
      const { id } = await db
        .insertInto('staff_member')
        .values({ jurisdiction_id: f.territory.jurisdictionId, name: `红管家${i + 1}`, kind: 'steward' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('posting')
        .values({
          jurisdiction_id: f.territory.jurisdictionId,
          staff_member_id: id,
          building_id: building.id,
          title: '善治红管家',
          starts_on: '2026-01-01',
        })
        .execute();
    }
  });

  it('seeds the catalogue, a centre per community, stations, a week of slots and bookings, and requests in every state', async () => {
    const { jurisdictionId } = f.territory;
    expect(await isServicesEmpty(database().db, jurisdictionId)).toBe(true);
    const ownResidentId = f.residents[0]?.id as number;
    const seeded = await seedDemoServices(database().db, { jurisdictionId, now, ownResidentId });
    expect(await isServicesEmpty(database().db, jurisdictionId)).toBe(false);
    expect(seeded.items).toBe(DEMO_ITEM_KINDS.reduce((n, k) => n + k.names.length, 0));
    expect(seeded.items).toBeGreaterThanOrEqual(100);
    expect(seeded.sites).toBe(3 + 3); // a centre per community, a station per grid (fewer grids than 145)
    expect(seeded.slots).toBeGreaterThan(50);
    expect(seeded.appointments).toBeGreaterThan(50);
    expect(seeded.requests).toBe(9);
    expect(seeded.stewardServicesDone).toBeGreaterThanOrEqual(DEMO_STEWARD_SERVICES_DONE);
    const db = database().db;
    const statuses = await db
      .selectFrom('service_request')
      .select('status')
      .distinct()
      .where('jurisdiction_id', '=', jurisdictionId)
      .execute();
    expect(statuses.map((s) => s.status).sort()).toEqual(['accepted', 'done', 'rated', 'routed']);
    const overbooked = await db
      .selectFrom('appointment_slot')
      .select('id')
      .where('jurisdiction_id', '=', jurisdictionId)
      .whereRef('booked', '>', 'capacity')
      .execute();
    expect(overbooked).toEqual([]);
    const own = await db
      .selectFrom('appointment')
      .select('status')
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('resident_id', '=', ownResidentId)
      .execute();
    expect(own.length).toBeGreaterThan(0);
    const due = (await dueReminders(database().db, now)).filter((r) => r.jurisdictionId === jurisdictionId);
    expect(due.length).toBeGreaterThan(0);
  });
});
