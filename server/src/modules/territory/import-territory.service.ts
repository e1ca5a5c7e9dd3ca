import Flatbush from 'flatbush';
import type {
  AreaGeometry,
  CommunityKind,
  ImportFeatureCollection,
  ImportFeatureError,
  ImportResult,
  PlaceLevel,
} from '#contracts';
import {
  CommunityKind as CommunityKindSchema,
  PlaceLevel as PlaceLevelSchema,
  territoryLimits,
} from '#contracts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import {
  areaM2,
  type BBox,
  bboxOf,
  checkAreaGeometry,
  geometryProblemMessages,
  outsideAreaM2,
  overlapAreaM2,
} from './geometry.ts';
import {
  bumpGeometryVersion,
  type Db,
  findJurisdiction,
  findPlacesByCodes,
  findPlacesWithGeometry,
  insertPlaces,
  type PlaceRow,
  updatePlaceShape,
} from './territory.repository.ts';

/**
 * GeoJSON import of subdistricts, communities, grids and units (API and CLI). Every feature is
 * checked first — geometry, parent, inside the jurisdiction and its parent, no overlap with its
 * siblings beyond the tolerance — and the file is refused whole, with an error per bad feature,
 * if any fails. Otherwise everything is written in the caller's one transaction: all or nothing.
 *
 * Feature properties: level, code, name, parent (the parent's code; not for a subdistrict),
 * kind (a community's kind). A code that exists updates that place's name and shape.
 */

export interface ImportProgress {
  phase: 'validate' | 'write';
  done: number;
  total: number;
}

interface ParsedFeature {
  index: number;
  level: PlaceLevel;
  code: string;
  name: string;
  parentCode: string | null;
  kind: CommunityKind | null;
  geometry: AreaGeometry;
  bbox: BBox;
  area: number;
}

const LEVEL_ABOVE: Record<PlaceLevel, PlaceLevel | null> = {
  subdistrict: null,
  community: 'subdistrict',
  grid: 'community',
  unit: 'grid',
};
const LEVEL_ORDER: PlaceLevel[] = ['subdistrict', 'community', 'grid', 'unit'];

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function parseFeature(
  feature: ImportFeatureCollection['features'][number],
  index: number,
  errors: ImportFeatureError[],
): ParsedFeature | null {
  const props = feature.properties ?? {};
  const code = text(props.code);
  const fail = (error: string, message: string) => {
    errors.push({ feature: index, code, error, message });
    return null;
  };
  const level = PlaceLevelSchema.safeParse(props.level);
  if (!level.success) return fail('level', 'properties.level must be subdistrict, community, grid or unit');
  if (!code || code.length > 40) return fail('code', 'properties.code is required (at most 40 characters)');
  const name = text(props.name);
  if (!name || name.length > territoryLimits.maxNameLength) {
    return fail('name', `properties.name is required (at most ${territoryLimits.maxNameLength} characters)`);
  }
  const parentCode = text(props.parent);
  if (level.data !== 'subdistrict' && !parentCode)
    return fail('parent', 'properties.parent (the parent’s code) is required');
  let kind: CommunityKind | null = null;
  if (level.data === 'community') {
    const parsedKind = CommunityKindSchema.safeParse(props.kind ?? 'legacy');
    if (!parsedKind.success)
      return fail('kind', 'properties.kind must be legacy, new_build, seasonal or work_unit');
    kind = parsedKind.data;
  }
  const check = checkAreaGeometry(feature.geometry);
  if (!check.ok) {
    return fail(
      check.problem,
      geometryProblemMessages[check.problem] + (check.detail ? ` (${check.detail})` : ''),
    );
  }
  return {
    index,
    level: level.data,
    code,
    name,
    parentCode: level.data === 'subdistrict' ? null : parentCode,
    kind,
    geometry: check.geometry,
    bbox: bboxOf(check.geometry),
    area: areaM2(check.geometry),
  };
}

interface Shape {
  code: string;
  geometry: AreaGeometry;
  bbox: BBox;
  area: number;
  featureIndex: number | null;
}

/** Pairs of siblings whose overlap exceeds the tolerance; bounding boxes are indexed first. */
function findSiblingOverlaps(shapes: Shape[]): [Shape, Shape, number][] {
  if (shapes.length < 2) return [];
  const index = new Flatbush(shapes.length);
  for (const s of shapes) index.add(s.bbox.minLng, s.bbox.minLat, s.bbox.maxLng, s.bbox.maxLat);
  index.finish();
  const found: [Shape, Shape, number][] = [];
  shapes.forEach((a, i) => {
    if (a.featureIndex === null) return;
    for (const j of index.search(a.bbox.minLng, a.bbox.minLat, a.bbox.maxLng, a.bbox.maxLat)) {
      const b = shapes[j];
      if (!b || j === i || (b.featureIndex !== null && j < i)) continue;
      const shared = overlapAreaM2(a.geometry, b.geometry);
      if (shared > territoryLimits.siblingOverlapTolerance * Math.min(a.area, b.area))
        found.push([a, b, shared]);
    }
  });
  return found;
}

export async function importTerritory(
  trx: Db,
  options: {
    jurisdictionId: number;
    collection: ImportFeatureCollection;
    actor: Actor;
    onProgress?: (progress: ImportProgress) => void;
  },
): Promise<ImportResult> {
  const { jurisdictionId, collection, actor } = options;
  const report = options.onProgress ?? (() => {});
  const total = collection.features.length;
  if (total > territoryLimits.maxImportFeatures) {
    throw new AppError(
      'territory.import_invalid',
      `At most ${territoryLimits.maxImportFeatures} features per import`,
      {
        errors: [],
      },
    );
  }
  const jurisdiction = await findJurisdiction(trx, { id: jurisdictionId });
  if (!jurisdiction) throw new AppError('territory.jurisdiction_not_found', 'Jurisdiction not found');

  // 1. Each feature on its own.
  const errors: ImportFeatureError[] = [];
  const parsed: ParsedFeature[] = [];
  const seenCodes = new Map<string, number>();
  collection.features.forEach((feature, index) => {
    const result = parseFeature(feature, index, errors);
    if (!result) return;
    const earlier = seenCodes.get(result.code);
    if (earlier !== undefined) {
      errors.push({
        feature: index,
        code: result.code,
        error: 'duplicate_code',
        message: `the code is also used by feature ${earlier}`,
      });
      return;
    }
    seenCodes.set(result.code, index);
    parsed.push(result);
  });

  // 2. Against the database and each other.
  const referenced = [...new Set(parsed.flatMap((f) => (f.parentCode ? [f.code, f.parentCode] : [f.code])))];
  const existing = new Map(
    (await findPlacesByCodes(trx, jurisdictionId, referenced)).map((p) => [p.code, p]),
  );
  const byCode = new Map(parsed.map((f) => [f.code, f]));
  let checked = 0;
  const parentGeometry = (code: string): AreaGeometry | undefined =>
    byCode.get(code)?.geometry ?? existing.get(code)?.geometry;
  for (const feature of parsed) {
    const fail = (error: string, message: string) =>
      errors.push({ feature: feature.index, code: feature.code, error, message });
    const current = existing.get(feature.code);
    if (current && current.valid_to !== null)
      fail('place_retired', 'this code belongs to a place that was split or merged away');
    else if (current && current.level !== feature.level)
      fail('level_mismatch', `this code is a ${current.level}`);
    const wantedParent = LEVEL_ABOVE[feature.level];
    if (feature.parentCode) {
      const parentLevel = byCode.get(feature.parentCode)?.level ?? existing.get(feature.parentCode)?.level;
      const parentRow = existing.get(feature.parentCode);
      if (!parentLevel || (parentRow && parentRow.valid_to !== null && !byCode.has(feature.parentCode))) {
        fail('parent_not_found', `no current ${wantedParent} with code ${feature.parentCode}`);
      } else if (parentLevel !== wantedParent) {
        fail('parent_level', `the parent ${feature.parentCode} is a ${parentLevel}, not a ${wantedParent}`);
      } else if (current && current.parent_id !== null && parentRow && current.parent_id !== parentRow.id) {
        fail(
          'parent_mismatch',
          'moving an existing place to another parent is a split or merge, not an import',
        );
      } else {
        const parentShape = parentGeometry(feature.parentCode);
        const outside = parentShape ? outsideAreaM2(feature.geometry, parentShape) : 0;
        if (outside > territoryLimits.outsideParentTolerance * feature.area) {
          fail(
            'outside_parent',
            `${Math.round(outside)} m² lie outside its ${wantedParent} ${feature.parentCode}`,
          );
        }
      }
    }
    if (feature.level === 'subdistrict') {
      const outside = outsideAreaM2(feature.geometry, jurisdiction.geometry);
      if (outside > territoryLimits.outsideParentTolerance * feature.area) {
        fail('outside_jurisdiction', `${Math.round(outside)} m² lie outside ${jurisdiction.name}`);
      }
    }
    report({ phase: 'validate', done: ++checked, total: parsed.length * 2 });
  }

  // Siblings: the file's features plus the current places they do not replace, per parent.
  const groups = new Map<string, Shape[]>();
  for (const feature of parsed) {
    const key = `${feature.level}:${feature.parentCode ?? ''}`;
    const list = groups.get(key) ?? [];
    list.push({
      code: feature.code,
      geometry: feature.geometry,
      bbox: feature.bbox,
      area: feature.area,
      featureIndex: feature.index,
    });
    groups.set(key, list);
  }
  for (const [key, shapes] of groups) {
    const [level, parentCode] = key.split(':') as [PlaceLevel, string];
    const parentRow = existing.get(parentCode);
    // A parent new in this file has no siblings in the database yet.
    const siblings =
      level === 'subdistrict' || parentRow
        ? await findPlacesWithGeometry(trx, {
            jurisdictionId,
            level,
            ...(parentRow ? { within: parentRow } : {}),
          })
        : [];
    for (const sibling of siblings) {
      if (byCode.has(sibling.code)) continue;
      shapes.push({
        code: sibling.code,
        geometry: sibling.geometry,
        bbox: {
          minLng: sibling.min_lng,
          minLat: sibling.min_lat,
          maxLng: sibling.max_lng,
          maxLat: sibling.max_lat,
        },
        area: sibling.area_m2,
        featureIndex: null,
      });
    }
    for (const [a, b, shared] of findSiblingOverlaps(shapes)) {
      errors.push({
        feature: a.featureIndex ?? 0,
        code: a.code,
        error: 'overlaps_sibling',
        message: `overlaps ${b.code} by ${Math.round(shared)} m²`,
      });
    }
    checked += shapes.filter((s) => s.featureIndex !== null).length;
    report({ phase: 'validate', done: checked, total: parsed.length * 2 });
  }

  if (errors.length > 0) {
    errors.sort((x, y) => x.feature - y.feature);
    throw new AppError(
      'territory.import_invalid',
      `${errors.length} feature(s) refused; nothing was imported`,
      { errors },
    );
  }

  // 3. Write, parents before children.
  let created = 0;
  let updated = 0;
  let written = 0;
  const levels: Record<string, number> = {};
  const placeByCode = new Map<string, Pick<PlaceRow, 'id' | 'level' | 'subdistrict_id' | 'community_id'>>(
    [...existing.values()].map((p) => [p.code, p]),
  );
  for (const level of LEVEL_ORDER) {
    const features = parsed.filter((f) => f.level === level);
    const fresh = features.filter((f) => !existing.has(f.code));
    for (const feature of features) {
      const current = existing.get(feature.code);
      if (!current) continue;
      await updatePlaceShape(trx, jurisdictionId, current.id, {
        name: feature.name,
        geometry: feature.geometry,
      });
      updated++;
      report({ phase: 'write', done: ++written, total: parsed.length });
    }
    for (let start = 0; start < fresh.length; start += 200) {
      const chunk = fresh.slice(start, start + 200);
      const rows = await insertPlaces(
        trx,
        chunk.map((f) => ({
          jurisdictionId,
          level: f.level,
          parent: f.parentCode ? (placeByCode.get(f.parentCode) ?? null) : null,
          code: f.code,
          name: f.name,
          communityKind: f.kind,
          geometry: f.geometry,
        })),
      );
      for (const row of rows) placeByCode.set(row.code, row);
      created += rows.length;
      written += rows.length;
      report({ phase: 'write', done: written, total: parsed.length });
    }
    if (features.length > 0) levels[level] = features.length;
  }
  await bumpGeometryVersion(trx, jurisdictionId);
  await recordAudit(trx, actor, {
    jurisdictionId,
    action: 'territory.import_geojson',
    subjectType: 'jurisdiction',
    subjectId: jurisdictionId,
    details: { created, updated, levels },
  });
  return { created, updated, levels };
}

/** Current places as an importable FeatureCollection (the inverse of importTerritory). */
export async function exportTerritory(
  db: Db,
  options: { jurisdictionId: number; levels: PlaceLevel[] },
): Promise<{ type: 'FeatureCollection'; features: unknown[] }> {
  const features: unknown[] = [];
  const codes = new Map<number, string>();
  for (const level of LEVEL_ORDER) {
    const rows = await findPlacesWithGeometry(db, { jurisdictionId: options.jurisdictionId, level });
    for (const row of rows) codes.set(row.id, row.code);
    if (!options.levels.includes(level)) continue;
    for (const row of rows) {
      features.push({
        type: 'Feature',
        geometry: row.geometry,
        properties: {
          level: row.level,
          code: row.code,
          name: row.name,
          ...(row.parent_id !== null ? { parent: codes.get(row.parent_id) ?? null } : {}),
          ...(row.community_kind ? { kind: row.community_kind } : {}),
        },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}
