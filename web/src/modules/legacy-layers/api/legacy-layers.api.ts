import type { LegacyLayer, LegacyLayerCreate, LegacyMapping } from '#contracts';
import { apiGet, apiPost, apiUrl } from '../../../app/api.ts';

export interface MappingQuery {
  limit: number;
  offset: number;
  q: string;
}

export const fetchLegacyLayers = (signal?: AbortSignal): Promise<{ layers: LegacyLayer[] }> =>
  apiGet<{ layers: LegacyLayer[] }>('/api/territory/legacy-layers', undefined, signal);

/** 201 with the new layer; 422 `territory.legacy_layer_invalid` with per-feature errors; 409 when the name exists. */
export const createLegacyLayer = (body: LegacyLayerCreate): Promise<LegacyLayer> =>
  apiPost<LegacyLayer>('/api/territory/legacy-layers', body);

export const fetchLegacyMapping = (
  layerId: number,
  query: MappingQuery,
  signal?: AbortSignal,
): Promise<LegacyMapping> =>
  apiGet<LegacyMapping>(`/api/territory/legacy-layers/${layerId}/mapping`, { ...query }, signal);

export const mappingCsvUrl = (layerId: number): string =>
  apiUrl(`/api/territory/legacy-layers/${layerId}/mapping.csv`);
