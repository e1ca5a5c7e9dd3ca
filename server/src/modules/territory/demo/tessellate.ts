import { Delaunay } from 'd3-delaunay';
import * as polyclip from 'polyclip-ts';
import { type Metres, SQUARE_METRES_PER_SQUARE_DEGREE, toLngLat, toMetres } from './local-frame.ts';
import {
  type Box,
  boxOfRings,
  cleanRing,
  orientPolygon,
  type PolygonRings,
  pointInPolygon,
  polygonPlanarArea,
  type Ring,
  ringStrictlyInsidePolygon,
} from './planar.ts';
import type { Random } from './random.ts';

/**
 * Seeded Voronoi tessellation of one polygon into N cells (top-down: a parent is cut into its
 * children, and every child is the parent intersected with one Voronoi cell).
 *
 * 1. Sample points inside the parent, more where `density` is higher (rejection sampling).
 * 2. Take N of them as seeds and run a few Lloyd passes on the samples (each seed moves to the mean of
 *    the samples nearest to it): cells get compact and sized by density.
 * 3. Build one d3-delaunay Voronoi diagram of the seeds; siblings share its vertices exactly.
 * 4. Intersect every cell with the parent (polyclip-ts), skipping cells strictly inside it.
 *
 * An attempt whose cells are not all single, reasonably sized polygons is retried with new samples.
 */

export interface PartitionOptions {
  /** The parent area, lng/lat, as polygons (outer ring first). */
  parent: PolygonRings[];
  count: number;
  random: Random;
  /** Relative density in the metric frame; higher density → smaller cells. */
  density: (point: Metres) => number;
  samplesPerCell?: number;
  lloydPasses?: number;
  maxAttempts?: number;
}

export interface PartitionCell {
  /** Seed in the metric frame; cells are returned in reading order (north to south, west to east). */
  seed: Metres;
  polygons: PolygonRings[];
}

const DEFAULT_SAMPLES_PER_CELL = 40;
const DEFAULT_LLOYD_PASSES = 3;
const DEFAULT_MAX_ATTEMPTS = 12;
/** A cell smaller than this share of the mean cell area counts as a sliver and forces a retry. */
const MIN_SHARE_OF_MEAN_AREA = 0.12;
/** Pieces under 1 m² are rounding dust, not geometry. */
const MIN_PIECE_M2 = 1;

interface PreparedParent {
  polygons: PolygonRings[];
  box: Box;
  metricPolygons: PolygonRings[];
  metricBox: Box;
  planarArea: number;
}

function prepareParent(polygons: PolygonRings[]): PreparedParent {
  const metricPolygons = polygons.map((polygon) => polygon.map((ring) => ring.map(toMetres)));
  return {
    polygons,
    box: boxOfRings(polygons.flat()),
    metricPolygons,
    metricBox: boxOfRings(metricPolygons.flat()),
    planarArea: polygons.reduce((sum, polygon) => sum + polygonPlanarArea(polygon), 0),
  };
}

function insideAny(point: Metres, polygons: PolygonRings[]): boolean {
  return polygons.some((polygon) => pointInPolygon(point[0], point[1], polygon));
}

function sampleDensityWeighted(
  parent: PreparedParent,
  count: number,
  random: Random,
  density: (point: Metres) => number,
): Metres[] {
  const { minX, minY, maxX, maxY } = parent.metricBox;
  let maxDensity = 0;
  for (let i = 0; i < 64; i++) {
    maxDensity = Math.max(
      maxDensity,
      density([minX + (maxX - minX) * random(), minY + (maxY - minY) * random()]),
    );
  }
  maxDensity *= 1.25;
  const samples: Metres[] = [];
  const maxTries = count * 2000;
  for (let tries = 0; samples.length < count && tries < maxTries; tries++) {
    const point: Metres = [minX + (maxX - minX) * random(), minY + (maxY - minY) * random()];
    if (random() * maxDensity > density(point)) continue;
    if (insideAny(point, parent.metricPolygons)) samples.push(point);
  }
  if (samples.length < count) throw new Error(`could not sample ${count} points inside a parent polygon`);
  return samples;
}

/** k-means on the samples, seeded with the first `count` of them: Lloyd relaxation without clipping. */
function relaxSeeds(samples: Metres[], count: number, passes: number): Metres[] {
  let seeds = samples.slice(0, count);
  for (let pass = 0; pass < passes; pass++) {
    const delaunay = Delaunay.from(seeds);
    const sums = seeds.map(() => ({ x: 0, y: 0, n: 0 }));
    let hint = 0;
    for (const [x, y] of samples) {
      hint = delaunay.find(x, y, hint);
      const sum = sums[hint];
      if (!sum) continue;
      sum.x += x;
      sum.y += y;
      sum.n++;
    }
    seeds = seeds.map((seed, i) => {
      const sum = sums[i];
      return sum && sum.n > 0 ? [sum.x / sum.n, sum.y / sum.n] : seed;
    });
  }
  return seeds;
}

function toPolyclip(polygons: PolygonRings[]): polyclip.Geom {
  return polygons as polyclip.Geom;
}

/** Rounds, cleans and orients polyclip output; drops dust pieces and holes that collapse. */
export function normalisePolygons(
  raw: readonly (readonly (readonly (readonly number[])[])[])[],
): PolygonRings[] {
  const polygons: PolygonRings[] = [];
  for (const rawPolygon of raw) {
    const [rawOuter, ...rawHoles] = rawPolygon;
    const outer = rawOuter ? cleanRing(rawOuter) : null;
    if (!outer) continue;
    const holes = rawHoles.map((hole) => cleanRing(hole)).filter((hole): hole is Ring => hole !== null);
    const polygon = orientPolygon([outer, ...holes]);
    if (polygonPlanarArea(polygon) * SQUARE_METRES_PER_SQUARE_DEGREE < MIN_PIECE_M2) continue;
    polygons.push(polygon);
  }
  return polygons;
}

export function intersectPolygons(a: PolygonRings[], b: PolygonRings[]): PolygonRings[] {
  return normalisePolygons(polyclip.intersection(toPolyclip(a), toPolyclip(b)));
}

function clipCell(cell: Ring, parent: PreparedParent): PolygonRings[] {
  const [onlyPolygon] = parent.polygons;
  if (
    parent.polygons.length === 1 &&
    onlyPolygon &&
    ringStrictlyInsidePolygon(cell, onlyPolygon, parent.box)
  ) {
    return normalisePolygons([[cell]]);
  }
  return intersectPolygons(parent.polygons, [[cell]]);
}

/** Reading order: bands of about one cell's height from north to south, west to east inside a band. */
function readingOrder(seeds: Metres[], parent: PreparedParent): number[] {
  const cellSide = Math.sqrt((parent.planarArea * SQUARE_METRES_PER_SQUARE_DEGREE) / seeds.length);
  const band = (seed: Metres): number => Math.floor((parent.metricBox.maxY - seed[1]) / cellSide);
  return seeds
    .map((seed, index) => ({ index, band: band(seed), x: seed[0] }))
    .sort((a, b) => a.band - b.band || a.x - b.x || a.index - b.index)
    .map((entry) => entry.index);
}

/** Cuts the parent by the Voronoi cells of the seeds; null when a cell is not one decent polygon. */
function cutBySeeds(parent: PreparedParent, seeds: Metres[], minPlanarArea: number): PolygonRings[][] | null {
  const { minX, minY, maxX, maxY } = parent.metricBox;
  const margin = Math.max(maxX - minX, maxY - minY);
  const voronoi = Delaunay.from(seeds).voronoi([minX - margin, minY - margin, maxX + margin, maxY + margin]);
  const cells: PolygonRings[][] = [];
  for (let index = 0; index < seeds.length; index++) {
    const metricCell = voronoi.cellPolygon(index);
    if (!metricCell) return null;
    const polygons = clipCell(
      metricCell.map((point) => toLngLat([point[0], point[1]])),
      parent,
    );
    const [polygon] = polygons;
    if (polygons.length !== 1 || !polygon || polygonPlanarArea(polygon) < minPlanarArea) return null;
    cells.push(polygons);
  }
  return cells;
}

function tryPartition(parent: PreparedParent, options: PartitionOptions): PartitionCell[] | null {
  const samplesPerCell = options.samplesPerCell ?? DEFAULT_SAMPLES_PER_CELL;
  const samples = sampleDensityWeighted(
    parent,
    options.count * samplesPerCell,
    options.random,
    options.density,
  );
  const seeds = relaxSeeds(samples, options.count, options.lloydPasses ?? DEFAULT_LLOYD_PASSES);
  const cells = cutBySeeds(parent, seeds, (parent.planarArea / options.count) * MIN_SHARE_OF_MEAN_AREA);
  if (!cells) return null;
  return readingOrder(seeds, parent).map((index) => ({
    seed: seeds[index] as Metres,
    polygons: cells[index] as PolygonRings[],
  }));
}

/** Cuts `parent` by the Voronoi cells of fixed seeds (metric frame), in the order given. */
export function partitionBySeeds(parentPolygons: PolygonRings[], seeds: Metres[]): PartitionCell[] {
  const parent = prepareParent(parentPolygons);
  const cells = cutBySeeds(parent, seeds, 0);
  if (!cells) throw new Error('a fixed seed gives no single polygon inside the parent');
  return seeds.map((seed, index) => ({ seed, polygons: cells[index] as PolygonRings[] }));
}

export function partitionPolygon(options: PartitionOptions): PartitionCell[] {
  const parent = prepareParent(options.parent);
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const cells = tryPartition(parent, options);
    if (cells) return cells;
  }
  throw new Error(`no clean partition into ${options.count} cells after ${maxAttempts} attempts`);
}
