import { MenuOutlined, TranslationOutlined } from '@ant-design/icons';
import { Button, Drawer, Layout, Menu, type MenuProps, Spin } from 'antd';
import { Suspense, useState } from 'react';
import { NotFoundPage } from '../pages/not-found/NotFoundPage.tsx';
import { useIsMobile } from '../ui/useMediaQuery.ts';
import { useI18n } from './i18n.ts';
import { navigate, useLocation } from './router.ts';
import { matchRoute, routes } from './routes.tsx';

const { Header, Sider, Content } = Layout;

function LanguageSwitch() {
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

function NavMenu({ selectedPath, onNavigate }: { selectedPath: string | undefined; onNavigate: () => void }) {
  const { t } = useI18n();
  const items: MenuProps['items'] = routes.map((route) => ({
    key: route.path,
    icon: route.icon,
    label: (
      <a href={route.path} onClick={(event) => event.preventDefault()}>
        {t(route.labelKey)}
      </a>
    ),
  }));
  return (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selectedPath ? [selectedPath] : []}
      onClick={({ key }) => {
        navigate(key);
        onNavigate();
      }}
    />
  );
}

/** Header, side menu (a drawer on phones) and the current page. */
export function AppLayout() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const isMobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const route = matchRoute(pathname);
  const Page = route?.Page ?? NotFoundPage;

  return (
    <Layout className="jz-shell">
      <Header className="jz-header">
        {isMobile ? (
          <Button
            type="text"
            className="jz-header-button"
            icon={<MenuOutlined />}
            aria-label={t('app.openMenu')}
            data-testid="menu-button"
            onClick={() => setDrawerOpen(true)}
          />
        ) : null}
        <a
          className="jz-brand"
          href="/"
          onClick={(event) => {
            event.preventDefault();
            navigate('/territory');
          }}
        >
          <span className="jz-brand-mark">精治</span>
          <span className="jz-brand-sub">{t('app.subtitle')}</span>
        </a>
        <div className="jz-header-spacer" />
        <LanguageSwitch />
      </Header>
      <Layout>
        {isMobile ? (
          <Drawer
            placement="left"
            size={240}
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={t('app.menu')}
            styles={{ body: { padding: 0 } }}
          >
            <NavMenu selectedPath={route?.path} onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        ) : (
          <Sider
            width={200}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            theme="light"
            className="jz-sider"
          >
            <NavMenu selectedPath={route?.path} onNavigate={() => undefined} />
          </Sider>
        )}
        <Content className={route?.fullBleed ? 'jz-content jz-content-full' : 'jz-content'}>
          <Suspense fallback={<Spin className="jz-page-spin" />}>
            <Page />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
