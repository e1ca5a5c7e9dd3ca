import { type AliasedRawBuilder, type RawBuilder, sql } from 'kysely';
import type { OrderedWrite } from './ordered-writes.ts';

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

/** A record type's columns, each with the type PostgreSQL reads it as. */
export type RecordColumns<Row extends object> = { readonly [K in keyof Row]-?: RecordColumnType };

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** An identifier as SQL, quoted: a column may be named like a keyword (order, key). */
function quoted(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return `"${name}"`;
}

/** `"a" bigint, "b" text, …` for each columns object, worked out once. */
const definitionsOf = new WeakMap<object, RawBuilder<unknown>>();

function recordDefinitions(columns: object): RawBuilder<unknown> {
  let definitions = definitionsOf.get(columns);
  if (!definitions) {
    definitions = sql.raw(
      Object.entries(columns)
        .map(([name, type]) => `${quoted(name)} ${type as RecordColumnType}`)
        .join(', '),
    );
    definitionsOf.set(columns, definitions);
  }
  return definitions;
}

/**
 * Many rows as one table in a FROM clause, sent as a single JSON parameter and read back by
 * `jsonb_to_recordset` with a column type each — for batch writes:
 *
 *   trx.insertInto('t').columns(cols).expression(trx.selectFrom(jsonRecords(rows, types, 'r')).select(cols))
 *
 * A VALUES list costs a parameter per cell: its SQL text grows with the batch, so PostgreSQL parses
 * and plans a new statement for every batch size (milliseconds for a few hundred rows), and the
 * query builder compiles every cell. Here the text is the same whatever the batch, and the rows
 * travel as one small JSON document. Dates become ISO strings (read back exactly as `timestamptz`);
 * `jsonb` columns take the value as it is; `text[]` takes a JSON array. (`jsonb`, not `json`: a
 * `json` parameter is parsed twice — checked when cast, read again by `json_to_recordset` — and
 * each value bound for a `jsonb` column a third time; read as `jsonb` the document is parsed once
 * and its values are handed over as they are. For 20 reports' Idempotency-Keys with their answers
 * PostgreSQL spends 0.27 ms instead of 0.47; for rows of plain scalars the two cost the same.) Pass
 * a columns object that lives on (a constant): its column list is worked out once.
 */
export function jsonRecords<Row extends object, Alias extends string>(
  rows: readonly Row[],
  columns: RecordColumns<Row>,
  alias: Alias,
): AliasedRawBuilder<Row, Alias> {
  return sql<Row>`(select * from jsonb_to_recordset(cast(${JSON.stringify(rows)} as jsonb)) as x(${recordDefinitions(columns)}))`.as(
    alias,
  );
}

export interface RecordsInsertOptions<Row extends object> {
  /** The columns inserted, in this order (default: every column of the records). */
  into?: readonly (keyof Row & string)[];
  /** The records give the values of identity columns (`overriding system value`). */
  overridingSystemValue?: boolean;
  /** The rows are inserted — and conflicting rows locked — in this order, whatever the batch's. */
  orderBy?: readonly (keyof Row & string)[];
  /** What follows `on conflict`, as constant SQL: `(a, b) do nothing`, `(a) do update set …`. */
  onConflict?: string;
}

/**
 * `insert into <table> (…) select … from jsonb_to_recordset(<rows>) as r(…) where <after> [order by …]
 * [on conflict …]`: the maker of a batch's `OrderedWrite` into one table, whose statement text is
 * put together once, here — each batch adds only its rows, as one JSON parameter (`jsonRecords`).
 * The query builder would build and compile the same text again for every batch; for the intake's
 * group commit that was a good part of the server's time and garbage. In the `on conflict` clause
 * the table is `t` and the proposed row `excluded`.
 */
export function recordsInsert<Row extends object>(
  table: string,
  columns: RecordColumns<Row>,
  options: RecordsInsertOptions<Row> = {},
): (rows: readonly Row[]) => OrderedWrite {
  const into = (options.into ?? (Object.keys(columns) as (keyof Row & string)[])).map(quoted).join(', ');
  const head = sql.raw(
    `insert into ${quoted(table)} as t (${into})${options.overridingSystemValue ? ' overriding system value' : ''} select ${into} from jsonb_to_recordset(cast(`,
  );
  const middle = sql`as jsonb)) as r(${recordDefinitions(columns)}) where`;
  const order = options.orderBy?.length ? ` order by ${options.orderBy.map(quoted).join(', ')}` : '';
  const tail = sql.raw(`${order}${options.onConflict ? ` on conflict ${options.onConflict}` : ''}`);
  return (rows) => {
    const json = JSON.stringify(rows);
    return (after) => sql`${head}${json} ${middle} ${after}${tail}`;
  };
}
