import type {
  AreaGeometry,
  FeatureCollection,
  PlaceCard,
  PlaceLevel,
  SearchHit,
  TerritorySummary,
  TreeResponse,
} from '#contracts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { checkAreaGeometry, geometryProblemMessages } from './geometry.ts';
import { presentPlaceCard, presentTreeNode } from './territory.presenter.ts';
import {
  countBuildingsAndHouseholds,
  countCommunityKinds,
  countCurrentPlaces,
  type Db,
  findBuildingsOfUnits,
  findChanges,
  findJurisdiction,
  findPlace,
  findPlacesByIds,
  findPlacesLite,
  findPlacesWithGeometry,
  insertJurisdiction,
  type PlaceRowLite,
  searchBuildings,
  searchPlaces as searchPlaceRows,
} from './territory.repository.ts';

/** Read use cases of the territory: summary, tree, search, a place's card, GeoJSON layers. */

export interface JurisdictionScope {
  jurisdictionId: number;
}

async function requireJurisdiction(db: Db, jurisdictionId: number) {
  const jurisdiction = await findJurisdiction(db, { id: jurisdictionId });
  if (!jurisdiction) throw new AppError('territory.jurisdiction_not_found', 'Jurisdiction not found');
  return jurisdiction;
}

export async function getTerritorySummary(
  db: Db,
  { jurisdictionId }: JurisdictionScope,
): Promise<TerritorySummary> {
  const jurisdiction = await requireJurisdiction(db, jurisdictionId);
  const subdistricts = await findPlacesLite(db, { jurisdictionId, level: 'subdistrict' });
  const counts = await countCurrentPlaces(db, jurisdictionId);
  const dwellings = await countBuildingsAndHouseholds(db, jurisdictionId);
  return {
    jurisdiction: { code: jurisdiction.code, name: jurisdiction.name },
    subdistricts: subdistricts.map((s) => ({ code: s.code, name: s.name })),
    counts: {
      communities: counts.community,
      grids: counts.grid,
      units: counts.unit,
      buildings: dwellings.buildings,
      households: dwellings.households,
    },
    communityKinds: await countCommunityKinds(db, jurisdictionId),
  };
}

export async function getTerritoryTree(db: Db, { jurisdictionId }: JurisdictionScope): Promise<TreeResponse> {
  const jurisdiction = await requireJurisdiction(db, jurisdictionId);
  const places = await findPlacesLite(db, { jurisdictionId });
  const depth: Record<PlaceLevel, number> = { subdistrict: 0, community: 1, grid: 2, unit: 3 };
  places.sort((a, b) => depth[a.level] - depth[b.level] || a.code.localeCompare(b.code));
  return {
    jurisdiction: { code: jurisdiction.code, name: jurisdiction.name },
    nodes: places.map(presentTreeNode),
  };
}

async function ancestorsOf(db: Db, place: PlaceRowLite): Promise<PlaceRowLite[]> {
  const ids = [place.subdistrict_id, place.community_id, place.grid_id].filter(
    (id): id is number => id !== null && id !== place.id,
  );
  const rows = await findPlacesByIds(db, place.jurisdiction_id, ids);
  const order: Record<PlaceLevel, number> = { subdistrict: 0, community: 1, grid: 2, unit: 3 };
  return rows.sort((a, b) => order[a.level] - order[b.level]);
}

export async function searchTerritory(
  db: Db,
  options: JurisdictionScope & { text: string; limit: number },
): Promise<SearchHit[]> {
  const places = await searchPlaceRows(db, options.jurisdictionId, options.text, options.limit);
  const buildings =
    places.length < options.limit
      ? await searchBuildings(db, options.jurisdictionId, options.text, options.limit - places.length)
      : [];
  const ancestorIds = [
    ...new Set([
      ...places.flatMap((r) => [r.subdistrict_id, r.community_id, r.grid_id]),
      ...buildings.flatMap((b) => [b.subdistrict_id, b.community_id, b.grid_id, b.unit_id]),
    ]),
  ].filter((id): id is number => id !== null);
  const names = new Map(
    (await findPlacesByIds(db, options.jurisdictionId, ancestorIds)).map((p) => [p.id, p.name] as const),
  );
  const pathOf = (ids: (number | null)[], self?: number) =>
    ids
      .filter((id): id is number => id !== null && id !== self)
      .map((id) => names.get(id) ?? '')
      .join(' / ');
  return [
    ...places.map((row) => ({
      id: row.id,
      level: row.level,
      code: row.code,
      name: row.name,
      path: pathOf([row.subdistrict_id, row.community_id, row.grid_id], row.id),
      placeId: row.id,
      current: row.valid_to === null,
    })),
    ...buildings.map((b) => ({
      id: b.id,
      level: 'building' as const,
      code: b.code,
      name: b.name,
      path: pathOf([b.subdistrict_id, b.community_id, b.grid_id, b.unit_id]),
      placeId: b.unit_id,
      current: true,
    })),
  ];
}

export async function getPlaceCard(
  db: Db,
  options: JurisdictionScope & { placeId: number },
): Promise<PlaceCard> {
  const place = await findPlace(db, options.jurisdictionId, options.placeId);
  if (!place) throw new AppError('territory.place_not_found', `Place ${options.placeId} not found`);
  const below = (level: PlaceLevel) =>
    findPlacesLite(db, { jurisdictionId: options.jurisdictionId, level, within: place }).then((rows) =>
      rows.filter((r) => r.id !== place.id),
    );
  const [communities, grids, units] = await Promise.all([
    place.level === 'subdistrict' ? below('community') : Promise.resolve([]),
    place.level === 'subdistrict' || place.level === 'community' ? below('grid') : Promise.resolve([]),
    place.level === 'unit' ? Promise.resolve([]) : below('unit'),
  ]);
  const dwellings = await countBuildingsAndHouseholds(db, options.jurisdictionId, place);
  const buildings =
    place.level === 'unit'
      ? (await findBuildingsOfUnits(db, options.jurisdictionId, [place.id])).map((b) => ({
          id: b.id,
          code: b.code,
          name: b.name,
          floors: b.floors,
          households: Number(b.households),
        }))
      : [];
  const { changes } = await findChanges(db, {
    jurisdictionId: options.jurisdictionId,
    placeId: place.id,
    limit: 100,
    offset: 0,
  });
  return presentPlaceCard({
    place,
    ancestors: await ancestorsOf(db, place),
    childCounts: {
      communities: communities.length,
      grids: grids.length,
      units: units.length,
      buildings: dwellings.buildings,
      households: dwellings.households,
    },
    buildings,
    changes,
  });
}

/** Current places of one level as a FeatureCollection with id, code, name and what the map colours by. */
export async function getTerritoryGeoJson(
  db: Db,
  options: JurisdictionScope & { level: PlaceLevel; withinId?: number | undefined },
): Promise<FeatureCollection> {
  let within: PlaceRowLite | undefined;
  if (options.withinId !== undefined) {
    within = await findPlace(db, options.jurisdictionId, options.withinId);
    if (!within) throw new AppError('territory.place_not_found', `Place ${options.withinId} not found`);
  }
  const rows = await findPlacesWithGeometry(db, {
    jurisdictionId: options.jurisdictionId,
    level: options.level,
    ...(within ? { within } : {}),
  });
  const communities = new Map(
    (await findPlacesLite(db, { jurisdictionId: options.jurisdictionId, level: 'community' })).map((c) => [
      c.id,
      c,
    ]),
  );
  return {
    type: 'FeatureCollection',
    features: rows.map((row) => ({
      type: 'Feature',
      geometry: row.geometry,
      properties: {
        id: row.id,
        code: row.code,
        name: row.name,
        level: row.level,
        parentId: row.parent_id,
        communityKind:
          row.community_kind ??
          (row.community_id ? (communities.get(row.community_id)?.community_kind ?? null) : null),
      },
    })),
  };
}

/** A new jurisdiction (one county-level city) from its outline; its grids come by import. */
export async function createJurisdiction(
  db: Db,
  options: { code: string; name: string; geometry: AreaGeometry; actor: Actor },
): Promise<{ id: number; code: string; name: string }> {
  const check = checkAreaGeometry(options.geometry);
  if (!check.ok) {
    throw new AppError(
      'territory.import_invalid',
      `The outline is invalid: ${geometryProblemMessages[check.problem]}`,
      {
        errors: [
          {
            feature: 0,
            code: options.code,
            error: check.problem,
            message: geometryProblemMessages[check.problem],
          },
        ],
      },
    );
  }
  return db.transaction().execute(async (trx) => {
    const created = await insertJurisdiction(trx, {
      code: options.code,
      name: options.name,
      geometry: check.geometry,
    });
    await recordAudit(trx, options.actor, {
      jurisdictionId: created.id,
      action: 'territory.create_jurisdiction',
      subjectType: 'jurisdiction',
      subjectId: created.id,
      details: { code: created.code, name: created.name },
    });
    return created;
  });
}
