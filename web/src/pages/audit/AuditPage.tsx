import { AuditLog } from '../../modules/audit/index.ts';

/** `/audit`: the audit log browser (audit.read). */
export function AuditPage() {
  return <AuditLog />;
}
