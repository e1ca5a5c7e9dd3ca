/** The Open311 module's public surface (GeoReport v2 over the cases intake): other modules import only from here. */
export {
  authenticateApiKey,
  createApiKey,
  DEMO_OPEN311_KEY,
  hashApiKey,
  newApiKey,
  seedDemoOpen311Key,
} from './api-keys.ts';
export { open311Errors } from './open311.errors.ts';
export { Open311Module, type Open311Options } from './open311.module.ts';
export { open311Routes } from './open311.routes.ts';
export type { Open311Tables } from './open311.table.ts';
