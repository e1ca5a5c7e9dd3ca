import { defineErrorCodes } from '../../platform/errors.ts';

/** The calendar module's error codes. */
export const calendarErrors = defineErrorCodes('calendar', {
  'calendar.year_invalid': {
    status: 422,
    description:
      'The year’s holidays and make-up working days are inconsistent: a date outside the year, a holiday ending before it starts or overlapping another, a make-up day on a weekday, inside a holiday or listed twice, or dates for a year marked not loaded (`details.errors`).',
    zh: '该年度节假日或调休安排有误，请按提示核对日期后保存。',
  },
});
