import { type Locale, localeTag } from '../app/i18n.ts';

export const formatNumber = (locale: Locale, value: number): string =>
  new Intl.NumberFormat(localeTag(locale)).format(value);

/** 0.4567 → "46%"; one decimal below 10 % ("4.5%"); a sliver shows "<0.1%", never "0%". */
export function formatShare(locale: Locale, share: number): string {
  if (share > 0 && share < 0.001) return '<0.1%';
  const digits = share > 0 && share < 0.1 ? 1 : 0;
  return new Intl.NumberFormat(localeTag(locale), {
    style: 'percent',
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
  }).format(share);
}

/** m² below one square kilometre, km² from there. */
export function formatArea(locale: Locale, areaM2: number): string {
  const tag = localeTag(locale);
  if (areaM2 < 1_000_000) {
    return `${new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(areaM2)} m²`;
  }
  return `${new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }).format(areaM2 / 1_000_000)} km²`;
}

const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();

/** Times are shown in Beijing time whatever the browser's zone. */
export function formatDateTime(locale: Locale, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(localeTag(locale), {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    dateTimeFormats.set(locale, format);
  }
  return format.format(date);
}

const secondFormats = new Map<Locale, Intl.DateTimeFormat>();

/** Beijing time to the second (audit entries). */
export function formatDateTimeSeconds(locale: Locale, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = secondFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(localeTag(locale), {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
    });
    secondFormats.set(locale, format);
  }
  return format.format(date);
}
