import { describe, expect, it } from 'vitest';
import type { OpeningHours } from '#contracts/services.ts';
import { CALENDAR_YEARS } from '../../platform/working-calendar.data.ts';
import { createWorkingCalendar } from '../../platform/working-calendar.ts';
import { checkOpening, isoWeekday, localTime } from './opening-hours.ts';

const calendar = createWorkingCalendar(CALENDAR_YEARS);
const day = [{ start: '08:30', end: '17:30', extended: false }];
const evening = { start: '18:00', end: '21:00', extended: true };
const hours = (holidays: OpeningHours['holidays']): OpeningHours => ({
  weekdays: {
    1: [...day, evening],
    2: day,
    3: day,
    4: day,
    5: day,
    6: [{ start: '09:00', end: '12:00', extended: true }],
    7: [],
  },
  holidays,
});
const at = (local: string) => new Date(`${local}+08:00`);

describe('opening hours', () => {
  it('reads Shanghai dates and weekdays', () => {
    expect(localTime(at('2026-10-02T20:30:00'))).toEqual({ date: '2026-10-02', minutes: 20 * 60 + 30 });
    expect(isoWeekday('2026-10-02')).toBe(5);
    expect(isoWeekday('2026-10-04')).toBe(7);
  });

  it('uses the holiday hours on a statutory holiday, not the weekday ones', () => {
    const slot = [at('2026-10-02T20:30:00'), at('2026-10-02T21:00:00')] as const;
    expect(checkOpening(hours([evening]), calendar, ...slot)).toMatchObject({
      open: true,
      dayKind: 'holiday',
    });
    expect(
      checkOpening(hours([{ start: '09:00', end: '12:00', extended: false }]), calendar, ...slot).open,
    ).toBe(false);
    expect(checkOpening(hours([]), calendar, ...slot).open).toBe(false);
  });

  it('keeps Monday hours on a make-up working day and weekday hours otherwise', () => {
    // 2026-09-20 (Sunday) is a make-up working day for the National Day holiday.
    const info = calendar.describeDay('2026-09-20');
    const evening20 = [at(`${info.date}T20:00:00`), at(`${info.date}T20:30:00`)] as const;
    expect(checkOpening(hours([]), calendar, ...evening20).open).toBe(info.kind === 'make_up_workday');
    expect(checkOpening(hours([]), calendar, at('2026-11-30T20:30:00'), at('2026-11-30T21:00:00')).open).toBe(
      true,
    );
    expect(checkOpening(hours([]), calendar, at('2026-12-01T20:30:00'), at('2026-12-01T21:00:00')).open).toBe(
      false,
    );
    expect(checkOpening(hours([]), calendar, at('2026-12-01T17:00:00'), at('2026-12-01T18:00:00')).open).toBe(
      false,
    );
    expect(checkOpening(hours([]), calendar, at('2026-12-05T10:00:00'), at('2026-12-05T10:30:00')).open).toBe(
      true,
    );
    expect(checkOpening(hours([]), calendar, at('2026-12-06T10:00:00'), at('2026-12-06T10:30:00')).open).toBe(
      false,
    );
  });
});
