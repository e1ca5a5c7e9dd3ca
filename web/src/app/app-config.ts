import { apiGet } from './api.ts';

/** GET /api/app-config: what the deployment tells the web app (a basemap, or none). */
export interface AppConfig {
  /** Leaflet tile URL template; null means no basemap: the map draws GeoJSON on a plain background. */
  mapTileUrl: string | null;
  mapTileAttribution: string | null;
}

export const fetchAppConfig = (signal?: AbortSignal): Promise<AppConfig> =>
  apiGet<AppConfig>('/api/app-config', undefined, signal);
