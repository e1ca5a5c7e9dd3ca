import type { Principal } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { PersonalDataCipher } from '../../platform/personal-data.ts';
import { type Db, findAccount, recordTotpStep, setTotp } from './access.repository.ts';
import { verifyPassword } from './passwords.ts';
import type { AccessSettings } from './sign-in.service.ts';
import { acceptTotp, newTotpSecret, totpUri } from './totp.ts';

/** The optional second factor: set up, confirm, turn off. The secret is stored encrypted. */

async function requireAccount(trx: Db, principal: Pick<Principal, 'jurisdictionId' | 'accountId'>) {
  const account = await findAccount(trx, principal.jurisdictionId, principal.accountId);
  if (!account) throw new AppError('access.unauthenticated', 'Sign in first');
  return account;
}

export async function startTotpSetup(
  trx: Db,
  options: { principal: Principal; cipher: PersonalDataCipher; actor: Actor; now: Date },
): Promise<{ secret: string; uri: string }> {
  const account = await requireAccount(trx, options.principal);
  if (account.totp_enabled) {
    throw new AppError(
      'platform.conflict',
      'The second factor is already on; turn it off first to replace it',
    );
  }
  const secret = newTotpSecret();
  await setTotp(trx, account, {
    secret: options.cipher.encrypt('totp_secret', secret),
    enabled: false,
    now: options.now,
  });
  await recordAudit(trx, options.actor, {
    jurisdictionId: account.jurisdiction_id,
    action: 'access.totp_setup',
    subjectType: 'account',
    subjectId: account.id,
  });
  return { secret, uri: totpUri(secret, account.username) };
}

export async function enableTotp(
  trx: Db,
  options: { principal: Principal; code: string; cipher: PersonalDataCipher; actor: Actor; now: Date },
): Promise<void> {
  const account = await requireAccount(trx, options.principal);
  if (!account.totp_secret) throw new AppError('platform.conflict', 'Start the set-up first');
  const step = await acceptTotp(
    options.cipher.decrypt('totp_secret', account.totp_secret),
    options.code,
    options.now,
    null,
  );
  if (step === null) throw new AppError('access.totp_invalid', 'The code is wrong or expired');
  await setTotp(trx, account, { secret: account.totp_secret, enabled: true, now: options.now });
  await recordTotpStep(trx, account, step);
  await recordAudit(trx, options.actor, {
    jurisdictionId: account.jurisdiction_id,
    action: 'access.totp_enable',
    subjectType: 'account',
    subjectId: account.id,
  });
}

export async function disableTotp(
  trx: Db,
  options: { principal: Principal; password: string; settings: AccessSettings; actor: Actor; now: Date },
): Promise<void> {
  const account = await requireAccount(trx, options.principal);
  if (options.settings.requireAdminTotp && account.role === 'admin') {
    throw new AppError('access.forbidden', 'Administrators must keep the second factor');
  }
  if (!(await verifyPassword(account.password_hash, options.password))) {
    throw new AppError('access.invalid_credentials', 'The password is wrong');
  }
  await setTotp(trx, account, { secret: null, enabled: false, now: options.now });
  await recordAudit(trx, options.actor, {
    jurisdictionId: account.jurisdiction_id,
    action: 'access.totp_disable',
    subjectType: 'account',
    subjectId: account.id,
  });
}
