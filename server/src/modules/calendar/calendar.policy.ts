import type { Permission, Role } from '#contracts';
import { grantPermissions } from '../../platform/access.ts';

/**
 * Who keeps the working calendar: `calendar.manage` lists the years loaded and saves a year's
 * holidays and make-up working days (administrators: the deadlines of every case depend on it).
 */
export type CalendarPermission = Extract<Permission, `calendar.${string}`>;

export const CALENDAR_POLICY: Record<CalendarPermission, readonly Role[]> = {
  'calendar.manage': ['admin'],
};

grantPermissions(CALENDAR_POLICY);
