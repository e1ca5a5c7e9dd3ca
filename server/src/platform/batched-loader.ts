/**
 * Loads by key, with concurrent asks fetched together by one `loadMany` call (one query for many
 * requests). Keys asked for in the same turn of the event loop go together; under load, the keys
 * asked for while a load is in flight wait for it to finish and then go together in the next one
 * (the read side of group commit: no timer, so no added latency when idle, and the number of
 * queries stops growing with the number of requests). Nothing is cached: every load starts after
 * its key was asked for, so it reads what is current.
 */
export class BatchedLoader<K, V> {
  readonly #loadMany: (keys: K[]) => Promise<Map<K, V>>;
  readonly #concurrency: number;
  #pending = new Map<K, Waiting<V>[]>();
  #scheduled = false;
  #inFlight = 0;
  /** Loads made and keys in them, for tests and logs. */
  readonly stats = { loads: 0, keys: 0 };

  /** `concurrency`: loads in flight at once (each holds a database connection while it runs). */
  constructor(loadMany: (keys: K[]) => Promise<Map<K, V>>, options: { concurrency?: number } = {}) {
    this.#loadMany = loadMany;
    this.#concurrency = options.concurrency ?? 1;
  }

  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiting = this.#pending.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.#pending.set(key, [{ resolve, reject }]);
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#inFlight >= this.#concurrency || this.#pending.size === 0) return;
    this.#scheduled = true;
    // Let the asks made in the same turn of the event loop join.
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    const pending = this.#pending;
    if (pending.size === 0) return;
    this.#pending = new Map();
    this.#inFlight += 1;
    this.stats.loads += 1;
    this.stats.keys += pending.size;
    try {
      const found = await this.#loadMany([...pending.keys()]);
      for (const [key, waiting] of pending) for (const w of waiting) w.resolve(found.get(key));
    } catch (error) {
      for (const waiting of pending.values()) for (const w of waiting) w.reject(error);
    } finally {
      this.#inFlight -= 1;
      this.#schedule();
    }
  }
}

interface Waiting<V> {
  resolve: (value: V | undefined) => void;
  reject: (error: unknown) => void;
}
