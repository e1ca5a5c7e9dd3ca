import { type Kysely, sql } from 'kysely';

/**
 * Ids of a table's identity column taken from its sequence ahead of time, a block at a time, so that
 * a batch knows its rows' ids before it writes them: everything that refers to them (answers,
 * audit events, facts) can then go in the same statement as the rows. Ids taken and not used leave
 * gaps, as a rolled-back insert does; ids from two app servers interleave, as concurrent inserts' do.
 */
export class IdReserve {
  #ids: number[] = [];

  constructor(
    /** A table with an identity (or serial) column `id`. */
    private readonly table: string,
    /** Ids taken from the sequence at a time (one round trip). */
    private readonly block = 500,
  ) {}

  /** `count` fresh ids; reads the sequence with `db` when the reserve runs out. */
  async take<DB>(db: Kysely<DB>, count: number): Promise<number[]> {
    while (this.#ids.length < count) {
      const wanted = Math.max(this.block, count - this.#ids.length);
      const result = await sql<{ id: number | string }>`
        select nextval(pg_get_serial_sequence(${this.table}, 'id')) as id
        from generate_series(1, ${wanted})`.execute(db);
      this.#ids.push(...result.rows.map((row) => Number(row.id)));
    }
    return this.#ids.splice(0, count);
  }
}
