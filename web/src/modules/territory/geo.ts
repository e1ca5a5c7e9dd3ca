import type * as GeoJSON from 'geojson';
import type { AreaGeometry, CommunityKind, FeatureCollection } from '#contracts';
import { isCommunityKind } from './kinds.ts';

/** The properties the server puts on every territory feature. */
export interface PlaceFeatureProperties {
  id: number;
  code: string;
  name: string;
  communityKind: CommunityKind | null;
}

export type PlaceFeatureCollection = GeoJSON.FeatureCollection<GeoJSON.Geometry, PlaceFeatureProperties>;

/** What the territory map draws: units (filled by community kind), grid and subdistrict outlines. */
export interface TerritoryLayers {
  subdistricts: PlaceFeatureCollection;
  grids: PlaceFeatureCollection;
  units: PlaceFeatureCollection;
}

/** Reads the loose `properties` of the API's features into their known shape. */
export function readPlaceProperties(properties: Record<string, unknown>): PlaceFeatureProperties {
  const { id, code, name, communityKind } = properties;
  return {
    id: typeof id === 'number' ? id : Number(id),
    code: typeof code === 'string' ? code : '',
    name: typeof name === 'string' ? name : '',
    communityKind: isCommunityKind(communityKind) ? communityKind : null,
  };
}

/** The API's FeatureCollection as typed GeoJSON for Leaflet. */
export function toPlaceFeatures(collection: FeatureCollection): PlaceFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: collection.features.map((feature) => ({
      type: 'Feature',
      geometry: feature.geometry as GeoJSON.Geometry,
      properties: readPlaceProperties(feature.properties),
    })),
  };
}

export const toGeometry = (geometry: AreaGeometry): GeoJSON.Geometry => geometry as GeoJSON.Geometry;
