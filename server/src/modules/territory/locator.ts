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
/** Children per tree node: small nodes suit point queries (measured with `npm run bench -- lookup`). */
const NODE_SIZE = 4;

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
  /** A reusable traversal stack for point queries (pairs of node position and level). */
  private readonly stack: Int32Array;

  constructor(places: readonly LocatablePlace<T>[]) {
    this.values = places.map((place) => place.value);
    places.forEach((place, order) => {
      for (const polygon of polygonsOf(place.geometry)) {
        this.parts.push({ order, rings: polygon.map(flattenRing) });
      }
    });
    if (this.parts.length === 0) {
      this.index = null;
      this.stack = new Int32Array(0);
      return;
    }
    const index = new Flatbush(this.parts.length, NODE_SIZE);
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
    this.stack = new Int32Array(2 * NODE_SIZE * (index._levelBounds.length + 1));
  }

  get size(): number {
    return this.values.length;
  }

  /** The place containing the point, or undefined. */
  locate(lng: number, lat: number): T | undefined {
    const index = this.index;
    if (!index) return undefined;
    // Flatbush's own search() allocates two arrays per call and has no early exit; for a point
    // query this walks the same packed tree (its public typed arrays) with a reusable stack.
    const boxes = index._boxes;
    const indices = index._indices;
    const levelBounds = index._levelBounds;
    const leafEnd = index.numItems * 4;
    const stack = this.stack;
    let top = 0;
    let nodeStart = boxes.length - 4;
    let level = levelBounds.length - 1;
    let best = -1;
    for (;;) {
      const end = Math.min(nodeStart + NODE_SIZE * 4, levelBounds[level] as number);
      const isLeafLevel = nodeStart < leafEnd;
      for (let pos = nodeStart; pos < end; pos += 4) {
        if (lng < (boxes[pos] as number) || lat < (boxes[pos + 1] as number)) continue;
        if (lng > (boxes[pos + 2] as number) || lat > (boxes[pos + 3] as number)) continue;
        const child = (indices[pos >> 2] as number) | 0;
        if (!isLeafLevel) {
          stack[top++] = child;
          stack[top++] = level - 1;
          continue;
        }
        const part = this.parts[child] as Part;
        if (best >= 0 && part.order >= best) continue;
        if (polygonContains(part.rings, lng, lat)) best = part.order;
      }
      if (top === 0) break;
      level = stack[--top] as number;
      nodeStart = stack[--top] as number;
    }
    return best < 0 ? undefined : this.values[best];
  }

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
