import { describe, expect, it } from 'vitest';
import { BatchedLoader } from './batched-loader.ts';

/** A store whose loads finish only when the test says so. */
function controlledStore() {
  const values = new Map<string, number>();
  const calls: string[][] = [];
  const finishers: (() => void)[] = [];
  let failNext = false;
  const loadMany = (keys: string[]) => {
    calls.push(keys);
    const failing = failNext;
    failNext = false;
    // What the store holds when the load starts is what it answers.
    const answer = new Map(keys.filter((k) => values.has(k)).map((k) => [k, values.get(k) as number]));
    return new Promise<Map<string, number>>((resolve, reject) => {
      finishers.push(() => (failing ? reject(new Error('the database went away')) : resolve(answer)));
    });
  };
  return {
    values,
    calls,
    loadMany,
    failNextLoad: () => {
      failNext = true;
    },
    /** Finishes the oldest load still running. */
    finishOne: () => finishers.shift()?.(),
    inFlight: () => finishers.length,
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('BatchedLoader', () => {
  it('loads the keys asked for in one turn together, each key once', async () => {
    const store = controlledStore();
    store.values.set('a', 1).set('b', 2);
    const loader = new BatchedLoader(store.loadMany);
    const asks = [loader.load('a'), loader.load('b'), loader.load('a'), loader.load('missing')];
    await turn();
    expect(store.calls).toEqual([['a', 'b', 'missing']]);
    store.finishOne();
    expect(await Promise.all(asks)).toEqual([1, 2, 1, undefined]);
    expect(loader.stats).toEqual({ loads: 1, keys: 3 });
  });

  it('holds asks made while a load is in flight and sends them together in the next one', async () => {
    const store = controlledStore();
    for (const key of ['a', 'b', 'c', 'd']) store.values.set(key, key.charCodeAt(0));
    const loader = new BatchedLoader(store.loadMany);
    const first = loader.load('a');
    await turn();
    expect(store.inFlight()).toBe(1);
    // Asked over several turns while the first load runs: no new load starts.
    const later = [loader.load('b')];
    await turn();
    later.push(loader.load('c'));
    await turn();
    later.push(loader.load('d'), loader.load('b'));
    await turn();
    expect(store.calls).toEqual([['a']]);
    store.finishOne();
    expect(await first).toBe(97);
    await turn();
    expect(store.calls).toEqual([['a'], ['b', 'c', 'd']]);
    store.finishOne();
    expect(await Promise.all(later)).toEqual([98, 99, 100, 98]);
  });

  it('never answers an ask with a load that started before it (nothing stale)', async () => {
    const store = controlledStore();
    store.values.set('session', 1);
    const loader = new BatchedLoader(store.loadMany);
    const before = loader.load('session');
    await turn();
    // The session changes (signed out, say) while the first load is in flight.
    store.values.delete('session');
    const after = loader.load('session');
    store.finishOne();
    expect(await before).toBe(1);
    await turn();
    store.finishOne();
    expect(await after).toBeUndefined();
  });

  it('rejects the asks of a failed load only, and goes on loading', async () => {
    const store = controlledStore();
    store.values.set('a', 1);
    const loader = new BatchedLoader(store.loadMany);
    store.failNextLoad();
    const failed = loader.load('a');
    await turn();
    const next = loader.load('a');
    store.finishOne();
    await expect(failed).rejects.toThrow('the database went away');
    await turn();
    store.finishOne();
    expect(await next).toBe(1);
  });

  it('runs up to `concurrency` loads at once', async () => {
    const store = controlledStore();
    const loader = new BatchedLoader(store.loadMany, { concurrency: 2 });
    const asks = [loader.load('a')];
    await turn();
    asks.push(loader.load('b'));
    await turn();
    asks.push(loader.load('c'));
    await turn();
    expect(store.calls).toEqual([['a'], ['b']]);
    store.finishOne();
    await turn();
    await turn();
    expect(store.calls).toEqual([['a'], ['b'], ['c']]);
    store.finishOne();
    store.finishOne();
    expect(await Promise.all(asks)).toEqual([undefined, undefined, undefined]);
  });
});
