import type { z } from 'zod';
import type { ChangesResponse } from '#contracts';
import { apiGet } from '../../../app/api.ts';

export type ChangesPage = z.infer<typeof ChangesResponse>;

export interface ChangesQuery {
  placeId: number | null;
  limit: number;
  offset: number;
}

export const fetchChanges = (query: ChangesQuery, signal?: AbortSignal): Promise<ChangesPage> =>
  apiGet<ChangesPage>('/api/territory/changes', { ...query }, signal);
