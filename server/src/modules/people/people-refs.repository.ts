import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * The few facts about people that other modules need (names for labels, a resident's household, a
 * staff member's current post), read through index.ts instead of joining people's tables.
 */

export interface ResidentRef {
  id: number;
  name: string;
  householdId: number;
  accountId: number | null;
}

const residentRefColumns = ['id', 'name', 'household_id as householdId', 'account_id as accountId'] as const;

/** A resident of the jurisdiction by id. */
export async function findResidentRef(
  db: Kysely<Database>,
  jurisdictionId: number,
  residentId: number,
): Promise<ResidentRef | undefined> {
  return db
    .selectFrom('resident')
    .select(residentRefColumns)
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', residentId)
    .executeTakeFirst();
}

/** The resident record linked to an account (a resident's own record), if any. */
export async function findResidentRefOfAccount(
  db: Kysely<Database>,
  jurisdictionId: number,
  accountId: number,
): Promise<ResidentRef | undefined> {
  return db
    .selectFrom('resident')
    .select(residentRefColumns)
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('account_id', '=', accountId)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** Residents by id: name and linked account, keyed by id (missing ids are left out). */
export async function findResidentRefs(
  db: Kysely<Database>,
  jurisdictionId: number,
  ids: readonly number[],
): Promise<Map<number, ResidentRef>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('resident')
    .select(residentRefColumns)
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export interface StaffPost {
  staffMemberId: number;
  name: string;
  kind: string;
  buildingId: number | null;
  placeId: number | null;
}

/** The staff member an account signs in as, with their current post (none when not posted). */
export async function findStaffPostOfAccount(
  db: Kysely<Database>,
  jurisdictionId: number,
  accountId: number,
): Promise<StaffPost | undefined> {
  return db
    .selectFrom('staff_member as s')
    .leftJoin('posting as p', (join) =>
      join
        .onRef('p.jurisdiction_id', '=', 's.jurisdiction_id')
        .onRef('p.staff_member_id', '=', 's.id')
        .on('p.ends_on', 'is', null),
    )
    .select([
      's.id as staffMemberId',
      's.name',
      's.kind',
      'p.building_id as buildingId',
      'p.place_id as placeId',
    ])
    .where('s.jurisdiction_id', '=', jurisdictionId)
    .where('s.account_id', '=', accountId)
    .executeTakeFirst();
}

/** How many stewards (善治红管家) currently serve a building. */
export async function countStewardsOfBuilding(
  db: Kysely<Database>,
  jurisdictionId: number,
  buildingId: number,
): Promise<number> {
  const row = await db
    .selectFrom('posting as p')
    .innerJoin('staff_member as s', (join) =>
      join.onRef('s.jurisdiction_id', '=', 'p.jurisdiction_id').onRef('s.id', '=', 'p.staff_member_id'),
    )
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('p.jurisdiction_id', '=', jurisdictionId)
    .where('p.building_id', '=', buildingId)
    .where('p.ends_on', 'is', null)
    .where('s.kind', '=', 'steward')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Stewards with their current building (the demo seeds their services). */
export async function findStewardPosts(
  db: Kysely<Database>,
  jurisdictionId: number,
): Promise<{ staffMemberId: number; name: string; buildingId: number }[]> {
  const rows = await db
    .selectFrom('staff_member as s')
    .innerJoin('posting as p', (join) =>
      join
        .onRef('p.jurisdiction_id', '=', 's.jurisdiction_id')
        .onRef('p.staff_member_id', '=', 's.id')
        .on('p.ends_on', 'is', null),
    )
    .select(['s.id as staffMemberId', 's.name', 'p.building_id as buildingId'])
    .where('s.jurisdiction_id', '=', jurisdictionId)
    .where('s.kind', '=', 'steward')
    .where('p.building_id', 'is not', null)
    .orderBy('s.id')
    .execute();
  return rows.flatMap((r) => (r.buildingId === null ? [] : [{ ...r, buildingId: r.buildingId }]));
}
