/**
 * A value per key (a jurisdiction's working calendar, its category catalogue) kept in memory and
 * re-read only when the database says it changed: at most once per `recheckMs` the key's revision
 * is read (one small query), and the value only when the revision moved. A change made in this
 * process is seen at once (`invalidate`, after its commit); one made on another app server within
 * `recheckMs`. Concurrent callers share one read, and a read begun before an invalidation is not
 * kept.
 *
 * `Ctx` is what the reads run with (a database handle, or the caller's transaction when the only
 * connection is held by it, as on PGlite).
 */
export interface RevisionCacheSource<Ctx, V> {
  revision(ctx: Ctx, key: number): Promise<number>;
  load(ctx: Ctx, key: number): Promise<V>;
}

export interface RevisionCacheOptions {
  /** How long a value is used before its revision is read again (default 1 s). */
  recheckMs?: number;
  /** Process time for the recheck interval (not the app's clock, which tests stop). */
  monotonicNow?: () => number;
}

interface Cached<V> {
  value: V;
  revision: number;
  checkedAt: number;
}

export class RevisionCache<Ctx, V> {
  readonly #source: RevisionCacheSource<Ctx, V>;
  readonly #recheckMs: number;
  readonly #monotonicNow: () => number;
  readonly #cache = new Map<number, Cached<V>>();
  readonly #loading = new Map<number, Promise<V>>();
  /** Bumped by `invalidate`, so that a read begun before a change committed is not kept. */
  #generation = 0;

  constructor(source: RevisionCacheSource<Ctx, V>, options: RevisionCacheOptions = {}) {
    this.#source = source;
    this.#recheckMs = options.recheckMs ?? 1000;
    this.#monotonicNow = options.monotonicNow ?? (() => performance.now());
  }

  get(key: number, ctx: Ctx): Promise<V> {
    const cached = this.#cache.get(key);
    if (cached && this.#monotonicNow() - cached.checkedAt < this.#recheckMs) {
      return Promise.resolve(cached.value);
    }
    const pending = this.#loading.get(key);
    if (pending) return pending;
    const load = this.#refresh(ctx, key, cached).finally(() => {
      if (this.#loading.get(key) === load) this.#loading.delete(key);
    });
    this.#loading.set(key, load);
    return load;
  }

  /** The key's value changed in this process (call after the commit): read afresh next time. */
  invalidate(key: number): void {
    this.#generation += 1;
    this.#cache.delete(key);
    this.#loading.delete(key);
  }

  async #refresh(ctx: Ctx, key: number, cached: Cached<V> | undefined): Promise<V> {
    const generation = this.#generation;
    const revision = await this.#source.revision(ctx, key);
    if (cached && cached.revision === revision) {
      cached.checkedAt = this.#monotonicNow();
      return cached.value;
    }
    const value = await this.#source.load(ctx, key);
    if (generation === this.#generation) {
      this.#cache.set(key, { value, revision, checkedAt: this.#monotonicNow() });
    }
    return value;
  }
}
