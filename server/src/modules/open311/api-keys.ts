import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Principal } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { findAccount, hashPassword, insertAccounts } from '../access/index.ts';
import type { TerritoryModule } from '../territory/index.ts';
import { findApiKeyByHash, insertApiKey } from './open311.repository.ts';
import { type Db, withOpen311Tables } from './open311.table.ts';

/**
 * API keys for POST requests. A key is 32 random bytes shown once; only its SHA-256 is stored (like
 * session tokens: a key is high-entropy, so a plain hash suffices). Each key belongs to an account
 * whose role holds `cases.report`; cases posted with it are reported as that account.
 */

/** The one key of the demo (issue 4), accepted only when the server runs in demo mode. */
export const DEMO_OPEN311_KEY = 'demo-open311-key';
export const DEMO_OPEN311_USERNAME = 'open311-demo';

export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

export function newApiKey(): string {
  return `o311_${crypto.randomBytes(32).toString('base64url')}`;
}

/** Makes a key for an account; the key is returned once and never stored. */
export async function createApiKey(
  db: Kysely<Database>,
  options: { jurisdictionId: number; ownerAccountId: number; label: string; now: Date; key?: string },
): Promise<{ id: number; key: string }> {
  const key = options.key ?? newApiKey();
  const id = await insertApiKey(withOpen311Tables(db), {
    jurisdictionId: options.jurisdictionId,
    keyHash: hashApiKey(key),
    ownerAccountId: options.ownerAccountId,
    label: options.label,
    now: options.now,
  });
  return { id, key };
}

/**
 * The demo's key `demo-open311-key` and the account it reports as (a resident-level account that
 * cannot sign in: its password is random and thrown away). Demo mode only; skipped when present.
 */
export async function seedDemoOpen311Key(
  db: Kysely<Database>,
  options: { jurisdictionId: number; now: Date },
): Promise<void> {
  const typed = withOpen311Tables(db);
  if (await findApiKeyByHash(typed, hashApiKey(DEMO_OPEN311_KEY))) return;
  const passwordHash = await hashPassword(crypto.randomBytes(32).toString('hex'));
  await db.transaction().execute(async (trx) => {
    const [account] = await insertAccounts(trx, [
      {
        jurisdictionId: options.jurisdictionId,
        username: DEMO_OPEN311_USERNAME,
        displayName: 'Open311 演示接入 (demo client)',
        role: 'resident',
        scopeLevel: 'self',
        scopeId: null,
        passwordHash,
        now: options.now,
        // A service account, not a demo login: it is not listed among the demo accounts.
        isDemo: false,
      },
    ]);
    if (!account) throw new Error('the Open311 demo account was not created');
    await createApiKey(trx, {
      jurisdictionId: options.jurisdictionId,
      ownerAccountId: account.id,
      label: 'Open311 demo (demo-open311-key)',
      now: options.now,
      key: DEMO_OPEN311_KEY,
    });
  });
}

export interface ApiClient {
  keyId: number;
  label: string;
  principal: Principal;
}

/**
 * The client of a key, or `open311.invalid_api_key` (403): missing, unknown, revoked, the demo key
 * outside demo mode, or an owner account that is disabled.
 */
export async function authenticateApiKey(
  db: Db,
  territory: TerritoryModule,
  key: string | undefined,
  options: { demoMode: boolean },
): Promise<ApiClient> {
  const refuse = (why: string) => new AppError('georeport.invalid_api_key', why);
  if (!key) throw refuse('api_key is required to post a service request');
  if (key === DEMO_OPEN311_KEY && !options.demoMode) throw refuse('Invalid api_key');
  const row = await findApiKeyByHash(db, hashApiKey(key));
  if (!row || row.revoked_at !== null) throw refuse('Invalid api_key');
  const account = await findAccount(db, row.jurisdiction_id, row.owner_account_id);
  if (account?.status !== 'active') throw refuse('The api_key’s account is disabled');
  const placeScoped =
    (account.scope_level === 'subdistrict' ||
      account.scope_level === 'community' ||
      account.scope_level === 'grid') &&
    account.scope_id !== null;
  return {
    keyId: row.id,
    label: row.label,
    principal: {
      accountId: account.id,
      jurisdictionId: account.jurisdiction_id,
      username: account.username,
      displayName: account.display_name,
      role: account.role,
      scope: { level: account.scope_level, id: account.scope_id },
      scopeChain: placeScoped
        ? await territory.placeChain(account.jurisdiction_id, account.scope_id as number)
        : [],
      csrfToken: '',
      sessionId: `open311-key:${row.id}`,
      mustChangePassword: false,
      mustSetUpTotp: false,
    },
  };
}
