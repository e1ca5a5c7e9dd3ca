import type { CaseDetail, CasePage } from '#contracts';
import { type AsyncState, useAsync } from '../../../ui/useAsync.ts';
import { type CaseFilter, fetchCase, fetchCases } from '../api/cases.api.ts';

/** One page of cases in the viewer's scope, due first. */
export const useCases = (
  filter: CaseFilter,
  paging: { limit: number; offset: number },
): AsyncState<CasePage> =>
  useAsync(`cases:${JSON.stringify(filter)}:${paging.offset}:${paging.limit}`, (signal) =>
    fetchCases(filter, paging, signal),
  );

/** One case with its timeline and the moves the viewer may make. */
export const useCase = (id: number | null): AsyncState<CaseDetail> =>
  useAsync(id === null ? null : `case:${id}`, (signal) =>
    id === null ? Promise.reject(new Error('no case')) : fetchCase(id, signal),
  );
