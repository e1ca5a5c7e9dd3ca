import type { z } from 'zod';
import type {
  CaseDeadlineWarnings,
  CaseDetail,
  CaseEventRequest,
  CaseFollowResult,
  CaseListQuery,
  CaseMapResponse,
  CasePage,
  CasePhoto,
  CaseReportRequest,
  CaseStatus,
  PossibleDuplicates,
  TrafficLight,
} from '#contracts';
import { apiGet, apiRequest } from '../../../app/api.ts';

/**
 * The cases routes (contract: contracts/src/cases.ts, server: server/src/modules/cases). No React
 * and no antd here: the phone report page (a separate, light entry) uses this file too.
 */

/** The filters of `GET /api/cases` as the pages hold them (the wire takes `status` comma-separated). */
export interface CaseFilter {
  status?: readonly CaseStatus[];
  open?: boolean;
  categoryCode?: string;
  light?: TrafficLight;
  from?: string;
  to?: string;
  placeId?: number;
  /** Only the viewer's own reports (我的上报). */
  mine?: boolean;
  /** `due` (default): the running deadline first; `newest`: the latest report first. */
  sort?: 'due' | 'newest';
}

/** What the client sends (defaults such as `crs: 'wgs84'` may be left out). */
export type CaseReport = z.input<typeof CaseReportRequest>;
export type CaseEvent = z.input<typeof CaseEventRequest>;

export const fetchCases = (
  filter: CaseFilter,
  paging: Pick<CaseListQuery, 'limit' | 'offset'>,
  signal?: AbortSignal,
): Promise<CasePage> =>
  apiGet<CasePage>(
    '/api/cases',
    {
      status: filter.status?.length ? filter.status.join(',') : undefined,
      open: filter.open === undefined ? undefined : String(filter.open),
      categoryCode: filter.categoryCode,
      light: filter.light,
      from: filter.from,
      to: filter.to,
      placeId: filter.placeId,
      mine: filter.mine === undefined ? undefined : String(filter.mine),
      sort: filter.sort,
      limit: paging.limit,
      offset: paging.offset,
    },
    signal,
  );

/** Open cases in scope as compact points for the city map, the most urgent first (capped). */
export const fetchCaseMap = (
  filter: { light?: TrafficLight; categoryCode?: string; placeId?: number },
  signal?: AbortSignal,
): Promise<CaseMapResponse> => apiGet<CaseMapResponse>('/api/cases/map', filter, signal);

export const fetchCase = (id: number, signal?: AbortSignal): Promise<CaseDetail> =>
  apiGet<CaseDetail>(`/api/cases/${id}`, undefined, signal);

/** One photo (multipart field `file`): re-encoded by the server without EXIF/GPS; attach by id. */
export function uploadCasePhoto(file: Blob, name = 'photo.jpg', signal?: AbortSignal): Promise<CasePhoto> {
  const form = new FormData();
  form.append('file', file, name);
  return apiRequest<CasePhoto>('/api/cases/photos', { method: 'POST', body: form, signal });
}

/**
 * Reports a case. The idempotency key is made once per report (on the phone) and sent again on
 * every retry: the server answers a repeat with the first case (`Idempotent-Replayed`).
 */
export const reportCase = (
  body: CaseReport,
  idempotencyKey: string,
  signal?: AbortSignal,
): Promise<CaseDetail> =>
  apiRequest<CaseDetail>('/api/cases', {
    method: 'POST',
    body,
    signal,
    headers: { 'idempotency-key': idempotencyKey },
  });

/** A move at the version the viewer saw: 409 `cases.conflict` when someone moved it first. */
export const moveCase = (id: number, version: number, event: CaseEvent): Promise<CaseDetail> =>
  apiRequest<CaseDetail>(`/api/cases/${id}/moves`, { method: 'POST', body: { version, event } });

/**
 * Open cases of the category near a point, reported in the last 7 days within the category's
 * duplicate radius (possible duplicates, offered before reporting; staff look for a case to merge into).
 */
export const fetchPossibleDuplicates = (
  query: { categoryCode: string; lng: number; lat: number; excludeCaseId?: number },
  signal?: AbortSignal,
): Promise<PossibleDuplicates> =>
  apiGet<PossibleDuplicates>('/api/cases/possible-duplicates', { ...query, crs: 'wgs84' }, signal);

/** "Me too" (我也遇到): follow a case near `point` instead of reporting it again (idempotent). */
export const followCase = (caseId: number, point: { lng: number; lat: number }): Promise<CaseFollowResult> =>
  apiRequest<CaseFollowResult>(`/api/cases/${caseId}/follow`, {
    method: 'POST',
    body: { point, crs: 'wgs84' },
  });

export const photoUrl = (id: string): string => `/api/cases/photos/${id}`;
export const thumbnailUrl = (id: string): string => `/api/cases/photos/${id}/thumbnail`;

/** Years without holiday data that deadlines of the viewer's open cases fall in. */
export const fetchDeadlineWarnings = (signal?: AbortSignal): Promise<CaseDeadlineWarnings> =>
  apiGet<CaseDeadlineWarnings>('/api/cases/deadline-warnings', undefined, signal);
