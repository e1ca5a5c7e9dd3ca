import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/test-database.ts';
import { IdReserve } from './id-reserve.ts';
import { jsonRecords } from './json-records.ts';
import { executeInOrder, type OrderedWrite, WriteShortfall } from './ordered-writes.ts';

/**
 * Writes sent as one statement: all of them or none, each with its own parameters — and, on
 * PostgreSQL where other transactions can be watched, in the order given: a write waiting on a row
 * lock has not yet taken the lock a later write takes (as the measures' roll-ups and the audit
 * chain's lock rely on), and given the other way round, it has.
 */
describeOnEngines('ordered writes', (database, engine) => {
  const db = () => database().db;
  const suffix = `${engine}_${process.pid}`;
  const counters = `ordered_counters_${suffix}`;
  const chain = `ordered_chain_${suffix}`;
  const chainLock = 7_000_000 + (process.pid % 1_000_000);

  beforeAll(async () => {
    await sql`create table ${sql.table(counters)} (id int primary key, n int not null)`.execute(db());
    await sql`create table ${sql.table(chain)} (id int not null, label text not null)`.execute(db());
    // Like the audit chain: every insert takes one lock, held until the transaction ends.
    await sql
      .raw(`create function ${chain}_lock() returns trigger language plpgsql as $$
        begin perform pg_advisory_xact_lock(${chainLock}); return new; end $$`)
      .execute(db());
    await sql
      .raw(
        `create trigger ${chain}_lock before insert on ${chain} for each row execute function ${chain}_lock()`,
      )
      .execute(db());
  });
  afterAll(async () => {
    await sql`drop table if exists ${sql.table(chain)}`.execute(db());
    await sql.raw(`drop function if exists ${chain}_lock()`).execute(db());
    await sql`drop table if exists ${sql.table(counters)}`.execute(db());
  });

  const addTo =
    (rows: { id: number; n: number }[]): OrderedWrite =>
    (after) =>
      sql`
      insert into ${sql.table(counters)} (id, n)
      select r.id, r.n from ${jsonRecords(rows, { id: 'integer', n: 'integer' }, 'r')}
      where ${after}
      order by r.id
      on conflict (id) do update set n = ${sql.table(counters)}.n + excluded.n`;
  const append =
    (rows: { id: number; label: string }[]): OrderedWrite =>
    (after) =>
      sql`insert into ${sql.table(chain)} (id, label)
        select r.id, r.label from ${jsonRecords(rows, { id: 'integer', label: 'text' }, 'r')} where ${after}`;
  const countersNow = async () =>
    (await sql<{ id: number; n: number }>`select id, n from ${sql.table(counters)} order by id`.execute(db()))
      .rows;
  const chainNow = async () =>
    (
      await sql<{ label: string }>`select label from ${sql.table(chain)} order by label`.execute(db())
    ).rows.map((r) => r.label);

  it('makes every write, each with its own parameters, in one statement', async () => {
    await executeInOrder(db(), [
      addTo([
        { id: 2, n: 5 },
        { id: 1, n: 3 },
      ]),
      append([{ id: 1, label: 'a' }]),
      addTo([{ id: 3, n: 10 }]),
      append([
        { id: 2, label: 'b' },
        { id: 3, label: 'c' },
      ]),
    ]);
    expect(await countersNow()).toEqual([
      { id: 1, n: 3 },
      { id: 2, n: 5 },
      { id: 3, n: 10 },
    ]);
    expect(await chainNow()).toEqual(['a', 'b', 'c']);
    await executeInOrder(db(), [addTo([{ id: 2, n: 1 }]), append([{ id: 4, label: 'd' }])]);
    expect((await countersNow())[1]).toEqual({ id: 2, n: 6 });
    await executeInOrder(db(), []);
    expect(await chainNow()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('makes none of them when one fails', async () => {
    const before = { counters: await countersNow(), chain: await chainNow() };
    const failing: OrderedWrite = (after) =>
      sql`insert into ${sql.table(counters)} (id, n) select 99, null where ${after}`;
    await expect(
      executeInOrder(db(), [addTo([{ id: 1, n: 1 }]), append([{ id: 9, label: 'z' }]), failing]),
    ).rejects.toThrow();
    expect(await countersNow()).toEqual(before.counters);
    expect(await chainNow()).toEqual(before.chain);
  });

  it('makes none of them when an expected write touches other rows than expected, and says so', async () => {
    const before = { counters: await countersNow(), chain: await chainNow() };
    // Only ids not counted yet are claimed, as intake claims its keys.
    const claim =
      (ids: number[]): OrderedWrite =>
      (after) =>
        sql`insert into ${sql.table(counters)} (id, n)
          select r.id, 0 from ${jsonRecords(
            ids.map((id) => ({ id })),
            { id: 'integer' },
            'r',
          )} where ${after}
          on conflict (id) do nothing`;
    await expect(
      executeInOrder(db(), [
        append([{ id: 20, label: 'x' }]),
        { write: claim([1, 50]), rows: 2 }, // 1 is taken: one row, not two
        append([{ id: 21, label: 'y' }]),
      ]),
    ).rejects.toBeInstanceOf(WriteShortfall);
    expect(await countersNow()).toEqual(before.counters);
    expect(await chainNow()).toEqual(before.chain);

    // The last write's count is checked too; the exact count writes everything.
    await expect(executeInOrder(db(), [{ write: claim([1]), rows: 1 }])).rejects.toBeInstanceOf(
      WriteShortfall,
    );
    await executeInOrder(db(), [{ write: claim([50, 51]), rows: 2 }, append([{ id: 22, label: 'd2' }])]);
    expect((await countersNow()).filter((row) => row.id >= 50)).toEqual([
      { id: 50, n: 0 },
      { id: 51, n: 0 },
    ]);
    expect(await chainNow()).toEqual([...before.chain, 'd2']);
  });

  it('takes ids from a table’s sequence ahead of time, a block at a time', async () => {
    const table = `ordered_ids_${suffix}`;
    await sql`create table ${sql.table(table)} (id bigint generated always as identity primary key)`.execute(
      db(),
    );
    try {
      const reserve = new IdReserve(table, 4);
      const first = await reserve.take(db(), 3);
      const second = await reserve.take(db(), 3); // one left from the block, then a new block
      const all = [...first, ...second];
      expect(new Set(all).size).toBe(6);
      expect(all).toEqual([...all].sort((a, b) => a - b));
      // The sequence is past them: a plain insert never reuses one.
      const inserted = await sql<{
        id: number | string;
      }>`insert into ${sql.table(table)} default values returning id`.execute(db());
      expect(Number(inserted.rows[0]?.id)).toBeGreaterThan(Math.max(...all));
      expect(await new IdReserve(table, 0).take(db(), 0)).toEqual([]);
    } finally {
      await sql`drop table ${sql.table(table)}`.execute(db());
    }
  });

  if (engine !== 'postgres') return;

  /**
   * Another transaction holds counter row 1; the writes are started and watched: once they wait on
   * that row, is the chain's lock already taken?
   */
  async function chainLockTakenWhileWaiting(writes: OrderedWrite[]): Promise<boolean> {
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = () => {};
    const held = new Promise<void>((resolve) => {
      holding = resolve;
    });
    const holder = db()
      .transaction()
      .execute(async (trx) => {
        await sql`select n from ${sql.table(counters)} where id = 1 for update`.execute(trx);
        holding();
        await released;
      });
    await held;
    const writing = executeInOrder(db(), writes);
    try {
      for (let tries = 0; ; tries++) {
        const waiting = await sql<{ n: number }>`
          select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where not l.granted and a.query like 'with%write_0%'`.execute(db());
        if ((waiting.rows[0]?.n ?? 0) > 0) break;
        if (tries > 500) throw new Error('the writes never waited on the held row');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const taken = await sql<{ n: number }>`
        select count(*)::int as n from pg_locks
        where locktype = 'advisory' and granted and classid = 0 and objid = ${chainLock}`.execute(db());
      return (taken.rows[0]?.n ?? 0) > 0;
    } finally {
      release();
      await holder;
      await writing;
    }
  }

  it('finishes each write before the next starts, so locks are taken in the order given', async () => {
    await executeInOrder(db(), [addTo([{ id: 1, n: 0 }])]);
    const before = await chainNow();
    expect(
      await chainLockTakenWhileWaiting([addTo([{ id: 1, n: 1 }]), append([{ id: 5, label: 'e' }])]),
    ).toBe(false);
    expect(
      await chainLockTakenWhileWaiting([append([{ id: 6, label: 'f' }]), addTo([{ id: 1, n: 1 }])]),
    ).toBe(true);
    expect(await chainNow()).toEqual([...before, 'e', 'f']);
  });
});
