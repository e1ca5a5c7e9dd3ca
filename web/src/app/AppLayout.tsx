import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Layout, Menu, type MenuProps, Result, Spin } from 'antd';
import { type ReactNode, Suspense, useState } from 'react';
import { UserMenu } from '../modules/auth/index.ts';
import { NotificationBell } from '../modules/notifications/index.ts';
import { NotFoundPage } from '../pages/not-found/NotFoundPage.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';
import { useIsMobile } from '../ui/useMediaQuery.ts';
import { useAuth, useMe } from './auth.tsx';
import { useI18n } from './i18n.ts';
import { navigate, useLocation } from './router.ts';
import { type Access, homePath, matchRoute, menuRoutes, type RouteDef } from './routes.tsx';

const { Header, Sider, Content } = Layout;

function useAccess(): Access {
  const me = useMe();
  const { can } = useAuth();
  return { me, can };
}

interface NavMenuProps {
  selectedPath: string | undefined;
  onNavigate: () => void;
  routes: RouteDef[];
}

function NavMenu({ selectedPath, onNavigate, routes }: NavMenuProps) {
  const { t } = useI18n();
  const items: MenuProps['items'] = routes.map((route) => ({
    key: route.path,
    icon: route.icon,
    label: (
      <a href={route.path} data-testid={`nav-${route.key}`} onClick={(event) => event.preventDefault()}>
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
        // The phone report page is its own entry: load it, do not route to it.
        if (routes.find((route) => route.path === key)?.external) window.location.assign(key);
        else navigate(key);
        onNavigate();
      }}
    />
  );
}

function NoAccess({ home }: { home: string | null }) {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('noAccess.title')}
      subTitle={t('noAccess.sub')}
      extra={
        home ? (
          <Button type="primary" onClick={() => navigate(home)}>
            {t('notFound.back')}
          </Button>
        ) : null
      }
    />
  );
}

function NoPages() {
  const { t } = useI18n();
  return <Result status="info" title={t('noPages.title')} subTitle={t('noPages.sub')} />;
}

/** The page for the path: the route's page, or why there is none. */
function CurrentPage({ route, access }: { route: RouteDef | undefined; access: Access }) {
  const { pathname } = useLocation();
  const home = homePath(access);
  let page: ReactNode;
  if (!route) page = pathname === '/' || pathname === '/login' ? <NoPages /> : <NotFoundPage home={home} />;
  else if (!route.allowed(access)) page = <NoAccess home={home} />;
  else page = <route.Page />;
  return <Suspense fallback={<Spin className="jz-page-spin" />}>{page}</Suspense>;
}

/** Header, side menu (a drawer on phones) by the account's permissions, and the current page. */
export function AppLayout() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const access = useAccess();
  const isMobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const route = matchRoute(pathname);
  const visibleRoutes = menuRoutes(access);
  const home = homePath(access) ?? '/';
  const fullBleed = route?.fullBleed === true && route.allowed(access);
  const hasMenu = visibleRoutes.length > 0;

  return (
    <Layout className="jz-shell">
      <Header className="jz-header">
        {isMobile && hasMenu ? (
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
            navigate(home);
          }}
        >
          <span className="jz-brand-mark">精治</span>
          <span className="jz-brand-sub">{t('app.subtitle')}</span>
        </a>
        <div className="jz-header-spacer" />
        <NotificationBell />
        <LanguageSwitch />
        <UserMenu />
      </Header>
      <Layout>
        {!hasMenu ? null : isMobile ? (
          <Drawer
            placement="left"
            size={240}
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={t('app.menu')}
            styles={{ body: { padding: 0 } }}
          >
            <NavMenu
              routes={visibleRoutes}
              selectedPath={route?.path}
              onNavigate={() => setDrawerOpen(false)}
            />
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
            <NavMenu routes={visibleRoutes} selectedPath={route?.path} onNavigate={() => undefined} />
          </Sider>
        )}
        <Content className={fullBleed ? 'jz-content jz-content-full' : 'jz-content'}>
          <CurrentPage route={route} access={access} />
        </Content>
      </Layout>
    </Layout>
  );
}
