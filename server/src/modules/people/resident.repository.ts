import { type Selectable, sql } from 'kysely';
import type { ResidentTag } from '#contracts';
import type { Db, ResidentTable } from './people.table.ts';
import { type Viewer, withinScope } from './people-scope.ts';

/** Queries of residents: plain functions taking `db` or a transaction first. */

export type ResidentRow = Selectable<ResidentTable>;

export interface ResidentFilter {
  /** Residents of units at or below this place (any level). */
  placeId?: number | undefined;
  householdId?: number | undefined;
  /** Part of the name. */
  name?: string | undefined;
  /** Keyed hashes of an exact phone or ID number. */
  phoneHash?: string | undefined;
  idNumberHash?: string | undefined;
  tag?: ResidentTag | undefined;
}

/** Residents joined to the unit and building they live in, kept to the viewer's scope. */
function residentsVisibleTo(db: Db, viewer: Viewer) {
  return db
    .selectFrom('resident as r')
    .innerJoin('territory_household as h', (join) =>
      join.onRef('h.jurisdiction_id', '=', 'r.jurisdiction_id').onRef('h.id', '=', 'r.household_id'),
    )
    .innerJoin('territory_building as b', (join) =>
      join.onRef('b.jurisdiction_id', '=', 'h.jurisdiction_id').onRef('b.id', '=', 'h.building_id'),
    )
    .innerJoin('territory_place as u', (join) =>
      join.onRef('u.jurisdiction_id', '=', 'b.jurisdiction_id').onRef('u.id', '=', 'b.unit_id'),
    )
    .where('r.jurisdiction_id', '=', viewer.jurisdictionId)
    .where(withinScope(viewer, { place: 'u', building: 'b.id', ownerAccount: 'r.account_id' }));
}

/** A page of the residents the viewer may see, and how many match in all. */
export async function findResidentPage(
  db: Db,
  options: { viewer: Viewer; filter: ResidentFilter; limit: number; offset: number },
): Promise<{ total: number; rows: ResidentRow[] }> {
  const { filter } = options;
  let query = residentsVisibleTo(db, options.viewer);
  if (filter.placeId !== undefined) {
    const placeId = filter.placeId;
    query = query.where((eb) =>
      eb.or([
        eb('u.id', '=', placeId),
        eb('u.grid_id', '=', placeId),
        eb('u.community_id', '=', placeId),
        eb('u.subdistrict_id', '=', placeId),
      ]),
    );
  }
  if (filter.householdId !== undefined) query = query.where('r.household_id', '=', filter.householdId);
  if (filter.name) query = query.where('r.name', 'like', `%${escapeLike(filter.name)}%`);
  if (filter.phoneHash) query = query.where('r.phone_hash', '=', filter.phoneHash);
  if (filter.idNumberHash) query = query.where('r.id_number_hash', '=', filter.idNumberHash);
  if (filter.tag) query = query.where(sql<boolean>`r.tags @> array[${filter.tag}]::text[]`);
  const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await query
    .selectAll('r')
    .orderBy('r.id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return { total: Number(count?.n ?? 0), rows };
}

export async function findResident(
  db: Db,
  jurisdictionId: number,
  id: number,
): Promise<ResidentRow | undefined> {
  return db
    .selectFrom('resident')
    .selectAll()
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findResidentsOfHousehold(
  db: Db,
  jurisdictionId: number,
  householdId: number,
): Promise<ResidentRow[]> {
  return db
    .selectFrom('resident')
    .selectAll()
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('household_id', '=', householdId)
    .orderBy('id')
    .execute();
}

export async function findResidentByAccount(
  db: Db,
  jurisdictionId: number,
  accountId: number,
): Promise<ResidentRow | undefined> {
  return db
    .selectFrom('resident')
    .selectAll()
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/**
 * The household (and its grid) of the resident an account belongs to: what a resident's household
 * vote and grid notice board hang on.
 */
export async function findHouseholdOfAccount(
  db: Db,
  jurisdictionId: number,
  accountId: number,
): Promise<{ householdId: number; gridId: number } | undefined> {
  const row = await db
    .selectFrom('resident as r')
    .innerJoin('territory_household as h', (join) =>
      join.onRef('h.jurisdiction_id', '=', 'r.jurisdiction_id').onRef('h.id', '=', 'r.household_id'),
    )
    .innerJoin('territory_building as b', (join) =>
      join.onRef('b.jurisdiction_id', '=', 'h.jurisdiction_id').onRef('b.id', '=', 'h.building_id'),
    )
    .innerJoin('territory_place as u', (join) =>
      join.onRef('u.jurisdiction_id', '=', 'b.jurisdiction_id').onRef('u.id', '=', 'b.unit_id'),
    )
    .select(['r.household_id', 'u.grid_id'])
    .where('r.jurisdiction_id', '=', jurisdictionId)
    .where('r.account_id', '=', accountId)
    .orderBy('r.id')
    .limit(1)
    .executeTakeFirst();
  return row && row.grid_id !== null ? { householdId: row.household_id, gridId: row.grid_id } : undefined;
}

export interface NewResident {
  jurisdictionId: number;
  householdId: number;
  name: string;
  gender: 'male' | 'female' | null;
  birthYear: number | null;
  phoneEnc: string | null;
  phoneHash: string | null;
  idNumberEnc: string | null;
  idNumberHash: string | null;
  tags: ResidentTag[];
  partyMember: boolean;
  now: Date;
}

export async function insertResident(db: Db, resident: NewResident): Promise<ResidentRow> {
  return db
    .insertInto('resident')
    .values({
      jurisdiction_id: resident.jurisdictionId,
      household_id: resident.householdId,
      name: resident.name,
      gender: resident.gender,
      birth_year: resident.birthYear,
      phone_enc: resident.phoneEnc,
      phone_hash: resident.phoneHash,
      id_number_enc: resident.idNumberEnc,
      id_number_hash: resident.idNumberHash,
      tags: resident.tags,
      party_member: resident.partyMember,
      account_id: null,
      created_at: resident.now,
      updated_at: resident.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Residents and households in the viewer's scope (households counted whether or not anyone is recorded). */
export async function countResidentsAndHouseholds(
  db: Db,
  viewer: Viewer,
): Promise<{ residents: number; households: number }> {
  const scope = withinScope(viewer, { place: 'u', building: 'b.id' });
  const result = await sql<{ residents: number; households: number }>`
    select (select count(*) from resident r
              join territory_household h on h.jurisdiction_id = r.jurisdiction_id and h.id = r.household_id
              join territory_building b on b.jurisdiction_id = h.jurisdiction_id and b.id = h.building_id
              join territory_place u on u.jurisdiction_id = b.jurisdiction_id and u.id = b.unit_id
            where r.jurisdiction_id = ${viewer.jurisdictionId} and ${scope}) as residents,
           (select count(*) from territory_household h
              join territory_building b on b.jurisdiction_id = h.jurisdiction_id and b.id = h.building_id
              join territory_place u on u.jurisdiction_id = b.jurisdiction_id and u.id = b.unit_id
            where h.jurisdiction_id = ${viewer.jurisdictionId} and ${scope}) as households`.execute(db);
  const row = result.rows[0];
  return { residents: Number(row?.residents ?? 0), households: Number(row?.households ?? 0) };
}

/** Each time a resident's personal data was unmasked, oldest first (from the audit log). */
export async function findUnmaskings(
  db: Db,
  jurisdictionId: number,
  residentId: number,
): Promise<{ at: Date; actor: string; role: string | null; reason: string }[]> {
  return db
    .selectFrom('audit_event')
    .select(['at', 'actor', 'role', sql<string>`coalesce(details->>'reason', '')`.as('reason')])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('action', '=', 'people.unmask_resident')
    .where('subject_type', '=', 'resident')
    .where('subject_id', '=', String(residentId))
    .where('result', '=', 'ok')
    .orderBy('id')
    .execute();
}

/** Text as a LIKE pattern that matches it literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
