import type { PartyStructure } from '#contracts';
import { type AsyncState, useAsync } from '../../../ui/useAsync.ts';
import { fetchPartyStructure } from '../api/party.api.ts';

/** The party structure of one grid; null loads nothing. */
export const usePartyStructure = (gridId: number | null): AsyncState<PartyStructure> =>
  useAsync(gridId === null ? null : `party:${gridId}`, (signal) =>
    gridId === null ? Promise.reject(new Error('no grid')) : fetchPartyStructure(gridId, signal),
  );
