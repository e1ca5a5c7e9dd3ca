import type {
  GridNoticeBoard,
  Matter,
  MatterCreate,
  MatterPage,
  MatterRecord,
  MyMatters,
  Post,
  StepCompletion,
  VoteChoice,
  VoteReceipt,
} from '#contracts';
import { apiGet, apiPost, apiRequest } from '../../../app/api.ts';

/** The deliberation routes (contract: contracts/src/deliberation.ts, server: modules/deliberation). */

export const fetchMatters = (query: { gridId?: number; status?: string }, signal?: AbortSignal) =>
  apiGet<MatterPage>('/api/deliberation/matters', { ...query, limit: 100 }, signal);
export const fetchMatter = (id: number, signal?: AbortSignal) =>
  apiGet<Matter>(`/api/deliberation/matters/${id}`, undefined, signal);
export const fetchMatterRecord = (id: number, signal?: AbortSignal) =>
  apiGet<MatterRecord>(`/api/deliberation/matters/${id}/record`, undefined, signal);
export const openMatter = (body: MatterCreate) => apiPost<Matter>('/api/deliberation/matters', body);
export const completeStep = (id: number, step: number, body: StepCompletion) =>
  apiPost<Matter>(`/api/deliberation/matters/${id}/steps/${step}`, body);
export const postOnMatter = (id: number, body: string) =>
  apiPost<Post>(`/api/deliberation/matters/${id}/posts`, { body });
export const recordBallot = (id: number, householdId: number, choice: VoteChoice) =>
  apiPost<VoteReceipt>(`/api/deliberation/matters/${id}/ballots`, { householdId, choice });
export const withdrawMatter = (id: number) =>
  apiRequest<Matter>(`/api/deliberation/matters/${id}/withdraw`, { method: 'POST', body: {} });

export const fetchMyMatters = (signal?: AbortSignal) =>
  apiGet<MyMatters>('/api/deliberation/mine', undefined, signal);
export const commentOnMatter = (id: number, body: string) =>
  apiPost<Post>(`/api/deliberation/matters/${id}/comments`, { body });
export const voteOnMatter = (id: number, choice: VoteChoice) =>
  apiPost<VoteReceipt>(`/api/deliberation/matters/${id}/votes`, { choice });

/** Public: no session needed. */
export const fetchNoticeBoard = (gridId: number, signal?: AbortSignal) =>
  apiRequest<GridNoticeBoard>(`/api/public/grids/${gridId}/notices`, { signal, ignoreSessionProblems: true });
