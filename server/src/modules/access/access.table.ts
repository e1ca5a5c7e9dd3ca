import type { ColumnType, Generated } from 'kysely';
import type { Role, ScopeLevel } from '#contracts';

/** Row types of the tables the access module owns. */

export interface DepartmentTable {
  jurisdiction_id: number;
  id: Generated<number>;
  code: string;
  name: string;
  kind: ColumnType<
    'department' | 'enforcement' | 'party',
    'department' | 'enforcement' | 'party' | undefined
  >;
}

export interface AccountTable {
  jurisdiction_id: number;
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  scope_level: ScopeLevel;
  scope_id: number | null;
  password_hash: string;
  password_changed_at: Date;
  must_change_password: ColumnType<boolean, boolean | undefined>;
  status: ColumnType<'active' | 'disabled', 'active' | 'disabled' | undefined>;
  failed_attempts: ColumnType<number, number | undefined>;
  locked_until: Date | null;
  totp_secret: string | null;
  totp_enabled: ColumnType<boolean, boolean | undefined>;
  totp_last_step: number | null;
  is_demo: ColumnType<boolean, boolean | undefined>;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined>;
}

export interface SessionTable {
  token_hash: string;
  jurisdiction_id: number;
  account_id: number;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginThrottleTable {
  username_key: string;
  failures: number;
  locked_until: Date | null;
  updated_at: Date;
}

export interface AccessTables {
  department: DepartmentTable;
  account: AccountTable;
  session: SessionTable;
  login_throttle: LoginThrottleTable;
}
