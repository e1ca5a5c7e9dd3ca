import { z } from 'zod';
import { calendarLimits } from './limits.ts';

/**
 * The working calendar's years (工作日历, 节假日安排): statutory holidays (休) and make-up working days
 * (调休上班) per year, as an administrator loads them from the State Council's notice. The server
 * checks each year's consistency (`platform/working-calendar.ts` `parseCalendarYear`).
 */

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const Name = z.string().trim().min(1).max(calendarLimits.maxNameLength);

export const CalendarHoliday = z.strictObject({ name: Name, from: IsoDate, to: IsoDate });
export type CalendarHoliday = z.infer<typeof CalendarHoliday>;

export const CalendarMakeUpDay = z.strictObject({ name: Name, date: IsoDate });
export type CalendarMakeUpDay = z.infer<typeof CalendarMakeUpDay>;

export const CalendarYearNumber = z.coerce
  .number()
  .int()
  .min(calendarLimits.minYear)
  .max(calendarLimits.maxYear);

export const CalendarYearParams = z.object({ year: CalendarYearNumber });

// ---- PUT /api/calendar/years/:year ------------------------------------------------------------
export const CalendarYearRequest = z.strictObject({
  /** false: no official arrangement is known yet; deadlines touching the year stay flagged. */
  loaded: z.boolean(),
  /** The notice the dates come from, e.g. 国办发明电〔2024〕12号. */
  source: z.string().trim().min(1).max(calendarLimits.maxSourceLength),
  holidays: z.array(CalendarHoliday).max(calendarLimits.maxHolidays),
  makeUpWorkdays: z.array(CalendarMakeUpDay).max(calendarLimits.maxMakeUpDays),
});
export type CalendarYearRequest = z.infer<typeof CalendarYearRequest>;

// ---- responses ----------------------------------------------------------------------------------
export const CalendarYear = z.object({
  year: z.number().int(),
  loaded: z.boolean(),
  source: z.string(),
  holidays: z.array(CalendarHoliday),
  makeUpWorkdays: z.array(CalendarMakeUpDay),
  /** Days off in the year's holidays (weekends inside them included). */
  holidayDays: z.number().int(),
  /** built_in: as shipped (working-calendar.data.ts); edited: saved by an administrator. */
  origin: z.enum(['built_in', 'edited']),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type CalendarYear = z.infer<typeof CalendarYear>;

export const CalendarYearList = z.object({
  years: z.array(CalendarYear),
  /** Office hours every working day (local time). */
  officeHours: z.array(z.object({ start: z.string(), end: z.string() })),
  /** The years deadlines need now: this year and the next (cases reported late in the year run into it). */
  neededYears: z.array(z.number().int()),
  /** Needed years without data: deadlines in them are Monday–Friday estimates, flagged as uncertain. */
  missingYears: z.array(z.number().int()),
});
export type CalendarYearList = z.infer<typeof CalendarYearList>;
