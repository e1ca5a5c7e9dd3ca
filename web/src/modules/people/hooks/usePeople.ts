import type { PeopleSummary } from '#contracts';
import { type AsyncState, useAsync } from '../../../ui/useAsync.ts';
import {
  fetchPeopleSummary,
  fetchResidents,
  fetchStaff,
  type Paging,
  type ResidentFilter,
  type ResidentList,
  type StaffFilter,
  type StaffList,
} from '../api/people.api.ts';

export const usePeopleSummary = (): AsyncState<PeopleSummary> =>
  useAsync('people-summary', fetchPeopleSummary);

/** One page of the staff directory within the account's scope. */
export const useStaff = (filter: StaffFilter, paging: Paging): AsyncState<StaffList> =>
  useAsync(`staff:${JSON.stringify(filter)}:${paging.offset}:${paging.limit}`, (signal) =>
    fetchStaff(filter, paging, signal),
  );

/** One page of residents; null filter loads nothing. */
export const useResidents = (filter: ResidentFilter | null, paging: Paging): AsyncState<ResidentList> =>
  useAsync(
    filter === null ? null : `residents:${JSON.stringify(filter)}:${paging.offset}:${paging.limit}`,
    (signal) =>
      filter === null ? Promise.reject(new Error('no filter')) : fetchResidents(filter, paging, signal),
  );
