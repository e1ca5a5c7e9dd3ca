import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEngines } from '../../test/test-database.ts';
import { jsonRecords } from './json-records.ts';

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
      /not a column name/,
    );
  });
});
