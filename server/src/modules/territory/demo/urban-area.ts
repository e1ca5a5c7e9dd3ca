import { type Metres, toLngLat } from './local-frame.ts';
import type { PolygonRings, Ring } from './planar.ts';
import { intersectPolygons } from './tessellate.ts';

/**
 * The "urban part" (城区) that the 5 subdistricts' urban communities cover: a smooth blob around the
 * city centre, ~7.5 km in radius, reaching out to ~12 km towards the port and the coast in the
 * north-west, intersected with the county outline (so the coast clips it). Fixed, not seeded: the
 * seed only changes how the area is cut up.
 */

const BASE_RADIUS_M = 7500;
/** Extra reach of the lobe towards the port (龙口港) and the northern coast. */
const LOBE_RADIUS_M = 4800;
const LOBE_DIRECTION_RAD = (150 * Math.PI) / 180;
const BLOB_VERTICES = 144;

function blobRadius(angle: number): number {
  const lobe = Math.max(0, Math.cos(angle - LOBE_DIRECTION_RAD)) ** 2;
  const wobble = 1 + 0.06 * Math.sin(3 * angle + 0.8) + 0.04 * Math.sin(5 * angle + 2.3);
  return (BASE_RADIUS_M + LOBE_RADIUS_M * lobe) * wobble;
}

function urbanBlob(): Ring {
  const ring: Ring = [];
  for (let i = 0; i < BLOB_VERTICES; i++) {
    const angle = (2 * Math.PI * i) / BLOB_VERTICES;
    const radius = blobRadius(angle);
    ring.push(toLngLat([radius * Math.cos(angle), radius * Math.sin(angle)]));
  }
  const first = ring[0];
  return first ? [...ring, first] : ring;
}

export function buildUrbanArea(outline: PolygonRings[]): PolygonRings[] {
  return intersectPolygons(outline, [[urbanBlob()]]);
}

/**
 * Relative population density: about 5× higher in the old centre than at the urban fringe, so that
 * cells (and hence grids and units of ~100 households) are small downtown and large at the edge.
 */
export function urbanDensity(point: Metres): number {
  const distance = Math.hypot(point[0], point[1]);
  return 1 + 4 * Math.exp(-((distance / 3500) ** 2));
}
