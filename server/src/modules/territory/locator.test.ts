import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AreaGeometry } from '#contracts';
import { rectangle } from '../../../test/shapes.ts';
import { generateLongkouTerritory } from './demo/generate-longkou.ts';
import { mulberry32 } from './demo/random.ts';
import { DEMO_SEED } from './demo/seed-longkou.ts';
import { bboxOf } from './geometry.ts';
import { PlaceLocator } from './locator.ts';

function distanceToBoundary(point: [number, number], geometry: AreaGeometry): number {
  let best = Number.POSITIVE_INFINITY;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const ring of polygons.flat()) {
    for (let i = 0; i < ring.length - 1; i++) {
      const [ax = 0, ay = 0] = ring[i] as number[];
      const [bx = 0, by = 0] = ring[i + 1] as number[];
      const dx = bx - ax;
      const dy = by - ay;
      const t = Math.max(
        0,
        Math.min(1, ((point[0] - ax) * dx + (point[1] - ay) * dy) / (dx * dx + dy * dy || 1)),
      );
      best = Math.min(best, Math.hypot(point[0] - (ax + t * dx), point[1] - (ay + t * dy)));
    }
  }
  return best;
}

describe('PlaceLocator over the Longkou demo units', () => {
  const territory = generateLongkouTerritory({ seed: DEMO_SEED });
  const units = [...territory.units].sort((a, b) => a.code.localeCompare(b.code));
  let locator: PlaceLocator<string>;
  beforeAll(() => {
    locator = new PlaceLocator(units.map((u) => ({ geometry: u.geometry, value: u.code })));
  });

  it('returns the unit for 1000 random points inside 1000 random units', () => {
    const random = mulberry32(454);
    let checked = 0;
    while (checked < 1000) {
      const unit = units[Math.floor(random() * units.length)];
      if (!unit) continue;
      const box = bboxOf(unit.geometry);
      // Rejection-sample a point strictly inside, judged by turf (an independent implementation).
      for (let attempt = 0; attempt < 100; attempt++) {
        const point = [
          box.minLng + random() * (box.maxLng - box.minLng),
          box.minLat + random() * (box.maxLat - box.minLat),
        ];
        if (!booleanPointInPolygon(point, unit.geometry, { ignoreBoundary: true })) continue;
        expect(locator.locate(point[0] as number, point[1] as number)).toBe(unit.code);
        checked++;
        break;
      }
    }
  });

  it('agrees with a scan of every polygon', () => {
    const random = mulberry32(2229);
    const box = bboxOf(territory.jurisdiction.geometry);
    for (let i = 0; i < 2000; i++) {
      const lng = box.minLng + random() * (box.maxLng - box.minLng);
      const lat = box.minLat + random() * (box.maxLat - box.minLat);
      expect(locator.locate(lng, lat)).toBe(locator.locateByScan(lng, lat));
    }
  });

  it('gives every vertex and edge midpoint shared by two units to exactly one of them, the same each time', () => {
    let shared = 0;
    for (const unit of units.slice(0, 200)) {
      const ring =
        unit.geometry.type === 'Polygon' ? unit.geometry.coordinates[0] : unit.geometry.coordinates[0]?.[0];
      for (let i = 0; ring && i < ring.length - 1; i++) {
        const a = ring[i] as number[];
        const b = ring[i + 1] as number[];
        const mid: [number, number] = [
          ((a[0] as number) + (b[0] as number)) / 2,
          ((a[1] as number) + (b[1] as number)) / 2,
        ];
        const first = locator.locate(...mid);
        if (first === undefined) continue; // on the outer boundary of the gridded area
        shared++;
        for (let k = 0; k < 3; k++) expect(locator.locate(...mid)).toBe(first);
        // The unit it names contains the point, or has it on its boundary to within rounding.
        const found = units.find((u) => u.code === first);
        if (!found) throw new Error('unknown unit');
        const onOrIn =
          booleanPointInPolygon(mid, found.geometry) || distanceToBoundary(mid, found.geometry) < 1e-9;
        expect(onOrIn).toBe(true);
      }
    }
    expect(shared).toBeGreaterThan(500);
  });

  it('finds nothing outside, and nothing in an empty index', () => {
    expect(locator.locate(100, 30)).toBeUndefined();
    expect(new PlaceLocator([]).locate(120.5, 37.6)).toBeUndefined();
  });
});

describe('PlaceLocator on shared edges', () => {
  it('assigns a point on a shared vertical edge to one side in either input order', () => {
    const left = { geometry: rectangle(0, 0, 1, 1), value: 'left' };
    const right = { geometry: rectangle(1, 0, 2, 1), value: 'right' };
    const a = new PlaceLocator([left, right]).locate(1, 0.5);
    const b = new PlaceLocator([right, left]).locate(1, 0.5);
    expect(a).toBeDefined();
    expect(a).toBe(b);
  });
  it('handles holes and multipolygons', () => {
    const withHole = {
      type: 'Polygon' as const,
      coordinates: [
        rectangle(0, 0, 4, 4).coordinates[0] as number[][],
        rectangle(1, 1, 2, 2).coordinates[0] as number[][],
      ],
    };
    const multi = {
      type: 'MultiPolygon' as const,
      coordinates: [rectangle(10, 10, 11, 11).coordinates, rectangle(12, 10, 13, 11).coordinates],
    };
    const locator = new PlaceLocator([
      { geometry: withHole, value: 'ring' },
      { geometry: multi, value: 'multi' },
    ]);
    expect(locator.locate(0.5, 0.5)).toBe('ring');
    expect(locator.locate(1.5, 1.5)).toBeUndefined();
    expect(locator.locate(12.5, 10.5)).toBe('multi');
    expect(locator.locate(11.5, 10.5)).toBeUndefined();
  });
});
