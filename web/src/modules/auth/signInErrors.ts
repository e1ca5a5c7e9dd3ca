import { ApiError, detailsOf } from '../../app/api.ts';
import type { I18n } from '../../app/i18n.ts';

const secondsIn = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.ceil(value) : null;

/** What a failed sign-in tells the user, in their language (never which half was wrong). */
export function signInErrorText(t: I18n['t'], error: unknown): string {
  if (!(error instanceof ApiError)) {
    return t('login.other', { message: error instanceof Error ? error.message : String(error) });
  }
  if (error.code === 'access.invalid_credentials') return t('login.invalid');
  if (error.code === 'access.totp_invalid') return t('login.totpInvalid');
  if (error.code === 'access.account_locked') {
    const seconds = secondsIn(detailsOf(error).retryAfterS) ?? error.retryAfterS;
    return seconds ? t('login.locked', { m: Math.max(1, Math.ceil(seconds / 60)) }) : t('login.lockedShort');
  }
  if (error.status === 429) {
    const seconds = error.retryAfterS ?? secondsIn(detailsOf(error).retryAfterS);
    return seconds ? t('login.rateLimited', { s: seconds }) : t('login.rateLimitedShort');
  }
  if (error.code === 'web.network') return t('login.network');
  return t('login.other', { message: error.message });
}
