import { sql } from 'kysely';
import { type Actor, jsonb, recordAudit } from '../../../platform/audit.ts';
import { importLegacyLayer } from '../legacy-layer.service.ts';
import {
  type Db,
  findFirstJurisdiction,
  insertBuildings,
  insertJurisdiction,
  insertPlaces,
  type PlaceRowLite,
} from '../territory.repository.ts';
import { type DemoTerritory, generateLegacyLayers, generateLongkouTerritory } from './generate-longkou.ts';

/**
 * Writes the Longkou demo (龙口市: 5 subdistricts, 39 communities, 454 grids, 2229 units, their
 * buildings and households, and a few legacy grid layers) into an empty database, in one
 * transaction. Same seed, same data.
 */

export const DEMO_SEED = 370681;
/** How many of the generated legacy layers the demo imports (多网合一 merged 9; all can be imported from the page). */
const DEMO_LEGACY_LAYERS = 3;

export interface SeedProgress {
  step: string;
  done: number;
  total: number;
}

export async function isTerritoryEmpty(db: Db): Promise<boolean> {
  return (await findFirstJurisdiction(db)) === undefined;
}

export async function seedLongkouDemo(
  db: Db,
  options: { seed?: number; onProgress?: (progress: SeedProgress) => void; actor?: Actor } = {},
): Promise<{ jurisdictionId: number }> {
  const report = options.onProgress ?? (() => {});
  const actor = options.actor ?? { id: 'seed' };
  const total = 7;
  report({ step: 'generate', done: 0, total });
  const demo = generateLongkouTerritory({ seed: options.seed ?? DEMO_SEED });
  return db.transaction().execute(async (trx) => {
    const jurisdiction = await insertJurisdiction(trx, demo.jurisdiction);
    const jurisdictionId = jurisdiction.id;
    report({ step: 'subdistricts', done: 1, total });
    const subdistricts = await insertLevel(trx, jurisdictionId, 'subdistrict', demo.subdistricts, () => null);
    report({ step: 'communities', done: 2, total });
    const communities = await insertLevel(trx, jurisdictionId, 'community', demo.communities, (c) =>
      subdistricts.get(c.subdistrictCode),
    );
    report({ step: 'grids', done: 3, total });
    const grids = await insertLevel(trx, jurisdictionId, 'grid', demo.grids, (g) =>
      communities.get(g.communityCode),
    );
    report({ step: 'units', done: 4, total });
    const units = await insertLevel(trx, jurisdictionId, 'unit', demo.units, (u) => grids.get(u.gridCode));
    report({ step: 'buildings', done: 5, total });
    await insertDemoBuildings(trx, jurisdictionId, demo, units);
    report({ step: 'legacy layers', done: 6, total });
    for (const layer of generateLegacyLayers(demo, { seed: options.seed ?? DEMO_SEED }).slice(
      0,
      DEMO_LEGACY_LAYERS,
    )) {
      await importLegacyLayer(trx, {
        jurisdictionId,
        actor,
        request: {
          department: layer.department,
          name: layer.name,
          codeProperty: 'code',
          nameProperty: 'name',
          crs: 'wgs84',
          featureCollection: layer.featureCollection,
        },
      });
    }
    await recordAudit(trx, actor, {
      jurisdictionId,
      action: 'territory.seed_demo',
      subjectType: 'jurisdiction',
      subjectId: jurisdictionId,
      details: { seed: options.seed ?? DEMO_SEED },
    });
    report({ step: 'done', done: total, total });
    return { jurisdictionId };
  });
}

async function insertLevel<
  T extends { code: string; name: string; geometry: DemoTerritory['jurisdiction']['geometry'] },
>(
  trx: Db,
  jurisdictionId: number,
  level: PlaceRowLite['level'],
  places: (T & { kind?: PlaceRowLite['community_kind'] })[],
  parentOf: (place: T) => PlaceRowLite | null | undefined,
): Promise<Map<string, PlaceRowLite>> {
  const rows = await insertPlaces(
    trx,
    places.map((place) => {
      const parent = parentOf(place);
      if (parent === undefined) throw new Error(`Demo ${level} ${place.code} has no parent`);
      return {
        jurisdictionId,
        level,
        parent,
        code: place.code,
        name: place.name,
        communityKind: place.kind ?? null,
        geometry: place.geometry,
      };
    }),
  );
  return new Map(rows.map((row) => [row.code, row]));
}

/** Buildings through the repository; their households in one set-based statement (about 220,000 rows). */
async function insertDemoBuildings(
  trx: Db,
  jurisdictionId: number,
  demo: DemoTerritory,
  units: Map<string, PlaceRowLite>,
): Promise<void> {
  const inserted = await insertBuildings(
    trx,
    demo.buildings.map((b) => {
      const unit = units.get(b.unitCode);
      if (!unit) throw new Error(`Demo building ${b.code} has no unit`);
      return {
        jurisdictionId,
        unitId: unit.id,
        code: b.code,
        name: b.name,
        lng: b.lng,
        lat: b.lat,
        floors: b.floors,
      };
    }),
  );
  const ids = new Map(inserted.map((row) => [row.code, row.id]));
  const plan = demo.buildings.map((b) => ({
    building_id: ids.get(b.code),
    households: b.households,
    floors: b.floors,
  }));
  // Door numbers: entrance-floor-room with two dwellings per floor and entrance, e.g. 2-301.
  await sql`
    insert into territory_household (jurisdiction_id, building_id, code, door_number)
    select ${jurisdictionId}, b.id, b.code || lpad(s.n::text, 4, '0'),
           ((s.n - 1) / (p.floors * 2) + 1)::text || '-' ||
           (((s.n - 1) % (p.floors * 2)) / 2 + 1)::text || lpad((((s.n - 1) % 2) + 1)::text, 2, '0')
    from jsonb_to_recordset(${jsonb(plan)}) as p(building_id bigint, households int, floors int)
    join territory_building b on b.jurisdiction_id = ${jurisdictionId} and b.id = p.building_id
    cross join lateral generate_series(1, p.households) as s(n)
    order by b.id, s.n`.execute(trx);
}

/**
 * Places the other modules' demo data hang on: 东莱街道, its 润新社区 (named in the article), two of
 * its grids and a building in the first. Null until the territory demo exists.
 */
export async function findDemoAnchors(db: Db): Promise<{
  jurisdictionId: number;
  subdistrictId: number;
  communityId: number;
  gridIds: [number, number];
  buildingId: number;
} | null> {
  const result = await sql<{
    jurisdiction_id: number;
    subdistrict_id: number;
    community_id: number;
    grid_ids: number[];
    building_id: number | null;
  }>`
    select c.jurisdiction_id, c.subdistrict_id, c.id as community_id,
           array(select g.id from territory_place g
                 where g.jurisdiction_id = c.jurisdiction_id and g.parent_id = c.id and g.valid_to is null
                 order by g.code limit 2) as grid_ids,
           (select b.id from territory_building b join territory_place u
              on u.jurisdiction_id = b.jurisdiction_id and u.id = b.unit_id
            where u.jurisdiction_id = c.jurisdiction_id and u.grid_id = (
              select g.id from territory_place g where g.jurisdiction_id = c.jurisdiction_id and g.parent_id = c.id
              and g.valid_to is null order by g.code limit 1)
            order by b.code limit 1) as building_id
    from territory_place c
    join jurisdiction j on j.id = c.jurisdiction_id and j.code = '370681'
    where c.level = 'community' and c.name = '润新社区' and c.valid_to is null
    limit 1`.execute(db);
  const row = result.rows[0];
  if (!row || row.grid_ids.length < 2 || row.building_id === null) return null;
  return {
    jurisdictionId: row.jurisdiction_id,
    subdistrictId: row.subdistrict_id,
    communityId: row.community_id,
    gridIds: [Number(row.grid_ids[0]), Number(row.grid_ids[1])],
    buildingId: row.building_id,
  };
}
