import type { Metres } from './local-frame.ts';
import { type PolygonRings, toAreaGeometry } from './planar.ts';
import { DEFAULT_SEED, randomStream } from './random.ts';
import { partitionPolygon } from './tessellate.ts';
import type { DemoLegacyLayer, DemoTerritory } from './types.ts';
import { buildUrbanArea } from './urban-area.ts';

/**
 * Legacy department grid layers for the multi-grid merge (多网合一): before the merge, "计生、应急等9类网格"
 * were drawn by different departments (the article: 会同政法、卫健等15个部门). Each layer here is its own
 * seeded Voronoi partition of the same urban part, with its own number of grids and its own pull
 * towards the centre, so that the layers overlap the unified grids (and each other) unevenly.
 */

interface LegacyLayerSpec {
  /** Code prefix, from the pinyin initials of the label: 计生 → JS. */
  prefix: string;
  /** Short label used in grid names, e.g. "计生第1网格". */
  label: string;
  department: string;
  name: string;
  gridCount: number;
  /** How much denser the grids are in the old centre than at the fringe (0 = uniform). */
  centreWeight: number;
}

const LEGACY_LAYERS: readonly LegacyLayerSpec[] = [
  {
    prefix: 'JS',
    label: '计生',
    department: '市卫生健康局',
    name: '计生网格',
    gridCount: 120,
    centreWeight: 3,
  },
  {
    prefix: 'YJ',
    label: '应急',
    department: '市应急管理局',
    name: '应急网格',
    gridCount: 80,
    centreWeight: 1,
  },
  {
    prefix: 'ZZ',
    label: '综治',
    department: '市委政法委',
    name: '综治网格',
    gridCount: 300,
    centreWeight: 4,
  },
  {
    prefix: 'CG',
    label: '城管',
    department: '市综合行政执法局',
    name: '城管网格',
    gridCount: 150,
    centreWeight: 5,
  },
  {
    prefix: 'XF',
    label: '消防',
    department: '市消防救援大队',
    name: '消防网格',
    gridCount: 60,
    centreWeight: 1,
  },
  {
    prefix: 'AJ',
    label: '安监',
    department: '市应急管理局',
    name: '安全生产网格',
    gridCount: 90,
    centreWeight: 0,
  },
  {
    prefix: 'SJ',
    label: '市场监管',
    department: '市市场监督管理局',
    name: '市场监管网格',
    gridCount: 110,
    centreWeight: 4,
  },
  { prefix: 'MZ', label: '民政', department: '市民政局', name: '民政网格', gridCount: 70, centreWeight: 2 },
  {
    prefix: 'WJ',
    label: '卫健',
    department: '市卫生健康局',
    name: '健康网格',
    gridCount: 200,
    centreWeight: 3,
  },
];

export const MAX_LEGACY_LAYERS = LEGACY_LAYERS.length;

function densityWithCentreWeight(centreWeight: number): (point: Metres) => number {
  return ([x, y]) => 1 + centreWeight * Math.exp(-((Math.hypot(x, y) / 3500) ** 2));
}

function countyPolygons(territory: DemoTerritory): PolygonRings[] {
  const { geometry } = territory.jurisdiction;
  return (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as PolygonRings[];
}

function buildLayer(spec: LegacyLayerSpec, urbanArea: PolygonRings[], seed: number): DemoLegacyLayer {
  const cells = partitionPolygon({
    parent: urbanArea,
    count: spec.gridCount,
    random: randomStream(seed, `legacy:${spec.prefix}`),
    density: densityWithCentreWeight(spec.centreWeight),
  });
  return {
    department: spec.department,
    name: spec.name,
    featureCollection: {
      type: 'FeatureCollection',
      features: cells.map((cell, index) => ({
        type: 'Feature',
        geometry: toAreaGeometry(cell.polygons),
        properties: {
          code: `${spec.prefix}-${String(index + 1).padStart(3, '0')}`,
          name: `${spec.label}第${index + 1}网格`,
        },
      })),
    },
  };
}

/** Up to 9 legacy layers (default all 9) over the urban part of the territory's county outline. */
export function generateLegacyLayers(
  territory: DemoTerritory,
  options: { seed?: number; count?: number } = {},
): DemoLegacyLayer[] {
  const seed = options.seed ?? DEFAULT_SEED;
  const count = Math.max(0, Math.min(MAX_LEGACY_LAYERS, options.count ?? MAX_LEGACY_LAYERS));
  const urbanArea = buildUrbanArea(countyPolygons(territory));
  return LEGACY_LAYERS.slice(0, count).map((spec) => buildLayer(spec, urbanArea, seed));
}
