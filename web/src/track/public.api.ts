import type { PublicCaseMap, PublicCaseTracking, PublicGridOutlines } from '#contracts';
import { apiGet } from '../app/api.ts';

/**
 * The public routes (no session): tracking by code, the map's counts per grid and the grids'
 * simplified outlines. Contract: contracts/src/cases.ts; server: modules/cases/public-cases.routes.ts.
 */

export const fetchTracking = (code: string, signal?: AbortSignal): Promise<PublicCaseTracking> =>
  apiGet<PublicCaseTracking>(`/api/public/cases/${encodeURIComponent(code)}`, undefined, signal);

export const fetchPublicMap = (
  range: { from: string; to: string },
  signal?: AbortSignal,
): Promise<PublicCaseMap> => apiGet<PublicCaseMap>('/api/public/cases/map', range, signal);

export const fetchGridOutlines = (signal?: AbortSignal): Promise<PublicGridOutlines> =>
  apiGet<PublicGridOutlines>('/api/public/cases/map/grids', undefined, signal);
