import { caseViewOf, type Permission, Role } from '#contracts';
import { grantPermissions } from '../../platform/access.ts';
import type { CaseEventType } from './case.lifecycle.ts';

/**
 * Who may do what with cases. The lifecycle (`CASE_MOVES`) decides each move by role, status and
 * scope; these permissions say which roles take part at all, and which kind of move a role may
 * attempt:
 * - `cases.report`: report a case (随手拍) and, as its reporter, rate it;
 * - `cases.read`: see cases in one's scope (own reports for residents and riders);
 * - `cases.handle`: the field moves of the loop (accept … dispatch, acknowledge … verify, close);
 * - `cases.supervise`: urge (督办), reassign, change category or location, with a reason;
 * - `cases.import`: import 12345 hotline work orders (the city centre's administrators and the
 *   subdistricts that receive the hotline's hand-offs; a subdistrict only for points inside it).
 * - `cases.measures`: the measures (考核指标) of the places or the department in one's scope.
 * - `cases.configure`: create and change categories, their departments and time limits (权责清单).
 */
export type CasePermission = Extract<Permission, `cases.${string}`>;

export const CASE_POLICY: Record<CasePermission, readonly Role[]> = {
  'cases.report': [
    'admin',
    'subdistrict_staff',
    'community_secretary',
    'community_staff',
    'grid_worker',
    'grid_assistant',
    'part_time_worker',
    'steward',
    'resident',
  ],
  'cases.read': [
    'admin',
    'city_leader',
    'subdistrict_staff',
    'community_secretary',
    'community_staff',
    'grid_worker',
    'grid_assistant',
    'part_time_worker',
    'steward',
    'department_staff',
    'resident',
  ],
  'cases.handle': [
    'admin',
    'subdistrict_staff',
    'community_secretary',
    'community_staff',
    'grid_worker',
    'department_staff',
  ],
  'cases.supervise': ['admin', 'city_leader', 'subdistrict_staff', 'community_secretary', 'community_staff'],
  'cases.import': ['admin', 'subdistrict_staff'],
  'cases.measures': [
    'admin',
    'city_leader',
    'subdistrict_staff',
    'community_secretary',
    'community_staff',
    'grid_worker',
    'department_staff',
  ],
  'cases.configure': ['admin'],
};

grantPermissions(CASE_POLICY);

/** Roles that see the cases of their place (the rest see their own reports, departments their tasks). */
export const PLACE_VIEWERS: ReadonlySet<Role> = new Set(
  Role.options.filter((role) => caseViewOf(role) === 'place'),
);

/** The permission a move needs before the lifecycle looks at it. */
export function permissionForEvent(type: CaseEventType): CasePermission {
  switch (type) {
    case 'rate':
      return 'cases.report';
    case 'urge':
    case 'reassign':
    case 'recategorise':
    case 'relocate':
      return 'cases.supervise';
    case 'accept':
    case 'reject':
    case 'merge':
    case 'start_handling':
    case 'resolve':
    case 'escalate':
    case 'return_to_grid':
    case 'dispatch':
    case 'acknowledge':
    case 'report_back':
    case 'decline':
    case 'verify':
    case 'fail_verification':
    case 'close':
      return 'cases.handle';
    default: {
      const unknown: never = type;
      throw new RangeError(`unknown event ${String(unknown)}`);
    }
  }
}
