import type { z } from 'zod';
import type {
  FeatureCollection,
  PlaceCard,
  PlaceLevel,
  SearchResponse,
  TerritorySummary,
  TreeResponse,
} from '#contracts';
import { apiGet } from '../../../app/api.ts';

export type SearchResult = z.infer<typeof SearchResponse>;

export const fetchSummary = (signal?: AbortSignal): Promise<TerritorySummary> =>
  apiGet<TerritorySummary>('/api/territory/summary', undefined, signal);

export const fetchTree = (signal?: AbortSignal): Promise<TreeResponse> =>
  apiGet<TreeResponse>('/api/territory/tree', undefined, signal);

export const fetchGeoJson = (
  level: PlaceLevel,
  signal?: AbortSignal,
  within?: number,
): Promise<FeatureCollection> =>
  apiGet<FeatureCollection>('/api/territory/geojson', { level, within }, signal);

export const searchPlaces = (q: string, limit: number, signal?: AbortSignal): Promise<SearchResult> =>
  apiGet<SearchResult>('/api/territory/search', { q, limit }, signal);

export const fetchPlace = (id: number, signal?: AbortSignal): Promise<PlaceCard> =>
  apiGet<PlaceCard>(`/api/territory/places/${id}`, undefined, signal);
