/** The calendar module's public surface (工作日历): other modules import only from here. */
import './calendar.policy.ts';

export { calendarErrors } from './calendar.errors.ts';
export {
  CalendarModule,
  type CalendarOptions,
  type CalendarYearChange,
  type CalendarYearListener,
} from './calendar.module.ts';
export { CALENDAR_POLICY, type CalendarPermission } from './calendar.policy.ts';
export { calendarRoutes } from './calendar.routes.ts';
export type { CalendarTables } from './calendar.table.ts';
export { seedCalendarYears, seedCalendarYearsEverywhere } from './seed-calendar-years.ts';
