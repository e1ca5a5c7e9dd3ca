import type { Role, ScopeLevel } from '#contracts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { type Db, findDemoAccounts, insertAccounts, insertDepartments } from './access.repository.ts';
import { hashPassword } from './passwords.ts';

/** The demo password of every demo account (demo mode only; never with NODE_ENV=production). */
export const DEMO_PASSWORD = 'Longkou-2229';

/**
 * Departments that answer escalations (37 lead the pilot tasks; these are the ones the article and
 * the multi-grid merge name, and the "3+N" enforcement forces).
 */
export const DEMO_DEPARTMENTS: {
  code: string;
  name: string;
  kind: 'department' | 'enforcement' | 'party';
}[] = [
  { code: 'ZHZF', name: '市综合行政执法局', kind: 'enforcement' },
  { code: 'SCJG', name: '市市场监督管理局', kind: 'enforcement' },
  { code: 'GAJ', name: '市公安局', kind: 'enforcement' },
  { code: 'ZJJ', name: '市住房和城乡建设局', kind: 'department' },
  { code: 'WJJ', name: '市卫生健康局', kind: 'department' },
  { code: 'YJJ', name: '市应急管理局', kind: 'department' },
  { code: 'MZJ', name: '市民政局', kind: 'department' },
  { code: 'ZFW', name: '市委政法委', kind: 'party' },
  { code: 'XFJY', name: '市消防救援大队', kind: 'enforcement' },
  { code: 'ZRZY', name: '市自然资源和规划局', kind: 'department' },
  { code: 'SWJ', name: '市水务局', kind: 'department' },
  { code: 'ZZB', name: '市委组织部', kind: 'party' },
];

/** Places the demo accounts are scoped to, found by the territory seed. */
export interface DemoScopes {
  jurisdictionId: number;
  subdistrictId: number;
  communityId: number;
  /** Two grids of that community. */
  gridIds: [number, number];
  /** A building in the first grid. */
  buildingId: number;
}

interface DemoAccountSpec {
  username: string;
  displayName: string;
  role: Role;
  scope: (s: DemoScopes, departmentId: number) => { level: ScopeLevel; id: number | null };
}

const DEMO_ACCOUNTS: DemoAccountSpec[] = [
  {
    username: 'admin',
    displayName: '系统管理员',
    role: 'admin',
    scope: () => ({ level: 'jurisdiction', id: null }),
  },
  {
    username: 'leader',
    displayName: '王市长（市级领导）',
    role: 'city_leader',
    scope: () => ({ level: 'jurisdiction', id: null }),
  },
  {
    username: 'subdistrict',
    displayName: '东莱街道 李干事',
    role: 'subdistrict_staff',
    scope: (s) => ({ level: 'subdistrict', id: s.subdistrictId }),
  },
  {
    username: 'secretary',
    displayName: '社区书记 郭书记',
    role: 'community_secretary',
    scope: (s) => ({ level: 'community', id: s.communityId }),
  },
  {
    username: 'community',
    displayName: '社区工作人员 张敏',
    role: 'community_staff',
    scope: (s) => ({ level: 'community', id: s.communityId }),
  },
  {
    username: 'grid1',
    displayName: '网格员 刘洋（第一网格）',
    role: 'grid_worker',
    scope: (s) => ({ level: 'grid', id: s.gridIds[0] }),
  },
  {
    username: 'grid2',
    displayName: '网格员 陈静（第二网格）',
    role: 'grid_worker',
    scope: (s) => ({ level: 'grid', id: s.gridIds[1] }),
  },
  {
    username: 'assistant',
    displayName: '网格助理员 赵楼长',
    role: 'grid_assistant',
    scope: (s) => ({ level: 'grid', id: s.gridIds[0] }),
  },
  {
    username: 'rider',
    displayName: '兼职网格员 孙骑手',
    role: 'part_time_worker',
    scope: (s) => ({ level: 'community', id: s.communityId }),
  },
  {
    username: 'steward',
    displayName: '善治红管家 周阿姨',
    role: 'steward',
    scope: (s) => ({ level: 'building', id: s.buildingId }),
  },
  {
    username: 'department',
    displayName: '综合执法局 吴科员',
    role: 'department_staff',
    scope: (_s, d) => ({ level: 'department', id: d }),
  },
  {
    username: 'resident',
    displayName: '居民 马大爷',
    role: 'resident',
    scope: () => ({ level: 'self', id: null }),
  },
];

/** Departments and one demo login per role (two grid workers in two grids of one community). Idempotent. */
export async function seedDemoAccounts(db: Db, scopes: DemoScopes, now: Date): Promise<void> {
  if ((await findDemoAccounts(db)).length > 0) return;
  const departments = await insertDepartments(
    db,
    DEMO_DEPARTMENTS.map((d) => ({ ...d, jurisdictionId: scopes.jurisdictionId })),
  );
  const enforcement = departments[0];
  if (!enforcement) throw new Error('no demo department');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const accounts = await insertAccounts(
    db,
    DEMO_ACCOUNTS.map((spec) => {
      const scope = spec.scope(scopes, enforcement.id);
      return {
        jurisdictionId: scopes.jurisdictionId,
        username: spec.username,
        displayName: spec.displayName,
        role: spec.role,
        scopeLevel: scope.level,
        scopeId: scope.id,
        passwordHash,
        now,
        isDemo: true,
      };
    }),
  );
  await recordAudit(
    db,
    { id: 'seed' },
    {
      jurisdictionId: scopes.jurisdictionId,
      action: 'access.seed_demo_accounts',
      subjectType: 'account',
      details: { accounts: accounts.map((a) => a.username), departments: departments.length },
    },
  );
}

/** The first administrator of a jurisdiction outside the demo: the password is one-time. */
export async function createInitialAdmin(
  db: Db,
  options: { jurisdictionId: number; username: string; password: string; now: Date; actor: Actor },
): Promise<void> {
  const [account] = await insertAccounts(db, [
    {
      jurisdictionId: options.jurisdictionId,
      username: options.username,
      displayName: '系统管理员',
      role: 'admin',
      scopeLevel: 'jurisdiction',
      scopeId: null,
      passwordHash: await hashPassword(options.password),
      now: options.now,
      mustChangePassword: true,
    },
  ]);
  await recordAudit(db, options.actor, {
    jurisdictionId: options.jurisdictionId,
    action: 'access.create_account',
    subjectType: 'account',
    subjectId: account?.id ?? null,
    details: { username: options.username, role: 'admin', mustChangePassword: true },
  });
}
