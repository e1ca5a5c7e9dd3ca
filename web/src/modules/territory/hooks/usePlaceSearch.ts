import type { SearchHit } from '#contracts';
import { territoryLimits } from '#contracts/limits.ts';
import { useAsync } from '../../../ui/useAsync.ts';
import { useDebouncedValue } from '../../../ui/useDebouncedValue.ts';
import { searchPlaces } from '../api/territory.api.ts';

/** Hits per search (the server allows up to territoryLimits.maxSearchResults). */
const SEARCH_LIMIT = Math.min(20, territoryLimits.maxSearchResults);

export interface PlaceSearchState {
  /** Hits for the current (debounced) text; empty while the text is empty. */
  hits: SearchHit[];
  loading: boolean;
  error: Error | undefined;
  /** The text the hits answer. */
  query: string;
}

/** Searches places by code or name, 250 ms after typing stops. */
export function usePlaceSearch(text: string): PlaceSearchState {
  const query = useDebouncedValue(text.trim().slice(0, 50), 250);
  const key = query ? `search:${query}` : null;
  const state = useAsync(key, (signal) => searchPlaces(query, SEARCH_LIMIT, signal));
  const fresh = key !== null && state.dataKey === key;
  return {
    hits: fresh && state.data ? state.data.hits : [],
    loading: key !== null && (state.loading || text.trim() !== query),
    error: key !== null ? state.error : undefined,
    query,
  };
}
