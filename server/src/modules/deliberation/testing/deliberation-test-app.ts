import type { Kysely } from 'kysely';
import { buildTestApp, testPersonalData } from '../../../../test/test-app.ts';
import type { App } from '../../../app.ts';
import type { DatabaseHandle } from '../../../db/database.ts';
import type { Database } from '../../../db/schema.ts';
import { DeliberationModule, deliberationRoutes } from '../index.ts';

/**
 * The real app on a test database, with the deliberation routes. Until app.ts registers them
 * itself, they are registered here, before the app is ready.
 */
export async function buildDeliberationTestApp(
  database: DatabaseHandle,
): Promise<{ app: App; deliberation: DeliberationModule }> {
  const app = await buildTestApp(database);
  if (app.hasDecorator('deliberation')) {
    return { app, deliberation: (app as App & { deliberation: DeliberationModule }).deliberation };
  }
  const deliberation = new DeliberationModule(database.db);
  await app.register(deliberationRoutes(deliberation));
  return { app, deliberation };
}

/** A resident of a household (the people module's table) with a name and phone, linked to an account or not. */
export async function createResidentWithAccount(
  db: Kysely<Database>,
  options: {
    jurisdictionId: number;
    householdId: number;
    accountId: number | null;
    name: string;
    phone: string;
  },
): Promise<void> {
  await db
    .insertInto('resident')
    .values({
      jurisdiction_id: options.jurisdictionId,
      household_id: options.householdId,
      name: options.name,
      phone_enc: testPersonalData.encrypt('phone', options.phone),
      phone_hash: testPersonalData.hash('phone', options.phone),
      account_id: options.accountId,
    })
    .execute();
}
