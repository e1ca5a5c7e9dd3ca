import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { buildTestApp } from '../../../../test/test-app.ts';
import type { App } from '../../../app.ts';
import type { DatabaseHandle } from '../../../db/database.ts';
import type { Database } from '../../../db/schema.ts';
import { FakeClock } from '../../../platform/clock.ts';
import { CasesModule, casesRoutes, seedCaseCategories, seedCaseDepartments } from '../index.ts';

export interface CasesTestApp {
  app: App;
  cases: CasesModule;
  /** The app's clock (sessions, deadlines, lights): sessions idle out after 30 minutes of it. */
  clock: FakeClock;
}

/**
 * The real app on a test database with a fake clock (Wednesday 2 December 2026, 09:00 in Shanghai,
 * unless given), with the cases routes. Until app.ts registers them itself, they are registered
 * here, before the app is ready, with a photo directory of their own.
 */
export async function buildCasesTestApp(
  database: DatabaseHandle,
  options: { now?: string } = {},
): Promise<CasesTestApp> {
  const clock = new FakeClock(options.now ?? '2026-12-02T01:00:00Z');
  const app = await buildTestApp(database, { clock });
  if (app.hasDecorator('cases')) {
    return { app, cases: (app as App & { cases: CasesModule }).cases, clock };
  }
  const photosDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jingzhi-photos-'));
  const cases = new CasesModule(database.db, app.territory, { photosDir, clock });
  await app.register(casesRoutes(cases));
  app.addHook('onClose', async () => fs.rmSync(photosDir, { recursive: true, force: true }));
  return { app, cases, clock };
}

/** The catalogue's categories and departments in a test jurisdiction; the department ids by code. */
export async function seedCaseReferenceData(
  db: Kysely<Database>,
  jurisdictionId: number,
): Promise<Map<string, number>> {
  await seedCaseCategories(db, jurisdictionId);
  return seedCaseDepartments(db, jurisdictionId);
}

/** A multipart/form-data body with one file part, as a phone's upload sends it. */
export function multipartFile(
  file: { name: string; contentType: string; data: Buffer },
  field = 'file',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----jingzhi${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${file.name}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, file.data, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
