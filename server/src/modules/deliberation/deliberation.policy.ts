import type { Permission, Role } from '#contracts';
import { grantPermissions } from '../../platform/access.ts';

/**
 * Who takes part in deliberation at all; the template says who acts at each step, and scope (the
 * matter's grid) is checked per matter and filtered in SQL for lists.
 * - `deliberation.read`: see the matters of one's scope and print their records;
 * - `deliberation.manage`: open matters, post on the online line, record meetings and paper
 *   ballots, complete steps (as the template allows) — community secretaries and grid workers;
 * - `deliberation.vote`: a resident's part — vote for their household and comment online, in the
 *   grid of their household;
 * - `deliberation.configure`: edit the jurisdiction's template (administrators).
 */
export type DeliberationPermission =
  | 'deliberation.read'
  | 'deliberation.manage'
  | 'deliberation.vote'
  | 'deliberation.configure';

/**
 * The one cast: `contracts/src/access.ts` names these in its Permission enum once the app wires the
 * module in; until then they are the same strings, unknown to the enum's type.
 */
export function deliberationPermission(permission: DeliberationPermission): Permission {
  return permission as Permission;
}

export const DELIBERATION_POLICY: Record<DeliberationPermission, readonly Role[]> = {
  'deliberation.read': [
    'admin',
    'city_leader',
    'subdistrict_staff',
    'community_secretary',
    'community_staff',
    'grid_worker',
  ],
  'deliberation.manage': ['community_secretary', 'grid_worker'],
  'deliberation.vote': ['resident'],
  'deliberation.configure': ['admin'],
};

grantPermissions(
  Object.fromEntries(
    Object.entries(DELIBERATION_POLICY).map(([permission, roles]) => [
      deliberationPermission(permission as DeliberationPermission),
      roles,
    ]),
  ),
);
