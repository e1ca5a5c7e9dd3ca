import type { LegacyLayer, LegacyMapping } from '#contracts';
import { type AsyncState, useAsync } from '../../../ui/useAsync.ts';
import { fetchLegacyLayers, fetchLegacyMapping, type MappingQuery } from '../api/legacy-layers.api.ts';

export const useLegacyLayers = (): AsyncState<{ layers: LegacyLayer[] }> =>
  useAsync('legacy-layers', fetchLegacyLayers);

/** One page of a layer's grid mapping, loaded on the server (limit/offset, optional filter). */
export const useLegacyMapping = (layerId: number, query: MappingQuery): AsyncState<LegacyMapping> =>
  useAsync(`mapping:${layerId}:${query.offset}:${query.limit}:${query.q}`, (signal) =>
    fetchLegacyMapping(layerId, query, signal),
  );
