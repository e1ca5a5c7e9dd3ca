import Flatbush from 'flatbush';
import type { AreaGeometry } from '#contracts';
import { polygonsOf } from './geometry.ts';

/**
 * Point → place, in memory: a static Flatbush index over the bounding box of every polygon part,
 * then an exact point-in-polygon test on the few candidates. Built once from the current places
 * and rebuilt (never mutated) when geometry changes.
 *
 * Shared edges: the crossing test orders each edge's endpoints before computing where the ray
 * crosses it, so two places sharing an edge compute the same crossing and a point on the edge
 * falls in exactly one of them. If candidates still both claim a point (overlap within tolerance),
 * the place that comes first in the input order wins, on every call.
 */
export interface LocatablePlace<T> {
  geometry: AreaGeometry;
  value: T;
}

interface Part {
  /** Position of the owning place in the input order: lower wins ties. */
  order: number;
  /** Rings as flat [lng0, lat0, lng1, lat1, …] arrays; ring 0 is the outer ring. */
  rings: Float64Array[];
}

export class PlaceLocator<T> {
  private readonly index: Flatbush | null;
  private readonly parts: Part[] = [];
  private readonly values: T[];
  // Query state read by the filter function, kept on the instance so a lookup allocates nothing of its own.
  private queryLng = 0;
  private queryLat = 0;
  private bestOrder = -1;

  constructor(places: readonly LocatablePlace<T>[]) {
    this.values = places.map((place) => place.value);
    places.forEach((place, order) => {
      for (const polygon of polygonsOf(place.geometry)) {
        this.parts.push({ order, rings: polygon.map(flattenRing) });
      }
    });
    if (this.parts.length === 0) {
      this.index = null;
      return;
    }
    const index = new Flatbush(this.parts.length);
    for (const part of this.parts) {
      const outer = part.rings[0] ?? new Float64Array();
      let minX = Number.POSITIVE_INFINITY;
      let minY = Number.POSITIVE_INFINITY;
      let maxX = Number.NEGATIVE_INFINITY;
      let maxY = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < outer.length; i += 2) {
        const x = outer[i] as number;
        const y = outer[i + 1] as number;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
      index.add(minX, minY, maxX, maxY);
    }
    index.finish();
    this.index = index;
  }

  get size(): number {
    return this.values.length;
  }

  /** The place containing the point, or undefined. */
  locate(lng: number, lat: number): T | undefined {
    if (!this.index) return undefined;
    this.queryLng = lng;
    this.queryLat = lat;
    this.bestOrder = -1;
    this.index.search(lng, lat, lng, lat, this.visitCandidate);
    return this.bestOrder < 0 ? undefined : this.values[this.bestOrder];
  }

  private readonly visitCandidate = (partIndex: number): boolean => {
    const part = this.parts[partIndex];
    if (!part) return false;
    if (this.bestOrder >= 0 && part.order >= this.bestOrder) return false;
    if (polygonContains(part.rings, this.queryLng, this.queryLat)) this.bestOrder = part.order;
    return false;
  };

  /** The baseline the benchmark compares against: every polygon tested in turn, no index. */
  locateByScan(lng: number, lat: number): T | undefined {
    let best = -1;
    for (const part of this.parts) {
      if (best >= 0 && part.order >= best) continue;
      if (polygonContains(part.rings, lng, lat)) best = part.order;
    }
    return best < 0 ? undefined : this.values[best];
  }
}

function flattenRing(ring: number[][]): Float64Array {
  const flat = new Float64Array(ring.length * 2);
  ring.forEach((position, i) => {
    flat[i * 2] = position[0] ?? 0;
    flat[i * 2 + 1] = position[1] ?? 0;
  });
  return flat;
}

/** Even-odd crossing test over all rings (outer ring and holes). */
export function polygonContains(rings: readonly Float64Array[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    const n = ring.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      let ax = ring[i] as number;
      let ay = ring[i + 1] as number;
      let bx = ring[j] as number;
      let by = ring[j + 1] as number;
      // Half-open in y: a vertex exactly at y counts for the edge going up from it only.
      if (ay > y === by > y) continue;
      // Canonical orientation (lower endpoint first) so a shared edge yields the same crossing in both places.
      if (ay > by) {
        const tx = ax;
        const ty = ay;
        ax = bx;
        ay = by;
        bx = tx;
        by = ty;
      }
      const crossX = ax + ((y - ay) * (bx - ax)) / (by - ay);
      if (x < crossX) inside = !inside;
    }
  }
  return inside;
}
