/** 审计日志: the append-only audit log, for administrators. */
export { AuditLog } from './components/AuditLog.tsx';
