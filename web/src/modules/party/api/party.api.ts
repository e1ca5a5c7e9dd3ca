import type { PartyStructure } from '#contracts';
import { apiGet } from '../../../app/api.ts';

/** A grid's party branch, building party groups and anchor households (party.read). */
export const fetchPartyStructure = (gridId: number, signal?: AbortSignal): Promise<PartyStructure> =>
  apiGet<PartyStructure>('/api/people/party', { gridId }, signal);
