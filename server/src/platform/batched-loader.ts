/**
 * Loads by key, with the keys asked for in the same turn of the event loop fetched together by one
 * `loadMany` call (one query for many concurrent requests). Nothing is cached between turns: every
 * load reads what is current.
 */
export class BatchedLoader<K, V> {
  readonly #loadMany: (keys: K[]) => Promise<Map<K, V>>;
  #pending: Map<K, { resolve: (value: V | undefined) => void; reject: (error: unknown) => void }[]> | null =
    null;

  constructor(loadMany: (keys: K[]) => Promise<Map<K, V>>) {
    this.#loadMany = loadMany;
  }

  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      if (!this.#pending) {
        this.#pending = new Map();
        setImmediate(() => void this.#flush());
      }
      const waiting = this.#pending.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.#pending.set(key, [{ resolve, reject }]);
    });
  }

  async #flush(): Promise<void> {
    const pending = this.#pending;
    this.#pending = null;
    if (!pending) return;
    try {
      const found = await this.#loadMany([...pending.keys()]);
      for (const [key, waiting] of pending) for (const w of waiting) w.resolve(found.get(key));
    } catch (error) {
      for (const waiting of pending.values()) for (const w of waiting) w.reject(error);
    }
  }
}
