import type { KyselyPlugin } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import { bumpGeometryVersion, type Db } from './territory.repository.ts';
import { TerritoryIndex } from './territory-index.ts';

/**
 * The point index rechecks the stored geometry version (a change made by another app server) at
 * most once per interval, and concurrent requests that find the recheck due share one read.
 */

/** A view of `db` that counts the reads of jurisdiction rows made through it. */
function countingJurisdictionReads(db: Db): { db: Db; reads: () => number } {
  let reads = 0;
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }) => {
      if (node.kind === 'SelectQueryNode' && JSON.stringify(node.from).includes('"jurisdiction"')) reads++;
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { db: db.withPlugin(plugin), reads: () => reads };
}

describeOnEngines('territory point index', (database) => {
  let t: TestTerritory;
  const centreOf = (unit: number) => {
    const [west, south, east, north] = t.unitBoxes[unit] as [number, number, number, number];
    return [(west + east) / 2, (south + north) / 2] as const;
  };

  beforeAll(async () => {
    t = await createTestTerritory(database().db, { communities: 1, gridsPerCommunity: 2, unitsPerGrid: 2 });
  });

  it('reads the geometry version once for all the requests that find the recheck due', async () => {
    const counting = countingJurisdictionReads(database().db);
    const index = new TerritoryIndex(counting.db, 0);
    await index.locate(t.jurisdictionId, ...centreOf(0));
    const afterBuild = counting.reads();

    const located = await Promise.all(
      Array.from({ length: 50 }, (_, i) => index.locate(t.jurisdictionId, ...centreOf(i % 4))),
    );
    expect(located.map((l) => l.unit.id)).toEqual(Array.from({ length: 50 }, (_, i) => t.units[i % 4]?.id));
    expect(counting.reads() - afterBuild).toBe(1);

    // Sequential requests each find it due again (interval 0): one read each.
    await index.locate(t.jurisdictionId, ...centreOf(1));
    await index.locate(t.jurisdictionId, ...centreOf(2));
    expect(counting.reads() - afterBuild).toBe(3);
  });

  it('still sees a geometry change made elsewhere, and rebuilds', async () => {
    const counting = countingJurisdictionReads(database().db);
    const index = new TerritoryIndex(counting.db, 0);
    await index.locate(t.jurisdictionId, ...centreOf(0));
    const afterBuild = counting.reads();
    await bumpGeometryVersion(database().db, t.jurisdictionId);
    await Promise.all([0, 1, 2].map((unit) => index.locate(t.jurisdictionId, ...centreOf(unit))));
    // One recheck, then a rebuild (which reads the version and the jurisdiction again).
    expect(counting.reads() - afterBuild).toBeGreaterThan(1);
    const settled = counting.reads();
    await index.locate(t.jurisdictionId, ...centreOf(3));
    expect(counting.reads() - settled).toBe(1);
  });
});
