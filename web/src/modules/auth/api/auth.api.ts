import type { z } from 'zod';
import type { ChangePasswordRequest, DemoAccount, LoginRequest, Me, TotpSetup } from '#contracts';
import { apiRequest } from '../../../app/api.ts';

/**
 * The session endpoints. Sign-in, sign-out, `me` and the demo list answer for themselves (a 401
 * there is the answer, not a lost session), so they do not alert the auth context.
 */

export const fetchMe = (signal?: AbortSignal): Promise<Me> =>
  apiRequest<Me>('/api/auth/me', { signal, ignoreSessionProblems: true });

/** 200 `Me` and the session cookie; 401 `access.invalid_credentials` / `access.account_locked`; 429. */
export const signIn = (body: LoginRequest): Promise<Me> =>
  apiRequest<Me>('/api/auth/login', { method: 'POST', body, ignoreSessionProblems: true });

export const signOut = (): Promise<null> =>
  apiRequest<null>('/api/auth/logout', { method: 'POST', ignoreSessionProblems: true });

/** 200 `Me` of the new session; 422 `access.weak_password` (details.rules); 401 wrong current password. */
export const changePassword = (body: ChangePasswordRequest): Promise<Me> =>
  apiRequest<Me>('/api/auth/password', { method: 'POST', body });

/** Demo mode only; 404 elsewhere. */
export const fetchDemoAccounts = (signal?: AbortSignal): Promise<DemoAccount[]> =>
  apiRequest<DemoAccount[]>('/api/demo/accounts', { signal, ignoreSessionProblems: true });

export type TotpSecret = z.infer<typeof TotpSetup>;

/** A new secret for an authenticator app (not active until confirmed with a code). */
export const startTotpSetup = (): Promise<TotpSecret> =>
  apiRequest<TotpSecret>('/api/auth/totp/setup', { method: 'POST' });

/** Confirms the second factor with a code: 200 `Me`; 401 access.totp_invalid. */
export const enableTotp = (code: string): Promise<Me> =>
  apiRequest<Me>('/api/auth/totp/enable', { method: 'POST', body: { code } });

/** Turns the second factor off: 204; 401 wrong password; 403 for administrators where it is required. */
export const disableTotp = (password: string): Promise<null> =>
  apiRequest<null>('/api/auth/totp/disable', { method: 'POST', body: { password } });
