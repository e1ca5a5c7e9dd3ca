import type { DatabaseHandle } from '../../../db/database.ts';
import { buildCasesTestApp, type CasesTestApp } from '../../cases/testing/cases-test-app.ts';
import { Open311Module, open311Routes } from '../index.ts';

export interface Open311TestApp extends CasesTestApp {
  open311: Open311Module;
}

/**
 * The cases test app with the Open311 routes. Until app.ts registers them itself (decorating
 * `open311`), they are registered here, before the app is ready, outside demo mode.
 */
export async function buildOpen311TestApp(
  database: DatabaseHandle,
  options: { now?: string } = {},
): Promise<Open311TestApp> {
  const built = await buildCasesTestApp(database, options);
  const { app } = built;
  if (app.hasDecorator('open311')) {
    return { ...built, open311: (app as typeof app & { open311: Open311Module }).open311 };
  }
  const open311 = new Open311Module(database.db, app.territory, built.cases, { demoMode: false });
  await app.register(open311Routes(open311));
  return { ...built, open311 };
}
