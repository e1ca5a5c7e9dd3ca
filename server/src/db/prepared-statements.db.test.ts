import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../test/test-database.ts';
import { prepareRepeatedStatements } from './prepared-statements.ts';

/**
 * Repeated statements become named prepared statements on each connection (PostgreSQL only: PGlite
 * runs in the process and is not pooled): from the third run of a text on; a connection holds at
 * most its room of them; texts that keep changing, and calls in another form, stay unnamed; the
 * answers are the same either way.
 */
describe.runIf(testEngines().includes('postgres'))('prepared statements [postgres]', () => {
  let pool: pg.Pool;
  let client: pg.PoolClient;
  const preparedTexts = async () =>
    (
      await client.query<{ statement: string }>(
        'select statement from pg_prepared_statements where not from_sql',
      )
    ).rows
      .map((row) => row.statement)
      .sort();

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: process.env.TEST_DATABASE_URL, max: 1 });
    pool.on('connect', prepareRepeatedStatements({ minUses: 3, maxPerConnection: 2 }));
    client = await pool.connect();
  });
  afterAll(async () => {
    client.release();
    await pool.end();
  });

  it('prepares a text from its third run, answers alike, and keeps to the room a connection has', async () => {
    const square = 'select $1::int * $1::int as n';
    const answers: number[] = [];
    for (let i = 1; i <= 4; i++) {
      answers.push((await client.query<{ n: number }>(square, [i])).rows[0]?.n ?? -1);
      expect(await preparedTexts()).toEqual(i < 3 ? [] : [square]);
    }
    expect(answers).toEqual([1, 4, 9, 16]);

    // A text that changes with every call is never run three times: never prepared.
    for (let i = 0; i < 5; i++) await client.query(`select $1::int + ${i} as n`, [i]);
    expect(await preparedTexts()).toEqual([square]);

    // A callback or a config object passes through as it is.
    const viaConfig = 'select $1::text as s';
    for (let i = 0; i < 4; i++) await client.query({ text: viaConfig, values: ['x'] });
    expect(await preparedTexts()).toEqual([square]);

    // Room for two on this connection: the third repeated text runs unnamed.
    const [second, third] = ['select $1::int - 1 as n', 'select $1::int - 2 as n'];
    for (let i = 0; i < 3; i++) await client.query(second, [i]);
    for (let i = 0; i < 3; i++) await client.query(third, [i]);
    expect(await preparedTexts()).toEqual([second, square].sort());
    expect((await client.query<{ n: number }>(third, [10])).rows[0]?.n).toBe(8);
  });
});
