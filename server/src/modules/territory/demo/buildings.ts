import { apportion } from './apportion.ts';
import { toMetres } from './local-frame.ts';
import { boxOfRings, type PolygonRings, type Position, pointInPolygon, roundCoordinate } from './planar.ts';
import { type Random, randomInt } from './random.ts';
import type { CommunityKind, DemoBuilding } from './types.ts';

/**
 * Buildings (楼栋) of one grid unit: 1–4 buildings holding ~100 households in all (the article's unit is
 * "每栋楼或100户左右", one building or about 100 households). Heights follow the community kind.
 */

interface BuildingStyle {
  floors: [number, number];
  buildings: [number, number];
}

const STYLE_BY_KIND: Record<CommunityKind, BuildingStyle> = {
  legacy: { floors: [4, 7], buildings: [2, 4] }, // 老旧小区: walk-up blocks (多层)
  work_unit: { floors: [5, 7], buildings: [2, 4] }, // 单位宿舍: former enterprise dormitories
  new_build: { floors: [11, 33], buildings: [1, 2] }, // 新建小区: high-rise towers (高层)
  seasonal: { floors: [6, 18], buildings: [1, 3] }, // 候鸟型: seaside flats
};

export const MIN_UNIT_HOUSEHOLDS = 60;
export const MAX_UNIT_HOUSEHOLDS = 140;
const MEAN_UNIT_HOUSEHOLDS = 100;
/** Keep building points this far inside the unit, so that they never sit on a boundary. */
const MIN_EDGE_DISTANCE_M = 3;

const ESTATE_SUFFIXES = [
  '小区',
  '花园',
  '家园',
  '新村',
  '苑',
  '嘉园',
  '雅居',
  '公寓',
  '华庭',
  '丽景',
] as const;
/** Later phases of an estate (二期, 三期 …) once every suffix is taken. */
const PHASES = ['', '二期', '三期', '四期'] as const;

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/**
 * Residential estate (小区) names for the grids of one community, one estate per grid and distinct
 * within the community: the community's name stem + a suffix, e.g. "润新家园", then "润新家园二期".
 */
export function estateNames(communityName: string, gridCount: number, random: Random): string[] {
  const stem = communityName.replace(/社区$/, '');
  // "南苑" + "苑" would read "南苑苑".
  const suffixes = shuffled(
    ESTATE_SUFFIXES.filter((suffix) => !stem.endsWith(suffix.slice(0, 1))),
    random,
  );
  return Array.from({ length: gridCount }, (_, index) => {
    const suffix = suffixes[index % suffixes.length] ?? '小区';
    const phase =
      PHASES[Math.floor(index / suffixes.length)] ?? `${Math.floor(index / suffixes.length) + 1}期`;
    return `${stem}${suffix}${phase}`;
  });
}

/** Roughly bell-shaped around 100, clamped to 60–140. */
function unitHouseholds(random: Random): number {
  const spread = random() + random() + random() - 1.5;
  const households = Math.round(MEAN_UNIT_HOUSEHOLDS + spread * 27);
  return Math.min(MAX_UNIT_HOUSEHOLDS, Math.max(MIN_UNIT_HOUSEHOLDS, households));
}

function distanceToSegmentM(point: [number, number], a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / lengthSquared));
  return Math.hypot(point[0] - (a[0] + t * dx), point[1] - (a[1] + t * dy));
}

function farFromEdges(point: Position, polygon: PolygonRings): boolean {
  const metric = toMetres(point);
  return polygon.every((ring) =>
    ring.every((vertex, i) => {
      const next = ring[i + 1];
      return !next || distanceToSegmentM(metric, toMetres(vertex), toMetres(next)) >= MIN_EDGE_DISTANCE_M;
    }),
  );
}

/** A point inside the unit, rounded to 7 decimals and at least a few metres from its boundary. */
function pointInside(polygons: PolygonRings[], random: Random): Position {
  const box = boxOfRings(polygons.flat());
  for (let tries = 0; tries < 2000; tries++) {
    const lng = roundCoordinate(box.minX + (box.maxX - box.minX) * random());
    const lat = roundCoordinate(box.minY + (box.maxY - box.minY) * random());
    const polygon = polygons.find((candidate) => pointInPolygon(lng, lat, candidate));
    if (polygon && farFromEdges([lng, lat], polygon)) return [lng, lat];
  }
  throw new Error('no room for a building inside a unit');
}

export interface UnitBuildingsInput {
  unitCode: string;
  polygons: PolygonRings[];
  kind: CommunityKind;
  estate: string;
  /** The number of the first building (号楼), counted through the grid's estate. */
  firstNumber: number;
  random: Random;
}

export function generateUnitBuildings(input: UnitBuildingsInput): DemoBuilding[] {
  const { random } = input;
  const style = STYLE_BY_KIND[input.kind];
  const count = randomInt(random, style.buildings[0], style.buildings[1]);
  const floors = Array.from({ length: count }, () => randomInt(random, style.floors[0], style.floors[1]));
  const households = apportion(unitHouseholds(random), floors, 1);
  return floors.map((buildingFloors, index) => {
    const [lng, lat] = pointInside(input.polygons, random);
    return {
      code: `${input.unitCode}${String(index + 1).padStart(2, '0')}`,
      name: `${input.estate}${input.firstNumber + index}号楼`,
      unitCode: input.unitCode,
      lng,
      lat,
      floors: buildingFloors,
      households: households[index] ?? 1,
    };
  });
}
