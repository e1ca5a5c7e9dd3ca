import type { CalendarYear, CalendarYearList, CalendarYearRequest } from '#contracts';
import { apiGet, apiRequest } from '../../../app/api.ts';

/** The working calendar's years (contract: contracts/src/calendar.ts; server: modules/calendar). */

export const fetchCalendarYears = (signal?: AbortSignal): Promise<CalendarYearList> =>
  apiGet<CalendarYearList>('/api/calendar/years', undefined, signal);

export const saveCalendarYear = (year: number, body: CalendarYearRequest): Promise<CalendarYear> =>
  apiRequest<CalendarYear>(`/api/calendar/years/${year}`, { method: 'PUT', body });
