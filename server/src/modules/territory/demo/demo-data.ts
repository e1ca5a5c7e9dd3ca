import { readFileSync } from 'node:fs';
import type { PolygonRings } from './planar.ts';
import type { CommunityKind } from './types.ts';

/** Reads the two extracted data files in ./data (see data/SOURCES.md). */

export type CommunityOrigin = 'residents_committee' | 'article' | 'village_converted';

export interface CommunityRecord {
  code: string;
  name: string;
  subdistrictCode: string;
  kind: CommunityKind;
  origin: CommunityOrigin;
  /** The name in the statistics-bureau list (e.g. "凤仪村委会"), or null for the article's communities. */
  sourceName: string | null;
}

interface OutlineFeature {
  type: 'Feature';
  properties: { name: string; code: string };
  geometry: { type: 'MultiPolygon'; coordinates: PolygonRings[] };
}

function readDataFile(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8'));
}

/** The 龙口市 county outline, WGS-84, as polygons (outer ring first). */
export function loadCountyOutline(): PolygonRings[] {
  const feature = readDataFile('longkou-outline.geojson') as OutlineFeature;
  if (feature.geometry?.type !== 'MultiPolygon')
    throw new Error('longkou-outline.geojson: expected a MultiPolygon');
  return feature.geometry.coordinates;
}

const KINDS: readonly CommunityKind[] = ['legacy', 'new_build', 'seasonal', 'work_unit'];

export function loadCommunityRecords(): CommunityRecord[] {
  const records = readDataFile('communities.json') as CommunityRecord[];
  for (const record of records) {
    if (!/^\d{12}$/.test(record.code) || !record.code.startsWith(record.subdistrictCode)) {
      throw new Error(`communities.json: bad code ${record.code}`);
    }
    if (!KINDS.includes(record.kind)) throw new Error(`communities.json: bad kind for ${record.code}`);
  }
  return records;
}
