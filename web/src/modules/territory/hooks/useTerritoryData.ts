import type { PlaceCard, TerritorySummary, TreeResponse } from '#contracts';
import { type AppConfig, fetchAppConfig } from '../../../app/app-config.ts';
import { type AsyncState, useAsync } from '../../../ui/useAsync.ts';
import { fetchGeoJson, fetchPlace, fetchSummary, fetchTree } from '../api/territory.api.ts';
import { type TerritoryLayers, toPlaceFeatures } from '../geo.ts';

export const useAppConfig = (): AsyncState<AppConfig> => useAsync('app-config', fetchAppConfig);

export const useTerritorySummary = (): AsyncState<TerritorySummary> => useAsync('summary', fetchSummary);

export const usePlaceTree = (): AsyncState<TreeResponse> => useAsync('tree', fetchTree);

async function loadLayers(signal: AbortSignal): Promise<TerritoryLayers> {
  const [subdistricts, grids, units] = await Promise.all([
    fetchGeoJson('subdistrict', signal),
    fetchGeoJson('grid', signal),
    fetchGeoJson('unit', signal),
  ]);
  return {
    subdistricts: toPlaceFeatures(subdistricts),
    grids: toPlaceFeatures(grids),
    units: toPlaceFeatures(units),
  };
}

/** Subdistrict, grid and unit polygons for the map (units are ~0.8 MB of GeoJSON). */
export const useTerritoryLayers = (): AsyncState<TerritoryLayers> => useAsync('layers', loadLayers);

/** The card of one place; null loads nothing. */
export const usePlaceCard = (placeId: number | null): AsyncState<PlaceCard> =>
  useAsync(placeId === null ? null : `place:${placeId}`, (signal) =>
    placeId === null ? Promise.reject(new Error('no place')) : fetchPlace(placeId, signal),
  );
