import { area as turfArea } from '@turf/area';
import { kinks } from '@turf/kinks';
import * as polyclip from 'polyclip-ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCommunityRecords } from './demo-data.ts';
import {
  type AreaGeometry,
  type DemoTerritory,
  GRID_COUNT,
  generateLegacyLayers,
  generateLongkouTerritory,
  UNIT_COUNT,
} from './generate-longkou.ts';
import { pointInPolygon, ringSignedArea } from './planar.ts';

type Polygon = number[][][];

function polygonsOf(geometry: AreaGeometry): Polygon[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function areaM2(geometry: AreaGeometry): number {
  return turfArea({ type: 'Feature', geometry, properties: {} });
}

function areaOfPolygons(polygons: Polygon[]): number {
  return polygons.length === 0 ? 0 : areaM2({ type: 'MultiPolygon', coordinates: polygons });
}

/** Share of `inner`'s area that lies outside `outer`. */
function shareOutside(inner: AreaGeometry, outer: AreaGeometry): number {
  const outside = polyclip.difference(polygonsOf(inner) as polyclip.Geom, polygonsOf(outer) as polyclip.Geom);
  return areaOfPolygons(outside as Polygon[]) / areaM2(inner);
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

interface Place {
  code: string;
  geometry: AreaGeometry;
}

function allAreas(territory: DemoTerritory): Place[] {
  return [...territory.subdistricts, ...territory.communities, ...territory.grids, ...territory.units];
}

/** Generation takes ~1 s here; leave room for slower CI machines. */
const TIMEOUT_MS = 30_000;

let territory: DemoTerritory;

beforeAll(() => {
  territory = generateLongkouTerritory();
}, TIMEOUT_MS);

describe('generateLongkouTerritory', { timeout: TIMEOUT_MS }, () => {
  it('has the article’s counts: 5 subdistricts, 39 communities, 454 grids, 2229 units', () => {
    expect(territory.jurisdiction.code).toBe('370681');
    expect(territory.jurisdiction.name).toBe('龙口市');
    expect(territory.subdistricts.map((s) => `${s.code} ${s.name}`)).toEqual([
      '370681001 东莱街道',
      '370681002 龙港街道',
      '370681003 新嘉街道',
      '370681004 徐福街道',
      '370681005 东江街道',
    ]);
    expect(territory.communities).toHaveLength(39);
    expect(territory.grids).toHaveLength(GRID_COUNT);
    expect(territory.grids).toHaveLength(454);
    expect(territory.units).toHaveLength(UNIT_COUNT);
    expect(territory.units).toHaveLength(2229);
  });

  it('classifies communities 25 legacy / 6 new-build / 2 seasonal / 6 work-unit, as communities.json says', () => {
    expect(Object.fromEntries(countBy(territory.communities, (c) => c.kind))).toEqual({
      legacy: 25,
      new_build: 6,
      seasonal: 2,
      work_unit: 6,
    });
    const records = loadCommunityRecords();
    expect(territory.communities.map((c) => [c.code, c.name, c.subdistrictCode, c.kind])).toEqual(
      records.map((r) => [r.code, r.name, r.subdistrictCode, r.kind]),
    );
    const kindOf = new Map(territory.communities.map((c) => [c.name, c.kind]));
    expect(kindOf.get('润新社区')).toBe('legacy');
    expect(kindOf.get('河北嘉元社区')).toBe('legacy');
    expect(kindOf.get('锦里社区')).toBe('new_build');
    expect(kindOf.get('府东社区')).toBe('new_build');
    expect(kindOf.get('龙海社区')).toBe('work_unit');
  });

  it('is deterministic: the same seed gives identical output, another seed different boundaries', () => {
    const again = generateLongkouTerritory({ seed: 370681 });
    expect(again).toEqual(territory);
    expect(JSON.stringify(again)).toBe(JSON.stringify(territory));
    const other = generateLongkouTerritory({ seed: 7 });
    expect(other.units).toHaveLength(2229);
    expect(other.units[0]?.geometry).not.toEqual(territory.units[0]?.geometry);
  });

  it('gives unique hierarchical codes, each prefixed by its parent’s code', () => {
    const codes = [...allAreas(territory).map((p) => p.code), ...territory.buildings.map((b) => b.code)];
    expect(new Set(codes).size).toBe(codes.length);
    const subdistricts = new Set(territory.subdistricts.map((s) => s.code));
    const communities = new Set(territory.communities.map((c) => c.code));
    const grids = new Set(territory.grids.map((g) => g.code));
    const units = new Set(territory.units.map((u) => u.code));
    for (const s of territory.subdistricts) expect(s.code).toMatch(/^370681\d{3}$/);
    for (const c of territory.communities) {
      expect(subdistricts.has(c.subdistrictCode)).toBe(true);
      expect(c.code).toMatch(new RegExp(`^${c.subdistrictCode}\\d{3}$`));
      expect(c.name).toMatch(/社区$/);
    }
    for (const g of territory.grids) {
      expect(communities.has(g.communityCode)).toBe(true);
      expect(g.code).toMatch(new RegExp(`^${g.communityCode}\\d{3}$`));
      expect(g.name).toMatch(/^第\d+网格$/);
    }
    for (const u of territory.units) {
      expect(grids.has(u.gridCode)).toBe(true);
      expect(u.code).toMatch(new RegExp(`^${u.gridCode}\\d{3}$`));
      expect(u.name).toMatch(/^第\d+单元$/);
    }
    for (const b of territory.buildings) {
      expect(units.has(b.unitCode)).toBe(true);
      expect(b.code).toMatch(new RegExp(`^${b.unitCode}\\d{2}$`));
      expect(b.name).toMatch(/\d+号楼$/);
    }
  });

  it('sorts every list by code', () => {
    for (const list of [
      territory.subdistricts,
      territory.communities,
      territory.grids,
      territory.units,
      territory.buildings,
    ]) {
      const codes = list.map((item) => item.code);
      expect(codes).toEqual([...codes].sort());
    }
  });

  it('gives every community at least 5 grids and every grid at least 2 units', () => {
    const gridsPerCommunity = countBy(territory.grids, (g) => g.communityCode);
    const unitsPerGrid = countBy(territory.units, (u) => u.gridCode);
    for (const c of territory.communities) expect(gridsPerCommunity.get(c.code)).toBeGreaterThanOrEqual(5);
    for (const g of territory.grids) expect(unitsPerGrid.get(g.code)).toBeGreaterThanOrEqual(2);
  });

  it('draws only valid polygons: closed counter-clockwise rings, no repeated vertices, no slivers', () => {
    for (const place of allAreas(territory)) {
      expect(place.geometry.type).toBe('Polygon');
      expect(areaM2(place.geometry)).toBeGreaterThan(1);
      polygonsOf(place.geometry).forEach((polygon) => {
        polygon.forEach((ring, ringIndex) => {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring.at(-1)).toEqual(ring[0]);
          for (let i = 1; i < ring.length; i++) expect(ring[i]).not.toEqual(ring[i - 1]);
          if (ringIndex === 0) expect(ringSignedArea(ring)).toBeGreaterThan(0);
        });
      });
    }
  });

  it('has no self-intersections in subdistricts, communities, grids and a sample of units', () => {
    const sample = [
      ...territory.subdistricts,
      ...territory.communities,
      ...territory.grids,
      ...territory.units.filter((_, index) => index % 5 === 0),
    ];
    for (const place of sample) expect(kinks(place.geometry).features, place.code).toHaveLength(0);
  });

  it('keeps every child inside its parent', () => {
    const byCode = new Map(allAreas(territory).map((place) => [place.code, place.geometry]));
    const pairs: [AreaGeometry, string][] = [
      ...territory.communities.map((c): [AreaGeometry, string] => [c.geometry, c.subdistrictCode]),
      ...territory.grids.map((g): [AreaGeometry, string] => [g.geometry, g.communityCode]),
      ...territory.units.map((u): [AreaGeometry, string] => [u.geometry, u.gridCode]),
    ];
    for (const [child, parentCode] of pairs) {
      const parent = byCode.get(parentCode);
      if (!parent) throw new Error(`no parent ${parentCode}`);
      expect(shareOutside(child, parent)).toBeLessThan(0.01);
    }
  });

  it('tiles every parent with its children (areas add up, so siblings do not overlap)', () => {
    const areaOf = new Map(allAreas(territory).map((place) => [place.code, areaM2(place.geometry)]));
    const childAreas = new Map<string, number>();
    const add = (parentCode: string, code: string): void => {
      childAreas.set(parentCode, (childAreas.get(parentCode) ?? 0) + (areaOf.get(code) ?? 0));
    };
    for (const c of territory.communities) add(c.subdistrictCode, c.code);
    for (const g of territory.grids) add(g.communityCode, g.code);
    for (const u of territory.units) add(u.gridCode, u.code);
    for (const [parentCode, sum] of childAreas) {
      expect(Math.abs(sum - (areaOf.get(parentCode) ?? 0)) / sum, parentCode).toBeLessThan(1e-3);
    }
    const urbanArea = territory.subdistricts.reduce((sum, s) => sum + areaM2(s.geometry), 0);
    expect(urbanArea).toBeGreaterThan(150e6);
    expect(urbanArea).toBeLessThan(areaM2(territory.jurisdiction.geometry));
    for (const s of territory.subdistricts) {
      expect(shareOutside(s.geometry, territory.jurisdiction.geometry)).toBeLessThan(0.001);
    }
  });

  it('places 1–4 buildings inside each unit, ~100 households a unit', () => {
    const unitsByCode = new Map(territory.units.map((u) => [u.code, u]));
    const households = new Map<string, number>();
    for (const b of territory.buildings) {
      const unit = unitsByCode.get(b.unitCode);
      if (!unit) throw new Error(`no unit ${b.unitCode}`);
      const inside = polygonsOf(unit.geometry).some((polygon) => pointInPolygon(b.lng, b.lat, polygon));
      expect(inside, b.code).toBe(true);
      expect(b.floors).toBeGreaterThanOrEqual(2);
      expect(b.floors).toBeLessThanOrEqual(33);
      expect(b.households).toBeGreaterThanOrEqual(1);
      households.set(b.unitCode, (households.get(b.unitCode) ?? 0) + b.households);
    }
    const buildingsPerUnit = countBy(territory.buildings, (b) => b.unitCode);
    for (const unit of territory.units) {
      expect(buildingsPerUnit.get(unit.code)).toBeGreaterThanOrEqual(1);
      expect(buildingsPerUnit.get(unit.code)).toBeLessThanOrEqual(4);
      expect(households.get(unit.code)).toBeGreaterThanOrEqual(60);
      expect(households.get(unit.code)).toBeLessThanOrEqual(140);
    }
    const total = [...households.values()].reduce((sum, n) => sum + n, 0);
    expect(Math.abs(total - 2229 * 100) / (2229 * 100)).toBeLessThan(0.03);
  });
});

describe('generateLegacyLayers', { timeout: TIMEOUT_MS }, () => {
  it('draws up to 9 department layers over the urban part, each a partition of it', () => {
    const layers = generateLegacyLayers(territory);
    expect(layers).toHaveLength(9);
    expect(generateLegacyLayers(territory, { count: 3 })).toHaveLength(3);
    expect(generateLegacyLayers(territory, { count: 3 })).toEqual(layers.slice(0, 3));
    const urbanArea = territory.subdistricts.reduce((sum, s) => sum + areaM2(s.geometry), 0);
    const prefixes = new Set<string>();
    for (const layer of layers) {
      const { features } = layer.featureCollection;
      for (const feature of features) expect(feature.geometry.type).toBe('Polygon');
      expect(features.length).toBeGreaterThanOrEqual(60);
      expect(features.length).toBeLessThanOrEqual(300);
      const codes = features.map((f) => f.properties.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const code of codes) expect(code).toMatch(/^[A-Z]{2}-\d{3}$/);
      prefixes.add(codes[0]?.slice(0, 2) ?? '');
      expect(features[0]?.properties.name).toMatch(/第1网格$/);
      const layerArea = features.reduce((sum, f) => sum + areaM2(f.geometry), 0);
      expect(Math.abs(layerArea - urbanArea) / urbanArea).toBeLessThan(1e-3);
    }
    expect(prefixes.size).toBe(9);
  });
});
