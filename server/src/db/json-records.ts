import { type AliasedRawBuilder, sql } from 'kysely';

/** The PostgreSQL types a column of `jsonRecords` can be read as. */
export type RecordColumnType =
  | 'bigint'
  | 'integer'
  | 'double precision'
  | 'boolean'
  | 'text'
  | 'text[]'
  | 'date'
  | 'timestamptz'
  | 'jsonb';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * Many rows as one table in a FROM clause, sent as a single JSON parameter and read back by
 * `json_to_recordset` with a column type each — for batch writes:
 *
 *   trx.insertInto('t').columns(cols).expression(trx.selectFrom(jsonRecords(rows, types, 'r')).select(cols))
 *
 * A VALUES list costs a parameter per cell: its SQL text grows with the batch, so PostgreSQL parses
 * and plans a new statement for every batch size (milliseconds for a few hundred rows), and the
 * query builder compiles every cell. Here the text is the same whatever the batch, and the rows
 * travel as one small JSON document. Dates become ISO strings (read back exactly as `timestamptz`);
 * `jsonb` columns take the value as it is; `text[]` takes a JSON array. (`json`, not `jsonb`: the
 * document is read once, without building and sorting a binary copy of it first.)
 */
export function jsonRecords<Row extends object, Alias extends string>(
  rows: readonly Row[],
  columns: { readonly [K in keyof Row]-?: RecordColumnType },
  alias: Alias,
): AliasedRawBuilder<Row, Alias> {
  const definitions = Object.entries(columns).map(([name, type]) => {
    if (!IDENTIFIER.test(name)) throw new Error(`not a column name: ${name}`);
    return `"${name}" ${type as RecordColumnType}`; // quoted: a column may be named like a keyword (order, key)
  });
  return sql<Row>`(select * from json_to_recordset(cast(${JSON.stringify(rows)} as json)) as x(${sql.raw(definitions.join(', '))}))`.as(
    alias,
  );
}
