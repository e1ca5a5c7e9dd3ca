import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { type Actor, jsonb, recordAudit } from '../../../platform/audit.ts';
import type { PersonalDataCipher } from '../../../platform/personal-data.ts';
import { type Db, type PeopleTables, withPeopleTables } from '../people.table.ts';
import {
  type DemoPeople,
  generateDemoPeople,
  type PeopleDemoAnchors,
  type PeopleTerritory,
} from './generate-people.ts';

/**
 * Writes the demo's people into a jurisdiction that has its territory: staff and postings, the
 * residents of one community in full (润新社区, the anchors' community) and of every 20th unit
 * elsewhere, and the party structure — in one transaction, set-based. Phone and ID numbers are
 * encrypted here, in JS, before they reach the database.
 */

export const PEOPLE_DEMO_SEED = 370681;
/** Outside the fully recorded community, the residents of one unit in this many. */
const SAMPLE_EVERY_NTH_UNIT = 20;
const CHUNK_ROWS = 4000;

export interface SeedPeopleOptions {
  jurisdictionId: number;
  cipher: PersonalDataCipher;
  now: Date;
  anchors: PeopleDemoAnchors;
  seed?: number;
  actor?: Actor;
}

export interface SeededPeople {
  staff: number;
  residents: number;
  partyGroups: number;
  anchorHouseholds: number;
}

export async function isPeopleEmpty(db: Kysely<Database>, jurisdictionId: number): Promise<boolean> {
  const row = await withPeopleTables(db)
    .selectFrom('staff_member')
    .select('id')
    .where('jurisdiction_id', '=', jurisdictionId)
    .limit(1)
    .executeTakeFirst();
  return row === undefined;
}

export async function seedDemoPeople(
  db: Kysely<Database>,
  options: SeedPeopleOptions,
): Promise<SeededPeople> {
  return withPeopleTables(db)
    .transaction()
    .execute((trx) => writeDemoPeople(trx, options));
}

async function writeDemoPeople(trx: Db, options: SeedPeopleOptions): Promise<SeededPeople> {
  const territory = await readPeopleTerritory(trx, options.jurisdictionId, options.anchors.communityId);
  const people = generateDemoPeople(territory, options.anchors, options.seed ?? PEOPLE_DEMO_SEED);
  const staffIds = await insertDemoStaff(trx, options, people);
  const residentIds = await insertDemoResidents(trx, options, people);
  await insertDemoParty(trx, options, people, staffIds, residentIds);
  const seeded = {
    staff: staffIds.length,
    residents: residentIds.length,
    partyGroups: people.party.groups.length,
    anchorHouseholds: people.party.anchors.length,
  };
  await recordAudit(trx, options.actor ?? { id: 'seed' }, {
    jurisdictionId: options.jurisdictionId,
    action: 'people.seed_demo',
    subjectType: 'jurisdiction',
    subjectId: options.jurisdictionId,
    details: seeded,
  });
  return seeded;
}

/** The current territory of the jurisdiction, and the households to fill with residents. */
async function readPeopleTerritory(trx: Db, jurisdictionId: number, fullCommunityId: number) {
  const places = await trx
    .selectFrom('territory_place')
    .select(['id', 'level', 'name', 'code', 'community_id', 'grid_id'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('valid_to', 'is', null)
    .orderBy('code')
    .execute();
  const units = places.filter((p) => p.level === 'unit');
  const unitsPerGrid = new Map<number, number>();
  for (const unit of units) {
    if (unit.grid_id !== null) unitsPerGrid.set(unit.grid_id, (unitsPerGrid.get(unit.grid_id) ?? 0) + 1);
  }
  const sampled = units
    .filter((unit, index) => unit.community_id === fullCommunityId || index % SAMPLE_EVERY_NTH_UNIT === 0)
    .map((unit) => unit.id);
  const buildings = await trx
    .selectFrom('territory_building as b')
    .innerJoin('territory_place as u', (join) =>
      join.onRef('u.jurisdiction_id', '=', 'b.jurisdiction_id').onRef('u.id', '=', 'b.unit_id'),
    )
    .select(['b.id', 'b.name', 'b.unit_id', 'u.grid_id', 'u.community_id'])
    .where('b.jurisdiction_id', '=', jurisdictionId)
    .orderBy('b.code')
    .execute();
  const households =
    sampled.length === 0
      ? []
      : await trx
          .selectFrom('territory_household as h')
          .innerJoin('territory_building as b', (join) =>
            join.onRef('b.jurisdiction_id', '=', 'h.jurisdiction_id').onRef('b.id', '=', 'h.building_id'),
          )
          .innerJoin('territory_place as u', (join) =>
            join.onRef('u.jurisdiction_id', '=', 'b.jurisdiction_id').onRef('u.id', '=', 'b.unit_id'),
          )
          .select(['h.id', 'h.building_id', 'u.community_id'])
          .where('h.jurisdiction_id', '=', jurisdictionId)
          .where('b.unit_id', 'in', sampled)
          .orderBy('h.code')
          .execute();
  const departments = await trx
    .selectFrom('department')
    .select('id')
    .where('jurisdiction_id', '=', jurisdictionId)
    .orderBy('id')
    .execute();
  return {
    subdistricts: places.filter((p) => p.level === 'subdistrict').map((p) => ({ id: p.id })),
    communities: places.filter((p) => p.level === 'community').map((p) => ({ id: p.id, name: p.name })),
    grids: places
      .filter((p) => p.level === 'grid')
      .map((p) => ({
        id: p.id,
        communityId: p.community_id ?? 0,
        name: p.name,
        units: unitsPerGrid.get(p.id) ?? 0,
      })),
    buildings: buildings.map((b) => ({
      id: b.id,
      gridId: b.grid_id ?? 0,
      communityId: b.community_id ?? 0,
      name: b.name,
    })),
    departments,
    households: households.map((h) => ({
      id: h.id,
      buildingId: h.building_id,
      full: h.community_id === fullCommunityId,
    })),
  } satisfies PeopleTerritory;
}

/** Ids taken from a table's identity sequence, so that rows inserted in bulk can refer to each other. */
async function allocateIds(trx: Db, table: keyof PeopleTables, count: number): Promise<number[]> {
  if (count === 0) return [];
  const result = await sql<{ id: number }>`
    select nextval(pg_get_serial_sequence(${table}, 'id')) as id from generate_series(1, ${count})`.execute(
    trx,
  );
  return result.rows.map((row) => Number(row.id));
}

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK_ROWS)
    await write(rows.slice(start, start + CHUNK_ROWS));
}

async function insertDemoStaff(trx: Db, options: SeedPeopleOptions, people: DemoPeople): Promise<number[]> {
  const { cipher, jurisdictionId } = options;
  const ids = await allocateIds(trx, 'staff_member', people.staff.length);
  const rows = people.staff.map((member, i) => ({
    id: ids[i],
    name: member.name,
    kind: member.kind,
    phone_enc: cipher.encrypt('phone', member.phone),
    phone_hash: cipher.hash('phone', member.phone),
    party_member: member.partyMember,
    place_id: member.post.placeId,
    building_id: member.post.buildingId,
    department_id: member.post.departmentId,
    title: member.post.title,
    starts_on: member.post.startsOn,
  }));
  await inChunks(rows, async (chunk) => {
    await sql`
      insert into staff_member (jurisdiction_id, id, name, kind, phone_enc, phone_hash, party_member,
                                created_at, updated_at)
      overriding system value
      select ${jurisdictionId}, s.id, s.name, s.kind, s.phone_enc, s.phone_hash, s.party_member, ${options.now}, ${options.now}
      from jsonb_to_recordset(${jsonb(chunk)}) as s(id bigint, name text, kind text, phone_enc text,
                                                     phone_hash text, party_member boolean)`.execute(trx);
    await sql`
      insert into posting (jurisdiction_id, staff_member_id, place_id, building_id, department_id, title, starts_on)
      select ${jurisdictionId}, p.id, p.place_id, p.building_id, p.department_id, p.title, p.starts_on
      from jsonb_to_recordset(${jsonb(chunk)}) as p(id bigint, place_id bigint, building_id bigint,
                                                     department_id bigint, title text, starts_on date)`.execute(
      trx,
    );
  });
  return ids;
}

async function insertDemoResidents(
  trx: Db,
  options: SeedPeopleOptions,
  people: DemoPeople,
): Promise<number[]> {
  const { cipher, jurisdictionId } = options;
  const ids = await allocateIds(trx, 'resident', people.residents.length);
  const rows = people.residents.map((resident, i) => ({
    id: ids[i],
    household_id: resident.householdId,
    name: resident.name,
    gender: resident.gender,
    birth_year: resident.birthYear,
    phone_enc: resident.phone === null ? null : cipher.encrypt('phone', resident.phone),
    phone_hash: resident.phone === null ? null : cipher.hash('phone', resident.phone),
    id_number_enc: cipher.encrypt('id_number', resident.idNumber),
    id_number_hash: cipher.hash('id_number', resident.idNumber),
    tags: resident.tags,
    party_member: resident.partyMember,
  }));
  await inChunks(rows, (chunk) =>
    sql`
      insert into resident (jurisdiction_id, id, household_id, name, gender, birth_year, phone_enc, phone_hash,
                            id_number_enc, id_number_hash, tags, party_member, created_at, updated_at)
      overriding system value
      select ${jurisdictionId}, r.id, r.household_id, r.name, r.gender, r.birth_year, r.phone_enc, r.phone_hash,
             r.id_number_enc, r.id_number_hash, r.tags, r.party_member, ${options.now}, ${options.now}
      from jsonb_to_recordset(${jsonb(chunk)}) as r(id bigint, household_id bigint, name text, gender text,
             birth_year int, phone_enc text, phone_hash text, id_number_enc text, id_number_hash text,
             tags text[], party_member boolean)`.execute(trx),
  );
  return ids;
}

async function insertDemoParty(
  trx: Db,
  options: SeedPeopleOptions,
  people: DemoPeople,
  staffIds: number[],
  residentIds: number[],
): Promise<void> {
  const { jurisdictionId } = options;
  const { branches, groups, anchors } = people.party;
  const idOf = (ids: number[], index: number | null) => (index === null ? null : (ids[index] ?? null));
  await inChunks(branches, (chunk) =>
    sql`
      insert into party_branch (jurisdiction_id, grid_id, name, secretary_staff_member_id)
      select ${jurisdictionId}, b.grid_id, b.name, b.secretary
      from jsonb_to_recordset(${jsonb(
        chunk.map((b) => ({ grid_id: b.gridId, name: b.name, secretary: idOf(staffIds, b.secretary) })),
      )}) as b(grid_id bigint, name text, secretary bigint)`.execute(trx),
  );
  await inChunks(groups, (chunk) =>
    sql`
      insert into party_group (jurisdiction_id, building_id, name, leader_resident_id, member_count)
      select ${jurisdictionId}, g.building_id, g.name, g.leader, g.member_count
      from jsonb_to_recordset(${jsonb(
        chunk.map((g) => ({
          building_id: g.buildingId,
          name: g.name,
          leader: idOf(residentIds, g.leader),
          member_count: g.memberCount,
        })),
      )}) as g(building_id bigint, name text, leader bigint, member_count int)`.execute(trx),
  );
  const anchorIds = await allocateIds(trx, 'party_anchor_household', anchors.length);
  const anchorRows = anchors.map((a, i) => ({
    id: anchorIds[i],
    household_id: a.householdId,
    member: idOf(residentIds, a.member),
    linked: a.linked,
  }));
  await inChunks(anchorRows, async (chunk) => {
    await sql`
      insert into party_anchor_household (jurisdiction_id, id, household_id, member_resident_id)
      overriding system value
      select ${jurisdictionId}, a.id, a.household_id, a.member
      from jsonb_to_recordset(${jsonb(chunk)}) as a(id bigint, household_id bigint, member bigint)`.execute(
      trx,
    );
    await sql`
      insert into party_anchor_link (jurisdiction_id, anchor_id, household_id)
      select ${jurisdictionId}, a.id, l.household_id::bigint
      from jsonb_to_recordset(${jsonb(chunk)}) as a(id bigint, linked jsonb)
      cross join lateral jsonb_array_elements_text(a.linked) as l(household_id)`.execute(trx);
  });
}
