/** The territory module's public surface (一网统管): other modules import only from here. */
export { toWgs84 } from './coordinates.ts';
export { findDemoAnchors, isTerritoryEmpty, seedLongkouDemo } from './demo/seed-longkou.ts';
export { territoryErrors } from './territory.errors.ts';

import './territory.policy.ts';

export { type PublicGrid, TerritoryModule } from './territory.module.ts';
export { countGridHouseholds, findHouseholdGrid } from './territory.repository.ts';
export { territoryRoutes } from './territory.routes.ts';
export { createJurisdiction } from './territory.service.ts';
export type { TerritoryTables } from './territory.table.ts';
export type { UnitLocation } from './territory-index.ts';
export {
  type BuildingWhereabouts,
  findBuildingWhereabouts,
  findCurrentGrid,
  findGridByIdAnywhere,
  findHouseholdWhereabouts,
  findPlaceNames,
  type GridRef,
} from './whereabouts.repository.ts';
