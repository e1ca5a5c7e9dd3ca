import {
  AlertOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  BranchesOutlined,
  CalendarOutlined,
  CameraOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  CommentOutlined,
  EditOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  FlagOutlined,
  FundProjectionScreenOutlined,
  HeartOutlined,
  HeatMapOutlined,
  HistoryOutlined,
  IdcardOutlined,
  InboxOutlined,
  NotificationOutlined,
  ScheduleOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
  TrophyOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { type ComponentType, lazy, type ReactNode } from 'react';
import type { Me, Permission, Role } from '#contracts';
import { TerritoryPage } from '../pages/territory/TerritoryPage.tsx';
import type { MessageKey } from './i18n.ts';

/** What a route's visibility depends on: the signed-in account and its permissions. */
export interface Access {
  me: Me;
  can: (permission: Permission) => boolean;
}

export interface RouteDef {
  path: string;
  /** `nav-<key>` is the menu item's data-testid. */
  key: string;
  labelKey: MessageKey;
  icon: ReactNode;
  Page: ComponentType;
  /** Whether this account may open the page (and sees it in the menu). */
  allowed: (access: Access) => boolean;
  /** Pages reached from elsewhere (the user menu) stay out of the side menu. */
  hidden?: boolean;
  /** Full-bleed pages (the map) manage their own padding and height. */
  fullBleed?: boolean;
  /** Paths with parameters (`/cases/:id`): matched by this instead of `path`. */
  pattern?: RegExp;
  /** A page outside this app (the phone report page's own entry): the menu loads it in full. */
  external?: boolean;
  /** Roles whose work starts here: `/` and a fresh sign-in open this page, not the menu's first. */
  homeFor?: readonly Role[];
}

const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));

const LegacyLayersPage = page(
  () => import('../pages/legacy-layers/LegacyLayersPage.tsx'),
  'LegacyLayersPage',
);
const ChangesPage = page(() => import('../pages/changes/ChangesPage.tsx'), 'ChangesPage');
const StaffPage = page(() => import('../pages/staff/StaffPage.tsx'), 'StaffPage');
const ResidentsPage = page(() => import('../pages/residents/ResidentsPage.tsx'), 'ResidentsPage');
const PartyPage = page(() => import('../pages/party/PartyPage.tsx'), 'PartyPage');
const AuditPage = page(() => import('../pages/audit/AuditPage.tsx'), 'AuditPage');
const MyInfoPage = page(() => import('../pages/me/MyInfoPage.tsx'), 'MyInfoPage');
const PasswordPage = page(() => import('../pages/password/PasswordPage.tsx'), 'PasswordPage');
const TwoFactorPage = page(() => import('../pages/two-factor/TwoFactorPage.tsx'), 'TwoFactorPage');
const MyQueuePage = page(() => import('../pages/cases/CaseQueuePages.tsx'), 'MyQueuePage');
const EscalationsPage = page(() => import('../pages/cases/CaseQueuePages.tsx'), 'EscalationsPage');
const DepartmentInboxPage = page(() => import('../pages/cases/CaseQueuePages.tsx'), 'DepartmentInboxPage');
const CaseListPage = page(() => import('../pages/cases/CaseListPage.tsx'), 'CaseListPage');
const CasePage = page(() => import('../pages/cases/CasePage.tsx'), 'CasePage');
const CaseMeasuresPage = page(() => import('../pages/cases/CaseMeasuresPage.tsx'), 'CaseMeasuresPage');
const CaseMapPage = page(() => import('../pages/cases/CaseMapPage.tsx'), 'CaseMapPage');
const PledgesPage = page(() => import('../pages/performance/PledgesPage.tsx'), 'PledgesPage');
const LiaisonPage = page(() => import('../pages/performance/LiaisonPage.tsx'), 'LiaisonPage');
const ReportsPage = page(() => import('../pages/performance/ReportsPage.tsx'), 'ReportsPage');
const AssessmentPage = page(() => import('../pages/performance/AssessmentPage.tsx'), 'AssessmentPage');
const ReportRedirectPage = page(() => import('../pages/cases/CasePage.tsx'), 'ReportRedirectPage');
const CaseImportPage = page(() => import('../pages/cases/CaseImportPage.tsx'), 'CaseImportPage');
const accountabilityPage = <K extends string>(name: K) =>
  page(
    () => import('../pages/accountability/AccountabilityPages.tsx') as Promise<Record<K, ComponentType>>,
    name,
  );
const AccountabilityBoardPage = accountabilityPage('AccountabilityBoardPage');
const AccountabilityTaskPage = accountabilityPage('AccountabilityTaskPage');
const AccountabilityReportPage = accountabilityPage('AccountabilityReportPage');
const AccountabilityMeetingsPage = accountabilityPage('AccountabilityMeetingsPage');
const AccountabilityBulletinsPage = accountabilityPage('AccountabilityBulletinsPage');
const AccountabilityBulletinPrintPage = accountabilityPage('AccountabilityBulletinPrintPage');
const AccountabilityFlagsPage = accountabilityPage('AccountabilityFlagsPage');
const AccountabilityDutyListPage = accountabilityPage('AccountabilityDutyListPage');
const AccountabilityDutyPage = accountabilityPage('AccountabilityDutyPage');
const CategoriesPage = page(() => import('../pages/cases/CategoriesPage.tsx'), 'CategoriesPage');
const CalendarPage = page(() => import('../pages/calendar/CalendarPage.tsx'), 'CalendarPage');
const MyServicesPage = page(() => import('../pages/services/ServicesPages.tsx'), 'MyServicesPage');
const DeskPage = page(() => import('../pages/services/ServicesPages.tsx'), 'DeskPage');
const SchedulePage = page(() => import('../pages/services/ServicesPages.tsx'), 'SchedulePage');
const StewardsPage = page(() => import('../pages/services/ServicesPages.tsx'), 'StewardsPage');
const DeliberationListPage = page(
  () => import('../pages/deliberation/DeliberationPages.tsx'),
  'DeliberationListPage',
);
const MatterPage = page(() => import('../pages/deliberation/DeliberationPages.tsx'), 'MatterPage');
const MyMattersPage = page(() => import('../pages/deliberation/DeliberationPages.tsx'), 'MyMattersPage');

/**
 * Territory administration (the legacy-layer merge, boundary history) is for staff who work a
 * place; department staff read the map only, until dispatch gives them their own pages.
 */
const worksAPlace = ({ me }: Access) => me.scope.level !== 'department' && me.scope.level !== 'self';

/** Work queues by where the account works: the grid, the community or subdistrict, a department. */
const handlesAt =
  (...levels: Me['scope']['level'][]) =>
  ({ me, can }: Access) =>
    can('cases.handle') && levels.includes(me.scope.level);

/**
 * The route table; its order is the menu's. `/` opens the page the role's work starts on
 * (`homeFor`), else the first page the account may see.
 */
export const routes: readonly RouteDef[] = [
  {
    path: '/cases/queue',
    key: 'cases-queue',
    labelKey: 'menu.casesQueue',
    icon: <AlertOutlined />,
    Page: MyQueuePage,
    allowed: handlesAt('grid'),
  },
  {
    path: '/cases/escalations',
    key: 'cases-escalations',
    labelKey: 'menu.casesEscalations',
    icon: <NotificationOutlined />,
    Page: EscalationsPage,
    allowed: handlesAt('community', 'subdistrict'),
  },
  {
    path: '/cases/inbox',
    key: 'cases-inbox',
    labelKey: 'menu.casesInbox',
    icon: <InboxOutlined />,
    Page: DepartmentInboxPage,
    allowed: handlesAt('department'),
  },
  {
    path: '/territory',
    key: 'territory',
    labelKey: 'menu.territory',
    icon: <EnvironmentOutlined />,
    Page: TerritoryPage,
    allowed: ({ can }) => can('territory.read'),
    fullBleed: true,
  },
  {
    path: '/cases',
    key: 'cases-list',
    labelKey: 'menu.casesList',
    icon: <UnorderedListOutlined />,
    Page: CaseListPage,
    allowed: ({ can }) => can('cases.read'),
    // A rider's job is reporting problems: they start on their own reports.
    homeFor: ['part_time_worker'],
  },
  {
    path: '/cases/measures',
    key: 'cases-measures',
    labelKey: 'menu.casesMeasures',
    icon: <BarChartOutlined />,
    Page: CaseMeasuresPage,
    allowed: ({ can }) => can('cases.measures'),
    // A city leader reads how places and departments perform.
    homeFor: ['city_leader'],
  },
  {
    path: '/cases/map',
    key: 'cases-map',
    labelKey: 'menu.casesMap',
    icon: <HeatMapOutlined />,
    Page: CaseMapPage,
    // Whoever sees cases by place or department (not only their own reports).
    allowed: ({ can }) => can('cases.handle') || can('cases.supervise'),
    fullBleed: true,
  },
  {
    path: '/report.html',
    key: 'cases-report',
    labelKey: 'menu.casesReport',
    icon: <CameraOutlined />,
    Page: ReportRedirectPage,
    allowed: ({ can }) => can('cases.report'),
    external: true,
  },
  {
    path: '/cases/import',
    key: 'cases-import',
    labelKey: 'menu.casesImport',
    icon: <CloudUploadOutlined />,
    Page: CaseImportPage,
    allowed: ({ can }) => can('cases.import'),
  },
  {
    path: '/cases/:id',
    pattern: /^\/cases\/\d{1,9}$/,
    key: 'case',
    labelKey: 'menu.casesList',
    icon: <UnorderedListOutlined />,
    Page: CasePage,
    allowed: ({ can }) => can('cases.read'),
    hidden: true,
  },
  {
    path: '/my/services',
    key: 'my-services',
    labelKey: 'menu.myServices',
    icon: <ShopOutlined />,
    Page: MyServicesPage,
    allowed: ({ me, can }) => me.role === 'resident' && can('appointments.book'),
  },
  {
    path: '/my/matters',
    key: 'my-matters',
    labelKey: 'menu.myMatters',
    icon: <CommentOutlined />,
    Page: MyMattersPage,
    allowed: ({ can }) => can('deliberation.vote'),
  },
  {
    path: '/services/desk',
    key: 'services-desk',
    labelKey: 'menu.servicesDesk',
    icon: <SolutionOutlined />,
    Page: DeskPage,
    allowed: ({ me, can }) => can('services.read') && me.role !== 'resident' && me.role !== 'steward',
  },
  {
    path: '/services/schedule',
    key: 'services-schedule',
    labelKey: 'menu.servicesSchedule',
    icon: <CalendarOutlined />,
    Page: SchedulePage,
    allowed: ({ can }) => can('appointments.manage'),
  },
  {
    path: '/stewards',
    key: 'stewards',
    labelKey: 'menu.stewards',
    icon: <HeartOutlined />,
    Page: StewardsPage,
    allowed: ({ me, can }) => can('stewards.read') && me.role !== 'resident',
  },
  {
    path: '/deliberation',
    key: 'deliberation',
    labelKey: 'menu.deliberation',
    icon: <ScheduleOutlined />,
    Page: DeliberationListPage,
    allowed: ({ me, can }) => can('deliberation.read') && me.role !== 'resident',
  },
  {
    path: '/deliberation/:id',
    pattern: /^\/deliberation\/\d{1,9}(\/print)?$/,
    key: 'matter',
    labelKey: 'menu.deliberation',
    icon: <ScheduleOutlined />,
    Page: MatterPage,
    allowed: ({ me, can }) => can('deliberation.read') && me.role !== 'resident',
    hidden: true,
  },
  {
    path: '/legacy-layers',
    key: 'legacy-layers',
    labelKey: 'menu.legacyLayers',
    icon: <BranchesOutlined />,
    Page: LegacyLayersPage,
    allowed: (access) => access.can('territory.read') && worksAPlace(access),
  },
  {
    path: '/changes',
    key: 'changes',
    labelKey: 'menu.changes',
    icon: <HistoryOutlined />,
    Page: ChangesPage,
    allowed: (access) => access.can('territory.read') && worksAPlace(access),
  },
  // The battle map (挂图作战): board, Monday report, meetings, bulletin, flags, duty record.
  {
    path: '/accountability',
    key: 'acc-board',
    labelKey: 'menu.accBoard',
    icon: <FundProjectionScreenOutlined />,
    Page: AccountabilityBoardPage,
    allowed: ({ can }) => can('accountability.read'),
  },
  {
    path: '/accountability/tasks/:id',
    pattern: /^\/accountability\/tasks\/\d{1,9}$/,
    key: 'acc-task',
    labelKey: 'menu.accBoard',
    icon: <FundProjectionScreenOutlined />,
    Page: AccountabilityTaskPage,
    allowed: ({ can }) => can('accountability.read'),
    hidden: true,
  },
  {
    path: '/accountability/report',
    key: 'acc-report',
    labelKey: 'menu.accReport',
    icon: <EditOutlined />,
    Page: AccountabilityReportPage,
    allowed: ({ can }) => can('accountability.report'),
  },
  {
    path: '/accountability/meetings',
    key: 'acc-meetings',
    labelKey: 'menu.accMeetings',
    icon: <CalendarOutlined />,
    Page: AccountabilityMeetingsPage,
    allowed: ({ can }) => can('accountability.read'),
  },
  {
    path: '/accountability/bulletins',
    key: 'acc-bulletins',
    labelKey: 'menu.accBulletins',
    icon: <FileTextOutlined />,
    Page: AccountabilityBulletinsPage,
    allowed: ({ can }) => can('accountability.read'),
  },
  {
    path: '/accountability/bulletins/:id/print',
    pattern: /^\/accountability\/bulletins\/\d{1,9}\/print$/,
    key: 'acc-bulletin-print',
    labelKey: 'menu.accBulletins',
    icon: <FileTextOutlined />,
    Page: AccountabilityBulletinPrintPage,
    allowed: ({ can }) => can('accountability.read'),
    hidden: true,
  },
  {
    path: '/accountability/flags',
    key: 'acc-flags',
    labelKey: 'menu.accFlags',
    icon: <TrophyOutlined />,
    Page: AccountabilityFlagsPage,
    allowed: ({ can }) => can('accountability.read'),
  },
  {
    path: '/accountability/duty',
    key: 'acc-duty',
    labelKey: 'menu.accDuty',
    icon: <SolutionOutlined />,
    Page: AccountabilityDutyListPage,
    allowed: ({ can }) => can('accountability.read'),
  },
  {
    path: '/accountability/duty/:id',
    pattern: /^\/accountability\/duty\/\d{1,9}$/,
    key: 'acc-duty-unit',
    labelKey: 'menu.accDuty',
    icon: <SolutionOutlined />,
    Page: AccountabilityDutyPage,
    allowed: ({ can }) => can('accountability.read'),
    hidden: true,
  },
  {
    path: '/staff',
    key: 'staff',
    labelKey: 'menu.staff',
    icon: <TeamOutlined />,
    Page: StaffPage,
    allowed: ({ can }) => can('people.read'),
  },
  {
    path: '/residents',
    key: 'residents',
    labelKey: 'menu.residents',
    icon: <IdcardOutlined />,
    Page: ResidentsPage,
    allowed: ({ can }) => can('residents.read'),
  },
  {
    path: '/party',
    key: 'party',
    labelKey: 'menu.party',
    icon: <FlagOutlined />,
    Page: PartyPage,
    allowed: ({ can }) => can('party.read'),
  },
  {
    path: '/cases/categories',
    key: 'case-categories',
    labelKey: 'menu.caseCategories',
    icon: <AppstoreOutlined />,
    Page: CategoriesPage,
    allowed: ({ can }) => can('cases.configure'),
  },
  {
    path: '/calendar',
    key: 'calendar',
    labelKey: 'menu.calendar',
    icon: <CalendarOutlined />,
    Page: CalendarPage,
    allowed: ({ can }) => can('calendar.manage'),
  },
  {
    path: '/performance/pledges',
    key: 'performance-pledges',
    labelKey: 'menu.performancePledges',
    icon: <CheckSquareOutlined />,
    Page: PledgesPage,
    allowed: ({ can }) => can('performance.read'),
  },
  {
    path: '/performance/liaison',
    key: 'performance-liaison',
    labelKey: 'menu.performanceLiaison',
    icon: <CarryOutOutlined />,
    Page: LiaisonPage,
    allowed: ({ can }) => can('performance.read'),
  },
  {
    path: '/performance/reports',
    key: 'performance-reports',
    labelKey: 'menu.performanceReports',
    icon: <FileTextOutlined />,
    Page: ReportsPage,
    allowed: ({ can }) => can('performance.read'),
  },
  {
    path: '/performance/assessment',
    key: 'performance-assessment',
    labelKey: 'menu.performanceAssessment',
    icon: <BarChartOutlined />,
    Page: AssessmentPage,
    allowed: ({ can }) => can('performance.read'),
  },
  {
    path: '/audit',
    key: 'audit',
    labelKey: 'menu.audit',
    icon: <AuditOutlined />,
    Page: AuditPage,
    allowed: ({ can }) => can('audit.read'),
  },
  {
    path: '/me',
    key: 'me',
    labelKey: 'menu.me',
    icon: <UserOutlined />,
    Page: MyInfoPage,
    allowed: ({ can }) => can('self.read'),
  },
  {
    path: '/password',
    key: 'password',
    labelKey: 'menu.password',
    icon: <UserOutlined />,
    Page: PasswordPage,
    allowed: () => true,
    hidden: true,
  },
  {
    path: '/two-factor',
    key: 'two-factor',
    labelKey: 'totp.menu',
    icon: <UserOutlined />,
    Page: TwoFactorPage,
    allowed: ({ me }) => me.role !== 'resident',
    hidden: true,
  },
];

/** The side menu's routes for this account. */
export const menuRoutes = (access: Access): RouteDef[] =>
  routes.filter((route) => !route.hidden && route.allowed(access));

/**
 * Where `/` and a fresh sign-in lead: the menu page the account's role starts on, else the first
 * menu page it may open (null: none).
 */
export function homePath(access: Access): string | null {
  const menu = menuRoutes(access);
  const home = menu.find((route) => route.homeFor?.includes(access.me.role)) ?? menu[0];
  return home?.path ?? null;
}

const normalize = (pathname: string): string =>
  pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;

/** The route for a path; undefined for an unknown path (and for `/`, which redirects). */
export function matchRoute(pathname: string): RouteDef | undefined {
  const path = normalize(pathname);
  return routes.find((route) => (route.pattern ? route.pattern.test(path) : route.path === path));
}

/**
 * The `next` of `/login?next=…`, if it is a path of this app the account may open: a local path
 * only (never `//host` or a URL), so the parameter cannot send anyone elsewhere.
 */
export function safeNext(next: string | null, access: Access): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  const url = new URL(next, window.location.origin);
  if (url.origin !== window.location.origin) return null;
  const route = matchRoute(url.pathname);
  if (!route?.allowed(access)) return null;
  return url.pathname + url.search;
}
