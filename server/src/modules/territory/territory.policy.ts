import { grantPermissions } from '../../platform/access.ts';

/** Who may read and change the territory. The map and its names are not personal data: all staff read them. */
grantPermissions({
  'territory.read': [
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
  ],
  'territory.write': ['admin'],
});
