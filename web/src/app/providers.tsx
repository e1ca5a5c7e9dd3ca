import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import {
  type I18n,
  I18nContext,
  type Locale,
  localeTag,
  readStoredLocale,
  storeLocale,
  translate,
} from './i18n.ts';

const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d5fbf',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#0f2a4a', headerHeight: 56, headerPadding: '0 16px', siderBg: '#ffffff' },
  },
};

/** Language (zh-CN by default, remembered), Ant Design locale and theme, and antd's App context. */
export function AppProviders({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(readStoredLocale);
  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = localeTag(locale);
    document.title = `${translate(locale, 'app.name')} · ${translate(locale, 'app.subtitle')}`;
  }, [locale]);
  const i18n = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, vars) => translate(locale, key, vars) }),
    [locale, setLocale],
  );
  return (
    <I18nContext value={i18n}>
      <ConfigProvider locale={locale === 'zh' ? zhCN : enUS} theme={theme}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </I18nContext>
  );
}
