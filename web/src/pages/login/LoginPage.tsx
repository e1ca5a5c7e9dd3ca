import { useI18n } from '../../app/i18n.ts';
import { SignInPanel } from '../../modules/auth/index.ts';
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx';

/** `/login[?next=PATH]`: the only page without a session. */
export function LoginPage({ expired }: { expired: boolean }) {
  const { t } = useI18n();
  return (
    <div className="jz-login">
      <header className="jz-login-top">
        <span className="jz-brand">
          <span className="jz-brand-mark">精治</span>
          <span className="jz-brand-sub">{t('app.subtitle')}</span>
        </span>
        <div className="jz-header-spacer" />
        <LanguageSwitch />
      </header>
      <main className="jz-login-main">
        <section className="jz-login-intro">
          <h2>{t('login.welcome')}</h2>
          <p>{t('login.tagline')}</p>
        </section>
        <SignInPanel expired={expired} />
      </main>
      <footer className="jz-login-footer jz-muted">{t('login.footer')}</footer>
    </div>
  );
}
