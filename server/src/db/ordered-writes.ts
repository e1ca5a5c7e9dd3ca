import { type Kysely, type OperationNodeSource, type RawBuilder, sql } from 'kysely';

/**
 * A data-modifying statement — `INSERT … SELECT`, `UPDATE … FROM` or `DELETE`, without RETURNING —
 * whose source rows are filtered by `after`: it writes nothing before that condition has been
 * evaluated. Alone, `after` is `true`.
 */
export type OrderedWrite = (after: RawBuilder<boolean>) => OperationNodeSource;

/** A write that must touch exactly `rows` rows, or the whole statement writes nothing. */
export interface ExpectedWrite {
  write: OrderedWrite;
  rows: number;
}

/** Thrown by `executeInOrder` when an `ExpectedWrite` touched other rows: nothing was written. */
export class WriteShortfall extends Error {
  constructor() {
    super('a write of the statement touched other rows than expected; nothing was written');
    this.name = 'WriteShortfall';
  }
}

/** The SQLSTATE the database function `ordered_write_expect` raises. */
const SHORTFALL = 'JZ409';

/**
 * Runs writes one after the other, in the order given, as a single statement: one round trip and one
 * parse instead of one per write (the intake's group commit sends a whole batch this way).
 *
 *   with write_0 as (… returning 1), write_1 as (… where (select count(*) from write_0) >= 0 returning 1), …
 *   select (select count(*) from write_N) >= 0
 *
 * PostgreSQL runs the parts of a WITH in an order it does not promise. Here each part's source is
 * gated on a count of the part before it: a condition without columns, which PostgreSQL evaluates once
 * before the part reads its first row, and which it cannot know without running the part before to
 * its end. So each write finishes before the next one starts and row locks are taken in the order
 * given, as separate statements would take them — callers whose rows other transactions also write
 * (the measures' roll-ups, the audit chain's lock) keep their lock order. All parts see the snapshot
 * the statement started with: a write must not read what an earlier one wrote, nor touch its rows.
 *
 * An `ExpectedWrite`'s count is checked in that same gate (`ordered_write_expect`): when it touched
 * other rows than expected, the statement fails before the next part runs, nothing it wrote stays
 * (outside a transaction block; inside one, the caller rolls back), and `WriteShortfall` is thrown.
 */
export async function executeInOrder<DB>(
  db: Kysely<DB>,
  writes: readonly (OrderedWrite | ExpectedWrite)[],
): Promise<void> {
  const [only] = writes;
  if (!only) return;
  if (writes.length === 1 && typeof only === 'function') {
    await sql`${only(sql<boolean>`true`)}`.execute(db);
    return;
  }
  let after = sql<boolean>`true`;
  const parts = writes.map((step, i) => {
    const { name, counted } = partSql(i);
    const write = typeof step === 'function' ? step : step.write;
    const part = sql`${name} as (${write(after)} returning 1)`;
    after =
      typeof step === 'function'
        ? counted
        : sql<boolean>`(select ordered_write_expect(count(*) = ${step.rows}) from ${name})`;
    return part;
  });
  try {
    await sql`with ${sql.join(parts)} select ${after} as done`.execute(db);
  } catch (error) {
    if ((error as { code?: unknown }).code === SHORTFALL) throw new WriteShortfall();
    throw error;
  }
}

/** The SQL of the i-th part's name and of the gate on its count, made once (constant texts). */
const partSqls: { name: RawBuilder<unknown>; counted: RawBuilder<boolean> }[] = [];

function partSql(i: number): { name: RawBuilder<unknown>; counted: RawBuilder<boolean> } {
  let made = partSqls[i];
  if (!made) {
    made = {
      name: sql.raw(`write_${i}`),
      counted: sql.raw<boolean>(`(select count(*) from write_${i}) >= 0`),
    };
    partSqls[i] = made;
  }
  return made;
}
