import type { Role } from './access.ts';

/**
 * What a role's case list holds (its view of cases): the cases of its place (a grid, community,
 * subdistrict or the whole city), the tasks dispatched to its department, or only the cases it
 * reported or follows (我的上报). The server's scope rules and the pages both read it from here.
 */
export type CaseView = 'place' | 'department' | 'own_reports';

export function caseViewOf(role: Role): CaseView {
  switch (role) {
    case 'admin':
    case 'city_leader':
    case 'subdistrict_staff':
    case 'community_secretary':
    case 'community_staff':
    case 'grid_worker':
      return 'place';
    case 'department_staff':
      return 'department';
    case 'grid_assistant':
    case 'part_time_worker':
    case 'steward':
    case 'resident':
      return 'own_reports';
    default: {
      const unknown: never = role;
      throw new RangeError(`unknown role ${String(unknown)}`);
    }
  }
}
