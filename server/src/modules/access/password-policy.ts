import { COMMON_PASSWORDS } from './common-passwords.ts';

/**
 * Two profiles. `asvs` (default) follows OWASP ASVS v4 §2.1: at least 8 characters, up to 128
 * allowed, no composition rules, common passwords refused, no forced expiry. `mlps` is what an
 * MLPS 2.0 (等保 2.0) level-3 assessor expects: at least 8 characters from at least 3 of the 4
 * classes (upper, lower, digit, symbol) and a change every 90 days.
 */
export type PasswordProfile = 'asvs' | 'mlps';

export interface PasswordPolicy {
  profile: PasswordProfile;
  minLength: number;
  maxLength: number;
  /** Character classes required (0 = none). */
  minClasses: number;
  /** Days after which the password must be changed (null = never). */
  expiryDays: number | null;
}

export const passwordPolicies: Record<PasswordProfile, PasswordPolicy> = {
  asvs: { profile: 'asvs', minLength: 8, maxLength: 128, minClasses: 0, expiryDays: null },
  mlps: { profile: 'mlps', minLength: 8, maxLength: 128, minClasses: 3, expiryDays: 90 },
};

export type PasswordRule =
  | 'too_short'
  | 'too_long'
  | 'too_few_classes'
  | 'common'
  | 'contains_username'
  | 'same_as_current';

function classesIn(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

/** The rules a new password breaks (empty when it is acceptable). */
export function checkPassword(policy: PasswordPolicy, password: string, username: string): PasswordRule[] {
  const broken: PasswordRule[] = [];
  const length = [...password].length;
  if (length < policy.minLength) broken.push('too_short');
  if (length > policy.maxLength) broken.push('too_long');
  if (classesIn(password) < policy.minClasses) broken.push('too_few_classes');
  const lowered = password.toLowerCase();
  const stripped = lowered.replace(/[^a-z0-9]/g, '');
  if (COMMON_PASSWORDS.has(lowered) || COMMON_PASSWORDS.has(stripped)) broken.push('common');
  const name = username.toLowerCase();
  if (name.length >= 3 && lowered.includes(name)) broken.push('contains_username');
  return broken;
}

export function passwordExpired(policy: PasswordPolicy, changedAt: Date, now: Date): boolean {
  return policy.expiryDays !== null && now.getTime() - changedAt.getTime() > policy.expiryDays * 86_400_000;
}
