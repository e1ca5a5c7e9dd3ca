/** 工作日历: statutory holidays and make-up working days per year, for administrators. */
export { CalendarAdmin } from './components/CalendarAdmin.tsx';
