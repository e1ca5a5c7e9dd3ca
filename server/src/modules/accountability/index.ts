/** The accountability module's public surface (挂图作战): other modules import only from here. */
import './accountability.policy.ts';

export { accountabilityErrors } from './accountability.errors.ts';
export { AccountabilityModule } from './accountability.module.ts';
export { ACCOUNTABILITY_POLICY, type AccountabilityPermission } from './accountability.policy.ts';
export { accountabilityRoutes } from './accountability.routes.ts';
export type { AccountabilityTables } from './accountability.table.ts';
export { isAccountabilityEmpty, seedDemoAccountability } from './demo/seed-accountability.ts';
export { DEFAULT_FLAG_RULE } from './task-flags.ts';
