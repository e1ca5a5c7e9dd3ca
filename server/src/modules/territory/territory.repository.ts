import { type Kysely, type Selectable, sql } from 'kysely';
import type { AreaGeometry, CommunityKind, PlaceLevel } from '#contracts';
import type { Database } from '../../db/schema.ts';
import { jsonb } from '../../platform/audit.ts';
import { areaM2, bboxOf } from './geometry.ts';
import type { TerritoryPlaceTable } from './territory.table.ts';

/** Queries of the territory tables: plain functions taking `db` or a transaction first. */

export type Db = Kysely<Database>;
export type PlaceRow = Selectable<TerritoryPlaceTable>;
export type PlaceRowLite = Omit<PlaceRow, 'geometry'>;

const placeColumnsWithoutGeometry = [
  'jurisdiction_id',
  'id',
  'level',
  'parent_id',
  'subdistrict_id',
  'community_id',
  'grid_id',
  'code',
  'name',
  'community_kind',
  'area_m2',
  'min_lng',
  'min_lat',
  'max_lng',
  'max_lat',
  'valid_from',
  'valid_to',
  'updated_at',
] as const;

// ---- jurisdictions --------------------------------------------------------------------------

export async function insertJurisdiction(
  db: Db,
  values: { code: string; name: string; geometry: AreaGeometry },
) {
  return db
    .insertInto('jurisdiction')
    .values({ code: values.code, name: values.name, geometry: jsonb(values.geometry) })
    .returning(['id', 'code', 'name'])
    .executeTakeFirstOrThrow();
}

export async function findJurisdiction(db: Db, by: { code: string } | { id: number }) {
  return db
    .selectFrom('jurisdiction')
    .selectAll()
    .$if('code' in by, (q) => q.where('code', '=', (by as { code: string }).code))
    .$if('id' in by, (q) => q.where('id', '=', (by as { id: number }).id))
    .executeTakeFirst();
}

export async function findFirstJurisdiction(db: Db) {
  return db.selectFrom('jurisdiction').selectAll().orderBy('id').limit(1).executeTakeFirst();
}

export async function readGeometryVersion(db: Db, jurisdictionId: number): Promise<number> {
  const row = await db
    .selectFrom('jurisdiction')
    .select('geometry_version')
    .where('id', '=', jurisdictionId)
    .executeTakeFirst();
  return row?.geometry_version ?? 0;
}

/** Marks the jurisdiction's geometry as changed; app servers rebuild their point index when they see it. */
export async function bumpGeometryVersion(db: Db, jurisdictionId: number): Promise<void> {
  await db
    .updateTable('jurisdiction')
    .set({ geometry_version: sql`geometry_version + 1` })
    .where('id', '=', jurisdictionId)
    .execute();
}

// ---- places ---------------------------------------------------------------------------------

export interface NewPlace {
  jurisdictionId: number;
  level: PlaceLevel;
  parent: Pick<PlaceRowLite, 'id' | 'level' | 'subdistrict_id' | 'community_id'> | null;
  code: string;
  name: string;
  communityKind?: CommunityKind | null;
  geometry: AreaGeometry;
  validFrom?: Date;
}

function placeInsertValues(place: NewPlace) {
  const box = bboxOf(place.geometry);
  const parent = place.parent;
  const ancestors = {
    subdistrict_id: parent ? (parent.level === 'subdistrict' ? parent.id : parent.subdistrict_id) : null,
    community_id:
      parent?.level === 'community' ? parent.id : parent?.level === 'grid' ? parent.community_id : null,
    grid_id: parent?.level === 'grid' ? parent.id : null,
  };
  return {
    jurisdiction_id: place.jurisdictionId,
    level: place.level,
    parent_id: parent?.id ?? null,
    ...ancestors,
    code: place.code,
    name: place.name,
    community_kind: place.level === 'community' ? (place.communityKind ?? 'legacy') : null,
    geometry: jsonb(place.geometry),
    area_m2: areaM2(place.geometry),
    min_lng: box.minLng,
    min_lat: box.minLat,
    max_lng: box.maxLng,
    max_lat: box.maxLat,
    ...(place.validFrom ? { valid_from: place.validFrom } : {}),
  };
}

/** Inserts places in one statement per chunk; returns their rows (without geometry) in input order. */
export async function insertPlaces(db: Db, places: NewPlace[]): Promise<PlaceRowLite[]> {
  const rows: PlaceRowLite[] = [];
  for (let start = 0; start < places.length; start += 500) {
    const chunk = places.slice(start, start + 500);
    const inserted = await db
      .insertInto('territory_place')
      .values(chunk.map(placeInsertValues))
      .returning(placeColumnsWithoutGeometry)
      .execute();
    const byCode = new Map(inserted.map((row) => [row.code, row]));
    for (const place of chunk) rows.push(byCode.get(place.code) as PlaceRowLite);
  }
  return rows;
}

export async function updatePlaceShape(
  db: Db,
  jurisdictionId: number,
  id: number,
  values: { name: string; geometry: AreaGeometry },
): Promise<void> {
  const box = bboxOf(values.geometry);
  await db
    .updateTable('territory_place')
    .set({
      name: values.name,
      geometry: jsonb(values.geometry),
      area_m2: areaM2(values.geometry),
      min_lng: box.minLng,
      min_lat: box.minLat,
      max_lng: box.maxLng,
      max_lat: box.maxLat,
      updated_at: new Date(),
    })
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', id)
    .execute();
}

export interface PlaceFilter {
  jurisdictionId: number;
  level?: PlaceLevel;
  /** Only places below this place (matched through the ancestor columns). */
  within?: PlaceRowLite;
  currentOnly?: boolean;
}

function filteredPlaces(db: Db, filter: PlaceFilter) {
  let query = db.selectFrom('territory_place').where('jurisdiction_id', '=', filter.jurisdictionId);
  if (filter.level) query = query.where('level', '=', filter.level);
  if (filter.currentOnly !== false) query = query.where('valid_to', 'is', null);
  const within = filter.within;
  if (within) {
    const column = `${within.level === 'unit' ? 'grid' : within.level}_id` as
      | 'subdistrict_id'
      | 'community_id'
      | 'grid_id';
    query = within.level === 'unit' ? query.where('id', '=', within.id) : query.where(column, '=', within.id);
  }
  return query;
}

export async function findPlacesLite(db: Db, filter: PlaceFilter): Promise<PlaceRowLite[]> {
  return filteredPlaces(db, filter).select(placeColumnsWithoutGeometry).orderBy('code').execute();
}

export async function findPlacesWithGeometry(db: Db, filter: PlaceFilter): Promise<PlaceRow[]> {
  return filteredPlaces(db, filter)
    .select([...placeColumnsWithoutGeometry, 'geometry'])
    .orderBy('code')
    .execute();
}

export async function findPlace(db: Db, jurisdictionId: number, id: number): Promise<PlaceRow | undefined> {
  return db
    .selectFrom('territory_place')
    .selectAll()
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findPlacesByIds(db: Db, jurisdictionId: number, ids: number[]): Promise<PlaceRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('territory_place')
    .selectAll()
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', 'in', ids)
    .execute();
}

export async function findPlacesByCodes(
  db: Db,
  jurisdictionId: number,
  codes: string[],
): Promise<PlaceRow[]> {
  if (codes.length === 0) return [];
  const rows: PlaceRow[] = [];
  for (let start = 0; start < codes.length; start += 1000) {
    rows.push(
      ...(await db
        .selectFrom('territory_place')
        .selectAll()
        .where('jurisdiction_id', '=', jurisdictionId)
        .where('code', 'in', codes.slice(start, start + 1000))
        .execute()),
    );
  }
  return rows;
}

/** Codes of all children ever made under a parent, current or retired: new codes continue the sequence. */
export async function findChildCodes(db: Db, jurisdictionId: number, parentId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('territory_place')
    .select('code')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('parent_id', '=', parentId)
    .execute();
  return rows.map((row) => row.code);
}

export async function retirePlaces(db: Db, jurisdictionId: number, ids: number[], at: Date): Promise<void> {
  await db
    .updateTable('territory_place')
    .set({ valid_to: at, updated_at: at })
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', 'in', ids)
    .execute();
}

/** Moves current units to another grid (a grid split or merge), keeping their ancestor columns right. */
export async function reparentUnits(
  db: Db,
  jurisdictionId: number,
  unitIds: number[],
  grid: Pick<PlaceRowLite, 'id' | 'community_id' | 'subdistrict_id'>,
): Promise<void> {
  if (unitIds.length === 0) return;
  await db
    .updateTable('territory_place')
    .set({
      parent_id: grid.id,
      grid_id: grid.id,
      community_id: grid.community_id,
      subdistrict_id: grid.subdistrict_id,
      updated_at: new Date(),
    })
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', 'in', unitIds)
    .execute();
}

export async function countCurrentPlaces(
  db: Db,
  jurisdictionId: number,
): Promise<Record<PlaceLevel, number>> {
  const rows = await db
    .selectFrom('territory_place')
    .select(['level', (eb) => eb.fn.countAll<number>().as('count')])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('valid_to', 'is', null)
    .groupBy('level')
    .execute();
  const counts: Record<PlaceLevel, number> = { subdistrict: 0, community: 0, grid: 0, unit: 0 };
  for (const row of rows) counts[row.level] = Number(row.count);
  return counts;
}

export async function countCommunityKinds(
  db: Db,
  jurisdictionId: number,
): Promise<Record<CommunityKind, number>> {
  const rows = await db
    .selectFrom('territory_place')
    .select(['community_kind', (eb) => eb.fn.countAll<number>().as('count')])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('level', '=', 'community')
    .where('valid_to', 'is', null)
    .groupBy('community_kind')
    .execute();
  const counts: Record<CommunityKind, number> = { legacy: 0, new_build: 0, seasonal: 0, work_unit: 0 };
  for (const row of rows) if (row.community_kind) counts[row.community_kind] = Number(row.count);
  return counts;
}

function likePatterns(text: string): { contains: string; prefix: string } {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  return { contains: `%${escaped}%`, prefix: `${escaped}%` };
}

export async function searchPlaces(db: Db, jurisdictionId: number, text: string, limit: number) {
  const { contains: pattern, prefix } = likePatterns(text);
  return db
    .selectFrom('territory_place')
    .select(placeColumnsWithoutGeometry)
    .where('jurisdiction_id', '=', jurisdictionId)
    .where((eb) => eb.or([eb('name', 'like', pattern), eb('code', 'like', prefix)]))
    .orderBy(sql`valid_to is not null`)
    .orderBy(sql`case level when 'subdistrict' then 0 when 'community' then 1 when 'grid' then 2 else 3 end`)
    .orderBy('code')
    .limit(limit)
    .execute();
}

// ---- buildings and households -----------------------------------------------------------------

export async function findBuildingById(db: Db, jurisdictionId: number, id: number) {
  return db
    .selectFrom('territory_building')
    .selectAll()
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Buildings by name or code prefix, with the ancestors of their unit. */
export async function searchBuildings(db: Db, jurisdictionId: number, text: string, limit: number) {
  const { contains, prefix } = likePatterns(text);
  return db
    .selectFrom('territory_building as b')
    .innerJoin('territory_place as u', (join) =>
      join.onRef('u.jurisdiction_id', '=', 'b.jurisdiction_id').onRef('u.id', '=', 'b.unit_id'),
    )
    .select(['b.id', 'b.code', 'b.name', 'b.unit_id', 'u.subdistrict_id', 'u.community_id', 'u.grid_id'])
    .where('b.jurisdiction_id', '=', jurisdictionId)
    .where((eb) => eb.or([eb('b.name', 'like', contains), eb('b.code', 'like', prefix)]))
    .orderBy('b.code')
    .limit(limit)
    .execute();
}

export interface NewBuilding {
  jurisdictionId: number;
  unitId: number;
  code: string;
  name: string;
  lng: number;
  lat: number;
  floors: number;
}

export async function insertBuildings(
  db: Db,
  buildings: NewBuilding[],
): Promise<{ id: number; code: string }[]> {
  const out: { id: number; code: string }[] = [];
  for (let start = 0; start < buildings.length; start += 1000) {
    const chunk = buildings.slice(start, start + 1000);
    out.push(
      ...(await db
        .insertInto('territory_building')
        .values(
          chunk.map((b) => ({
            jurisdiction_id: b.jurisdictionId,
            unit_id: b.unitId,
            code: b.code,
            name: b.name,
            lng: b.lng,
            lat: b.lat,
            floors: b.floors,
          })),
        )
        .returning(['id', 'code'])
        .execute()),
    );
  }
  return out;
}

export interface NewHousehold {
  jurisdictionId: number;
  buildingId: number;
  code: string;
  doorNumber: string;
}

export async function insertHouseholds(db: Db, households: NewHousehold[]): Promise<void> {
  for (let start = 0; start < households.length; start += 5000) {
    await db
      .insertInto('territory_household')
      .values(
        households.slice(start, start + 5000).map((h) => ({
          jurisdiction_id: h.jurisdictionId,
          building_id: h.buildingId,
          code: h.code,
          door_number: h.doorNumber,
        })),
      )
      .execute();
  }
}

export async function findBuildingsOfUnits(db: Db, jurisdictionId: number, unitIds: number[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('territory_building as b')
    .leftJoin('territory_household as h', (join) =>
      join.onRef('h.jurisdiction_id', '=', 'b.jurisdiction_id').onRef('h.building_id', '=', 'b.id'),
    )
    .select([
      'b.id',
      'b.unit_id',
      'b.code',
      'b.name',
      'b.lng',
      'b.lat',
      'b.floors',
      (eb) => eb.fn.count<number>('h.id').as('households'),
    ])
    .where('b.jurisdiction_id', '=', jurisdictionId)
    .where('b.unit_id', 'in', unitIds)
    .groupBy(['b.id', 'b.unit_id', 'b.code', 'b.name', 'b.lng', 'b.lat', 'b.floors'])
    .orderBy('b.code')
    .execute();
}

export async function moveBuildings(db: Db, jurisdictionId: number, buildingIds: number[], unitId: number) {
  if (buildingIds.length === 0) return;
  await db
    .updateTable('territory_building')
    .set({ unit_id: unitId })
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', 'in', buildingIds)
    .execute();
}

/** Buildings and households under the current places matched by the filter (or the whole jurisdiction). */
export async function countBuildingsAndHouseholds(
  db: Db,
  jurisdictionId: number,
  within?: PlaceRowLite,
): Promise<{ buildings: number; households: number }> {
  let units = db
    .selectFrom('territory_place')
    .select('id')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('level', '=', 'unit');
  if (within) {
    if (within.level === 'unit') units = units.where('id', '=', within.id);
    else units = units.where(`${within.level}_id` as 'grid_id', '=', within.id).where('valid_to', 'is', null);
  } else {
    units = units.where('valid_to', 'is', null);
  }
  const buildings = await db
    .selectFrom('territory_building')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('unit_id', 'in', units)
    .executeTakeFirst();
  const households = await db
    .selectFrom('territory_household as h')
    .innerJoin('territory_building as b', (join) =>
      join.onRef('b.jurisdiction_id', '=', 'h.jurisdiction_id').onRef('b.id', '=', 'h.building_id'),
    )
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('h.jurisdiction_id', '=', jurisdictionId)
    .where('b.unit_id', 'in', units)
    .executeTakeFirst();
  return { buildings: Number(buildings?.count ?? 0), households: Number(households?.count ?? 0) };
}

// ---- households and their grid ---------------------------------------------------------------

/** How many households a grid has (through building → unit → grid). */
export async function countGridHouseholds(db: Db, jurisdictionId: number, gridId: number): Promise<number> {
  const row = await db
    .selectFrom('territory_household as h')
    .innerJoin('territory_building as b', (join) =>
      join.onRef('b.jurisdiction_id', '=', 'h.jurisdiction_id').onRef('b.id', '=', 'h.building_id'),
    )
    .innerJoin('territory_place as u', (join) =>
      join.onRef('u.jurisdiction_id', '=', 'b.jurisdiction_id').onRef('u.id', '=', 'b.unit_id'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('h.jurisdiction_id', '=', jurisdictionId)
    .where('u.grid_id', '=', gridId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The grid a household is in (null when its unit is not in a grid). */
export async function findHouseholdGrid(
  db: Db,
  jurisdictionId: number,
  householdId: number,
): Promise<number | null | undefined> {
  const row = await db
    .selectFrom('territory_household as h')
    .innerJoin('territory_building as b', (join) =>
      join.onRef('b.jurisdiction_id', '=', 'h.jurisdiction_id').onRef('b.id', '=', 'h.building_id'),
    )
    .innerJoin('territory_place as u', (join) =>
      join.onRef('u.jurisdiction_id', '=', 'b.jurisdiction_id').onRef('u.id', '=', 'b.unit_id'),
    )
    .select('u.grid_id')
    .where('h.jurisdiction_id', '=', jurisdictionId)
    .where('h.id', '=', householdId)
    .executeTakeFirst();
  return row?.grid_id;
}

// ---- boundary changes -------------------------------------------------------------------------

export async function insertChange(
  db: Db,
  change: {
    jurisdictionId: number;
    kind: 'split' | 'merge';
    level: 'grid' | 'unit';
    reason: string;
    at: Date;
    predecessorIds: number[];
    successorIds: number[];
    details: Record<string, unknown>;
  },
): Promise<number> {
  const row = await db
    .insertInto('territory_change')
    .values({
      jurisdiction_id: change.jurisdictionId,
      kind: change.kind,
      level: change.level,
      reason: change.reason,
      at: change.at,
      details: jsonb(change.details),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('territory_change_place')
    .values([
      ...change.predecessorIds.map((placeId) => ({
        jurisdiction_id: change.jurisdictionId,
        change_id: row.id,
        place_id: placeId,
        role: 'predecessor' as const,
      })),
      ...change.successorIds.map((placeId) => ({
        jurisdiction_id: change.jurisdictionId,
        change_id: row.id,
        place_id: placeId,
        role: 'successor' as const,
      })),
    ])
    .execute();
  return row.id;
}

export interface ChangeRow {
  id: number;
  kind: 'split' | 'merge';
  level: 'grid' | 'unit';
  reason: string;
  at: Date;
  places: { id: number; code: string; name: string; role: 'predecessor' | 'successor' }[];
}

/** Changes, newest first, optionally only those touching one place; with their places. */
export async function findChanges(
  db: Db,
  options: { jurisdictionId: number; placeId?: number | undefined; limit: number; offset: number },
): Promise<{ total: number; changes: ChangeRow[] }> {
  let base = db.selectFrom('territory_change as c').where('c.jurisdiction_id', '=', options.jurisdictionId);
  if (options.placeId !== undefined) {
    const placeId = options.placeId;
    base = base.where('c.id', 'in', (eb) =>
      eb
        .selectFrom('territory_change_place')
        .select('change_id')
        .where('jurisdiction_id', '=', options.jurisdictionId)
        .where('place_id', '=', placeId),
    );
  }
  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst();
  const changes = await base
    .select(['c.id', 'c.kind', 'c.level', 'c.reason', 'c.at'])
    .orderBy('c.at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  const ids = changes.map((c) => c.id);
  const places =
    ids.length === 0
      ? []
      : await db
          .selectFrom('territory_change_place as cp')
          .innerJoin('territory_place as p', (join) =>
            join.onRef('p.jurisdiction_id', '=', 'cp.jurisdiction_id').onRef('p.id', '=', 'cp.place_id'),
          )
          .select(['cp.change_id', 'cp.role', 'p.id', 'p.code', 'p.name'])
          .where('cp.jurisdiction_id', '=', options.jurisdictionId)
          .where('cp.change_id', 'in', ids)
          .orderBy('p.code')
          .execute();
  return {
    total: Number(totalRow?.count ?? 0),
    changes: changes.map((c) => ({
      ...c,
      places: places
        .filter((p) => p.change_id === c.id)
        .map((p) => ({ id: p.id, code: p.code, name: p.name, role: p.role })),
    })),
  };
}
