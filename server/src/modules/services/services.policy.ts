import type { Permission, Role } from '#contracts';
import { grantPermissions } from '../../platform/access.ts';

/**
 * Who may do what with services (幸福365). Scope (which site, community or department; a resident's
 * own record) is checked per record and filtered in SQL for lists; these say which roles take part:
 * - `services.read`: the catalogue, sites, open slots; requests in one's scope (residents: their own);
 * - `services.intake`: take a request at a window for any item, for any resident (一窗受理);
 * - `services.handle`: accept and complete requests routed to one's place or department;
 * - `services.rate`: rate one's own finished request;
 * - `appointments.book`: book, move and cancel (residents their own, workers on a resident's behalf);
 * - `appointments.manage`: a site's hours and slots, its day schedule, no-shows;
 * - `stewards.ask`: ask a steward for help (善治红管家; residents for themselves, workers for a resident),
 *   confirm it was done;
 * - `stewards.read`: steward requests and visits in one's scope, counts per steward and grid;
 * - `stewards.serve`: a steward takes, does and records a request; fills the visit checklist.
 */
export type ServicesPermission =
  | 'services.read'
  | 'services.intake'
  | 'services.handle'
  | 'services.rate'
  | 'appointments.book'
  | 'appointments.manage'
  | 'stewards.ask'
  | 'stewards.read'
  | 'stewards.serve';

/**
 * The one cast: `contracts/src/access.ts` names these in its Permission enum once the app wires the
 * module in; until then they are the same strings, unknown to the enum's type.
 */
export function servicesPermission(permission: ServicesPermission): Permission {
  return permission as Permission;
}

const WINDOW_STAFF: readonly Role[] = [
  'admin',
  'subdistrict_staff',
  'community_secretary',
  'community_staff',
  'grid_worker',
];

export const SERVICES_POLICY: Record<ServicesPermission, readonly Role[]> = {
  'services.read': [
    ...WINDOW_STAFF,
    'city_leader',
    'department_staff',
    'grid_assistant',
    'steward',
    'resident',
  ],
  'services.intake': WINDOW_STAFF,
  'services.handle': [...WINDOW_STAFF, 'department_staff'],
  'services.rate': ['resident'],
  'appointments.book': [...WINDOW_STAFF, 'resident'],
  'appointments.manage': WINDOW_STAFF,
  'stewards.ask': [...WINDOW_STAFF, 'grid_assistant', 'resident'],
  'stewards.read': [...WINDOW_STAFF, 'city_leader', 'grid_assistant', 'steward', 'resident'],
  'stewards.serve': ['steward'],
};

grantPermissions(
  Object.fromEntries(
    Object.entries(SERVICES_POLICY).map(([permission, roles]) => [
      servicesPermission(permission as ServicesPermission),
      roles,
    ]),
  ),
);
