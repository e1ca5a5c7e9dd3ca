import Flatbush from 'flatbush';
import { sql } from 'kysely';
import type {
  AreaGeometry,
  LegacyLayer,
  LegacyLayerCreate,
  LegacyMapping,
  LegacyMappingRow,
} from '#contracts';
import { territoryLimits } from '#contracts';
import { type Actor, jsonb, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { toWgs84 } from './coordinates.ts';
import { areaM2, bboxOf, checkAreaGeometry, geometryProblemMessages, intersection } from './geometry.ts';
import { type Db, findPlacesLite, findPlacesWithGeometry } from './territory.repository.ts';

/**
 * 多网合一: a department's legacy grid layer (计生, 应急, 综治, 城管 …) is imported and compared
 * with the unified grid layer; for each unified grid we keep which legacy grids it overlaps and
 * by what share of its own area and of the legacy grid's area.
 */

/** Overlaps smaller than this share of both grids are slivers from imprecise boundaries, not replacements. */
const MIN_SHARE = 0.005;

function convertGeometry(geometry: AreaGeometry, crs: LegacyLayerCreate['crs']): AreaGeometry {
  if (crs === 'wgs84') return geometry;
  const ring = (r: number[][]) => r.map(([lng = 0, lat = 0]) => toWgs84(lng, lat, crs));
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map(ring)) };
}

export async function importLegacyLayer(
  trx: Db,
  options: { jurisdictionId: number; request: LegacyLayerCreate; actor: Actor },
): Promise<LegacyLayer> {
  const { jurisdictionId, request, actor } = options;
  const errors: { feature: number; code: string | null; error: string; message: string }[] = [];
  const grids: { code: string; name: string; geometry: AreaGeometry; area: number }[] = [];
  const seen = new Set<string>();
  request.featureCollection.features.forEach((feature, index) => {
    const props = feature.properties ?? {};
    const rawCode = props[request.codeProperty];
    const code = typeof rawCode === 'string' || typeof rawCode === 'number' ? String(rawCode).trim() : '';
    const rawName = props[request.nameProperty];
    const name = typeof rawName === 'string' && rawName.trim() ? rawName.trim() : code;
    if (!code) {
      errors.push({
        feature: index,
        code: null,
        error: 'code',
        message: `properties.${request.codeProperty} is required`,
      });
      return;
    }
    if (seen.has(code)) {
      errors.push({
        feature: index,
        code,
        error: 'duplicate_code',
        message: 'the code appears twice in the layer',
      });
      return;
    }
    seen.add(code);
    const check = checkAreaGeometry(feature.geometry);
    if (!check.ok) {
      errors.push({
        feature: index,
        code,
        error: check.problem,
        message: geometryProblemMessages[check.problem],
      });
      return;
    }
    const geometry = convertGeometry(check.geometry, request.crs);
    grids.push({ code, name, geometry, area: areaM2(geometry) });
  });
  if (grids.length === 0 && errors.length === 0) {
    errors.push({ feature: -1, code: null, error: 'empty', message: 'the layer has no features' });
  }
  if (errors.length > 0) {
    throw new AppError(
      'territory.legacy_layer_invalid',
      `${errors.length} feature(s) refused; nothing was imported`,
      {
        errors,
      },
    );
  }
  const existingCount = await trx
    .selectFrom('legacy_layer')
    .select([
      (eb) => eb.fn.countAll<number>().as('count'),
      sql<number>`count(*) filter (where name = ${request.name})`.as('same'),
    ])
    .where('jurisdiction_id', '=', jurisdictionId)
    .executeTakeFirst();
  if (Number(existingCount?.same ?? 0) > 0) {
    throw new AppError('territory.legacy_layer_exists', `A legacy layer named ${request.name} exists`);
  }
  if (Number(existingCount?.count ?? 0) >= territoryLimits.maxLegacyLayers) {
    throw new AppError(
      'territory.legacy_layer_invalid',
      `At most ${territoryLimits.maxLegacyLayers} legacy layers`,
      {
        errors: [],
      },
    );
  }
  const layer = await trx
    .insertInto('legacy_layer')
    .values({ jurisdiction_id: jurisdictionId, department: request.department, name: request.name })
    .returning(['id', 'department', 'name', 'imported_at'])
    .executeTakeFirstOrThrow();
  const inserted: { id: number; code: string }[] = [];
  for (let start = 0; start < grids.length; start += 500) {
    inserted.push(
      ...(await trx
        .insertInto('legacy_grid')
        .values(
          grids.slice(start, start + 500).map((g) => ({
            jurisdiction_id: jurisdictionId,
            layer_id: layer.id,
            code: g.code,
            name: g.name,
            geometry: jsonb(g.geometry),
            area_m2: g.area,
          })),
        )
        .returning(['id', 'code'])
        .execute()),
    );
  }
  const legacyIds = new Map(inserted.map((row) => [row.code, row.id]));
  const overlaps = await computeOverlaps(trx, jurisdictionId, grids);
  for (let start = 0; start < overlaps.length; start += 1000) {
    await trx
      .insertInto('legacy_overlap')
      .values(
        overlaps.slice(start, start + 1000).map((o) => ({
          jurisdiction_id: jurisdictionId,
          layer_id: layer.id,
          grid_id: o.gridId,
          legacy_grid_id: legacyIds.get(o.legacyCode) as number,
          area_m2: o.area,
          share_of_grid: o.shareOfGrid,
          share_of_legacy: o.shareOfLegacy,
        })),
      )
      .execute();
  }
  await recordAudit(trx, actor, {
    jurisdictionId,
    action: 'territory.import_legacy_layer',
    subjectType: 'legacy_layer',
    subjectId: layer.id,
    details: {
      department: request.department,
      name: request.name,
      grids: grids.length,
      overlaps: overlaps.length,
    },
  });
  const [summary] = await listLegacyLayers(trx, { jurisdictionId, layerId: layer.id });
  if (!summary) throw new Error('legacy layer vanished after insert');
  return summary;
}

async function computeOverlaps(
  db: Db,
  jurisdictionId: number,
  legacy: { code: string; geometry: AreaGeometry; area: number }[],
) {
  const index = new Flatbush(legacy.length);
  for (const grid of legacy) {
    const box = bboxOf(grid.geometry);
    index.add(box.minLng, box.minLat, box.maxLng, box.maxLat);
  }
  index.finish();
  const unified = await findPlacesWithGeometry(db, { jurisdictionId, level: 'grid' });
  const overlaps: {
    gridId: number;
    legacyCode: string;
    area: number;
    shareOfGrid: number;
    shareOfLegacy: number;
  }[] = [];
  for (const grid of unified) {
    for (const candidate of index.search(grid.min_lng, grid.min_lat, grid.max_lng, grid.max_lat)) {
      const other = legacy[candidate];
      if (!other) continue;
      const shared = intersection(grid.geometry, other.geometry);
      if (!shared) continue;
      const area = areaM2(shared);
      const shareOfGrid = area / grid.area_m2;
      const shareOfLegacy = area / other.area;
      if (shareOfGrid < MIN_SHARE && shareOfLegacy < MIN_SHARE) continue;
      overlaps.push({ gridId: grid.id, legacyCode: other.code, area, shareOfGrid, shareOfLegacy });
    }
  }
  return overlaps;
}

export async function listLegacyLayers(
  db: Db,
  options: { jurisdictionId: number; layerId?: number },
): Promise<LegacyLayer[]> {
  let query = db
    .selectFrom('legacy_layer as l')
    .select([
      'l.id',
      'l.department',
      'l.name',
      'l.imported_at',
      (eb) =>
        eb
          .selectFrom('legacy_grid as g')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('g.jurisdiction_id', '=', 'l.jurisdiction_id')
          .whereRef('g.layer_id', '=', 'l.id')
          .as('grid_count'),
      (eb) =>
        eb
          .selectFrom('legacy_overlap as o')
          .select(sql<number>`count(distinct o.grid_id)`.as('n'))
          .whereRef('o.jurisdiction_id', '=', 'l.jurisdiction_id')
          .whereRef('o.layer_id', '=', 'l.id')
          .as('covered_grids'),
    ])
    .where('l.jurisdiction_id', '=', options.jurisdictionId)
    .orderBy('l.id');
  if (options.layerId !== undefined) query = query.where('l.id', '=', options.layerId);
  const rows = await query.execute();
  const grids = (await findPlacesLite(db, { jurisdictionId: options.jurisdictionId, level: 'grid' })).length;
  return rows.map((row) => ({
    id: row.id,
    department: row.department,
    name: row.name,
    gridCount: Number(row.grid_count ?? 0),
    importedAt: row.imported_at.toISOString(),
    coveredGridShare: grids === 0 ? 0 : Number(row.covered_grids ?? 0) / grids,
  }));
}

/** Per unified grid, the legacy grids it overlaps, largest share first; paged, optionally filtered by text. */
export async function getLegacyMapping(
  db: Db,
  options: { jurisdictionId: number; layerId: number; limit: number; offset: number; q?: string | undefined },
): Promise<LegacyMapping> {
  const [layer] = await listLegacyLayers(db, {
    jurisdictionId: options.jurisdictionId,
    layerId: options.layerId,
  });
  if (!layer)
    throw new AppError('territory.legacy_layer_not_found', `Legacy layer ${options.layerId} not found`);
  let grids = await findPlacesLite(db, { jurisdictionId: options.jurisdictionId, level: 'grid' });
  const communities = new Map(
    (await findPlacesLite(db, { jurisdictionId: options.jurisdictionId, level: 'community' })).map((c) => [
      c.id,
      c.name,
    ]),
  );
  if (options.q) {
    const q = options.q;
    grids = grids.filter(
      (g) =>
        g.code.startsWith(q) ||
        g.name.includes(q) ||
        (communities.get(g.community_id ?? 0) ?? '').includes(q),
    );
  }
  const page = grids.slice(options.offset, options.offset + options.limit);
  const overlaps =
    page.length === 0
      ? []
      : await db
          .selectFrom('legacy_overlap as o')
          .innerJoin('legacy_grid as g', (join) =>
            join.onRef('g.jurisdiction_id', '=', 'o.jurisdiction_id').onRef('g.id', '=', 'o.legacy_grid_id'),
          )
          .select([
            'o.grid_id',
            'o.area_m2',
            'o.share_of_grid',
            'o.share_of_legacy',
            'g.id',
            'g.code',
            'g.name',
          ])
          .where('o.jurisdiction_id', '=', options.jurisdictionId)
          .where('o.layer_id', '=', options.layerId)
          .where(
            'o.grid_id',
            'in',
            page.map((g) => g.id),
          )
          .orderBy('o.share_of_grid', 'desc')
          .execute();
  const rows: LegacyMappingRow[] = page.map((grid) => ({
    grid: {
      id: grid.id,
      code: grid.code,
      name: grid.name,
      community: communities.get(grid.community_id ?? 0) ?? '',
    },
    overlaps: overlaps
      .filter((o) => o.grid_id === grid.id)
      .map((o) => ({
        legacyGrid: { id: o.id, code: o.code, name: o.name },
        shareOfGrid: round4(o.share_of_grid),
        shareOfLegacy: round4(o.share_of_legacy),
        areaM2: Math.round(o.area_m2),
      })),
  }));
  return { layer, total: grids.length, rows };
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** The whole mapping as CSV (UTF-8 with BOM so that Excel shows the Chinese names). */
export async function exportLegacyMappingCsv(
  db: Db,
  options: { jurisdictionId: number; layerId: number },
): Promise<string> {
  const mapping = await getLegacyMapping(db, { ...options, limit: 1_000_000, offset: 0 });
  const csvCell = (value: string | number) => {
    const s = String(value);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [
    [
      '社区 community',
      '网格编码 grid code',
      '网格 grid',
      '旧网格编码 legacy code',
      '旧网格 legacy grid',
      '占本网格比例 share of grid',
      '占旧网格比例 share of legacy',
      '重叠面积 m²',
    ].join(','),
  ];
  for (const row of mapping.rows) {
    const overlaps = row.overlaps.length > 0 ? row.overlaps : [null];
    for (const o of overlaps) {
      lines.push(
        [
          row.grid.community,
          row.grid.code,
          row.grid.name,
          o?.legacyGrid.code ?? '',
          o?.legacyGrid.name ?? '',
          o?.shareOfGrid ?? 0,
          o?.shareOfLegacy ?? 0,
          o?.areaM2 ?? 0,
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  return `\uFEFF${lines.join('\n')}\n`;
}
