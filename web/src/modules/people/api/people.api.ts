import type { z } from 'zod';
import type {
  HouseholdDetail,
  MovePostingRequest,
  PeopleSummary,
  Resident,
  ResidentPage,
  ResidentTag,
  SelfExport,
  StaffKind,
  StaffPage,
  UnmaskResult,
} from '#contracts';
import { apiGet, apiPost, apiRequest, type QueryValue } from '../../../app/api.ts';

/** The people routes (contract: contracts/src/people.ts). Phone and ID numbers arrive masked. */

export type StaffList = z.infer<typeof StaffPage>;
export type ResidentList = z.infer<typeof ResidentPage>;
export type Unmasked = z.infer<typeof UnmaskResult>;
export type MovePosting = z.infer<typeof MovePostingRequest>;

export interface StaffFilter {
  placeId: number | null;
  kind: StaffKind | null;
  q: string;
}

export interface ResidentFilter {
  placeId: number | null;
  householdId: number | null;
  q: string;
  phone: string;
  idNumber: string;
  tag: ResidentTag | null;
}

export interface Paging {
  limit: number;
  offset: number;
}

export const fetchPeopleSummary = (signal?: AbortSignal): Promise<PeopleSummary> =>
  apiGet<PeopleSummary>('/api/people/summary', undefined, signal);

export const fetchStaff = (filter: StaffFilter, paging: Paging, signal?: AbortSignal): Promise<StaffList> =>
  apiGet<StaffList>('/api/people/staff', { ...filter, ...paging }, signal);

/** Moves a worker to another place from `startsOn`; audited; takes effect on the worker's next request. */
export const moveStaffPosting = (staffId: number, body: MovePosting): Promise<unknown> =>
  apiPost<unknown>(`/api/people/staff/${staffId}/postings`, body);

/** The filters without empty values (the server's query and body schemas want them left out). */
function present(values: Record<string, QueryValue>): Record<string, string | number | boolean> {
  const kept: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== '') kept[key] = value;
  }
  return kept;
}

/**
 * Residents by filter. A search by phone or ID number goes in a POST body
 * (/api/people/residents/search), so that personal data stays out of URLs, browser history and
 * proxy logs; other filters use the plain GET.
 */
export function fetchResidents(
  filter: ResidentFilter,
  paging: Paging,
  signal?: AbortSignal,
): Promise<ResidentList> {
  if (filter.phone || filter.idNumber) {
    return apiRequest<ResidentList>('/api/people/residents/search', {
      method: 'POST',
      body: present({ ...filter, ...paging }),
      signal,
    });
  }
  return apiGet<ResidentList>('/api/people/residents', { ...filter, ...paging }, signal);
}

/** A household and the residents in it the viewer may see (masked). */
export const fetchHousehold = (id: number, signal?: AbortSignal): Promise<HouseholdDetail> =>
  apiGet<HouseholdDetail>(`/api/people/households/${id}`, undefined, signal);

export const fetchResident = (id: number, signal?: AbortSignal): Promise<Resident> =>
  apiGet<Resident>(`/api/people/residents/${id}`, undefined, signal);

/** One record's phone and ID number in full, with a stated reason (audited). */
export const unmaskResident = (id: number, reason: string): Promise<Unmasked> =>
  apiPost<Unmasked>(`/api/people/residents/${id}/unmask`, { reason });

/** A resident's own record (self.read); its shape is rendered as it comes. */
export const fetchMyRecord = (signal?: AbortSignal): Promise<unknown> =>
  apiGet<unknown>('/api/people/me', undefined, signal);

/** Everything the platform holds about the signed-in resident, and who unmasked it (PIPL: the right to a copy). */
export const fetchMyExport = (signal?: AbortSignal): Promise<SelfExport> =>
  apiGet<SelfExport>('/api/people/me/export', undefined, signal);
