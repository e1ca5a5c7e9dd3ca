import type { CommunityKind } from '#contracts';
import type { Db, PlaceRowLite } from '../src/modules/territory/territory.repository.ts';
import { rectangle } from './shapes.ts';

export { rectangle };

import {
  insertBuildings,
  insertHouseholds,
  insertJurisdiction,
  insertPlaces,
} from '../src/modules/territory/territory.repository.ts';

/**
 * A small, fresh jurisdiction per test: one subdistrict, `communities` side by side, each cut into
 * `gridsPerCommunity` grids, each cut into `unitsPerGrid` units, all axis-aligned rectangles that
 * share their edges exactly. Codes are hierarchical like the real ones.
 */

let counter = 0;

export function uniqueJurisdictionCode(): string {
  counter += 1;
  return `${Math.floor(100_000 + Math.random() * 800_000)}${String(counter % 1000).padStart(3, '0')}`;
}

export interface TestTerritory {
  jurisdictionId: number;
  code: string;
  /** Longitude/latitude of the south-west corner; each unit is `cell` degrees square. */
  origin: [number, number];
  cell: number;
  subdistrict: PlaceRowLite;
  communities: PlaceRowLite[];
  grids: PlaceRowLite[];
  units: PlaceRowLite[];
  /** Each unit's rectangle, in the order of `units`. */
  unitBoxes: [number, number, number, number][];
}

export async function createTestTerritory(
  db: Db,
  options: {
    communities?: number;
    gridsPerCommunity?: number;
    unitsPerGrid?: number;
    kind?: CommunityKind;
    buildingsPerUnit?: number;
  } = {},
): Promise<TestTerritory> {
  const communityCount = options.communities ?? 1;
  const gridsPer = options.gridsPerCommunity ?? 2;
  const unitsPer = options.unitsPerGrid ?? 2;
  const cell = 0.01;
  const origin: [number, number] = [120.4, 37.6];
  const columns = communityCount * gridsPer * unitsPer;
  const [west, south] = origin;
  const east = west + columns * cell;
  const north = south + cell;
  const code = uniqueJurisdictionCode();
  const jurisdiction = await insertJurisdiction(db, {
    code,
    name: `测试市${code}`,
    geometry: rectangle(west - cell, south - cell, east + cell, north + cell),
  });
  const jurisdictionId = jurisdiction.id;
  const [subdistrict] = await insertPlaces(db, [
    {
      jurisdictionId,
      level: 'subdistrict',
      parent: null,
      code: `${code}001`,
      name: '测试街道',
      geometry: rectangle(west, south, east, north),
    },
  ]);
  if (!subdistrict) throw new Error('subdistrict not created');
  const communities = await insertPlaces(
    db,
    Array.from({ length: communityCount }, (_, c) => {
      const from = west + c * gridsPer * unitsPer * cell;
      return {
        jurisdictionId,
        level: 'community' as const,
        parent: subdistrict,
        code: `${subdistrict.code}${String(c + 1).padStart(3, '0')}`,
        name: `测试社区${c + 1}`,
        communityKind: options.kind ?? 'legacy',
        geometry: rectangle(from, south, from + gridsPer * unitsPer * cell, north),
      };
    }),
  );
  const grids = await insertPlaces(
    db,
    communities.flatMap((community, c) =>
      Array.from({ length: gridsPer }, (_, g) => {
        const from = west + (c * gridsPer + g) * unitsPer * cell;
        return {
          jurisdictionId,
          level: 'grid' as const,
          parent: community,
          code: `${community.code}${String(g + 1).padStart(3, '0')}`,
          name: `第${g + 1}网格`,
          geometry: rectangle(from, south, from + unitsPer * cell, north),
        };
      }),
    ),
  );
  const unitBoxes: [number, number, number, number][] = [];
  const units = await insertPlaces(
    db,
    grids.flatMap((grid, gi) =>
      Array.from({ length: unitsPer }, (_, u) => {
        const from = west + (gi * unitsPer + u) * cell;
        unitBoxes.push([from, south, from + cell, north]);
        return {
          jurisdictionId,
          level: 'unit' as const,
          parent: grid,
          code: `${grid.code}${String(u + 1).padStart(3, '0')}`,
          name: `第${u + 1}单元`,
          geometry: rectangle(from, south, from + cell, north),
        };
      }),
    ),
  );
  const buildingsPer = options.buildingsPerUnit ?? 0;
  if (buildingsPer > 0) {
    const buildings = await insertBuildings(
      db,
      units.flatMap((unit, i) =>
        Array.from({ length: buildingsPer }, (_, b) => {
          const box = unitBoxes[i] as [number, number, number, number];
          return {
            jurisdictionId,
            unitId: unit.id,
            code: `${unit.code}${String(b + 1).padStart(2, '0')}`,
            name: `${b + 1}号楼`,
            // Spread along the unit's diagonal so that a split down the middle separates them.
            lng: box[0] + ((b + 0.5) / buildingsPer) * cell,
            lat: box[1] + ((b + 0.5) / buildingsPer) * cell,
            floors: 6,
          };
        }),
      ),
    );
    await insertHouseholds(
      db,
      buildings.flatMap((building) =>
        Array.from({ length: 4 }, (_, h) => ({
          jurisdictionId,
          buildingId: building.id,
          code: `${building.code}${String(h + 1).padStart(4, '0')}`,
          doorNumber: `1-${h + 1}01`,
        })),
      ),
    );
  }
  return { jurisdictionId, code, origin, cell, subdistrict, communities, grids, units, unitBoxes };
}
