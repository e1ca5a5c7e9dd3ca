import type { Permission, Role } from '#contracts';
import { grantPermissions } from '../../platform/access.ts';

/**
 * Who works the performance module (履职考评):
 * - `performance.read`: projects and pledges, liaison visits and compliance, reports, assessment
 *   tables — leaders, administrators, subdistricts, community secretaries, departments;
 * - `performance.pledge`: make projects and pledges, claim fulfilment — secretaries at each level
 *   (community secretaries, subdistrict staff, city leaders) and administrators;
 * - `performance.review`: accept or send back a pledge (the level above, checked per pledge) and score
 *   half-year reports — city leaders, subdistrict staff, administrators;
 * - `performance.liaison`: log a visit to the linked community — city leaders, department heads;
 * - `performance.report`: submit the half-year report — community secretaries (their own community);
 * - `performance.manage`: liaison links, rubrics, assessment templates, manual values (audited).
 */
export const PERFORMANCE_POLICY: Record<PerformancePermission, readonly Role[]> = {
  'performance.read': [
    'admin',
    'city_leader',
    'subdistrict_staff',
    'community_secretary',
    'department_staff',
  ],
  'performance.pledge': ['admin', 'city_leader', 'subdistrict_staff', 'community_secretary'],
  'performance.review': ['admin', 'city_leader', 'subdistrict_staff'],
  'performance.liaison': ['admin', 'city_leader', 'department_staff'],
  'performance.report': ['admin', 'community_secretary'],
  'performance.manage': ['admin'],
};

export type PerformancePermission = Extract<Permission, `performance.${string}`>;

grantPermissions(PERFORMANCE_POLICY);
