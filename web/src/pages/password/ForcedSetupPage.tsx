import { Alert, Card, Layout } from 'antd';
import type { Me } from '#contracts';
import { useI18n } from '../../app/i18n.ts';
import { navigate } from '../../app/router.ts';
import { homePath } from '../../app/routes.tsx';
import { ChangePasswordForm, TwoFactorSetup, UserMenu } from '../../modules/auth/index.ts';
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx';

/** Where the account goes once nothing is due any more. */
const goHome = (me: Me) =>
  navigate(homePath({ me, can: (permission) => me.permissions.includes(permission) }) ?? '/', {
    replace: true,
  });

/**
 * While a password change is due (first sign-in outside the demo, expiry under the MLPS profile) or
 * an administrator must set up the second factor, every other route answers 403: this page, and
 * signing out, are all there is.
 */
export function ForcedSetupPage({ due }: { due: 'password' | 'totp' }) {
  const { t } = useI18n();
  return (
    <Layout className="jz-shell">
      <Layout.Header className="jz-header">
        <span className="jz-brand">
          <span className="jz-brand-mark">精治</span>
          <span className="jz-brand-sub">{t('app.subtitle')}</span>
        </span>
        <div className="jz-header-spacer" />
        <LanguageSwitch />
        <UserMenu signOutOnly />
      </Layout.Header>
      <Layout.Content className="jz-page jz-password-forced">
        <header className="jz-page-header">
          <h1>{t(due === 'password' ? 'password.title' : 'totp.title')}</h1>
        </header>
        <Alert
          className="jz-password-alert"
          type="warning"
          showIcon
          title={t(due === 'password' ? 'password.forced' : 'totp.forced')}
        />
        <Card size="small" className="jz-password-card">
          {due === 'password' ? (
            // A second factor may still be due: the gate decides where the new session goes.
            <ChangePasswordForm onChanged={(me) => (me.mustSetUpTotp ? undefined : goHome(me))} />
          ) : (
            <TwoFactorSetup onEnabled={goHome} />
          )}
        </Card>
      </Layout.Content>
    </Layout>
  );
}
