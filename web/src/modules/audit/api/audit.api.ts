import type { z } from 'zod';
import type { AuditPage } from '#contracts';
import { apiGet } from '../../../app/api.ts';

export type AuditList = z.infer<typeof AuditPage>;

export interface AuditFilter {
  actor: string;
  /** A prefix such as `access.` or a whole action. */
  action: string;
  subjectType: string;
  subjectId: string;
  /** ISO 8601 with offset (`…+08:00`); empty for no bound. */
  from: string;
  to: string;
}

/** GET /api/audit (audit.read): newest first. */
export const fetchAudit = (
  filter: AuditFilter,
  paging: { limit: number; offset: number },
  signal?: AbortSignal,
): Promise<AuditList> => apiGet<AuditList>('/api/audit', { ...filter, ...paging }, signal);
