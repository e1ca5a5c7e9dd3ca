import type { FastifyRequest } from 'fastify';
import type { Permission, Role, Scope } from '#contracts';
import type { Actor } from './audit.ts';
import { AppError, defineErrorCodes } from './errors.ts';

/**
 * Authorization, decided in one place. Every route declares what it needs (`config.access`); one
 * hook resolves the signed-in account and applies the declaration; services ask `authorize` about
 * a particular resource and its place in the territory. The kernel knows roles and scopes, never a
 * domain: modules declare their grants (`*.policy.ts`) and the territory supplies place chains.
 */

export const accessErrors = defineErrorCodes('access', {
  'access.unauthenticated': {
    status: 401,
    description: 'Sign in first: no session, or it ended (signed out, idle or too old).',
    zh: '请先登录，或登录已过期，请重新登录。',
  },
  'access.invalid_credentials': {
    status: 401,
    description:
      'Wrong username or password. The same answer for an unknown account, so that accounts cannot be discovered.',
    zh: '用户名或密码错误，请重新输入。',
  },
  'access.account_locked': {
    status: 401,
    description: 'Too many failed sign-ins for this username: try again after `details.retryAfterS` seconds.',
    zh: '登录失败次数过多，账号已暂时锁定，请稍后再试。',
  },
  'access.forbidden': {
    status: 403,
    description: 'The account’s role does not allow this action.',
    zh: '您的账号没有此项操作的权限。',
  },
  'access.csrf_failed': {
    status: 403,
    description: 'A write without the X-CSRF-Token of the session.',
    zh: '页面已过期，请刷新页面后重试。',
  },
  'access.password_change_required': {
    status: 403,
    description: 'The password must be changed first (first sign-in, or expired under the MLPS profile).',
    zh: '请先修改密码，再继续使用。',
  },
  'access.weak_password': {
    status: 422,
    description: 'The new password breaks the password policy; `details.rules` lists what.',
    zh: '新密码不符合安全要求，请按提示重新设置。',
  },
  'access.totp_required': {
    status: 401,
    description: 'The password was right; the account has a second factor: send the 6-digit code as `totp`.',
    zh: '请输入身份验证器上的6位动态验证码。',
  },
  'access.totp_invalid': {
    status: 401,
    description: 'The 6-digit code is wrong, expired or already used.',
    zh: '动态验证码错误、已过期或已使用，请重新输入。',
  },
  'access.totp_setup_required': {
    status: 403,
    description: 'Administrators must set up the second factor (TOTP) before anything else.',
    zh: '管理员账号须先设置双重身份验证，才能继续使用。',
  },
  'access.too_many_sign_ins': {
    status: 429,
    description: 'Too many sign-in attempts from this address; retry after the Retry-After header.',
    zh: '登录尝试过于频繁，请稍后再试。',
  },
});

/** The signed-in account, as every later step sees it. */
export interface Principal {
  accountId: number;
  jurisdictionId: number;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  /** Ancestor place ids of the scope's place, itself included (empty for department/self scopes). */
  scopeChain: number[];
  csrfToken: string;
  sessionId: string;
  mustChangePassword: boolean;
  /** An administrator without the second factor where it is required. */
  mustSetUpTotp: boolean;
}

/** What a route requires; a test walks the router and fails on any route without one. */
export type RouteAccess =
  | { public: string }
  | {
      signedIn: true;
      /** Open while the password must change or the second factor must be set up (me, logout, those two). */
      allowDuringAccountSetup?: boolean;
    }
  | { permission: Permission };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

// ---- the policy: role → permissions, declared by modules ---------------------------------------

const grants = new Map<Role, Set<Permission>>();

/** A module's grants: for each permission, the roles that hold it. Called once at import. */
export function grantPermissions(policy: Partial<Record<Permission, readonly Role[]>>): void {
  for (const [permission, roles] of Object.entries(policy) as [Permission, readonly Role[]][]) {
    for (const role of roles) {
      const set = grants.get(role) ?? new Set<Permission>();
      set.add(permission);
      grants.set(role, set);
    }
  }
}

export function permissionsOf(role: Role): Permission[] {
  return [...(grants.get(role) ?? [])].sort();
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return grants.get(role)?.has(permission) ?? false;
}

// ---- the central check --------------------------------------------------------------------------

/** Where a resource sits: the place chain of its place (unit → … → subdistrict), its department, its owner. */
export interface ResourceLocation {
  /** Ids of the resource's place and all its ancestors. */
  placeChain?: readonly number[];
  /** A building the resource is in (stewards and building heads are scoped to buildings). */
  buildingId?: number | null;
  departmentId?: number | null;
  /** The account the record belongs to (a resident's own records). */
  ownerAccountId?: number | null;
}

/** Whether the principal's scope covers the resource's location. */
export function scopeCovers(principal: Principal, resource: ResourceLocation): boolean {
  const { scope } = principal;
  switch (scope.level) {
    case 'jurisdiction':
      return true;
    case 'subdistrict':
    case 'community':
    case 'grid':
      return scope.id !== null && (resource.placeChain ?? []).includes(scope.id);
    case 'building':
      return scope.id !== null && resource.buildingId === scope.id;
    case 'department':
      return scope.id !== null && resource.departmentId === scope.id;
    case 'self':
      return resource.ownerAccountId === principal.accountId;
  }
}

/**
 * The one check of (actor, action, resource, territory). A read that is refused answers as if the
 * record did not exist (404), so nothing leaks; a refused write answers 403.
 */
export function authorize(
  principal: Principal | null,
  permission: Permission,
  resource: ResourceLocation | null,
  options: { notFoundAs?: string } = {},
): asserts principal is Principal {
  if (!principal) throw new AppError('access.unauthenticated', 'Sign in first');
  const allowed =
    hasPermission(principal.role, permission) && (resource === null || scopeCovers(principal, resource));
  if (allowed) return;
  if (options.notFoundAs) throw new AppError('platform.not_found', `${options.notFoundAs} not found`);
  throw new AppError('access.forbidden', `The role ${principal.role} may not ${permission} here`);
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('access.unauthenticated', 'Sign in first');
  return request.principal;
}

/** The actor recorded in the audit log for a request. */
export function actorOf(request: FastifyRequest): Actor {
  return {
    id: request.principal?.username ?? 'anonymous',
    role: request.principal?.role,
    requestId: request.id,
    ip: request.ip,
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Applies a route's declaration to a request whose principal (or none) has been resolved.
 * Throws the AppError the error handler turns into 401/403.
 */
export function enforceRouteAccess(request: FastifyRequest): void {
  const access = request.routeOptions.config.access;
  if (!access)
    throw new AppError('platform.internal', `Route ${request.routeOptions.url} declares no access rule`);
  if ('public' in access) return;
  const principal = request.principal;
  if (!principal) throw new AppError('access.unauthenticated', 'Sign in first');
  if (!SAFE_METHODS.has(request.method)) {
    const token = request.headers['x-csrf-token'];
    if (token !== principal.csrfToken)
      throw new AppError('access.csrf_failed', 'Missing or wrong X-CSRF-Token');
  }
  const setupRoute = 'signedIn' in access && access.allowDuringAccountSetup === true;
  if (principal.mustChangePassword && !setupRoute) {
    throw new AppError('access.password_change_required', 'Change the password first');
  }
  if (principal.mustSetUpTotp && !setupRoute) {
    throw new AppError('access.totp_setup_required', 'Set up the second factor first');
  }
  if ('permission' in access && !hasPermission(principal.role, access.permission)) {
    throw new AppError('access.forbidden', `The role ${principal.role} may not ${access.permission}`);
  }
}
