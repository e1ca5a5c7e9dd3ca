import { generateLongkouTerritory } from '../server/src/modules/territory/demo/generate-longkou.ts';
import { mulberry32 } from '../server/src/modules/territory/demo/random.ts';
import { DEMO_SEED } from '../server/src/modules/territory/demo/seed-longkou.ts';
import { PlaceLocator } from '../server/src/modules/territory/locator.ts';
import type { Benchmark } from './benchmarks.ts';

/**
 * Point → unit over the Longkou demo's 2229 units: the Flatbush index plus exact point-in-polygon
 * (what the server uses) against a naive scan testing every polygon in turn, same points, same run.
 */

function measure(
  seconds: number,
  points: Float64Array,
  lookup: (lng: number, lat: number) => unknown,
): number {
  const count = points.length / 2;
  let done = 0;
  let found = 0;
  const started = process.hrtime.bigint();
  const budget = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - started < budget) {
    for (let i = 0; i < 1000; i++) {
      const k = (done % count) * 2;
      if (lookup(points[k] as number, points[k + 1] as number) !== undefined) found++;
      done++;
    }
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  if (found === 0) throw new Error('no point was found: the benchmark measures nothing');
  return done / elapsed;
}

export const lookupBenchmark: Benchmark = {
  name: 'lookup',
  async run(log) {
    const territory = generateLongkouTerritory({ seed: DEMO_SEED });
    const units = [...territory.units].sort((a, b) => a.code.localeCompare(b.code));
    const started = performance.now();
    const locator = new PlaceLocator(units.map((u) => ({ geometry: u.geometry, value: u.code })));
    log(`index over ${units.length} units built in ${(performance.now() - started).toFixed(1)} ms`);

    // Points spread over the gridded area's bounding box; most fall in a unit, some in none.
    let minLng = Infinity,
      minLat = Infinity,
      maxLng = -Infinity,
      maxLat = -Infinity;
    for (const s of territory.subdistricts) {
      const rings =
        s.geometry.type === 'Polygon' ? [s.geometry.coordinates[0]] : s.geometry.coordinates.map((p) => p[0]);
      for (const ring of rings)
        for (const [lng = 0, lat = 0] of ring ?? []) {
          minLng = Math.min(minLng, lng);
          maxLng = Math.max(maxLng, lng);
          minLat = Math.min(minLat, lat);
          maxLat = Math.max(maxLat, lat);
        }
    }
    const random = mulberry32(2229);
    const points = new Float64Array(200_000);
    for (let i = 0; i < points.length; i += 2) {
      points[i] = minLng + random() * (maxLng - minLng);
      points[i + 1] = minLat + random() * (maxLat - minLat);
    }
    // The two must agree before either is timed.
    for (let i = 0; i < 2000; i += 2) {
      const lng = points[i] as number;
      const lat = points[i + 1] as number;
      if (locator.locate(lng, lat) !== locator.locateByScan(lng, lat))
        throw new Error(`index and scan disagree at ${lng},${lat}`);
    }
    measure(0.5, points, (lng, lat) => locator.locate(lng, lat)); // warm-up
    const indexed = measure(3, points, (lng, lat) => locator.locate(lng, lat));
    const scanned = measure(3, points, (lng, lat) => locator.locateByScan(lng, lat));
    log(
      `index: ${Math.round(indexed).toLocaleString()} lookups/s; naive scan: ${Math.round(scanned).toLocaleString()} lookups/s`,
    );
    return [
      {
        metric: 'lookups_per_s',
        value: Math.round(indexed),
        baseline: Math.round(scanned),
        ratio: Math.round((indexed / scanned) * 10) / 10,
      },
    ];
  },
};
