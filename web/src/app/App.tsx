import { Button, Result, Spin } from 'antd';
import { useEffect } from 'react';
import { LoginPage } from '../pages/login/LoginPage.tsx';
import { PublicNoticePage } from '../pages/notice/PublicNoticePage.tsx';
import { ForcedSetupPage } from '../pages/password/ForcedSetupPage.tsx';
import { AppLayout } from './AppLayout.tsx';
import { AuthProvider, useAuth } from './auth.tsx';
import { useI18n } from './i18n.ts';
import { AppProviders } from './providers.tsx';
import { navigate, useLocation } from './router.ts';
import { homePath, safeNext } from './routes.tsx';

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Spin className="jz-page-spin" />;
}

/**
 * The sign-in gate: nothing but the sign-in page without a session (the intended path kept in
 * `?next=`), nothing but the change-password (or second-factor) page while one is due, the app otherwise.
 */
function AuthGate() {
  const auth = useAuth();
  const { t } = useI18n();
  const { pathname, query } = useLocation();
  const { state } = auth;

  if (state.status === 'loading') {
    return <Spin className="jz-page-spin" tip={t('auth.checking')} size="large" fullscreen />;
  }
  if (state.status === 'error') {
    return (
      <Result
        status="warning"
        title={t('auth.sessionFailed')}
        subTitle={state.error.message}
        extra={
          <Button type="primary" onClick={auth.recheck}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (state.status === 'signed-out') {
    if (pathname !== '/login') {
      const intended = `${pathname}${window.location.search}`;
      const to = pathname === '/' ? '/login' : `/login?next=${encodeURIComponent(intended)}`;
      return <Redirect to={to} />;
    }
    return <LoginPage expired={state.expired} />;
  }
  const { me } = state;
  if (me.mustChangePassword) {
    if (pathname !== '/password') return <Redirect to="/password" />;
    return <ForcedSetupPage due="password" />;
  }
  if (me.mustSetUpTotp) {
    if (pathname !== '/two-factor') return <Redirect to="/two-factor" />;
    return <ForcedSetupPage due="totp" />;
  }
  if (pathname === '/login' || pathname === '/') {
    const access = { me, can: auth.can };
    const to = (pathname === '/login' ? safeNext(query.get('next'), access) : null) ?? homePath(access);
    // An account with no page at all lands on `/`, which says so.
    if (to || pathname === '/login') return <Redirect to={to ?? '/'} />;
  }
  return <AppLayout />;
}

export function App() {
  const { pathname } = useLocation();
  // The grid's public notice board (两公开) is open to anyone, signed in or not.
  if (pathname.startsWith('/notice/')) {
    return (
      <AppProviders>
        <PublicNoticePage pathname={pathname} />
      </AppProviders>
    );
  }
  return (
    <AppProviders>
      <AuthProvider>
        <AuthGate />
      </AuthProvider>
    </AppProviders>
  );
}
