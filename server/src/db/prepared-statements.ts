import type pg from 'pg';

export interface PreparedStatementOptions {
  /** Runs of a statement text in this process before it is prepared (default 3). */
  minUses?: number;
  /** Named statements one connection holds at most (default 200). */
  maxPerConnection?: number;
}

/** Texts named in a process at most: beyond it, new texts run unnamed. */
const MAX_NAMES = 2_000;

/**
 * Named prepared statements for the texts a process sends again and again — the intake's batch
 * statements, the session read, the queues — so that PostgreSQL parses each once per connection
 * and, after a few runs, plans it once too (its plan cache), instead of every time: for the
 * intake's long WITH statements parsing and planning were most of their time. The query builder
 * emits the same text for the same query shape, with the values as parameters, so the text is the
 * statement's identity.
 *
 * A text is prepared from its `minUses`-th run in the process on; a connection holds at most
 * `maxPerConnection` of them, so texts that keep changing (IN lists of every length) stay unnamed
 * once that room is used. Install it on every new connection of a pool:
 * `pool.on('connect', prepareRepeatedStatements())`. (Not behind a transaction-pooling proxy, which
 * would hand a prepared name to a connection that does not know it.)
 */
export function prepareRepeatedStatements(
  options: PreparedStatementOptions = {},
): (client: pg.PoolClient) => void {
  const minUses = options.minUses ?? 3;
  const maxPerConnection = options.maxPerConnection ?? 200;
  const uses = new Map<string, number>();
  const names = new Map<string, string>();
  return (client) => {
    const prepared = new Set<string>();
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const nameFor = (text: string): string | undefined => {
      const name = names.get(text);
      if (name && (prepared.has(name) || prepared.size < maxPerConnection)) return name;
      if (name) return undefined;
      const count = (uses.get(text) ?? 0) + 1;
      if (count < minUses) {
        if (uses.size >= 10_000) uses.clear(); // texts that never repeat must not pile up
        uses.set(text, count);
        return undefined;
      }
      uses.delete(text);
      if (names.size >= MAX_NAMES) return undefined;
      const fresh = `jz_${names.size + 1}`;
      names.set(text, fresh);
      return prepared.size < maxPerConnection ? fresh : undefined;
    };
    // The query builder calls query(text, values); everything else (a config object, a callback,
    // COPY, cursors) passes through as it is.
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const [text, values, ...rest] = args;
      if (typeof text !== 'string' || !Array.isArray(values) || rest.length > 0) return query(...args);
      const name = nameFor(text);
      if (name === undefined) return query(text, values);
      prepared.add(name);
      return query({ name, text, values });
    };
  };
}
