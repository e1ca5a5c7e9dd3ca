import type { ColumnType, Generated } from 'kysely';
import type { AreaGeometry, CommunityKind, PlaceLevel } from '#contracts';

/** Row types of the tables the territory module owns. Rows never leave the server: presenters map them. */

type Json<T> = ColumnType<T, string, string>;
type CreatedAt = ColumnType<Date, Date | undefined, Date>;

export interface JurisdictionTable {
  id: Generated<number>;
  code: string;
  name: string;
  geometry: Json<AreaGeometry>;
  geometry_version: ColumnType<number, number | undefined, number>;
  created_at: ColumnType<Date, never, never>;
}

export interface TerritoryPlaceTable {
  jurisdiction_id: number;
  id: Generated<number>;
  level: PlaceLevel;
  parent_id: number | null;
  subdistrict_id: number | null;
  community_id: number | null;
  grid_id: number | null;
  code: string;
  name: string;
  community_kind: CommunityKind | null;
  geometry: Json<AreaGeometry>;
  area_m2: number;
  min_lng: number;
  min_lat: number;
  max_lng: number;
  max_lat: number;
  valid_from: CreatedAt;
  valid_to: Date | null;
  updated_at: CreatedAt;
}

export interface TerritoryBuildingTable {
  jurisdiction_id: number;
  id: Generated<number>;
  unit_id: number;
  code: string;
  name: string;
  lng: number;
  lat: number;
  floors: number;
}

export interface TerritoryHouseholdTable {
  jurisdiction_id: number;
  id: Generated<number>;
  building_id: number;
  code: string;
  door_number: string;
}

export interface TerritoryChangeTable {
  jurisdiction_id: number;
  id: Generated<number>;
  kind: 'split' | 'merge';
  level: 'grid' | 'unit';
  reason: string;
  at: CreatedAt;
  details: Json<Record<string, unknown>>;
}

export interface TerritoryChangePlaceTable {
  jurisdiction_id: number;
  change_id: number;
  place_id: number;
  role: 'predecessor' | 'successor';
}

export interface LegacyLayerTable {
  jurisdiction_id: number;
  id: Generated<number>;
  department: string;
  name: string;
  imported_at: CreatedAt;
}

export interface LegacyGridTable {
  jurisdiction_id: number;
  id: Generated<number>;
  layer_id: number;
  code: string;
  name: string;
  geometry: Json<AreaGeometry>;
  area_m2: number;
}

export interface LegacyOverlapTable {
  jurisdiction_id: number;
  layer_id: number;
  grid_id: number;
  legacy_grid_id: number;
  area_m2: number;
  share_of_grid: number;
  share_of_legacy: number;
}

export interface TerritoryTables {
  jurisdiction: JurisdictionTable;
  territory_place: TerritoryPlaceTable;
  territory_building: TerritoryBuildingTable;
  territory_household: TerritoryHouseholdTable;
  territory_change: TerritoryChangeTable;
  territory_change_place: TerritoryChangePlaceTable;
  legacy_layer: LegacyLayerTable;
  legacy_grid: LegacyGridTable;
  legacy_overlap: LegacyOverlapTable;
}
