import type { CaseMeasureLevel, CaseMeasures } from '#contracts';
import { apiGet, apiUrl } from '../../../app/api.ts';

/** `GET /api/cases/measures` (contract: contracts/src/case-measures.ts; definitions: docs/measures.md). */
export interface MeasuresQuery {
  level: CaseMeasureLevel;
  /** A subdistrict, community or grid; none: the viewer's own scope. */
  within: number | null;
  /** Asia/Shanghai days, inclusive. */
  from: string;
  to: string;
}

const params = (q: MeasuresQuery) => ({ level: q.level, within: q.within, from: q.from, to: q.to });

export const fetchCaseMeasures = (query: MeasuresQuery, signal?: AbortSignal): Promise<CaseMeasures> =>
  apiGet<CaseMeasures>('/api/cases/measures', params(query), signal);

/** The same rows as an Excel workbook, downloaded by the browser with the session cookie. */
export const measuresExportUrl = (query: MeasuresQuery): string =>
  apiUrl('/api/cases/measures.xlsx', params(query));
