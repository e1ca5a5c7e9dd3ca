import { BranchesOutlined, EnvironmentOutlined, HistoryOutlined } from '@ant-design/icons';
import { type ComponentType, lazy, type ReactNode } from 'react';
import { TerritoryPage } from '../pages/territory/TerritoryPage.tsx';
import type { MessageKey } from './i18n.ts';

export interface RouteDef {
  path: string;
  labelKey: MessageKey;
  icon: ReactNode;
  Page: ComponentType;
  /** Full-bleed pages (the map) manage their own padding and height. */
  fullBleed?: boolean;
}

const LegacyLayersPage = lazy(() =>
  import('../pages/legacy-layers/LegacyLayersPage.tsx').then((m) => ({ default: m.LegacyLayersPage })),
);
const ChangesPage = lazy(() =>
  import('../pages/changes/ChangesPage.tsx').then((m) => ({ default: m.ChangesPage })),
);

/** The route table; its order is the menu's. `/` shows the territory map. */
export const routes: readonly RouteDef[] = [
  {
    path: '/territory',
    labelKey: 'menu.territory',
    icon: <EnvironmentOutlined />,
    Page: TerritoryPage,
    fullBleed: true,
  },
  {
    path: '/legacy-layers',
    labelKey: 'menu.legacyLayers',
    icon: <BranchesOutlined />,
    Page: LegacyLayersPage,
  },
  { path: '/changes', labelKey: 'menu.changes', icon: <HistoryOutlined />, Page: ChangesPage },
];

export const defaultRoute: RouteDef = routes[0] as RouteDef;

/** The route for a path; undefined for an unknown path. */
export function matchRoute(pathname: string): RouteDef | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/' || path === '') return defaultRoute;
  return routes.find((route) => route.path === path);
}
