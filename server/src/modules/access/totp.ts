import { generateSecret, generateURI, verify } from 'otplib';

/** TOTP (RFC 6238, 30-second steps, 6 digits), as authenticator apps implement it. */

const PERIOD_S = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, username: string): string {
  return generateURI({ issuer: 'Jingzhi 精治', label: username, secret });
}

/**
 * The time step a code belongs to when it is valid now (one step of drift either way), or null.
 * A code whose step is not after `lastStep` is refused, so one code cannot be used twice.
 */
export async function acceptTotp(
  secret: string,
  code: string,
  now: Date,
  lastStep: number | null,
): Promise<number | null> {
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({ secret, token: code, epoch, epochTolerance: PERIOD_S });
  if (!result.valid) return null;
  const step = Math.floor(epoch / PERIOD_S) + result.delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}
