import type { Scope } from '#contracts';
import type { I18n } from '../../app/i18n.ts';

/** The header's "where": the scope's place or department name, or what the level means. */
export function scopeText(t: I18n['t'], account: { scope: Scope; scopeName: string | null }): string {
  if (account.scopeName) return account.scopeName;
  if (account.scope.level === 'jurisdiction') return t('auth.wholeCity');
  if (account.scope.level === 'self') return t('auth.selfOnly');
  return t(`scope.${account.scope.level}`);
}
