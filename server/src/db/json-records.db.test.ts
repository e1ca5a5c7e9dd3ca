import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/test-database.ts';
import { jsonRecords, recordsInsert } from './json-records.ts';
import { executeInOrder } from './ordered-writes.ts';

/** Batch rows sent as one JSON parameter come back typed and unchanged on both engines. */
describeOnEngines('json records', (database, engine) => {
  const table = `json_records_probe_${engine}_${process.pid}`;
  const db = () => database().db;

  beforeAll(async () => {
    await sql`create table ${sql.table(table)} (
      id bigint, ratio double precision, flag boolean, label text, tags text[], day date,
      at timestamptz, doc jsonb)`.execute(db());
  });
  afterAll(async () => {
    await sql`drop table if exists ${sql.table(table)}`.execute(db());
  });

  it('inserts every column type as given, nulls and awkward text included, in the order given', async () => {
    const rows = [
      {
        id: 9_007_199_254_740_991,
        ratio: 120.123456789,
        flag: true,
        label: `路灯 "不亮" \\ it's — ${'\u0001'}`,
        tags: ['a', '电', 'x,y', '"q"'],
        day: '2026-10-08',
        at: new Date('2026-10-01T01:02:03.456Z'),
        doc: { status: 'reported', nested: [1, { 键: null }] },
      },
      { id: 2, ratio: -0.5, flag: false, label: null, tags: [], day: null, at: null, doc: null },
    ];
    const columns = ['id', 'ratio', 'flag', 'label', 'tags', 'day', 'at', 'doc'] as const;
    const types = {
      id: 'bigint',
      ratio: 'double precision',
      flag: 'boolean',
      label: 'text',
      tags: 'text[]',
      day: 'date',
      at: 'timestamptz',
      doc: 'jsonb',
    } as const;
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.id(c)))})
      select ${sql.join(columns.map((c) => sql.ref(`r.${c}`)))} from ${jsonRecords(rows, types, 'r')}`.execute(
      db(),
    );
    const stored = await sql<Record<string, unknown>>`
      select id::text as id, ratio, flag, label, tags, to_char(day, 'YYYY-MM-DD') as day, at, doc
      from ${sql.table(table)} order by id desc`.execute(db());
    expect(stored.rows).toEqual([
      { ...rows[0], id: '9007199254740991' },
      { ...rows[1], id: '2' },
    ]);
  });

  it('takes an empty batch', async () => {
    const found = await db()
      .selectFrom(jsonRecords<{ id: number }, 'r'>([], { id: 'bigint' }, 'r'))
      .selectAll()
      .execute();
    expect(found).toEqual([]);
  });

  it('reads columns named like keywords', async () => {
    const found = await db()
      .selectFrom(
        jsonRecords(
          [{ order: 2, key: 'k', select: true }],
          { order: 'integer', key: 'text', select: 'boolean' },
          'r',
        ),
      )
      .selectAll()
      .execute();
    expect(found).toEqual([{ order: 2, key: 'k', select: true }]);
  });

  it('refuses a column name that is not a plain identifier', () => {
    expect(() => jsonRecords([{ 'id; drop table x': 1 }], { 'id; drop table x': 'bigint' }, 'r')).toThrow(
      /not a plain identifier/,
    );
    expect(() => recordsInsert('x; drop table y', { id: 'bigint' })).toThrow(/not a plain identifier/);
  });

  describe('recordsInsert', () => {
    const counts = `json_records_counts_${engine}_${process.pid}`;
    const addCounts = () =>
      recordsInsert(
        counts,
        { day: 'date', grid_id: 'bigint', reported: 'bigint', seen: 'integer' },
        {
          into: ['day', 'grid_id', 'reported'],
          orderBy: ['grid_id', 'day'],
          onConflict: '(day, grid_id) do update set reported = t.reported + excluded.reported',
        },
      );
    beforeAll(async () => {
      await sql`create table ${sql.table(counts)} (
        id bigint generated always as identity, day date, grid_id bigint, reported bigint,
        primary key (day, grid_id))`.execute(db());
    });
    afterAll(async () => {
      await sql`drop table if exists ${sql.table(counts)}`.execute(db());
    });

    it('inserts the chosen columns, adds to conflicting rows, and numbers new rows in key order', async () => {
      const add = addCounts();
      await executeInOrder(db(), [
        add([
          { day: '2026-10-08', grid_id: 7, reported: 2, seen: 0 },
          { day: '2026-10-08', grid_id: 3, reported: 1, seen: 0 },
        ]),
      ]);
      await executeInOrder(db(), [
        add([
          { day: '2026-10-09', grid_id: 3, reported: 5, seen: 1 },
          { day: '2026-10-08', grid_id: 7, reported: 4, seen: 1 },
        ]),
      ]);
      const stored = await sql<{ id: number; day: string; grid_id: number; reported: number }>`
        select id::int as id, to_char(day, 'YYYY-MM-DD') as day, grid_id::int as grid_id, reported::int as reported
        from ${sql.table(counts)} order by id`.execute(db());
      expect(stored.rows).toEqual([
        { id: 1, day: '2026-10-08', grid_id: 3, reported: 1 },
        { id: 2, day: '2026-10-08', grid_id: 7, reported: 6 },
        { id: 3, day: '2026-10-09', grid_id: 3, reported: 5 },
      ]);
    });

    it('gives identity values when told to, and the same text whatever the batch', async () => {
      const insert = recordsInsert(
        counts,
        { id: 'bigint', day: 'date', grid_id: 'bigint', reported: 'bigint' },
        { overridingSystemValue: true },
      );
      const one = insert([{ id: 101, day: '2026-11-01', grid_id: 1, reported: 1 }]);
      const three = insert(
        [1, 2, 3].map((i) => ({ id: 200 + i, day: '2026-11-02', grid_id: i, reported: i })),
      );
      const text = (write: typeof one) => sql`${write(sql<boolean>`true`)}`.compile(db()).sql;
      expect(text(three)).toBe(text(one));
      await executeInOrder(db(), [one, three]);
      const ids = await sql<{ id: number }>`
        select id::int as id from ${sql.table(counts)} where id > 100 order by id`.execute(db());
      expect(ids.rows.map((r) => r.id)).toEqual([101, 201, 202, 203]);
    });
  });
});
