import { grantPermissions } from '../../platform/access.ts';

/**
 * Who may see people and personal data. Scope (which grid, community, building …) is checked per
 * record and filtered in SQL for lists; this says which roles hold each permission at all.
 * Moving a worker's posting (`people.write`) is granted by the access module (administrators).
 */
grantPermissions({
  'people.read': [
    'admin',
    'city_leader',
    'subdistrict_staff',
    'community_secretary',
    'community_staff',
    'grid_worker',
  ],
  'residents.read': [
    'admin',
    'city_leader',
    'subdistrict_staff',
    'community_secretary',
    'community_staff',
    'grid_worker',
    'grid_assistant',
    'steward',
  ],
  'residents.write': ['admin', 'subdistrict_staff', 'community_secretary', 'community_staff', 'grid_worker'],
  'residents.unmask': ['admin', 'community_secretary', 'grid_worker'],
  'party.read': ['admin', 'city_leader', 'subdistrict_staff', 'community_secretary'],
  'self.read': ['resident'],
});
