import { RevisionCache, type RevisionCacheOptions } from '../../platform/revision-cache.ts';
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

/**
 * Each jurisdiction's categories (案件分类), kept in memory for intake so that a batch of reports
 * does not read them (`platform/revision-cache.ts`): the database raises the catalogue's revision
 * with every change (`case_category_revision`), read at most once per `recheckMs` (default 1 s). A
 * report is checked against a catalogue at most that old — as if it had come in that much earlier.
 */
export class CategoryCache {
  readonly #cache: RevisionCache<Db, ReadonlyMap<string, CategoryRow>>;

  constructor(
    private readonly db: Db,
    options: RevisionCacheOptions = {},
  ) {
    this.#cache = new RevisionCache(
      {
        revision: readCategoryRevision,
        load: async (ctx, jurisdictionId) =>
          new Map((await findCategories(ctx, jurisdictionId)).map((row) => [row.code, row])),
      },
      options,
    );
  }

  /**
   * A `CategorySource` that gives the whole cached catalogue; when it must read, it reads in the
   * caller's transaction (PGlite has one connection, which that transaction holds).
   */
  readonly source: CategorySource = (db, jurisdictionId) => this.categoriesFor(jurisdictionId, db);

  /** The jurisdiction's catalogue, by code; read with `db` when the cache must be refreshed. */
  categoriesFor(jurisdictionId: number, db: Db = this.db): Promise<ReadonlyMap<string, CategoryRow>> {
    return this.#cache.get(jurisdictionId, db);
  }

  /** A category of the jurisdiction changed in this process (after its commit): read again next time. */
  changed(jurisdictionId: number): void {
    this.#cache.invalidate(jurisdictionId);
  }
}
