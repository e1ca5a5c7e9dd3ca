import { sql } from 'kysely';
import type { Db } from './people.table.ts';
import { type Viewer, withinScope } from './people-scope.ts';

/** Queries of the party structure: grid branches, building groups, anchor households and their links. */

export async function findGrid(db: Db, jurisdictionId: number, gridId: number) {
  return db
    .selectFrom('territory_place')
    .select(['id', 'level', 'code', 'name', 'community_id', 'subdistrict_id'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', gridId)
    .where('level', '=', 'grid')
    .executeTakeFirst();
}

export async function findBranchOfGrid(db: Db, jurisdictionId: number, gridId: number) {
  return db
    .selectFrom('party_branch as pb')
    .leftJoin('staff_member as s', (join) =>
      join
        .onRef('s.jurisdiction_id', '=', 'pb.jurisdiction_id')
        .onRef('s.id', '=', 'pb.secretary_staff_member_id'),
    )
    .select(['pb.id', 'pb.name', 's.name as secretary'])
    .where('pb.jurisdiction_id', '=', jurisdictionId)
    .where('pb.grid_id', '=', gridId)
    .executeTakeFirst();
}

export async function findGroupsOfGrid(db: Db, jurisdictionId: number, gridId: number) {
  return db
    .selectFrom('party_group as pg')
    .innerJoin('territory_building as b', (join) =>
      join.onRef('b.jurisdiction_id', '=', 'pg.jurisdiction_id').onRef('b.id', '=', 'pg.building_id'),
    )
    .innerJoin('territory_place as u', (join) =>
      join.onRef('u.jurisdiction_id', '=', 'b.jurisdiction_id').onRef('u.id', '=', 'b.unit_id'),
    )
    .leftJoin('resident as r', (join) =>
      join.onRef('r.jurisdiction_id', '=', 'pg.jurisdiction_id').onRef('r.id', '=', 'pg.leader_resident_id'),
    )
    .select([
      'pg.id',
      'pg.name',
      'b.id as building_id',
      'b.name as building_name',
      'r.name as leader',
      'pg.member_count',
    ])
    .where('pg.jurisdiction_id', '=', jurisdictionId)
    .where('u.grid_id', '=', gridId)
    .orderBy('b.code')
    .execute();
}

export async function findAnchorsOfGrid(db: Db, jurisdictionId: number, gridId: number) {
  return db
    .selectFrom('party_anchor_household as a')
    .innerJoin('territory_household as h', (join) =>
      join.onRef('h.jurisdiction_id', '=', 'a.jurisdiction_id').onRef('h.id', '=', 'a.household_id'),
    )
    .innerJoin('territory_building as b', (join) =>
      join.onRef('b.jurisdiction_id', '=', 'h.jurisdiction_id').onRef('b.id', '=', 'h.building_id'),
    )
    .innerJoin('territory_place as u', (join) =>
      join.onRef('u.jurisdiction_id', '=', 'b.jurisdiction_id').onRef('u.id', '=', 'b.unit_id'),
    )
    .innerJoin('resident as r', (join) =>
      join.onRef('r.jurisdiction_id', '=', 'a.jurisdiction_id').onRef('r.id', '=', 'a.member_resident_id'),
    )
    .select(['a.id', 'h.id as household_id', 'h.door_number', 'b.name as building', 'r.name as member'])
    .where('a.jurisdiction_id', '=', jurisdictionId)
    .where('u.grid_id', '=', gridId)
    .orderBy('h.code')
    .execute();
}

export async function findAnchorLinks(db: Db, jurisdictionId: number, anchorIds: number[]) {
  if (anchorIds.length === 0) return [];
  return db
    .selectFrom('party_anchor_link as l')
    .innerJoin('territory_household as h', (join) =>
      join.onRef('h.jurisdiction_id', '=', 'l.jurisdiction_id').onRef('h.id', '=', 'l.household_id'),
    )
    .innerJoin('territory_building as b', (join) =>
      join.onRef('b.jurisdiction_id', '=', 'h.jurisdiction_id').onRef('b.id', '=', 'h.building_id'),
    )
    .select(['l.anchor_id', 'h.id', 'h.door_number', 'b.name as building'])
    .where('l.jurisdiction_id', '=', jurisdictionId)
    .where('l.anchor_id', 'in', anchorIds)
    .orderBy('h.code')
    .execute();
}

/** Building party groups and anchor households in the viewer's scope. */
export async function countPartyUnits(
  db: Db,
  viewer: Viewer,
): Promise<{ buildingPartyGroups: number; anchorHouseholds: number }> {
  const scope = withinScope(viewer, { place: 'u', building: 'b.id' });
  const result = await sql<{ groups: number; anchors: number }>`
    select (select count(*) from party_group pg
              join territory_building b on b.jurisdiction_id = pg.jurisdiction_id and b.id = pg.building_id
              join territory_place u on u.jurisdiction_id = b.jurisdiction_id and u.id = b.unit_id
            where pg.jurisdiction_id = ${viewer.jurisdictionId} and ${scope}) as groups,
           (select count(*) from party_anchor_household a
              join territory_household h on h.jurisdiction_id = a.jurisdiction_id and h.id = a.household_id
              join territory_building b on b.jurisdiction_id = h.jurisdiction_id and b.id = h.building_id
              join territory_place u on u.jurisdiction_id = b.jurisdiction_id and u.id = b.unit_id
            where a.jurisdiction_id = ${viewer.jurisdictionId} and ${scope}) as anchors`.execute(db);
  const row = result.rows[0];
  return { buildingPartyGroups: Number(row?.groups ?? 0), anchorHouseholds: Number(row?.anchors ?? 0) };
}
