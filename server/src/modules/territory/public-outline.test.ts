import { describe, expect, it } from 'vitest';
import { centroidOf, simplifyArea, simplifyRing } from './public-outline.ts';

/** Public outlines: fewer vertices within the tolerance, rings stay closed rings, centroids by area. */

describe('public outlines', () => {
  it('drops vertices that lie within a few metres of the line, keeps corners and closes the ring', () => {
    const ring = [
      [120.4, 37.6],
      [120.40001, 37.600001], // ~1 m off the bottom edge
      [120.405, 37.6],
      [120.41, 37.6],
      [120.41, 37.61],
      [120.4, 37.61],
      [120.4, 37.6],
    ];
    const simplified = simplifyRing(ring);
    expect(simplified).toEqual([
      [120.4, 37.6],
      [120.41, 37.6],
      [120.41, 37.61],
      [120.4, 37.61],
      [120.4, 37.6],
    ]);
  });

  it('rounds to 5 decimals and never leaves fewer than four positions', () => {
    const tiny = [
      [120.4000001, 37.6000001],
      [120.4000002, 37.6000001],
      [120.4000002, 37.6000002],
      [120.4000001, 37.6000001],
    ];
    const simplified = simplifyRing(tiny);
    expect(simplified).toHaveLength(4);
    for (const [lng, lat] of simplified) {
      expect(lng).toBe(120.4);
      expect(lat).toBe(37.6);
    }
    const polygon = simplifyArea({ type: 'Polygon', coordinates: [tiny] });
    expect(polygon.type).toBe('Polygon');
  });

  it('finds the area centroid, weighting the parts of a multipolygon', () => {
    const square = (x: number, y: number, size: number) => [
      [
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
      ],
    ];
    expect(centroidOf({ type: 'Polygon', coordinates: square(120, 37, 0.02) })).toEqual({
      lng: 120.01,
      lat: 37.01,
    });
    // An L shape: the centroid is pulled towards the larger arm.
    const l = centroidOf({
      type: 'MultiPolygon',
      coordinates: [square(120, 37, 0.02), square(120.02, 37, 0.01)],
    });
    expect(l.lng).toBeCloseTo((0.0004 * 120.01 + 0.0001 * 120.025) / 0.0005, 5);
    expect(l.lat).toBeCloseTo((0.0004 * 37.01 + 0.0001 * 37.005) / 0.0005, 5);
  });
});
