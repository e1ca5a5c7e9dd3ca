import type { Permission, Role } from '#contracts';
import { grantPermissions } from '../../platform/access.ts';

/**
 * Who sees and works the battle map (挂图作战); the lead unit (a department scope) is checked per task.
 * - `accountability.read`: the board, tasks, who has not reported, the flags — leaders, administrators,
 *   departments and subdistricts (all tasks: the board is shared on purpose, as the platform was);
 * - `accountability.report`: the Monday report on a task, and a milestone done — staff of the task's
 *   lead department (department scope), or an administrator;
 * - `accountability.manage`: create tasks, compute, override and publish the quarter's flags (administrators);
 *   change a task's status, record meetings, generate, edit and publish the monthly bulletin;
 * - `accountability.subscribe`: subscribe to units and read one's inbox of published flags (leaders).
 */
export type AccountabilityPermission =
  | 'accountability.read'
  | 'accountability.report'
  | 'accountability.manage'
  | 'accountability.subscribe';

/**
 * The one cast: `contracts/src/access.ts` names these in its Permission enum once the app wires the
 * module in; until then they are the same strings, unknown to the enum's type.
 */
export function accountabilityPermission(permission: AccountabilityPermission): Permission {
  return permission as Permission;
}

export const ACCOUNTABILITY_POLICY: Record<AccountabilityPermission, readonly Role[]> = {
  'accountability.read': ['admin', 'city_leader', 'department_staff', 'subdistrict_staff'],
  'accountability.report': ['admin', 'department_staff'],
  'accountability.manage': ['admin'],
  'accountability.subscribe': ['admin', 'city_leader'],
};

grantPermissions(
  Object.fromEntries(
    Object.entries(ACCOUNTABILITY_POLICY).map(([permission, roles]) => [
      accountabilityPermission(permission as AccountabilityPermission),
      roles,
    ]),
  ),
);
