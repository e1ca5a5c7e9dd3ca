import type { PolygonGeometry } from '#contracts';

/** An axis-aligned rectangle as a closed, counter-clockwise GeoJSON polygon. */
export function rectangle(west: number, south: number, east: number, north: number): PolygonGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}
