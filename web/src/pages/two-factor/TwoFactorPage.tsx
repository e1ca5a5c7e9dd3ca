import { Card } from 'antd';
import { useI18n } from '../../app/i18n.ts';
import { TwoFactorSetup } from '../../modules/auth/index.ts';

/** `/two-factor`: turn the authenticator-app second factor on or off (staff). */
export function TwoFactorPage() {
  const { t } = useI18n();
  return (
    <div className="jz-page">
      <header className="jz-page-header">
        <h1>{t('totp.title')}</h1>
      </header>
      <Card size="small" className="jz-password-card">
        <TwoFactorSetup />
      </Card>
    </div>
  );
}
