import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openMemoryPGlite, openPostgresForTests } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A dumped, migrated PGlite data directory: each test file restores it instead of initialising one. */
    pgliteSnapshot: string;
  }
}

/** Once per run: a migrated PGlite snapshot, and migrations applied to TEST_DATABASE_URL when set. */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingzhi-test-'));
  const snapshotPath = path.join(dir, 'migrated.tar.gz');
  const handle = await openMemoryPGlite();
  await migrateToLatest(handle.db);
  const dump = await handle.pglite.dumpDataDir('gzip');
  fs.writeFileSync(snapshotPath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('pgliteSnapshot', snapshotPath);

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const pg = await openPostgresForTests(url);
    await migrateToLatest(pg.db);
    await pg.close();
  }
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
