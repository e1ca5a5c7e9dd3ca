import { beforeAll, expect, it } from 'vitest';
import { createTestTerritory, type TestTerritory } from '../../../test/factories.ts';
import { describeOnEngines } from '../../../test/test-database.ts';
import { withCasesTables } from './case.table.ts';
import { readCategoryRevision } from './case-categories.repository.ts';
import { CategoryCache } from './case-category-cache.ts';
import { seedCaseCategories } from './seed-categories.ts';

/**
 * Intake's category cache: the database raises a jurisdiction's catalogue revision with every
 * insert, update and delete of its categories; the cache reads that revision at most once per
 * recheck interval, the catalogue only when the revision moved, and at once after `changed`.
 */

describeOnEngines('category cache', (database) => {
  let t: TestTerritory;
  let other: TestTerritory;
  const db = () => withCasesTables(database().db);
  const retire = (jurisdictionId: number, code: string, active = false) =>
    db()
      .updateTable('case_category')
      .set({ active })
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('code', '=', code)
      .execute();

  beforeAll(async () => {
    t = await createTestTerritory(database().db, { communities: 1, gridsPerCommunity: 1, unitsPerGrid: 1 });
    other = await createTestTerritory(database().db, {
      communities: 1,
      gridsPerCommunity: 1,
      unitsPerGrid: 1,
    });
    await seedCaseCategories(database().db, t.jurisdictionId);
  });

  it('raises the revision with every insert, update and delete, per jurisdiction', async () => {
    const seeded = await readCategoryRevision(db(), t.jurisdictionId);
    expect(seeded).toBeGreaterThan(0);
    expect(await readCategoryRevision(db(), other.jurisdictionId)).toBe(0);

    const [first] = await db()
      .selectFrom('case_category')
      .selectAll()
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .orderBy('code')
      .limit(1)
      .execute();
    if (!first) throw new Error('no category seeded');
    await retire(t.jurisdictionId, first.code);
    const updated = await readCategoryRevision(db(), t.jurisdictionId);
    expect(updated).toBeGreaterThan(seeded);

    await db()
      .insertInto('case_category')
      .values({ ...first, code: `${first.code}9`, limits: JSON.stringify(first.limits) })
      .execute();
    const inserted = await readCategoryRevision(db(), t.jurisdictionId);
    expect(inserted).toBeGreaterThan(updated);

    await db()
      .deleteFrom('case_category')
      .where('jurisdiction_id', '=', t.jurisdictionId)
      .where('code', '=', `${first.code}9`)
      .execute();
    expect(await readCategoryRevision(db(), t.jurisdictionId)).toBeGreaterThan(inserted);
    expect(await readCategoryRevision(db(), other.jurisdictionId)).toBe(0);
    await retire(t.jurisdictionId, first.code, true);
  });

  it('serves the catalogue from memory until the recheck, then re-reads it only when it changed', async () => {
    let now = 0;
    const cache = new CategoryCache(db(), { recheckMs: 1000, monotonicNow: () => now });
    const loaded = await cache.categoriesFor(t.jurisdictionId);
    const code = [...loaded.keys()].sort()[0] as string;
    expect(loaded.get(code)?.active).toBe(true);

    // Another app server retires it: not seen before the recheck…
    await retire(t.jurisdictionId, code);
    now = 999;
    expect(await cache.categoriesFor(t.jurisdictionId)).toBe(loaded);
    // …seen after it.
    now = 1000;
    const reloaded = await cache.categoriesFor(t.jurisdictionId);
    expect(reloaded).not.toBe(loaded);
    expect(reloaded.get(code)?.active).toBe(false);

    // Nothing changed since: the revision is read, the catalogue kept.
    now = 2500;
    expect(await cache.categoriesFor(t.jurisdictionId)).toBe(reloaded);

    // A change made through this process is seen at once.
    await retire(t.jurisdictionId, code, true);
    cache.changed(t.jurisdictionId);
    expect((await cache.categoriesFor(t.jurisdictionId)).get(code)?.active).toBe(true);

    // A jurisdiction without categories has an empty catalogue.
    expect((await cache.categoriesFor(other.jurisdictionId)).size).toBe(0);
  });
});
