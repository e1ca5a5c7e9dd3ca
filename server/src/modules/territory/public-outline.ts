import type { AreaGeometry } from '#contracts';
import { polygonsOf, type Ring } from './geometry.ts';

/**
 * Outlines for public pages (pure): fewer vertices and rounded coordinates, so that a public map
 * draws the grids without carrying the survey detail, and each grid's centroid, where public maps
 * place what is counted in it instead of any case's own point.
 */

/** About 5 m at Longkou's latitude: drawn at city zoom, the difference is below a pixel. */
export const PUBLIC_TOLERANCE_DEG = 0.00005;
/** 5 decimals ≈ 1 m. */
const DECIMALS = 1e5;

const round = (value: number): number => Math.round(value * DECIMALS) / DECIMALS;

/** Squared distance from p to the segment a–b (planar, in degrees). */
function segmentDistance2(p: number[], a: number[], b: number[]): number {
  const [px = 0, py = 0] = p;
  const [ax = 0, ay = 0] = a;
  const [bx = 0, by = 0] = b;
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  const x = ax + t * dx - px;
  const y = ay + t * dy - py;
  return x * x + y * y;
}

/** Douglas–Peucker on an open polyline (iterative, keeps both ends). */
function simplifyLine(points: Ring, tolerance: number): Ring {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  const tolerance2 = tolerance * tolerance;
  while (stack.length > 0) {
    const [first, last] = stack.pop() as [number, number];
    let worst = -1;
    let worstDistance = tolerance2;
    for (let i = first + 1; i < last; i++) {
      const distance = segmentDistance2(
        points[i] as number[],
        points[first] as number[],
        points[last] as number[],
      );
      if (distance > worstDistance) {
        worst = i;
        worstDistance = distance;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([first, worst], [worst, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/**
 * A closed ring simplified and rounded; the original (rounded) when simplifying would leave fewer
 * than four positions (a ring must stay a ring).
 */
export function simplifyRing(ring: Ring, tolerance = PUBLIC_TOLERANCE_DEG): Ring {
  const rounded = ring.map(([lng = 0, lat = 0]) => [round(lng), round(lat)]);
  if (rounded.length <= 4) return rounded;
  // Split at the vertex farthest from the start, so that both halves are open lines.
  const start = rounded[0] as number[];
  let far = 1;
  let farDistance = -1;
  for (let i = 1; i < rounded.length - 1; i++) {
    const [x = 0, y = 0] = rounded[i] as number[];
    const distance = (x - (start[0] ?? 0)) ** 2 + (y - (start[1] ?? 0)) ** 2;
    if (distance > farDistance) {
      far = i;
      farDistance = distance;
    }
  }
  const first = simplifyLine(rounded.slice(0, far + 1), tolerance);
  const second = simplifyLine(rounded.slice(far), tolerance);
  const simplified = [...first, ...second.slice(1)];
  return simplified.length >= 4 ? simplified : rounded;
}

export function simplifyArea(geometry: AreaGeometry, tolerance = PUBLIC_TOLERANCE_DEG): AreaGeometry {
  const polygons = polygonsOf(geometry).map((polygon) =>
    polygon.map((ring) => simplifyRing(ring, tolerance)),
  );
  return polygons.length === 1 && polygons[0]
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

/** Signed planar area and centroid of a ring (shoelace). */
function ringCentroid(ring: Ring): { area: number; lng: number; lat: number } {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0 = 0, y0 = 0] = ring[i] as number[];
    const [x1 = 0, y1 = 0] = ring[i + 1] as number[];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  area /= 2;
  if (area === 0) {
    const [x = 0, y = 0] = ring[0] ?? [];
    return { area: 0, lng: x, lat: y };
  }
  return { area, lng: cx / (6 * area), lat: cy / (6 * area) };
}

/**
 * The area centroid of the outer rings (planar in degrees: grids are small), rounded to ~1 m. For a
 * grid in several parts it is weighted by each part's area.
 */
export function centroidOf(geometry: AreaGeometry): { lng: number; lat: number } {
  let total = 0;
  let lng = 0;
  let lat = 0;
  for (const polygon of polygonsOf(geometry)) {
    const outer = polygon[0];
    if (!outer) continue;
    const part = ringCentroid(outer);
    const weight = Math.abs(part.area);
    total += weight;
    lng += part.lng * weight;
    lat += part.lat * weight;
  }
  if (total === 0) {
    const [x = 0, y = 0] = polygonsOf(geometry)[0]?.[0]?.[0] ?? [];
    return { lng: round(x), lat: round(y) };
  }
  return { lng: round(lng / total), lat: round(lat / total) };
}
