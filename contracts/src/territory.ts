import { z } from 'zod';
import { AreaGeometry, FeatureCollection, ImportFeatureCollection } from './geojson.ts';
import { territoryLimits } from './limits.ts';

/** Levels of the territory hierarchy that carry polygons: 街道 → 社区 → 网格 → 网格单元. */
export const PlaceLevel = z.enum(['subdistrict', 'community', 'grid', 'unit']);
export type PlaceLevel = z.infer<typeof PlaceLevel>;

/** Community kinds (分类施治): 老旧型, 新建型, 候鸟型, 单位型. */
export const CommunityKind = z.enum(['legacy', 'new_build', 'seasonal', 'work_unit']);
export type CommunityKind = z.infer<typeof CommunityKind>;

/** Coordinate reference systems accepted on intake; stored data is always WGS-84. */
export const Crs = z.enum(['wgs84', 'gcj02', 'bd09']);
export type Crs = z.infer<typeof Crs>;

export const Id = z.coerce.number().int().positive();

export const PlaceRef = z.object({ id: z.number().int(), code: z.string(), name: z.string() });
export type PlaceRef = z.infer<typeof PlaceRef>;

export const CommunityRef = PlaceRef.extend({ kind: CommunityKind });

// ---- GET /api/territory/summary -------------------------------------------------------------
export const TerritorySummary = z.object({
  jurisdiction: z.object({ code: z.string(), name: z.string() }),
  subdistricts: z.array(z.object({ code: z.string(), name: z.string() })),
  counts: z.object({
    communities: z.number().int(),
    grids: z.number().int(),
    units: z.number().int(),
    buildings: z.number().int(),
    households: z.number().int(),
  }),
  communityKinds: z.record(CommunityKind, z.number().int()),
});
export type TerritorySummary = z.infer<typeof TerritorySummary>;

// ---- GET /api/territory/locate --------------------------------------------------------------
export const LocateQuery = z.object({
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  crs: Crs.default('wgs84'),
});
export const LocateResult = z.object({
  unit: PlaceRef,
  grid: PlaceRef,
  community: CommunityRef,
  subdistrict: PlaceRef,
  /** The point as stored: WGS-84. */
  point: z.object({ lng: z.number(), lat: z.number() }),
});
export type LocateResult = z.infer<typeof LocateResult>;

// ---- GET /api/territory/geojson -------------------------------------------------------------
export const GeoJsonQuery = z.object({
  level: PlaceLevel,
  /** Only places under this place (any level above `level`). */
  within: Id.optional(),
});
export { FeatureCollection };

// ---- GET /api/territory/tree ----------------------------------------------------------------
export const TreeNode = z.object({
  id: z.number().int(),
  level: PlaceLevel,
  code: z.string(),
  name: z.string(),
  kind: CommunityKind.nullable(),
  parentId: z.number().int().nullable(),
});
export type TreeNode = z.infer<typeof TreeNode>;
export const TreeResponse = z.object({
  jurisdiction: z.object({ code: z.string(), name: z.string() }),
  /** Flat list of current places, parents before children; the web builds the tree. */
  nodes: z.array(TreeNode),
});
export type TreeResponse = z.infer<typeof TreeResponse>;

// ---- GET /api/territory/search --------------------------------------------------------------
export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(50),
  limit: z.coerce.number().int().min(1).max(territoryLimits.maxSearchResults).default(20),
});
export const SearchHit = z.object({
  id: z.number().int(),
  level: z.union([PlaceLevel, z.literal('building')]),
  code: z.string(),
  name: z.string(),
  /** Names from the subdistrict down to the parent, e.g. 东莱街道 / 润新社区 / 第3网格. */
  path: z.string(),
  /** The place to open on the map (for a building: its unit). */
  placeId: z.number().int(),
  current: z.boolean(),
});
export type SearchHit = z.infer<typeof SearchHit>;
export const SearchResponse = z.object({ hits: z.array(SearchHit) });

// ---- GET /api/territory/places/:id ----------------------------------------------------------
export const BuildingSummary = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  floors: z.number().int(),
  households: z.number().int(),
});
export const LineageEntry = z.object({
  changeId: z.number().int(),
  kind: z.enum(['split', 'merge']),
  at: z.string(),
  reason: z.string(),
  places: z.array(PlaceRef),
});
export const PlaceCard = z.object({
  id: z.number().int(),
  level: PlaceLevel,
  code: z.string(),
  name: z.string(),
  kind: CommunityKind.nullable(),
  current: z.boolean(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  areaM2: z.number(),
  ancestors: z.array(PlaceRef.extend({ level: PlaceLevel })),
  childCounts: z.object({
    communities: z.number().int(),
    grids: z.number().int(),
    units: z.number().int(),
    buildings: z.number().int(),
    households: z.number().int(),
  }),
  /** Buildings, listed for a unit only. */
  buildings: z.array(BuildingSummary),
  /** Changes that made this place (its predecessors) and that ended it (its successors). */
  predecessors: z.array(LineageEntry),
  successors: z.array(LineageEntry),
  geometry: AreaGeometry,
});
export type PlaceCard = z.infer<typeof PlaceCard>;

// ---- Boundary changes (社区不断扩张、动态调整) --------------------------------------------------
export const SplitRequest = z.object({
  parts: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(territoryLimits.maxNameLength).optional(),
        geometry: AreaGeometry,
      }),
    )
    .min(2)
    .max(territoryLimits.maxSplitParts),
  reason: z.string().trim().min(1).max(territoryLimits.maxReasonLength),
});
export type SplitRequest = z.infer<typeof SplitRequest>;
export const MergeRequest = z.object({
  placeIds: z.array(z.number().int().positive()).min(2).max(territoryLimits.maxMergePlaces),
  name: z.string().trim().min(1).max(territoryLimits.maxNameLength).optional(),
  reason: z.string().trim().min(1).max(territoryLimits.maxReasonLength),
});
export type MergeRequest = z.infer<typeof MergeRequest>;
export const BoundaryChange = z.object({
  id: z.number().int(),
  kind: z.enum(['split', 'merge']),
  level: z.enum(['grid', 'unit']),
  at: z.string(),
  reason: z.string(),
  predecessors: z.array(PlaceRef),
  successors: z.array(PlaceRef),
});
export type BoundaryChange = z.infer<typeof BoundaryChange>;
export const ChangesQuery = z.object({
  placeId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const ChangesResponse = z.object({ total: z.number().int(), changes: z.array(BoundaryChange) });

// ---- GeoJSON import (grids and units) ---------------------------------------------------------
export { ImportFeatureCollection };
export const ImportFeatureError = z.object({
  /** Index of the feature in the file (0-based). */
  feature: z.number().int(),
  code: z.string().nullable(),
  error: z.string(),
  message: z.string(),
});
export type ImportFeatureError = z.infer<typeof ImportFeatureError>;
export const ImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  levels: z.record(z.string(), z.number().int()),
});
export type ImportResult = z.infer<typeof ImportResult>;

// ---- Multi-grid merge (多网合一) ------------------------------------------------------------------
export const LegacyLayerCreate = z.object({
  /** The department that owned the layer, e.g. 卫健局 (计生网格). */
  department: z.string().trim().min(1).max(territoryLimits.maxNameLength),
  name: z.string().trim().min(1).max(territoryLimits.maxNameLength),
  /** Which feature property holds the legacy grid's code and name. */
  codeProperty: z.string().min(1).max(50).default('code'),
  nameProperty: z.string().min(1).max(50).default('name'),
  crs: Crs.default('wgs84'),
  featureCollection: ImportFeatureCollection,
});
export type LegacyLayerCreate = z.infer<typeof LegacyLayerCreate>;
export const LegacyLayer = z.object({
  id: z.number().int(),
  department: z.string(),
  name: z.string(),
  gridCount: z.number().int(),
  importedAt: z.string(),
  /** Share of unified grids that overlap at least one legacy grid of this layer. */
  coveredGridShare: z.number(),
});
export type LegacyLayer = z.infer<typeof LegacyLayer>;
export const LegacyOverlap = z.object({
  legacyGrid: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
  /** Intersection area / unified grid area. */
  shareOfGrid: z.number(),
  /** Intersection area / legacy grid area. */
  shareOfLegacy: z.number(),
  areaM2: z.number(),
});
export const LegacyMappingRow = z.object({
  grid: PlaceRef.extend({ community: z.string() }),
  overlaps: z.array(LegacyOverlap),
});
export type LegacyMappingRow = z.infer<typeof LegacyMappingRow>;
export const LegacyMappingQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  q: z.string().trim().max(50).optional(),
});
export const LegacyMapping = z.object({
  layer: LegacyLayer,
  total: z.number().int(),
  rows: z.array(LegacyMappingRow),
});
export type LegacyMapping = z.infer<typeof LegacyMapping>;

/**
 * The grids' outlines for public pages: simplified (a few metres' detail) and rounded, with names
 * only; each grid's centroid is where public maps place what is counted in it.
 */
export const PublicGridOutlines = z.object({
  /** Changes when any boundary changes (cache key). */
  geometryVersion: z.number().int(),
  grids: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      communityName: z.string(),
      centroid: z.object({ lng: z.number(), lat: z.number() }),
      geometry: AreaGeometry,
    }),
  ),
});
export type PublicGridOutlines = z.infer<typeof PublicGridOutlines>;
