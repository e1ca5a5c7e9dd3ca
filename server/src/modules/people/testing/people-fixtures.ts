import type { Kysely } from 'kysely';
import type { StaffKind } from '#contracts';
import { createTestTerritory, type TestTerritory } from '../../../../test/factories.ts';
import type { Database } from '../../../db/schema.ts';
import type { PersonalDataCipher } from '../../../platform/personal-data.ts';
import { randomStream } from '../../territory/demo/random.ts';
import { IdNumberAllocator, randomMobile, randomName } from '../demo/identities.ts';
import { type Db, withPeopleTables } from '../people.table.ts';

/**
 * A fresh jurisdiction for people tests: 2 communities × 2 grids, one unit and one building per
 * grid with 4 households each, 2 departments, one resident per household (with a phone and an ID
 * number), a community worker per grid, a steward per building, a secretary per community, a
 * worker per department, a city leader, and per grid a party branch, a building group and an
 * anchor household looking after the other three households. Everything knows where it is, so
 * tests can say what each scope should see without asking the code under test.
 */

export interface Located {
  id: number;
  communityIndex: number | null;
  gridIndex: number | null;
  buildingId: number | null;
  departmentIndex: number | null;
}

export interface ResidentFixture extends Located {
  householdId: number;
  name: string;
  phone: string;
  idNumber: string;
}

export interface PeopleFixtures {
  territory: TestTerritory;
  departmentIds: number[];
  buildingIds: number[];
  households: (Located & { residentIds: number[] })[];
  residents: ResidentFixture[];
  staff: (Located & { kind: StaffKind; name: string })[];
  /** Every plaintext phone and ID number in the fixtures. */
  secrets: string[];
}

export async function createPeopleFixtures(
  database: Kysely<Database>,
  cipher: PersonalDataCipher,
): Promise<PeopleFixtures> {
  const db = withPeopleTables(database);
  const territory = await createTestTerritory(database, {
    communities: 2,
    gridsPerCommunity: 2,
    unitsPerGrid: 1,
    buildingsPerUnit: 1,
  });
  const { jurisdictionId } = territory;
  const random = randomStream(Number(territory.code), 'people-fixtures');
  const phones = new Set<string>();
  const idNumbers = new IdNumberAllocator();
  const departmentIds = (
    await db
      .insertInto('department')
      .values(
        ['A', 'B'].map((letter) => ({
          jurisdiction_id: jurisdictionId,
          code: `D${letter}`,
          name: `测试局${letter}`,
        })),
      )
      .returning('id')
      .execute()
  ).map((row) => row.id);

  const households = await db
    .selectFrom('territory_household as h')
    .innerJoin('territory_building as b', (join) =>
      join.onRef('b.jurisdiction_id', '=', 'h.jurisdiction_id').onRef('b.id', '=', 'h.building_id'),
    )
    .select(['h.id', 'h.building_id', 'b.unit_id'])
    .where('h.jurisdiction_id', '=', jurisdictionId)
    .orderBy('h.code')
    .execute();
  const where = (unitId: number) => {
    const gridIndex = territory.units.findIndex((u) => u.id === unitId);
    return { gridIndex, communityIndex: Math.floor(gridIndex / 2) };
  };
  const buildingIds = [...new Set(households.map((h) => h.building_id))];

  const residents: ResidentFixture[] = [];
  for (const [i, household] of households.entries()) {
    const gender = i % 2 === 0 ? 'male' : 'female';
    const name = randomName(random, gender);
    const phone = randomMobile(random, phones);
    const idNumber = idNumbers.next({ year: 1950 + i, month: 1 + (i % 12), day: 1 + i }, gender);
    const row = await db
      .insertInto('resident')
      .values({
        jurisdiction_id: jurisdictionId,
        household_id: household.id,
        name,
        gender,
        birth_year: 1950 + i,
        phone_enc: cipher.encrypt('phone', phone),
        phone_hash: cipher.hash('phone', phone),
        id_number_enc: cipher.encrypt('id_number', idNumber),
        id_number_hash: cipher.hash('id_number', idNumber),
        tags: i % 4 === 0 ? ['elderly'] : [],
        party_member: i % 4 === 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    residents.push({
      id: row.id,
      householdId: household.id,
      name,
      phone,
      idNumber,
      buildingId: household.building_id,
      departmentIndex: null,
      ...where(household.unit_id),
    });
  }

  const staff: PeopleFixtures['staff'] = [];
  const addStaff = async (
    kind: StaffKind,
    post: { placeId?: number; buildingId?: number; departmentId?: number },
    location: Omit<Located, 'id'>,
  ) => {
    const name = randomName(random, 'female');
    const phone = randomMobile(random, phones);
    const id = await insertStaff(db, jurisdictionId, { kind, name, phone, cipher, post });
    staff.push({ id, kind, name, ...location });
    return id;
  };
  const nowhere = { communityIndex: null, gridIndex: null, buildingId: null, departmentIndex: null };
  const workers: number[] = [];
  for (const [g, grid] of territory.grids.entries()) {
    const location = { ...nowhere, gridIndex: g, communityIndex: Math.floor(g / 2) };
    workers.push(await addStaff('community_worker', { placeId: grid.id }, location));
  }
  for (const [g, buildingId] of buildingIds.entries()) {
    const location = { ...nowhere, gridIndex: g, communityIndex: Math.floor(g / 2), buildingId };
    await addStaff('steward', { buildingId }, location);
  }
  for (const [c, community] of territory.communities.entries()) {
    await addStaff('community_secretary', { placeId: community.id }, { ...nowhere, communityIndex: c });
  }
  for (const [d, departmentId] of departmentIds.entries()) {
    await addStaff('department_staff', { departmentId }, { ...nowhere, departmentIndex: d });
  }
  await addStaff('city_leader', {}, nowhere);

  for (const [g, grid] of territory.grids.entries()) {
    const buildingId = buildingIds[g] as number;
    const inBuilding = residents.filter((r) => r.buildingId === buildingId);
    const [anchor, ...neighbours] = inBuilding;
    if (!anchor) continue;
    await db
      .insertInto('party_branch')
      .values({
        jurisdiction_id: jurisdictionId,
        grid_id: grid.id,
        name: `第${g + 1}网格党支部`,
        secretary_staff_member_id: workers[g] ?? null,
      })
      .execute();
    await db
      .insertInto('party_group')
      .values({
        jurisdiction_id: jurisdictionId,
        building_id: buildingId,
        name: `${g + 1}号楼党小组`,
        leader_resident_id: anchor.id,
        member_count: 3,
      })
      .execute();
    const { id: anchorId } = await db
      .insertInto('party_anchor_household')
      .values({
        jurisdiction_id: jurisdictionId,
        household_id: anchor.householdId,
        member_resident_id: anchor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('party_anchor_link')
      .values(
        neighbours.map((n) => ({
          jurisdiction_id: jurisdictionId,
          anchor_id: anchorId,
          household_id: n.householdId,
        })),
      )
      .execute();
  }

  return {
    territory,
    departmentIds,
    buildingIds,
    households: households.map((h) => ({
      id: h.id,
      buildingId: h.building_id,
      departmentIndex: null,
      residentIds: residents.filter((r) => r.householdId === h.id).map((r) => r.id),
      ...where(h.unit_id),
    })),
    residents,
    staff,
    secrets: [...residents.flatMap((r) => [r.phone, r.idNumber]), ...phones],
  };
}

async function insertStaff(
  db: Db,
  jurisdictionId: number,
  member: {
    kind: StaffKind;
    name: string;
    phone: string;
    cipher: PersonalDataCipher;
    post: { placeId?: number; buildingId?: number; departmentId?: number };
  },
): Promise<number> {
  const { id } = await db
    .insertInto('staff_member')
    .values({
      jurisdiction_id: jurisdictionId,
      name: member.name,
      kind: member.kind,
      phone_enc: member.cipher.encrypt('phone', member.phone),
      phone_hash: member.cipher.hash('phone', member.phone),
      party_member: member.kind === 'community_secretary',
      account_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('posting')
    .values({
      jurisdiction_id: jurisdictionId,
      staff_member_id: id,
      place_id: member.post.placeId ?? null,
      building_id: member.post.buildingId ?? null,
      department_id: member.post.departmentId ?? null,
      title: '测试岗位',
      starts_on: '2025-01-01',
    })
    .execute();
  return id;
}

/** Makes a resident the own record of an account (resident self-service). */
export async function linkResidentToAccount(
  database: Kysely<Database>,
  options: { jurisdictionId: number; residentId: number; accountId: number },
): Promise<void> {
  await withPeopleTables(database)
    .updateTable('resident')
    .set({ account_id: options.accountId })
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('id', '=', options.residentId)
    .execute();
}

/** Whether a scope covers a located fixture, from the fixture layout alone (not from the code under test). */
export function fixtureCovers(
  scope: {
    level: string;
    communityIndex?: number;
    gridIndex?: number;
    buildingId?: number;
    departmentIndex?: number;
  },
  item: Located,
): boolean {
  switch (scope.level) {
    case 'jurisdiction':
      return true;
    case 'subdistrict':
      return item.communityIndex !== null;
    case 'community':
      return item.communityIndex === scope.communityIndex;
    case 'grid':
      return item.gridIndex !== null && item.gridIndex === scope.gridIndex;
    case 'building':
      return item.buildingId !== null && item.buildingId === scope.buildingId;
    case 'department':
      return item.departmentIndex !== null && item.departmentIndex === scope.departmentIndex;
    default:
      return false;
  }
}
