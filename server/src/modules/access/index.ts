/** The access module's public surface: accounts, sessions, sign-in, the audit log browser. */
import './access.policy.ts';

export { AccessModule } from './access.module.ts';
export {
  accountIdsAtScope,
  endSessions,
  findAccount,
  findAccountIdsByScope,
  insertAccounts,
  setAccountStatus,
  updateAccountScope,
} from './access.repository.ts';
export { accessRoutes } from './access.routes.ts';
export type { AccessTables } from './access.table.ts';
export {
  createInitialAdmin,
  DEMO_DEPARTMENTS,
  DEMO_PASSWORD,
  type DemoScopes,
  seedDemoAccounts,
} from './demo-accounts.ts';
export { type PasswordProfile, passwordPolicies } from './password-policy.ts';
export { hashPassword } from './passwords.ts';
export type { AccessSettings } from './sign-in.service.ts';
