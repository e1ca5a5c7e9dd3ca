import { createHash, randomBytes } from 'node:crypto';

/** Session tokens: 256 random bits in the cookie; only their SHA-256 is stored. */
export const SESSION_COOKIE = 'jz_session';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}
