import type { ChangePasswordRequest } from '#contracts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { PersonalDataCipher } from '../../platform/personal-data.ts';
import {
  type AccountRow,
  clearThrottle,
  type Db,
  endSessions,
  findAccount,
  findAccountByUsername,
  findThrottle,
  insertSession,
  recordFailure,
  recordTotpStep,
  updateAccountPassword,
} from './access.repository.ts';
import { checkPassword, type PasswordPolicy, passwordExpired } from './password-policy.ts';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.ts';
import { hashSessionToken, newCsrfToken, newSessionToken } from './sessions.ts';
import { acceptTotp } from './totp.ts';

/** Sign-in, sign-out and password change (等保: identification, lockout, session control). */

export interface AccessSettings {
  idleMinutes: number;
  absoluteHours: number;
  passwordPolicy: PasswordPolicy;
  maxFailures: number;
  lockMinutes: number;
  /** Administrators must use the second factor. */
  requireAdminTotp: boolean;
}

export interface NewSession {
  token: string;
  csrfToken: string;
  account: AccountRow;
  expiresAt: Date;
}

interface Client {
  ip: string | null;
  userAgent: string | null;
  requestId: string;
}

async function openSession(db: Db, account: AccountRow, client: Client, settings: AccessSettings, now: Date) {
  const token = newSessionToken();
  const csrfToken = newCsrfToken();
  const expiresAt = new Date(now.getTime() + settings.absoluteHours * 3_600_000);
  await insertSession(db, {
    tokenHash: hashSessionToken(token),
    jurisdictionId: account.jurisdiction_id,
    accountId: account.id,
    csrfToken,
    now,
    expiresAt,
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, account, expiresAt };
}

export async function signIn(
  db: Db,
  options: {
    username: string;
    password: string;
    totp?: string | undefined;
    /** Decrypts the account's TOTP secret. */
    cipher: PersonalDataCipher;
    client: Client;
    settings: AccessSettings;
    now: Date;
  },
): Promise<NewSession> {
  const { username, password, client, settings, now } = options;
  const key = username.trim().toLowerCase();
  const actor: Actor = { id: key, requestId: client.requestId, ip: client.ip ?? undefined };
  const throttle = await findThrottle(db, key);
  if (throttle?.locked_until && throttle.locked_until > now) {
    const retryAfterS = Math.ceil((throttle.locked_until.getTime() - now.getTime()) / 1000);
    await recordAudit(db, actor, {
      jurisdictionId: null,
      action: 'access.sign_in',
      subjectType: 'account',
      subjectId: key,
      result: 'denied',
      details: { reason: 'locked' },
    });
    throw new AppError('access.account_locked', 'Too many failed sign-ins; try again later', { retryAfterS });
  }
  const account = await findAccountByUsername(db, key);
  const passwordOk = account
    ? await verifyPassword(account.password_hash, password)
    : (await verifyPassword(await decoyPasswordHash(), password)) && false;
  const failure = async (reason: string, error: AppError) => {
    const counted = await recordFailure(db, key, now, {
      maxFailures: settings.maxFailures,
      lockedUntil: new Date(now.getTime() + settings.lockMinutes * 60_000),
    });
    await recordAudit(
      db,
      { ...actor, role: account?.role },
      {
        jurisdictionId: account?.jurisdiction_id ?? null,
        action: 'access.sign_in',
        subjectType: 'account',
        subjectId: key,
        result: 'failed',
        details: { reason, failures: counted.failures },
      },
    );
    if (counted.lockedUntil) {
      return new AppError('access.account_locked', 'Too many failed sign-ins; try again later', {
        retryAfterS: settings.lockMinutes * 60,
      });
    }
    return error;
  };
  if (!account || !passwordOk || account.status !== 'active') {
    const reason = !account ? 'unknown_account' : !passwordOk ? 'wrong_password' : 'disabled';
    throw await failure(reason, new AppError('access.invalid_credentials', 'Wrong username or password'));
  }
  if (account.totp_enabled && account.totp_secret) {
    if (!options.totp)
      throw new AppError('access.totp_required', 'Enter the 6-digit code of the authenticator app');
    const secret = options.cipher.decrypt('totp_secret', account.totp_secret);
    const step = await acceptTotp(secret, options.totp, now, account.totp_last_step);
    if (step === null)
      throw await failure('wrong_totp', new AppError('access.totp_invalid', 'The code is wrong or expired'));
    await recordTotpStep(db, account, step);
  }
  await clearThrottle(db, key);
  const session = await openSession(db, account, client, settings, now);
  await recordAudit(
    db,
    { ...actor, id: account.username, role: account.role },
    {
      jurisdictionId: account.jurisdiction_id,
      action: 'access.sign_in',
      subjectType: 'account',
      subjectId: account.id,
      details: {
        mustChangePassword: mustChangePassword(account, settings, now),
        secondFactor: account.totp_enabled,
      },
    },
  );
  return session;
}

export function mustSetUpTotp(
  account: Pick<AccountRow, 'role' | 'totp_enabled'>,
  settings: Pick<AccessSettings, 'requireAdminTotp'>,
): boolean {
  return settings.requireAdminTotp && account.role === 'admin' && !account.totp_enabled;
}

export function mustChangePassword(
  account: Pick<AccountRow, 'must_change_password' | 'password_changed_at' | 'is_demo'>,
  settings: Pick<AccessSettings, 'passwordPolicy'>,
  now: Date,
): boolean {
  if (account.must_change_password) return true;
  return !account.is_demo && passwordExpired(settings.passwordPolicy, account.password_changed_at, now);
}

export async function signOut(
  db: Db,
  options: { tokenHash: string; actor: Actor; jurisdictionId: number; accountId: number; now: Date },
) {
  await endSessions(db, { tokenHash: options.tokenHash }, 'signed_out', options.now);
  await recordAudit(db, options.actor, {
    jurisdictionId: options.jurisdictionId,
    action: 'access.sign_out',
    subjectType: 'account',
    subjectId: options.accountId,
  });
}

/** Changes the password, ends every session of the account, and opens a fresh one for this client. */
export async function changePassword(
  trx: Db,
  options: {
    jurisdictionId: number;
    accountId: number;
    request: ChangePasswordRequest;
    client: Client;
    actor: Actor;
    settings: AccessSettings;
    now: Date;
  },
): Promise<NewSession> {
  const { request, settings, now } = options;
  const account = await findAccount(trx, options.jurisdictionId, options.accountId);
  if (!account) throw new AppError('access.unauthenticated', 'Sign in first');
  if (!(await verifyPassword(account.password_hash, request.currentPassword))) {
    throw new AppError('access.invalid_credentials', 'The current password is wrong');
  }
  const broken = checkPassword(settings.passwordPolicy, request.newPassword, account.username);
  if (request.newPassword === request.currentPassword) broken.push('same_as_current');
  if (broken.length > 0) {
    throw new AppError('access.weak_password', 'The new password breaks the password policy', {
      rules: broken,
      policy: settings.passwordPolicy,
    });
  }
  await updateAccountPassword(trx, account, await hashPassword(request.newPassword), now);
  const ended = await endSessions(
    trx,
    { jurisdictionId: account.jurisdiction_id, accountId: account.id },
    'password_changed',
    now,
  );
  await recordAudit(trx, options.actor, {
    jurisdictionId: account.jurisdiction_id,
    action: 'access.change_password',
    subjectType: 'account',
    subjectId: account.id,
    details: { sessionsEnded: ended },
  });
  return openSession(trx, { ...account, must_change_password: false }, options.client, settings, now);
}
