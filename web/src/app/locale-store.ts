/**
 * The language the user chose, kept in the browser (zh unless they picked English). Apart from the
 * dictionary so that the fetch helper — on the phone pages too — can read it without loading it.
 */

export type Locale = 'zh' | 'en';

const STORAGE_KEY = 'jingzhi.locale';

export function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this page only.
  }
}
