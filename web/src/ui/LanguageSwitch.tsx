import { TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../app/i18n.ts';

/** 中文 ⇄ English, remembered in the browser. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Button
      data-testid="lang-switch"
      type="text"
      className="jz-lang-switch"
      icon={<TranslationOutlined />}
      title={t('app.switchToTitle')}
      onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}
    >
      {t('app.switchTo')}
    </Button>
  );
}
