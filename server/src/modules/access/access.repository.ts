import type { Expression, Kysely, RawBuilder, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Role, ScopeLevel } from '#contracts';
import type { Database } from '../../db/schema.ts';
import type { AccountTable } from './access.table.ts';

/** Queries of accounts, sessions, sign-in throttles and departments. */

export type Db = Kysely<Database>;
export type AccountRow = Selectable<AccountTable>;

export async function findAccountByUsername(db: Db, username: string): Promise<AccountRow | undefined> {
  return db
    .selectFrom('account')
    .selectAll()
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function findAccount(
  db: Db,
  jurisdictionId: number,
  id: number,
): Promise<AccountRow | undefined> {
  return db
    .selectFrom('account')
    .selectAll()
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface NewAccount {
  jurisdictionId: number;
  username: string;
  displayName: string;
  role: Role;
  scopeLevel: ScopeLevel;
  scopeId: number | null;
  passwordHash: string;
  now: Date;
  mustChangePassword?: boolean;
  isDemo?: boolean;
}

/**
 * Active accounts holding one of `roles` and scoped to exactly this place or department: who must
 * act there (a grid's workers, a community's staff, a department's staff).
 */
export async function findAccountIdsByScope(
  db: Db,
  where: { jurisdictionId: number; scopeLevel: ScopeLevel; scopeId: number; roles: readonly Role[] },
): Promise<number[]> {
  if (where.roles.length === 0) return [];
  const ids = accountIdsAtScope({
    jurisdictionId: sql.val(where.jurisdictionId),
    scopeLevel: where.scopeLevel,
    scopeId: sql.val(where.scopeId),
    roles: where.roles,
  });
  const { rows } = await sql<{ ids: number[] }>`select ${ids} as ids`.execute(db);
  return rows[0]?.ids ?? [];
}

/**
 * A subquery for another module's statement: the ids of the active accounts with one of `roles`
 * scoped to the place `scopeId` (an expression of that statement), as a JSON array in id order —
 * read with that statement, without a round trip of their own (the intake's first handlers).
 */
export function accountIdsAtScope(where: {
  jurisdictionId: Expression<number>;
  scopeLevel: ScopeLevel;
  scopeId: Expression<number>;
  roles: readonly Role[];
}): RawBuilder<number[]> {
  return sql<number[]>`(select coalesce(json_agg(a.id order by a.id), '[]') from account a
    where a.jurisdiction_id = ${where.jurisdictionId} and a.scope_level = ${where.scopeLevel}
      and a.scope_id = ${where.scopeId} and a.role in (${sql.join([...where.roles])}) and a.status = 'active')`;
}

export async function insertAccounts(db: Db, accounts: NewAccount[]): Promise<AccountRow[]> {
  if (accounts.length === 0) return [];
  return db
    .insertInto('account')
    .values(
      accounts.map((a) => ({
        jurisdiction_id: a.jurisdictionId,
        username: a.username,
        display_name: a.displayName,
        role: a.role,
        scope_level: a.scopeLevel,
        scope_id: a.scopeId,
        password_hash: a.passwordHash,
        password_changed_at: a.now,
        must_change_password: a.mustChangePassword ?? false,
        is_demo: a.isDemo ?? false,
        created_at: a.now,
        updated_at: a.now,
      })),
    )
    .returningAll()
    .execute();
}

export async function updateAccountPassword(
  db: Db,
  account: Pick<AccountRow, 'jurisdiction_id' | 'id'>,
  passwordHash: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('account')
    .set({
      password_hash: passwordHash,
      password_changed_at: now,
      must_change_password: false,
      updated_at: now,
    })
    .where('jurisdiction_id', '=', account.jurisdiction_id)
    .where('id', '=', account.id)
    .execute();
}

export async function updateAccountScope(
  db: Db,
  account: Pick<AccountRow, 'jurisdiction_id' | 'id'>,
  scope: { level: ScopeLevel; id: number | null },
  now: Date,
): Promise<void> {
  await db
    .updateTable('account')
    .set({ scope_level: scope.level, scope_id: scope.id, updated_at: now })
    .where('jurisdiction_id', '=', account.jurisdiction_id)
    .where('id', '=', account.id)
    .execute();
}

export async function setAccountStatus(
  db: Db,
  account: Pick<AccountRow, 'jurisdiction_id' | 'id'>,
  status: 'active' | 'disabled',
  now: Date,
): Promise<void> {
  await db
    .updateTable('account')
    .set({ status, updated_at: now })
    .where('jurisdiction_id', '=', account.jurisdiction_id)
    .where('id', '=', account.id)
    .execute();
}

export async function findDemoAccounts(db: Db): Promise<AccountRow[]> {
  return db.selectFrom('account').selectAll().where('is_demo', '=', true).orderBy('id').execute();
}

// ---- sessions -----------------------------------------------------------------------------------

export async function insertSession(
  db: Db,
  session: {
    tokenHash: string;
    jurisdictionId: number;
    accountId: number;
    csrfToken: string;
    now: Date;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('session')
    .values({
      token_hash: session.tokenHash,
      jurisdiction_id: session.jurisdictionId,
      account_id: session.accountId,
      csrf_token: session.csrfToken,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
      ended_at: null,
      end_reason: null,
      ip: session.ip,
      user_agent: session.userAgent,
    })
    .execute();
}

/** Live sessions with their accounts, by token hash (many concurrent requests, one query). */
export async function findLiveSessions(db: Db, tokenHashes: readonly string[]) {
  const rows = await db
    .selectFrom('session as s')
    .innerJoin('account as a', (join) =>
      join.onRef('a.jurisdiction_id', '=', 's.jurisdiction_id').onRef('a.id', '=', 's.account_id'),
    )
    .select([
      's.token_hash',
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
      's.created_at',
      'a.jurisdiction_id',
      'a.id as account_id',
      'a.username',
      'a.display_name',
      'a.role',
      'a.scope_level',
      'a.scope_id',
      'a.status',
      'a.must_change_password',
      'a.password_changed_at',
      'a.is_demo',
      'a.totp_enabled',
    ])
    .where('s.token_hash', 'in', tokenHashes.length > 0 ? [...tokenHashes] : [''])
    .where('s.ended_at', 'is', null)
    .execute();
  return new Map(rows.map((row) => [row.token_hash, row]));
}

/** Of these sessions, the unended ones with their account's status (no touch: for long-lived streams). */
export function findUnendedSessions(db: Db, tokenHashes: readonly string[]) {
  if (tokenHashes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('session as s')
    .innerJoin('account as a', (join) =>
      join.onRef('a.jurisdiction_id', '=', 's.jurisdiction_id').onRef('a.id', '=', 's.account_id'),
    )
    .select(['s.token_hash', 's.last_seen_at', 's.expires_at', 'a.status'])
    .where('s.token_hash', 'in', tokenHashes)
    .where('s.ended_at', 'is', null)
    .execute();
}

export async function findSessionExpiry(db: Db, tokenHash: string): Promise<Date | undefined> {
  const row = await db
    .selectFrom('session')
    .select('expires_at')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row?.expires_at;
}

export async function touchSession(db: Db, tokenHash: string, now: Date): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
}

export async function endSessions(
  db: Db,
  where: { tokenHash: string } | { jurisdictionId: number; accountId: number },
  reason: string,
  now: Date,
): Promise<number> {
  let query = db
    .updateTable('session')
    .set({ ended_at: now, end_reason: reason })
    .where('ended_at', 'is', null);
  if ('tokenHash' in where) query = query.where('token_hash', '=', where.tokenHash);
  else
    query = query
      .where('jurisdiction_id', '=', where.jurisdictionId)
      .where('account_id', '=', where.accountId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0);
}

// ---- sign-in throttle ---------------------------------------------------------------------------

export async function findThrottle(db: Db, usernameKey: string) {
  return db
    .selectFrom('login_throttle')
    .selectAll()
    .where('username_key', '=', usernameKey)
    .executeTakeFirst();
}

export async function recordFailure(
  db: Db,
  usernameKey: string,
  now: Date,
  lock: { maxFailures: number; lockedUntil: Date },
): Promise<{ failures: number; lockedUntil: Date | null }> {
  const row = await db
    .insertInto('login_throttle')
    .values({ username_key: usernameKey, failures: 1, locked_until: null, updated_at: now })
    .onConflict((oc) =>
      oc.column('username_key').doUpdateSet({ failures: sql`login_throttle.failures + 1`, updated_at: now }),
    )
    .returning(['failures'])
    .executeTakeFirstOrThrow();
  if (row.failures < lock.maxFailures) return { failures: row.failures, lockedUntil: null };
  await db
    .updateTable('login_throttle')
    .set({ failures: 0, locked_until: lock.lockedUntil })
    .where('username_key', '=', usernameKey)
    .execute();
  return { failures: row.failures, lockedUntil: lock.lockedUntil };
}

export async function clearThrottle(db: Db, usernameKey: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('username_key', '=', usernameKey).execute();
}

// ---- departments --------------------------------------------------------------------------------

export async function insertDepartments(
  db: Db,
  departments: {
    jurisdictionId: number;
    code: string;
    name: string;
    kind?: 'department' | 'enforcement' | 'party';
  }[],
) {
  if (departments.length === 0) return [];
  return db
    .insertInto('department')
    .values(
      departments.map((d) => ({
        jurisdiction_id: d.jurisdictionId,
        code: d.code,
        name: d.name,
        kind: d.kind,
      })),
    )
    .returningAll()
    .execute();
}

export async function findDepartment(db: Db, jurisdictionId: number, id: number) {
  return db
    .selectFrom('department')
    .selectAll()
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

// ---- second factor ------------------------------------------------------------------------------

export async function recordTotpStep(
  db: Db,
  account: Pick<AccountRow, 'jurisdiction_id' | 'id'>,
  step: number,
) {
  await db
    .updateTable('account')
    .set({ totp_last_step: step })
    .where('jurisdiction_id', '=', account.jurisdiction_id)
    .where('id', '=', account.id)
    .execute();
}

export async function setTotp(
  db: Db,
  account: Pick<AccountRow, 'jurisdiction_id' | 'id'>,
  values: { secret: string | null; enabled: boolean; now: Date },
) {
  await db
    .updateTable('account')
    .set({
      totp_secret: values.secret,
      totp_enabled: values.enabled,
      totp_last_step: null,
      updated_at: values.now,
    })
    .where('jurisdiction_id', '=', account.jurisdiction_id)
    .where('id', '=', account.id)
    .execute();
}
