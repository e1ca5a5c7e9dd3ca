import type { AreaGeometry } from './types.ts';

/**
 * Small planar helpers for the demo generator. Coordinates are [lng, lat] in WGS-84 degrees unless a
 * name says otherwise; "planar" means computed on the raw numbers, which is exact enough for
 * orientation, containment and relative sizes inside one county.
 */

export type Position = [number, number];
export type Ring = Position[];
/** A polygon as GeoJSON holds it: outer ring first, then holes. */
export type PolygonRings = Ring[];
/** Any ring-shaped array, e.g. straight from a GeoJSON geometry. */
export type RingLike = readonly (readonly number[])[];

export const COORDINATE_DECIMALS = 7;
const COORDINATE_FACTOR = 10 ** COORDINATE_DECIMALS;

/** Shoelace area of a closed or open ring; positive when counter-clockwise. */
export function ringSignedArea(ring: RingLike): number {
  let twiceArea = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const [x2 = 0, y2 = 0] = ring[(i + 1) % ring.length] ?? [];
    twiceArea += x1 * y2 - x2 * y1;
  }
  return twiceArea / 2;
}

export function polygonPlanarArea(polygon: PolygonRings): number {
  return polygon.reduce((sum, ring, index) => {
    const area = Math.abs(ringSignedArea(ring));
    return index === 0 ? sum + area : sum - area;
  }, 0);
}

export function roundCoordinate(value: number): number {
  return Math.round(value * COORDINATE_FACTOR) / COORDINATE_FACTOR;
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/**
 * Rounds to 7 decimals (~1 cm), drops repeated positions and back-and-forth spikes (a → b → a) and
 * closes the ring. Collinear vertices are kept on purpose: they are the corners of neighbouring cells,
 * and keeping them is what makes siblings share identical vertices along a common edge.
 * Returns null when fewer than three distinct corners are left.
 */
export function cleanRing(ring: RingLike): Ring | null {
  const open: Position[] = [];
  for (const [lng = 0, lat = 0] of ring) {
    const position: Position = [roundCoordinate(lng), roundCoordinate(lat)];
    const last = open.at(-1);
    if (last && samePosition(last, position)) continue;
    const beforeLast = open.at(-2);
    if (beforeLast && samePosition(beforeLast, position)) {
      open.pop();
      continue;
    }
    open.push(position);
  }
  // The ring wraps around: repeat the checks across the closing point.
  let changed = true;
  while (changed && open.length >= 3) {
    changed = false;
    const first = open[0] as Position;
    const last = open.at(-1) as Position;
    if (samePosition(first, last)) {
      open.pop();
      changed = true;
    } else if (samePosition(open.at(-2) as Position, first)) {
      open.pop();
      changed = true;
    } else if (samePosition(open[1] as Position, last)) {
      open.shift();
      changed = true;
    }
  }
  if (open.length < 3) return null;
  return [...open, open[0] as Position];
}

/** GeoJSON (RFC 7946) winding: outer ring counter-clockwise, holes clockwise. */
export function orientPolygon(polygon: PolygonRings): PolygonRings {
  return polygon.map((ring, index) => {
    const counterClockwise = ringSignedArea(ring) > 0;
    return counterClockwise === (index === 0) ? ring : [...ring].reverse();
  });
}

/** Ray casting; a point exactly on an edge may go either way. */
export function pointInRing(x: number, y: number, ring: RingLike): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPolygon(x: number, y: number, polygon: readonly RingLike[]): boolean {
  const [outer, ...holes] = polygon;
  if (!outer || !pointInRing(x, y, outer)) return false;
  return !holes.some((hole) => pointInRing(x, y, hole));
}

/** A Polygon when there is one piece (the normal case), a MultiPolygon when clipping left islands. */
export function toAreaGeometry(polygons: PolygonRings[]): AreaGeometry {
  const [only] = polygons;
  return polygons.length === 1 && only
    ? { type: 'Polygon', coordinates: only }
    : { type: 'MultiPolygon', coordinates: polygons };
}

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function boxOfRings(rings: readonly Ring[]): Box {
  const box: Box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const ring of rings) {
    for (const [x, y] of ring) {
      if (x < box.minX) box.minX = x;
      if (y < box.minY) box.minY = y;
      if (x > box.maxX) box.maxX = x;
      if (y > box.maxY) box.maxY = y;
    }
  }
  return box;
}

function boxesOverlap(a: Box, b: Box): boolean {
  return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
}

function orientation(a: Position, b: Position, c: Position): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/** True when segments ab and cd touch or cross (collinear overlap included). */
function segmentsTouch(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return true;
  const within = (p: Position, q: Position, r: Position): boolean =>
    Math.min(p[0], q[0]) <= r[0] &&
    r[0] <= Math.max(p[0], q[0]) &&
    Math.min(p[1], q[1]) <= r[1] &&
    r[1] <= Math.max(p[1], q[1]);
  return (
    (o1 === 0 && within(a, b, c)) ||
    (o2 === 0 && within(a, b, d)) ||
    (o3 === 0 && within(c, d, a)) ||
    (o4 === 0 && within(c, d, b))
  );
}

/**
 * True when the simple ring `inner` lies strictly inside `outer` (no boundary contact at all), so
 * that intersecting the two would return `inner` unchanged and the clipping can be skipped.
 */
export function ringStrictlyInsidePolygon(inner: Ring, outer: PolygonRings, outerBox: Box): boolean {
  const innerBox = boxOfRings([inner]);
  if (
    innerBox.minX <= outerBox.minX ||
    innerBox.minY <= outerBox.minY ||
    innerBox.maxX >= outerBox.maxX ||
    innerBox.maxY >= outerBox.maxY
  ) {
    return false;
  }
  const first = inner[0];
  if (!first || !pointInPolygon(first[0], first[1], outer)) return false;
  for (const ring of outer) {
    for (let j = 0; j + 1 < ring.length; j++) {
      const c = ring[j] as Position;
      const d = ring[j + 1] as Position;
      const edgeBox: Box = {
        minX: Math.min(c[0], d[0]),
        minY: Math.min(c[1], d[1]),
        maxX: Math.max(c[0], d[0]),
        maxY: Math.max(c[1], d[1]),
      };
      if (!boxesOverlap(edgeBox, innerBox)) continue;
      for (let i = 0; i + 1 < inner.length; i++) {
        if (segmentsTouch(inner[i] as Position, inner[i + 1] as Position, c, d)) return false;
      }
    }
  }
  return true;
}
