import type { Db } from './people.table.ts';

/**
 * Households as the people module reads them (the territory owns the table): each with its
 * building, unit, grid and community, which is where access checks place it.
 */

export interface HouseholdRow {
  id: number;
  code: string;
  door_number: string;
  building_id: number;
  building_name: string;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  grid_id: number;
  grid_code: string;
  grid_name: string;
  community_id: number;
  community_code: string;
  community_name: string;
  subdistrict_id: number | null;
}

/** Households by id, with where they are; ids that do not exist are left out. */
export async function findHouseholds(db: Db, jurisdictionId: number, ids: number[]): Promise<HouseholdRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('territory_household as h')
    .innerJoin('territory_building as b', (join) =>
      join.onRef('b.jurisdiction_id', '=', 'h.jurisdiction_id').onRef('b.id', '=', 'h.building_id'),
    )
    .innerJoin('territory_place as u', (join) =>
      join.onRef('u.jurisdiction_id', '=', 'b.jurisdiction_id').onRef('u.id', '=', 'b.unit_id'),
    )
    .innerJoin('territory_place as g', (join) =>
      join.onRef('g.jurisdiction_id', '=', 'u.jurisdiction_id').onRef('g.id', '=', 'u.grid_id'),
    )
    .innerJoin('territory_place as c', (join) =>
      join.onRef('c.jurisdiction_id', '=', 'u.jurisdiction_id').onRef('c.id', '=', 'u.community_id'),
    )
    .select([
      'h.id',
      'h.code',
      'h.door_number',
      'b.id as building_id',
      'b.name as building_name',
      'u.id as unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
      'g.id as grid_id',
      'g.code as grid_code',
      'g.name as grid_name',
      'c.id as community_id',
      'c.code as community_code',
      'c.name as community_name',
      'u.subdistrict_id',
    ])
    .where('h.jurisdiction_id', '=', jurisdictionId)
    .where('h.id', 'in', ids)
    .execute();
}

export async function findHousehold(
  db: Db,
  jurisdictionId: number,
  id: number,
): Promise<HouseholdRow | undefined> {
  return (await findHouseholds(db, jurisdictionId, [id]))[0];
}

/** Where a household is, as `authorize` compares it with a scope. */
export function locationOfHousehold(household: HouseholdRow): { placeChain: number[]; buildingId: number } {
  return {
    placeChain: [
      household.unit_id,
      household.grid_id,
      household.community_id,
      household.subdistrict_id,
    ].filter((id): id is number => id !== null),
    buildingId: household.building_id,
  };
}
