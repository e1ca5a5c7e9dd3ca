/** The password policy as the server reports it (`details.policy` of access.weak_password). */
export interface PasswordPolicyView {
  profile: string;
  minLength: number;
  maxLength: number;
  minClasses: number;
  expiryDays: number | null;
}

export type PasswordRule =
  | 'too_short'
  | 'too_long'
  | 'too_few_classes'
  | 'common'
  | 'contains_username'
  | 'same_as_current';

export const PASSWORD_RULES: readonly PasswordRule[] = [
  'too_short',
  'too_long',
  'too_few_classes',
  'common',
  'contains_username',
  'same_as_current',
];

/** The default profile (OWASP ASVS) until the server says otherwise. */
export const DEFAULT_POLICY: PasswordPolicyView = {
  profile: 'asvs',
  minLength: 8,
  maxLength: 128,
  minClasses: 0,
  expiryDays: null,
};

const classesIn = (password: string): number =>
  [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;

/**
 * What the browser can tell before sending: true = met, false = broken, null = only the server
 * knows (the common-password list stays on the server).
 */
export function checkLocally(
  rule: PasswordRule,
  policy: PasswordPolicyView,
  values: { newPassword: string; currentPassword: string; username: string },
): boolean | null {
  const { newPassword, currentPassword, username } = values;
  if (!newPassword) return null;
  const length = [...newPassword].length;
  switch (rule) {
    case 'too_short':
      return length >= policy.minLength;
    case 'too_long':
      return length <= policy.maxLength;
    case 'too_few_classes':
      return policy.minClasses === 0 ? null : classesIn(newPassword) >= policy.minClasses;
    case 'common':
      return null;
    case 'contains_username':
      return username.length < 3 || !newPassword.toLowerCase().includes(username.toLowerCase());
    case 'same_as_current':
      return currentPassword ? newPassword !== currentPassword : null;
  }
}

const isRule = (value: unknown): value is PasswordRule =>
  typeof value === 'string' && (PASSWORD_RULES as readonly string[]).includes(value);

/** `details.rules` and `details.policy` of a 422 access.weak_password, read defensively. */
export function readWeakPassword(details: Record<string, unknown>): {
  rules: PasswordRule[];
  policy: PasswordPolicyView | null;
} {
  const rules = Array.isArray(details.rules) ? details.rules.filter(isRule) : [];
  const raw = details.policy;
  let policy: PasswordPolicyView | null = null;
  if (typeof raw === 'object' && raw !== null) {
    const p = raw as Record<string, unknown>;
    if (typeof p.minLength === 'number' && typeof p.maxLength === 'number') {
      policy = {
        profile: typeof p.profile === 'string' ? p.profile : 'asvs',
        minLength: p.minLength,
        maxLength: p.maxLength,
        minClasses: typeof p.minClasses === 'number' ? p.minClasses : 0,
        expiryDays: typeof p.expiryDays === 'number' ? p.expiryDays : null,
      };
    }
  }
  return { rules, policy };
}
