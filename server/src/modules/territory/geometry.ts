import { area as turfArea } from '@turf/area';
import { kinks } from '@turf/kinks';
import * as polyclip from 'polyclip-ts';
import type { AreaGeometry, MultiPolygonGeometry, PolygonGeometry } from '#contracts';

/** Pure geometry helpers over GeoJSON (WGS-84 lng/lat). No database, no state. */

export type Ring = number[][];
export type PolygonRings = Ring[];

export interface BBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

export function polygonsOf(geometry: AreaGeometry): PolygonRings[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export function bboxOf(geometry: AreaGeometry): BBox {
  let minLng = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLng = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const polygon of polygonsOf(geometry)) {
    for (const position of polygon[0] ?? []) {
      const [lng = 0, lat = 0] = position;
      if (lng < minLng) minLng = lng;
      if (lat < minLat) minLat = lat;
      if (lng > maxLng) maxLng = lng;
      if (lat > maxLat) maxLat = lat;
    }
  }
  return { minLng, minLat, maxLng, maxLat };
}

/** Geodesic area in square metres. */
export function areaM2(geometry: AreaGeometry): number {
  return turfArea({ type: 'Feature', geometry, properties: {} });
}

function toClip(geometry: AreaGeometry): polyclip.Geom {
  return geometry.coordinates as polyclip.Geom;
}

function fromClip(result: polyclip.Geom): AreaGeometry | null {
  const polygons = result as unknown as number[][][][];
  if (polygons.length === 0) return null;
  if (polygons.length === 1 && polygons[0]) return { type: 'Polygon', coordinates: polygons[0] };
  return { type: 'MultiPolygon', coordinates: polygons };
}

export function intersection(a: AreaGeometry, b: AreaGeometry): AreaGeometry | null {
  return fromClip(polyclip.intersection(toClip(a), toClip(b)));
}

export function difference(a: AreaGeometry, b: AreaGeometry): AreaGeometry | null {
  return fromClip(polyclip.difference(toClip(a), toClip(b)));
}

export function union(geometries: AreaGeometry[]): AreaGeometry | null {
  const [first, ...rest] = geometries.map(toClip);
  if (!first) return null;
  return fromClip(polyclip.union(first, ...rest));
}

export function overlapAreaM2(a: AreaGeometry, b: AreaGeometry): number {
  const shared = intersection(a, b);
  return shared ? areaM2(shared) : 0;
}

/** Area of `child` that lies outside `parent`. */
export function outsideAreaM2(child: AreaGeometry, parent: AreaGeometry): number {
  const outside = difference(child, parent);
  return outside ? areaM2(outside) : 0;
}

export function bboxesIntersect(a: BBox, b: BBox): boolean {
  return a.minLng <= b.maxLng && b.minLng <= a.maxLng && a.minLat <= b.maxLat && b.minLat <= a.maxLat;
}

export type GeometryProblem =
  | 'geometry_type'
  | 'coordinates'
  | 'ring_not_closed'
  | 'ring_too_short'
  | 'self_intersection'
  | 'empty_area';

export const geometryProblemMessages: Record<GeometryProblem, string> = {
  geometry_type: 'geometry must be a Polygon or MultiPolygon',
  coordinates: 'coordinates must be [lng, lat] numbers within -180..180 and -90..90',
  ring_not_closed: 'a ring is not closed: its first and last positions differ',
  ring_too_short: 'a ring needs at least 4 positions (a triangle and the closing position)',
  self_intersection: 'a ring crosses itself or another ring of the same polygon',
  empty_area: 'the polygon has no area',
};

export type GeometryCheck =
  | { ok: true; geometry: AreaGeometry }
  | { ok: false; problem: GeometryProblem; detail?: string };

function isPosition(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    value.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    Math.abs(value[0] as number) <= 180 &&
    Math.abs(value[1] as number) <= 90
  );
}

function checkRings(rings: unknown): GeometryProblem | null {
  if (!Array.isArray(rings) || rings.length === 0) return 'coordinates';
  for (const ring of rings) {
    if (!Array.isArray(ring) || !ring.every(isPosition)) return 'coordinates';
    if (ring.length < 4) return 'ring_too_short';
    const first = ring[0] as number[];
    const last = ring[ring.length - 1] as number[];
    if (first[0] !== last[0] || first[1] !== last[1]) return 'ring_not_closed';
  }
  return null;
}

/** Checks an untrusted value as an area geometry: type, coordinates, closed rings, no self-intersection. */
export function checkAreaGeometry(value: unknown): GeometryCheck {
  if (typeof value !== 'object' || value === null) return { ok: false, problem: 'geometry_type' };
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  let polygons: unknown[];
  if (type === 'Polygon') polygons = [coordinates];
  else if (type === 'MultiPolygon' && Array.isArray(coordinates) && coordinates.length > 0)
    polygons = coordinates;
  else return { ok: false, problem: type === 'MultiPolygon' ? 'coordinates' : 'geometry_type' };
  for (const rings of polygons) {
    const problem = checkRings(rings);
    if (problem) return { ok: false, problem };
  }
  const geometry = value as PolygonGeometry | MultiPolygonGeometry;
  const crossings = kinks({ type: 'Feature', geometry, properties: {} }).features;
  if (crossings.length > 0) {
    const at = crossings[0]?.geometry.coordinates;
    return { ok: false, problem: 'self_intersection', ...(at ? { detail: `near ${at[0]}, ${at[1]}` } : {}) };
  }
  if (!(areaM2(geometry) > 0)) return { ok: false, problem: 'empty_area' };
  return { ok: true, geometry };
}
