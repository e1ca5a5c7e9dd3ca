import { type AsyncState, useAsync } from '../../../ui/useAsync.ts';
import { type AuditFilter, type AuditList, fetchAudit } from '../api/audit.api.ts';

/** One page of the audit log, newest first. */
export const useAudit = (
  filter: AuditFilter,
  paging: { limit: number; offset: number },
): AsyncState<AuditList> =>
  useAsync(`audit:${JSON.stringify(filter)}:${paging.offset}:${paging.limit}`, (signal) =>
    fetchAudit(filter, paging, signal),
  );
