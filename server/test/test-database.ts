import fs from 'node:fs';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { type DatabaseHandle, openMemoryPGlite, openPostgresForTests } from '../src/db/database.ts';

export type Engine = 'pglite' | 'postgres';

/**
 * The engines the medium tier runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set.
 * TEST_ENGINES=postgres (or pglite) narrows it, so CI's second pass does not repeat PGlite.
 */
export function testEngines(): Engine[] {
  const available: Engine[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  const wanted = process.env.TEST_ENGINES?.split(',').map((e) => e.trim());
  return wanted ? available.filter((engine) => wanted.includes(engine)) : available;
}

export async function openTestDatabase(engine: Engine): Promise<DatabaseHandle> {
  if (engine === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    return openPostgresForTests(url);
  }
  const snapshot = fs.readFileSync(inject('pgliteSnapshot'));
  return openMemoryPGlite(new Blob([snapshot]));
}

/**
 * Runs a suite once per engine, with a migrated database opened before and closed after.
 * Tests share the database but never each other's data: each makes its own jurisdiction.
 */
export function describeOnEngines(
  name: string,
  suite: (database: () => DatabaseHandle, engine: Engine) => void,
): void {
  for (const engine of testEngines()) {
    describe(`${name} [${engine}]`, () => {
      let handle: DatabaseHandle | undefined;
      beforeAll(async () => {
        handle = await openTestDatabase(engine);
      });
      afterAll(async () => {
        await handle?.close();
      });
      suite(() => {
        if (!handle) throw new Error('database not open yet');
        return handle;
      }, engine);
    });
  }
}
