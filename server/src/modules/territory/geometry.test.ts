import { describe, expect, it } from 'vitest';
import { rectangle } from '../../../test/shapes.ts';
import { nextChildCodes } from './boundary-change.service.ts';
import { areaM2, checkAreaGeometry, outsideAreaM2, overlapAreaM2, union } from './geometry.ts';

describe('checkAreaGeometry', () => {
  it('accepts a closed simple polygon', () => {
    expect(checkAreaGeometry(rectangle(120, 37, 120.01, 37.01)).ok).toBe(true);
  });
  it.each([
    ['not an object', 'x', 'geometry_type'],
    ['a point', { type: 'Point', coordinates: [1, 2] }, 'geometry_type'],
    ['text coordinates', { type: 'Polygon', coordinates: [[['a', 1]]] }, 'coordinates'],
    [
      'latitude out of range',
      {
        type: 'Polygon',
        coordinates: [
          [
            [1, 95],
            [2, 95],
            [2, 96],
            [1, 95],
          ],
        ],
      },
      'coordinates',
    ],
    [
      'an unclosed ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      },
      'ring_not_closed',
    ],
    [
      'a ring of three positions',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      },
      'ring_too_short',
    ],
    [
      'a bow tie',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [1, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      },
      'self_intersection',
    ],
    [
      'a flat ring',
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [2, 0],
            [0, 0],
          ],
        ],
      },
      'empty_area',
    ],
    ['an empty multipolygon', { type: 'MultiPolygon', coordinates: [] }, 'coordinates'],
  ])('refuses %s', (_label, value, problem) => {
    const check = checkAreaGeometry(value);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem).toBe(problem);
  });
});

describe('area operations', () => {
  it('measures overlap, outside area and union', () => {
    const a = rectangle(120, 37, 120.01, 37.01);
    const b = rectangle(120.005, 37, 120.015, 37.01);
    const whole = areaM2(a);
    expect(whole).toBeGreaterThan(0.8e6);
    expect(overlapAreaM2(a, b) / whole).toBeCloseTo(0.5, 2);
    expect(outsideAreaM2(b, a) / whole).toBeCloseTo(0.5, 2);
    expect(overlapAreaM2(a, rectangle(121, 37, 121.01, 37.01))).toBe(0);
    const joined = union([rectangle(0, 0, 1, 1), rectangle(1, 0, 2, 1)]);
    expect(joined?.type).toBe('Polygon');
    expect(union([rectangle(0, 0, 1, 1), rectangle(3, 0, 4, 1)])?.type).toBe('MultiPolygon');
  });
});

describe('nextChildCodes', () => {
  it('continues the highest sequence under the parent, retired codes included', () => {
    expect(nextChildCodes('370681001001', ['370681001001001', '370681001001007', '999'], 2)).toEqual([
      '370681001001008',
      '370681001001009',
    ]);
    expect(nextChildCodes('P', [], 1)).toEqual(['P001']);
  });
});
