import type { AreaGeometry, BoundaryChange, MergeRequest, SplitRequest } from '#contracts';
import { territoryLimits } from '#contracts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import {
  areaM2,
  checkAreaGeometry,
  geometryProblemMessages,
  outsideAreaM2,
  overlapAreaM2,
  union,
} from './geometry.ts';
import { PlaceLocator } from './locator.ts';
import { presentChange } from './territory.presenter.ts';
import {
  bumpGeometryVersion,
  type Db,
  findBuildingsOfUnits,
  findChanges,
  findChildCodes,
  findPlace,
  findPlacesByIds,
  findPlacesLite,
  insertChange,
  insertPlaces,
  moveBuildings,
  type PlaceRow,
  reparentUnits,
  retirePlaces,
} from './territory.repository.ts';

/**
 * Boundary changes (社区不断扩张、动态调整): split one grid or unit into several, or merge several
 * into one. The old places are kept, closed with valid_to, and linked to the new ones; whatever
 * was filed against an old place keeps pointing at it. Callers pass an open transaction.
 */

const SEQUENCE_DIGITS = 3;

/** The next `count` child codes under a parent: parent code + a 3-digit sequence after the highest used. */
export function nextChildCodes(parentCode: string, existingCodes: string[], count: number): string[] {
  let highest = 0;
  for (const code of existingCodes) {
    if (!code.startsWith(parentCode)) continue;
    const sequence = Number.parseInt(code.slice(parentCode.length), 10);
    if (Number.isInteger(sequence) && sequence > highest) highest = sequence;
  }
  return Array.from(
    { length: count },
    (_, i) => `${parentCode}${String(highest + i + 1).padStart(SEQUENCE_DIGITS, '0')}`,
  );
}

async function requireChangeablePlace(trx: Db, jurisdictionId: number, placeId: number): Promise<PlaceRow> {
  const place = await findPlace(trx, jurisdictionId, placeId);
  if (!place) throw new AppError('territory.place_not_found', `Place ${placeId} not found`);
  if (place.level !== 'grid' && place.level !== 'unit') {
    throw new AppError('territory.level_not_changeable', `A ${place.level} cannot be split or merged`, {
      placeId,
      level: place.level,
    });
  }
  if (place.valid_to !== null) {
    const { changes } = await findChanges(trx, { jurisdictionId, placeId, limit: 10, offset: 0 });
    const successors = changes.flatMap((c) =>
      c.places.some((p) => p.id === placeId && p.role === 'predecessor')
        ? c.places
            .filter((p) => p.role === 'successor')
            .map((p) => ({ id: p.id, code: p.code, name: p.name }))
        : [],
    );
    throw new AppError(
      'territory.place_retired',
      `Place ${place.code} was replaced and can no longer change`,
      {
        placeId,
        successors,
      },
    );
  }
  return place;
}

interface SplitProblem {
  part?: number;
  parts?: [number, number];
  error: string;
  message: string;
}

function checkSplitParts(place: PlaceRow, parts: SplitRequest['parts']): SplitProblem[] {
  const tolerance = territoryLimits.siblingOverlapTolerance;
  const problems: SplitProblem[] = [];
  const geometries: AreaGeometry[] = [];
  parts.forEach((part, index) => {
    const check = checkAreaGeometry(part.geometry);
    if (!check.ok) {
      problems.push({ part: index, error: check.problem, message: geometryProblemMessages[check.problem] });
      return;
    }
    geometries.push(check.geometry);
    const outside = outsideAreaM2(check.geometry, place.geometry);
    if (outside > tolerance * areaM2(check.geometry)) {
      problems.push({
        part: index,
        error: 'outside_place',
        message: `part ${index} reaches ${Math.round(outside)} m² outside ${place.code}`,
      });
    }
  });
  if (problems.length > 0) return problems;
  for (let a = 0; a < geometries.length; a++) {
    for (let b = a + 1; b < geometries.length; b++) {
      const ga = geometries[a] as AreaGeometry;
      const gb = geometries[b] as AreaGeometry;
      const shared = overlapAreaM2(ga, gb);
      if (shared > tolerance * Math.min(areaM2(ga), areaM2(gb))) {
        problems.push({
          parts: [a, b],
          error: 'parts_overlap',
          message: `parts ${a} and ${b} overlap by ${Math.round(shared)} m²`,
        });
      }
    }
  }
  const covered = union(geometries);
  const gap = covered ? outsideAreaM2(place.geometry, covered) : place.area_m2;
  if (gap > tolerance * place.area_m2) {
    problems.push({
      error: 'parts_leave_gap',
      message: `the parts leave ${Math.round(gap)} m² of ${place.code} uncovered`,
    });
  }
  return problems;
}

/** Moves what lies in the old places (a unit's buildings, a grid's units) into the new ones. */
async function moveChildren(
  trx: Db,
  jurisdictionId: number,
  level: 'grid' | 'unit',
  from: PlaceRow[],
  to: { row: Awaited<ReturnType<typeof insertPlaces>>[number]; geometry: AreaGeometry }[],
): Promise<Record<string, number[]>> {
  const moved: Record<string, number[]> = {};
  const fromIds = from.map((p) => p.id);
  if (level === 'unit') {
    const locator = new PlaceLocator(to.map((t) => ({ geometry: t.geometry, value: t.row.id })));
    const buildings = await findBuildingsOfUnits(trx, jurisdictionId, fromIds);
    const fallback = to[0]?.row.id;
    for (const building of buildings) {
      const target = locator.locate(building.lng, building.lat) ?? fallback;
      if (target === undefined) continue;
      moved[target] ??= [];
      moved[target].push(building.id);
    }
    for (const [target, ids] of Object.entries(moved))
      await moveBuildings(trx, jurisdictionId, ids, Number(target));
  } else {
    const units = (
      await Promise.all(
        from.map((grid) => findPlacesLite(trx, { jurisdictionId, level: 'unit', within: grid })),
      )
    ).flat();
    const unitShapes = await findPlacesByIds(
      trx,
      jurisdictionId,
      units.map((u) => u.id),
    );
    for (const unit of unitShapes) {
      let best = to[0];
      let bestArea = -1;
      for (const candidate of to) {
        const shared = to.length === 1 ? 1 : overlapAreaM2(unit.geometry, candidate.geometry);
        if (shared > bestArea) {
          best = candidate;
          bestArea = shared;
        }
      }
      if (!best) continue;
      moved[best.row.id] ??= [];
      moved[best.row.id]?.push(unit.id);
    }
    for (const target of to) await reparentUnits(trx, jurisdictionId, moved[target.row.id] ?? [], target.row);
  }
  return moved;
}

export async function splitPlace(
  trx: Db,
  options: { jurisdictionId: number; placeId: number; request: SplitRequest; actor: Actor; now?: Date },
): Promise<BoundaryChange> {
  const { jurisdictionId, request, actor } = options;
  const now = options.now ?? new Date();
  const place = await requireChangeablePlace(trx, jurisdictionId, options.placeId);
  const problems = checkSplitParts(place, request.parts);
  if (problems.length > 0) {
    throw new AppError('territory.invalid_split', `The parts do not tile ${place.code}`, { problems });
  }
  const parent = place.parent_id === null ? undefined : await findPlace(trx, jurisdictionId, place.parent_id);
  if (!parent) throw new AppError('territory.place_not_found', `Parent of ${place.code} not found`);
  const codes = nextChildCodes(
    parent.code,
    await findChildCodes(trx, jurisdictionId, parent.id),
    request.parts.length,
  );
  const created = await insertPlaces(
    trx,
    request.parts.map((part, index) => ({
      jurisdictionId,
      level: place.level,
      parent,
      code: codes[index] as string,
      name: part.name ?? `${place.name}-${index + 1}`,
      geometry: part.geometry,
      validFrom: now,
    })),
  );
  await retirePlaces(trx, jurisdictionId, [place.id], now);
  const moved = await moveChildren(
    trx,
    jurisdictionId,
    place.level as 'grid' | 'unit',
    [place],
    created.map((row, index) => ({ row, geometry: request.parts[index]?.geometry as AreaGeometry })),
  );
  return recordChange(trx, {
    jurisdictionId,
    actor,
    kind: 'split',
    level: place.level as 'grid' | 'unit',
    reason: request.reason,
    at: now,
    predecessorIds: [place.id],
    successorIds: created.map((c) => c.id),
    details: { moved },
  });
}

export async function mergePlaces(
  trx: Db,
  options: { jurisdictionId: number; request: MergeRequest; actor: Actor; now?: Date },
): Promise<BoundaryChange> {
  const { jurisdictionId, request, actor } = options;
  const now = options.now ?? new Date();
  const ids = [...new Set(request.placeIds)];
  if (ids.length < 2)
    throw new AppError('territory.invalid_merge', 'Merging needs at least two different places');
  const places: PlaceRow[] = [];
  for (const id of ids) places.push(await requireChangeablePlace(trx, jurisdictionId, id));
  const [first] = places;
  if (!first) throw new AppError('territory.invalid_merge', 'Nothing to merge');
  if (places.some((p) => p.level !== first.level || p.parent_id !== first.parent_id)) {
    throw new AppError(
      'territory.invalid_merge',
      'Only places of the same level under the same parent can be merged',
      {
        places: places.map((p) => ({ id: p.id, level: p.level, parentId: p.parent_id })),
      },
    );
  }
  const merged = union(places.map((p) => p.geometry));
  if (merged?.type !== 'Polygon') {
    throw new AppError(
      'territory.invalid_merge',
      'The places are not adjacent: their union is not one polygon',
      {
        polygons: merged?.type === 'MultiPolygon' ? merged.coordinates.length : 0,
      },
    );
  }
  const parent = first.parent_id === null ? undefined : await findPlace(trx, jurisdictionId, first.parent_id);
  if (!parent) throw new AppError('territory.place_not_found', `Parent of ${first.code} not found`);
  const [code] = nextChildCodes(parent.code, await findChildCodes(trx, jurisdictionId, parent.id), 1);
  const [created] = await insertPlaces(trx, [
    {
      jurisdictionId,
      level: first.level,
      parent,
      code: code as string,
      name: request.name ?? first.name,
      geometry: merged,
      validFrom: now,
    },
  ]);
  if (!created) throw new Error('merge insert returned nothing');
  await retirePlaces(trx, jurisdictionId, ids, now);
  const moved = await moveChildren(trx, jurisdictionId, first.level as 'grid' | 'unit', places, [
    { row: created, geometry: merged },
  ]);
  return recordChange(trx, {
    jurisdictionId,
    actor,
    kind: 'merge',
    level: first.level as 'grid' | 'unit',
    reason: request.reason,
    at: now,
    predecessorIds: ids,
    successorIds: [created.id],
    details: { moved },
  });
}

async function recordChange(
  trx: Db,
  change: {
    jurisdictionId: number;
    actor: Actor;
    kind: 'split' | 'merge';
    level: 'grid' | 'unit';
    reason: string;
    at: Date;
    predecessorIds: number[];
    successorIds: number[];
    details: Record<string, unknown>;
  },
): Promise<BoundaryChange> {
  const changeId = await insertChange(trx, change);
  await bumpGeometryVersion(trx, change.jurisdictionId);
  await recordAudit(trx, change.actor, {
    jurisdictionId: change.jurisdictionId,
    action: `territory.${change.kind}_${change.level}`,
    subjectType: 'territory_change',
    subjectId: changeId,
    details: { predecessors: change.predecessorIds, successors: change.successorIds, reason: change.reason },
  });
  const { changes } = await findChanges(trx, {
    jurisdictionId: change.jurisdictionId,
    placeId: change.successorIds[0],
    limit: 1,
    offset: 0,
  });
  const row = changes.find((c) => c.id === changeId);
  if (!row) throw new Error(`change ${changeId} not found after insert`);
  return presentChange(row);
}
