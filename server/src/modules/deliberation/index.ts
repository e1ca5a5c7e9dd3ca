/** The deliberation module's public surface (网格善治会): other modules import only from here. */
import './deliberation.policy.ts';

export { DEFAULT_QUORUM, DEFAULT_STEPS } from './default-template.ts';
export { deliberationErrors } from './deliberation.errors.ts';
export { DeliberationModule } from './deliberation.module.ts';
export { DELIBERATION_POLICY, type DeliberationPermission } from './deliberation.policy.ts';
export { deliberationRoutes } from './deliberation.routes.ts';
export type { DeliberationTables } from './deliberation.table.ts';
export { isDeliberationEmpty, seedDemoDeliberation } from './demo/seed-deliberation.ts';
