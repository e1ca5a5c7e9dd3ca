import { CalendarAdmin } from '../../modules/calendar/index.ts';

/** `/calendar`: the working calendar's years (calendar.manage). */
export function CalendarPage() {
  return <CalendarAdmin />;
}
