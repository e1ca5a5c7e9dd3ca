import type { Db } from './modules/access/access.repository.ts';
import { seedDemoAccounts } from './modules/access/index.ts';
import { findDemoAnchors, isTerritoryEmpty, seedLongkouDemo } from './modules/territory/index.ts';
import type { Actor } from './platform/audit.ts';

/**
 * The Longkou demo, module by module: the territory on an empty database, then the demo accounts
 * (one per role) where there are none yet. Each part is skipped when already there.
 */
export async function seedDemo(
  db: Db,
  options: {
    now: Date;
    /** Demo logins too (demo mode only, never in production). */
    withAccounts: boolean;
    actor?: Actor;
    onProgress?: (p: { step: string; done: number; total: number }) => void;
  },
): Promise<void> {
  if (await isTerritoryEmpty(db)) {
    await seedLongkouDemo(db, {
      ...(options.actor ? { actor: options.actor } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  }
  if (!options.withAccounts) return;
  const row = await findDemoAnchors(db);
  if (row) await seedDemoAccounts(db, row, options.now);
}
