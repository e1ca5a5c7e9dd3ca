import { type CategoryRow, findCategoriesByCode } from './case.repository.ts';
import type { Db } from './case.table.ts';
import { findCategories, readCategoryRevision } from './case-categories.repository.ts';

/**
 * Where intake finds a jurisdiction's categories by code — at least those of `codes` that exist: the
 * database, or a cache of it.
 */
export type CategorySource = (
  db: Db,
  jurisdictionId: number,
  codes: readonly string[],
) => Promise<ReadonlyMap<string, CategoryRow>>;

/** Reads the categories asked for in the caller's transaction: for single reports, and in tests. */
export const categoriesFromDatabase: CategorySource = (db, jurisdictionId, codes) =>
  findCategoriesByCode(db, jurisdictionId, codes);

export interface CategoryCacheOptions {
  /**
   * How long a cached catalogue is used before the jurisdiction's revision is read again (default
   * 1 s): a change on another app server reaches this one within that time; a change made here
   * (`changed`) at once.
   */
  recheckMs?: number;
  /** Process time for the recheck interval (not the app's clock, which tests stop). */
  monotonicNow?: () => number;
}

interface Cached {
  categories: ReadonlyMap<string, CategoryRow>;
  revision: number;
  checkedAt: number;
}

/**
 * Each jurisdiction's categories (案件分类), kept in memory for intake so that a batch of reports
 * does not read them: one round trip less per batch. The database raises the catalogue's revision
 * with every change (`case_category_revision`); the cache reads that number at most once per
 * `recheckMs` and the whole catalogue only when it moved. A report is checked against a catalogue
 * at most `recheckMs` old — as if it had come in that much earlier.
 */
export class CategoryCache {
  private readonly recheckMs: number;
  private readonly monotonicNow: () => number;
  private readonly cache = new Map<number, Cached>();
  private readonly loading = new Map<number, Promise<ReadonlyMap<string, CategoryRow>>>();
  /** Bumped by `changed`, so that a load begun before a change committed is not kept. */
  private generation = 0;

  constructor(
    private readonly db: Db,
    options: CategoryCacheOptions = {},
  ) {
    this.recheckMs = options.recheckMs ?? 1000;
    this.monotonicNow = options.monotonicNow ?? (() => performance.now());
  }

  /**
   * A `CategorySource` that gives the whole cached catalogue; when it must read, it reads in the
   * caller's transaction (PGlite has one connection, which that transaction holds).
   */
  readonly source: CategorySource = (db, jurisdictionId) => this.categoriesFor(jurisdictionId, db);

  /** The jurisdiction's catalogue, by code; read with `db` when the cache must be refreshed. */
  categoriesFor(jurisdictionId: number, db: Db = this.db): Promise<ReadonlyMap<string, CategoryRow>> {
    const cached = this.cache.get(jurisdictionId);
    if (cached && this.monotonicNow() - cached.checkedAt < this.recheckMs) {
      return Promise.resolve(cached.categories);
    }
    const pending = this.loading.get(jurisdictionId);
    if (pending) return pending;
    const load = this.refresh(db, jurisdictionId, cached).finally(() => {
      if (this.loading.get(jurisdictionId) === load) this.loading.delete(jurisdictionId);
    });
    this.loading.set(jurisdictionId, load);
    return load;
  }

  /** A category of the jurisdiction changed in this process (after its commit): read again next time. */
  changed(jurisdictionId: number): void {
    this.generation += 1;
    this.cache.delete(jurisdictionId);
    this.loading.delete(jurisdictionId);
  }

  private async refresh(
    db: Db,
    jurisdictionId: number,
    cached: Cached | undefined,
  ): Promise<ReadonlyMap<string, CategoryRow>> {
    const generation = this.generation;
    const revision = await readCategoryRevision(db, jurisdictionId);
    if (cached && cached.revision === revision) {
      cached.checkedAt = this.monotonicNow();
      return cached.categories;
    }
    const categories = new Map((await findCategories(db, jurisdictionId)).map((row) => [row.code, row]));
    if (generation === this.generation) {
      this.cache.set(jurisdictionId, { categories, revision, checkedAt: this.monotonicNow() });
    }
    return categories;
  }
}
