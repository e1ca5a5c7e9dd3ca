import { type AsyncState, useAsync } from '../../../ui/useAsync.ts';
import { type ChangesPage, type ChangesQuery, fetchChanges } from '../api/changes.api.ts';

/** One page of boundary changes, newest first, optionally only those touching one place. */
export const useChanges = (query: ChangesQuery): AsyncState<ChangesPage> =>
  useAsync(`changes:${query.placeId ?? ''}:${query.offset}:${query.limit}`, (signal) =>
    fetchChanges(query, signal),
  );
