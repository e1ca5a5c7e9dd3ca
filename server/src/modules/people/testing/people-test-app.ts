import { testConfig } from '../../../../test/test-app.ts';
import { type App, type AppDeps, buildApp } from '../../../app.ts';
import type { DatabaseHandle } from '../../../db/database.ts';
import { PersonalDataCipher } from '../../../platform/personal-data.ts';
import { PeopleModule, peopleRoutes } from '../index.ts';

/** The personal-data key of the test apps (a fixed, made-up key). */
export const TEST_PERSONAL_DATA = new PersonalDataCipher(Buffer.alloc(32, 0x5a));

/**
 * The real app on a test database, with the people routes. Until app.ts registers them itself
 * (and takes `personalData`), they are registered here, before the app is ready. `logLines`, when
 * given, receives every log line at trace level.
 */
export async function buildPeopleTestApp(
  database: DatabaseHandle,
  options: { logLines?: string[] } = {},
): Promise<{ app: App; people: PeopleModule }> {
  const { logLines } = options;
  const deps: AppDeps & { personalData: PersonalDataCipher } = {
    config: { ...testConfig, ...(logLines ? { logLevel: 'trace' } : {}) },
    database,
    webDist: null,
    personalData: TEST_PERSONAL_DATA,
    ...(logLines
      ? { logger: { level: 'trace', stream: { write: (line: string) => logLines.push(line) } } }
      : {}),
  };
  const app = await buildApp(deps);
  if (app.hasDecorator('people')) {
    return { app, people: (app as App & { people: PeopleModule }).people };
  }
  const people = new PeopleModule(database.db, app.territory, TEST_PERSONAL_DATA);
  await app.register(peopleRoutes(people));
  return { app, people };
}
