import { buildTestApp } from '../../../../test/test-app.ts';
import type { App } from '../../../app.ts';
import type { DatabaseHandle } from '../../../db/database.ts';
import type { Clock } from '../../../platform/clock.ts';
import { AccountabilityModule, accountabilityRoutes } from '../index.ts';

/**
 * The real app on a test database, with the accountability routes on the given clock. Until app.ts
 * registers them itself, they are registered here, before the app is ready; once it does, the
 * app's module is used (its clock then is the app's).
 */
export async function buildAccountabilityTestApp(
  database: DatabaseHandle,
  clock?: Clock,
): Promise<{ app: App; accountability: AccountabilityModule }> {
  const app = await buildTestApp(database, clock ? { clock } : {});
  if (app.hasDecorator('accountability')) {
    return { app, accountability: (app as App & { accountability: AccountabilityModule }).accountability };
  }
  const accountability = new AccountabilityModule(database.db, clock);
  await app.register(accountabilityRoutes(accountability));
  return { app, accountability };
}
