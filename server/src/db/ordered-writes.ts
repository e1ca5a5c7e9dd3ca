import { type Kysely, type OperationNodeSource, type RawBuilder, sql } from 'kysely';

/**
 * A data-modifying statement — `INSERT … SELECT`, `UPDATE … FROM` or `DELETE`, without RETURNING —
 * whose source rows are filtered by `after`: it writes nothing before that condition has been
 * evaluated. Alone, `after` is `true`.
 */
export type OrderedWrite = (after: RawBuilder<boolean>) => OperationNodeSource;

/**
 * Runs writes one after the other, in the order given, as a single statement: one round trip and one
 * parse instead of one per write (the intake's group commit sends a batch's idempotent answers,
 * measures and audit events this way).
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
 */
export async function executeInOrder<DB>(db: Kysely<DB>, writes: readonly OrderedWrite[]): Promise<void> {
  const [only] = writes;
  if (!only) return;
  if (writes.length === 1) {
    await sql`${only(sql<boolean>`true`)}`.execute(db);
    return;
  }
  let after = sql<boolean>`true`;
  const parts = writes.map((write, i) => {
    const name = sql.id(`write_${i}`);
    const part = sql`${name} as (${write(after)} returning 1)`;
    after = sql<boolean>`(select count(*) from ${name}) >= 0`;
    return part;
  });
  await sql`with ${sql.join(parts)} select ${after} as done`.execute(db);
}
