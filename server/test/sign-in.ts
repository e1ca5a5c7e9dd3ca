import type { Role, ScopeLevel } from '#contracts';
import type { App } from '../src/app.ts';
import type { DatabaseHandle } from '../src/db/database.ts';
import { hashPassword, insertAccounts } from '../src/modules/access/index.ts';

/** A password that passes both policies, for test accounts. */
export const TEST_PASSWORD = 'Test-Passw0rd-2229';
let passwordHash: Promise<string> | undefined;
let counter = 0;

export interface SignedIn {
  username: string;
  accountId: number;
  /** Cookie and CSRF headers for app.inject. */
  headers: Record<string, string>;
}

/** Creates an account with the role and scope, signs it in through the API, and returns its headers. */
export async function signInAs(
  app: App,
  database: DatabaseHandle,
  account: {
    jurisdictionId: number;
    role: Role;
    scope: { level: ScopeLevel; id: number | null };
    username?: string;
    mustChangePassword?: boolean;
  },
  extraHeaders: Record<string, string> = {},
): Promise<SignedIn> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  counter += 1;
  const username =
    account.username ?? `${account.role}-${process.pid}-${counter}-${Math.floor(Math.random() * 1e6)}`;
  const [row] = await insertAccounts(database.db, [
    {
      jurisdictionId: account.jurisdictionId,
      username,
      displayName: username,
      role: account.role,
      scopeLevel: account.scope.level,
      scopeId: account.scope.id,
      passwordHash: await passwordHash,
      now: new Date(),
      mustChangePassword: account.mustChangePassword ?? false,
    },
  ]);
  if (!row) throw new Error('account not created');
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: TEST_PASSWORD },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'jz_session');
  if (!cookie) throw new Error('no session cookie');
  return {
    username,
    accountId: row.id,
    headers: {
      cookie: `jz_session=${cookie.value}`,
      'x-csrf-token': response.json().csrfToken,
      ...extraHeaders,
    },
  };
}
