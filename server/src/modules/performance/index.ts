/** The performance module's public surface (履职考评): other modules import only from here. */
import './performance.policy.ts';

export { isPerformanceEmpty, seedDemoPerformance } from './demo/seed-performance.ts';
export { performanceErrors } from './performance.errors.ts';
export { PerformanceModule } from './performance.module.ts';
export { PERFORMANCE_POLICY, type PerformancePermission } from './performance.policy.ts';
export { performanceRoutes } from './performance.routes.ts';
export type { PerformanceTables } from './performance.table.ts';
