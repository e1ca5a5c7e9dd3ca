import type { Posting } from '#contracts';
import type { I18n } from '../../app/i18n.ts';

/** "第3网格 · 专职网格员 · 2024-03-01 起" */
export function postingText(t: I18n['t'], posting: Posting): string {
  const where = posting.place?.name ?? null;
  const when = posting.endsOn
    ? t('staff.between', { from: posting.startsOn, to: posting.endsOn })
    : t('staff.since', { from: posting.startsOn });
  return [where, posting.title, when].filter(Boolean).join(' · ');
}

/** Whether a posting is current on the given day (YYYY-MM-DD). */
export const postingCurrent = (posting: Posting, today: string): boolean =>
  posting.startsOn <= today && (posting.endsOn === null || posting.endsOn >= today);

/** Today in Beijing, as YYYY-MM-DD. */
export function beijingToday(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** The masked value, or a dash when the server sent none (null or left out). */
export const orDash = (value: string | null | undefined): string => (value ? value : '—');
