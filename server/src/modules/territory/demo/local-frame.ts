import type { Position } from './planar.ts';

/**
 * A local equirectangular frame in metres around the city centre. Voronoi diagrams and distances are
 * computed here, because one degree of longitude at 37.6° N is only ~88 km against ~111 km for one
 * degree of latitude; polygons are clipped and stored in lng/lat.
 */

/** The city centre of Longkou (city government, 东莱/新嘉 area), WGS-84. */
export const CITY_CENTRE: Position = [120.48, 37.645];

const METRES_PER_DEGREE_LAT = 110_574;
const METRES_PER_DEGREE_LNG = 111_320 * Math.cos((CITY_CENTRE[1] * Math.PI) / 180);

export type Metres = [number, number];

export function toMetres([lng, lat]: readonly number[]): Metres {
  return [
    ((lng ?? 0) - CITY_CENTRE[0]) * METRES_PER_DEGREE_LNG,
    ((lat ?? 0) - CITY_CENTRE[1]) * METRES_PER_DEGREE_LAT,
  ];
}

export function toLngLat([x, y]: Metres): Position {
  return [CITY_CENTRE[0] + x / METRES_PER_DEGREE_LNG, CITY_CENTRE[1] + y / METRES_PER_DEGREE_LAT];
}

/** Square metres per square degree near the centre: turns planar lng/lat areas into rough m². */
export const SQUARE_METRES_PER_SQUARE_DEGREE = METRES_PER_DEGREE_LNG * METRES_PER_DEGREE_LAT;
