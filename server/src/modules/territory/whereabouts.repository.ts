import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * Where a building or household lies (its unit's grid, community and subdistrict), and current
 * grids by id: read by other modules through index.ts instead of joining territory tables.
 */

export interface BuildingWhereabouts {
  buildingId: number;
  buildingName: string;
  gridId: number | null;
  communityId: number | null;
  subdistrictId: number | null;
}

function whereaboutsQuery(db: Kysely<Database>, jurisdictionId: number) {
  return db
    .selectFrom('territory_building as b')
    .innerJoin('territory_place as u', (join) =>
      join.onRef('u.jurisdiction_id', '=', 'b.jurisdiction_id').onRef('u.id', '=', 'b.unit_id'),
    )
    .select([
      'b.id as buildingId',
      'b.name as buildingName',
      'u.grid_id as gridId',
      'u.community_id as communityId',
      'u.subdistrict_id as subdistrictId',
    ])
    .where('b.jurisdiction_id', '=', jurisdictionId);
}

export async function findBuildingWhereabouts(
  db: Kysely<Database>,
  jurisdictionId: number,
  buildingId: number,
): Promise<BuildingWhereabouts | undefined> {
  return whereaboutsQuery(db, jurisdictionId).where('b.id', '=', buildingId).executeTakeFirst();
}

/** Where a household lies: its building and that building's places. */
export async function findHouseholdWhereabouts(
  db: Kysely<Database>,
  jurisdictionId: number,
  householdId: number,
): Promise<(BuildingWhereabouts & { doorNumber: string }) | undefined> {
  return whereaboutsQuery(db, jurisdictionId)
    .innerJoin('territory_household as h', (join) =>
      join.onRef('h.jurisdiction_id', '=', 'b.jurisdiction_id').onRef('h.building_id', '=', 'b.id'),
    )
    .select('h.door_number as doorNumber')
    .where('h.id', '=', householdId)
    .executeTakeFirst();
}

export interface GridRef {
  id: number;
  code: string;
  name: string;
  community_id: number | null;
  subdistrict_id: number | null;
}

/** A current grid of the jurisdiction. */
export async function findCurrentGrid(
  db: Kysely<Database>,
  jurisdictionId: number,
  gridId: number,
): Promise<GridRef | undefined> {
  return db
    .selectFrom('territory_place')
    .select(['id', 'code', 'name', 'community_id', 'subdistrict_id'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', gridId)
    .where('level', '=', 'grid')
    .where('valid_to', 'is', null)
    .executeTakeFirst();
}

/** A grid by id alone, current or not (ids are unique across jurisdictions): the public notice board. */
export async function findGridByIdAnywhere(
  db: Kysely<Database>,
  gridId: number,
): Promise<{ id: number; name: string } | undefined> {
  return db
    .selectFrom('territory_place')
    .select(['id', 'name'])
    .where('id', '=', gridId)
    .where('level', '=', 'grid')
    .executeTakeFirst();
}

/** Names of places by id (any level), for labels. */
export async function findPlaceNames(
  db: Kysely<Database>,
  jurisdictionId: number,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('territory_place')
    .select(['id', 'name'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
