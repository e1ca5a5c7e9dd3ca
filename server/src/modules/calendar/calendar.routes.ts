import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CalendarYear, CalendarYearList, CalendarYearParams, CalendarYearRequest } from '#contracts';
import { actorOf, requirePrincipal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { errorResponses } from '../../platform/route-schemas.ts';
import type { CalendarModule } from './calendar.module.ts';
import { listCalendarYears, saveCalendarYear } from './calendar.service.ts';

const tags = ['calendar 工作日历'];

/** Thin routes: validate, authenticate, open the transaction, call one service, return what it presents. */
export function calendarRoutes(calendars: CalendarModule, clock: Clock): FastifyPluginAsyncZod {
  return async (app) => {
    const { db } = calendars;

    app.get(
      '/api/calendar/years',
      {
        config: { access: { permission: 'calendar.manage' } },
        schema: {
          tags,
          summary:
            'The years of the working calendar (holidays, make-up working days, office hours) and the years deadlines need that are not loaded',
          response: { 200: CalendarYearList, ...errorResponses },
        },
      },
      async (request) =>
        listCalendarYears(db, { principal: requirePrincipal(request), calendars, now: clock.now() }),
    );

    app.put(
      '/api/calendar/years/:year',
      {
        config: { access: { permission: 'calendar.manage' } },
        schema: {
          tags,
          summary:
            'Load or correct one year (国务院办公厅 notice): every date inside the year, make-up days only on weekends and never inside a holiday. Open cases’ deadlines are recomputed; audited',
          params: CalendarYearParams,
          body: CalendarYearRequest,
          response: { 200: CalendarYear, ...errorResponses },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const saved = await db.transaction().execute((trx) =>
          saveCalendarYear(trx, {
            principal,
            actor: actorOf(request),
            calendars,
            year: request.params.year,
            request: request.body,
            now: clock.now(),
          }),
        );
        calendars.yearChanged(principal.jurisdictionId);
        return saved;
      },
    );
  };
}
