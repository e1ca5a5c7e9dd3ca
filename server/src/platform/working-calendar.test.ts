import { describe, expect, it } from 'vitest';
import { CALENDAR_YEARS } from './working-calendar.data.ts';
import {
  type CalendarYearInput,
  createWorkingCalendar,
  parseCalendarYear,
  shanghaiDateOf,
  trafficLight,
  type WorkingCalendar,
} from './working-calendar.ts';

/** A Shanghai wall-clock time, 'YYYY-MM-DD HH:MM'. */
function sh(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}

/** An instant back as Shanghai wall-clock time, 'YYYY-MM-DD HH:MM'. */
function local(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

const calendar = createWorkingCalendar(CALENDAR_YEARS);

type Unit = 'natural_hours' | 'natural_days' | 'working_hours' | 'working_days';

function add(cal: WorkingCalendar, start: Date, unit: Unit, amount: number) {
  switch (unit) {
    case 'natural_hours':
      return cal.addNaturalHours(start, amount);
    case 'natural_days':
      return cal.addNaturalDays(start, amount);
    case 'working_hours':
      return cal.addWorkingHours(start, amount);
    case 'working_days':
      return cal.addWorkingDays(start, amount);
    default: {
      const unknown: never = unit;
      throw new Error(`unknown unit ${String(unknown)}`);
    }
  }
}

describe('the calendar data', () => {
  it('holds the official 2025 and 2026 arrangements, and 2027 as not loaded', () => {
    for (const year of CALENDAR_YEARS) expect(parseCalendarYear(year)).toMatchObject({ ok: true });
    expect(calendar.isYearLoaded(2025)).toBe(true);
    expect(calendar.isYearLoaded(2026)).toBe(true);
    expect(calendar.isYearLoaded(2027)).toBe(false);
  });

  it.each([
    [2025, 28, 5],
    [2026, 33, 6],
  ])(
    '%i has %i days off and %i make-up working days (as the notice and chinese-days count)',
    (year, off, makeUp) => {
      const days = everyDateOf(year).map((date) => calendar.describeDay(date));
      expect(days.filter((d) => d.kind === 'holiday')).toHaveLength(off);
      expect(days.filter((d) => d.kind === 'make_up_workday')).toHaveLength(makeUp);
      expect(days.every((d) => d.known)).toBe(true);
    },
  );

  it('describes the days around 国庆 2025', () => {
    expect(calendar.describeDay('2025-09-27')).toMatchObject({ kind: 'weekend', working: false });
    expect(calendar.describeDay('2025-09-28')).toMatchObject({
      kind: 'make_up_workday',
      working: true,
      holiday: '国庆节、中秋节',
    });
    expect(calendar.describeDay('2025-10-06')).toMatchObject({ kind: 'holiday', working: false });
    expect(calendar.describeDay('2025-10-09')).toMatchObject({ kind: 'workday', working: true });
    expect(calendar.describeDay('2025-10-11')).toMatchObject({ kind: 'make_up_workday', working: true });
  });

  it('marks a day of a year without data as unknown, estimated Monday–Friday', () => {
    expect(calendar.describeDay('2027-01-01')).toEqual({
      date: '2027-01-01',
      kind: 'workday',
      working: true,
      known: false,
      holiday: null,
    });
  });
});

describe('parseCalendarYear', () => {
  const valid: CalendarYearInput = {
    year: 2026,
    loaded: true,
    source: 'test',
    holidays: [{ name: '国庆节', from: '2026-10-01', to: '2026-10-07' }],
    makeUpWorkdays: [{ name: '国庆节', date: '2026-10-10' }],
  };
  const errorsOf = (input: unknown): string[] => {
    const result = parseCalendarYear(input);
    return result.ok ? [] : result.errors;
  };

  it('accepts consistent data', () => {
    expect(parseCalendarYear(valid)).toEqual({ ok: true, value: valid });
  });

  it.each<[string, unknown, RegExp]>([
    [
      'a date both a holiday and a make-up day',
      { ...valid, makeUpWorkdays: [{ name: 'x', date: '2026-10-03' }] },
      /2026-10-03 is also a day off/,
    ],
    [
      'a make-up day on a weekday',
      { ...valid, makeUpWorkdays: [{ name: 'x', date: '2026-10-09' }] },
      /2026-10-09 is a weekday/,
    ],
    [
      'a holiday outside the year',
      { ...valid, holidays: [{ name: 'x', from: '2025-12-31', to: '2026-01-01' }] },
      /2025-12-31 is outside 2026/,
    ],
    [
      'a make-up day outside the year',
      { ...valid, makeUpWorkdays: [{ name: 'x', date: '2027-01-02' }] },
      /2027-01-02 is outside 2026/,
    ],
    [
      'a date that does not exist',
      { ...valid, holidays: [{ name: 'x', from: '2026-02-30', to: '2026-02-30' }] },
      /not a calendar date/,
    ],
    [
      'a range backwards',
      { ...valid, holidays: [{ name: 'x', from: '2026-10-07', to: '2026-10-01' }] },
      /is after/,
    ],
    [
      'overlapping holidays',
      {
        ...valid,
        holidays: [...valid.holidays, { name: 'y', from: '2026-10-07', to: '2026-10-08' }],
      },
      /2026-10-07 is already a day off of 国庆节/,
    ],
    [
      'a make-up day listed twice',
      {
        ...valid,
        makeUpWorkdays: [...valid.makeUpWorkdays, { name: 'y', date: '2026-10-10' }],
      },
      /listed twice/,
    ],
    ['dates in a year that is not loaded', { ...valid, loaded: false }, /not loaded lists no dates/],
    ['a malformed date', { ...valid, makeUpWorkdays: [{ name: 'x', date: '2026-1-4' }] }, /YYYY-MM-DD/],
    ['an unknown field', { ...valid, extra: 1 }, /extra/],
    ['no source', { ...valid, source: ' ' }, /source/],
  ])('refuses %s', (_what, input, message) => {
    expect(errorsOf(input).join('\n')).toMatch(message);
  });

  it('refuses to build a calendar from invalid data or a year given twice', () => {
    expect(() =>
      createWorkingCalendar([{ ...valid, makeUpWorkdays: [{ name: 'x', date: '2026-10-09' }] }]),
    ).toThrow(/is a weekday/);
    expect(() => createWorkingCalendar([valid, valid])).toThrow(/given twice/);
  });
});

/**
 * Hand-computed deadlines around 国庆 2025 and 2026 (Asia/Shanghai; office hours 08:30–12:00 and
 * 13:30–17:30). 2025: 09-27 Sat off, 09-28 Sun make-up working day, 10-01 (Wed) … 10-08 (Wed) off,
 * 10-11 Sat make-up working day. 2026: 09-20 Sun make-up, 09-25 … 09-27 中秋 off, 10-01 … 10-07 off,
 * 10-10 Sat make-up.
 */
const NATIONAL_DAY_TABLE: [start: string, unit: Unit, amount: number, expected: string, why: string][] = [
  ['2025-09-26 16:00', 'working_hours', 2, '2025-09-28 09:00', 'Fri 1.5 h, Sat off, Sun make-up 0.5 h'],
  ['2025-09-27 10:00', 'working_hours', 1, '2025-09-28 09:30', 'start on a day off: next working morning'],
  ['2025-09-28 12:30', 'working_hours', 1, '2025-09-28 14:30', 'start in the lunch break'],
  ['2025-09-30 16:00', 'working_hours', 2, '2025-10-09 09:00', 'runs over the 8-day holiday'],
  ['2025-09-30 10:00', 'working_hours', 16, '2025-10-10 11:00', 'Tue 6 h + Thu 7.5 h + Fri 2.5 h'],
  ['2025-10-03 09:00', 'working_hours', 4, '2025-10-09 14:00', 'start in the holiday: 3.5 h + 0.5 h'],
  ['2025-10-09 10:00', 'working_hours', 2, '2025-10-09 12:00', 'ends exactly at the lunch break'],
  ['2025-10-09 11:00', 'working_hours', 7.5, '2025-10-10 11:00', 'Thu 5 h + Fri 2.5 h'],
  ['2025-10-10 15:00', 'working_hours', 4, '2025-10-11 10:00', 'Fri 2.5 h + Sat make-up 1.5 h'],
  ['2025-10-11 17:00', 'working_hours', 1, '2025-10-13 09:00', 'Sat make-up 0.5 h, Sun off, Mon 0.5 h'],
  ['2025-09-26 10:00', 'working_days', 1, '2025-09-28 17:30', 'the Sunday make-up day counts'],
  ['2025-09-26 10:00', 'working_days', 3, '2025-09-30 17:30', '28, 29, 30'],
  ['2025-09-26 10:00', 'working_days', 5, '2025-10-10 17:30', '28, 29, 30, 10-09, 10-10'],
  ['2025-09-30 10:00', 'working_days', 3, '2025-10-11 17:30', '10-09, 10-10, Sat 10-11'],
  ['2025-10-08 20:00', 'working_days', 1, '2025-10-09 17:30', 'last holiday evening'],
  ['2025-09-28 07:00', 'working_days', 1, '2025-09-29 17:30', 'start day never counts, even before opening'],
  ['2025-09-30 16:00', 'natural_hours', 2, '2025-09-30 18:00', 'urgent: runs after hours'],
  ['2025-10-01 09:00', 'natural_hours', 24, '2025-10-02 09:00', 'urgent: runs through the holiday'],
  ['2025-09-30 10:00', 'natural_days', 1, '2025-10-02 00:00', 'to 24:00 of 10-01'],
  ['2025-09-30 23:30', 'natural_days', 3, '2025-10-04 00:00', 'to 24:00 of 10-03'],
  ['2026-09-18 17:00', 'working_hours', 1, '2026-09-20 09:00', 'Fri 0.5 h, Sun 09-20 make-up 0.5 h'],
  ['2026-09-24 09:00', 'working_days', 1, '2026-09-28 17:30', '中秋 09-25 … 09-27 off'],
  ['2026-09-30 09:00', 'working_days', 2, '2026-10-09 17:30', '国庆 10-01 … 10-07 off: 10-08, 10-09'],
  ['2026-10-09 16:00', 'working_hours', 4, '2026-10-10 11:00', 'Fri 1.5 h + Sat make-up 2.5 h'],
];

describe('deadlines across 国庆 (hand-computed)', () => {
  it.each(NATIONAL_DAY_TABLE)('%s + %s × %d → %s (%s)', (start, unit, amount, expected) => {
    const result = add(calendar, sh(start), unit, amount);
    expect(local(result.at)).toBe(expected);
    expect(result.uncertain).toBe(false);
    expect(result.missingYears).toEqual([]);
  });
});

describe('deadlines on ordinary days', () => {
  it.each<[string, Unit, number, string]>([
    ['2025-11-14 16:00', 'working_hours', 2, '2025-11-17 09:00'], // Friday → Monday
    ['2025-11-15 11:00', 'working_hours', 1, '2025-11-17 09:30'], // Saturday start
    ['2025-11-17 06:00', 'working_hours', 1, '2025-11-17 09:30'], // before opening
    ['2025-11-17 19:00', 'working_hours', 1, '2025-11-18 09:30'], // after closing
    ['2025-11-17 11:30', 'working_hours', 1, '2025-11-17 14:00'], // across lunch
    ['2025-11-17 12:15', 'working_hours', 0.5, '2025-11-17 14:00'], // from the lunch break
    ['2025-11-17 10:00', 'working_hours', 0, '2025-11-17 10:00'], // nothing to run
    ['2025-11-17 12:15', 'working_hours', 0, '2025-11-17 12:15'],
    ['2025-11-14 10:00', 'working_days', 1, '2025-11-17 17:30'], // Friday → Monday
    ['2025-11-17 10:00', 'working_days', 5, '2025-11-24 17:30'],
    ['2025-11-17 10:00', 'natural_hours', 0.5, '2025-11-17 10:30'],
  ])('%s + %s × %d → %s', (start, unit, amount, expected) => {
    expect(local(add(calendar, sh(start), unit, amount).at)).toBe(expected);
  });

  it('refuses amounts that make no sense', () => {
    const start = sh('2025-11-17 10:00');
    expect(() => calendar.addWorkingHours(start, -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingHours(start, Number.NaN)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(start, 0)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(start, 1.5)).toThrow(RangeError);
    expect(() => calendar.addNaturalDays(start, -2)).toThrow(RangeError);
    expect(() => calendar.addNaturalHours(start, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('the year boundary', () => {
  it.each<[string, Unit, number, string]>([
    ['2025-12-31 16:00', 'working_hours', 2, '2026-01-04 09:00'], // 元旦 01-01 … 01-03 off, Sun 01-04 make-up
    ['2025-12-31 10:00', 'working_days', 1, '2026-01-04 17:30'],
    ['2025-12-31 22:00', 'natural_days', 1, '2026-01-02 00:00'],
    ['2025-12-31 23:00', 'natural_hours', 2, '2026-01-01 01:00'],
  ])('%s + %s × %d → %s', (start, unit, amount, expected) => {
    const result = add(calendar, sh(start), unit, amount);
    expect(local(result.at)).toBe(expected);
    expect(result.uncertain).toBe(false);
  });

  it('counts working time across the new year', () => {
    // Wed 12-31 16:00–17:30 (1.5 h) + Sun 01-04 08:30–10:00 (1.5 h).
    expect(calendar.workingTimeBetween(sh('2025-12-31 16:00'), sh('2026-01-04 10:00'))).toEqual({
      minutes: 180,
      uncertain: false,
      missingYears: [],
    });
  });
});

describe('a year without data', () => {
  it('flags a deadline that runs into 2027 and gives a Monday–Friday estimate', () => {
    expect(calendar.addWorkingHours(sh('2026-12-31 16:00'), 2)).toEqual({
      at: sh('2027-01-01 09:00'),
      uncertain: true,
      missingYears: [2027],
    });
    expect(calendar.addWorkingDays(sh('2026-12-31 10:00'), 1)).toMatchObject({
      at: sh('2027-01-01 17:30'),
      uncertain: true,
      missingYears: [2027],
    });
  });

  it('does not flag a deadline that stays inside a loaded year', () => {
    expect(calendar.addWorkingHours(sh('2026-12-31 16:00'), 1)).toEqual({
      at: sh('2026-12-31 17:00'),
      uncertain: false,
      missingYears: [],
    });
  });

  it('flags years before the data and years absent from it', () => {
    expect(calendar.addWorkingHours(sh('2024-12-31 17:00'), 1)).toMatchObject({
      uncertain: true,
      missingYears: [2024],
    });
    expect(calendar.workingTimeBetween(sh('2024-12-30 09:00'), sh('2027-01-05 09:00'))).toMatchObject({
      uncertain: true,
      missingYears: [2024, 2027],
    });
    expect(createWorkingCalendar([]).addWorkingDays(sh('2026-03-02 10:00'), 1)).toMatchObject({
      uncertain: true,
      missingYears: [2026],
    });
  });

  it('flags working time measured into 2027 but not time that only touches its first instant', () => {
    expect(calendar.workingTimeBetween(sh('2026-12-31 08:00'), sh('2027-01-01 10:00'))).toEqual({
      minutes: 7.5 * 60 + 90,
      uncertain: true,
      missingYears: [2027],
    });
    expect(calendar.workingTimeBetween(sh('2026-12-31 08:00'), sh('2027-01-01 00:00'))).toEqual({
      minutes: 7.5 * 60,
      uncertain: false,
      missingYears: [],
    });
  });

  it('never needs calendar data for natural time', () => {
    expect(calendar.addNaturalDays(sh('2026-12-31 10:00'), 3).uncertain).toBe(false);
    expect(calendar.addNaturalHours(sh('2026-12-31 10:00'), 72).uncertain).toBe(false);
  });
});

describe('working time between two instants', () => {
  it.each<[string, string, number]>([
    ['2025-11-17 08:30', '2025-11-17 17:30', 450],
    ['2025-11-17 11:00', '2025-11-17 14:00', 90], // lunch does not count
    ['2025-11-17 12:10', '2025-11-17 13:20', 0],
    ['2025-11-17 18:00', '2025-11-18 08:00', 0],
    ['2025-09-30 16:00', '2025-10-09 09:00', 120], // over 国庆 2025
    ['2025-09-26 17:00', '2025-09-28 09:00', 60], // Sat off, Sun make-up
    ['2025-11-17 14:00', '2025-11-17 11:00', -90], // reversed: negative
  ])('%s → %s: %d working minutes', (a, b, minutes) => {
    expect(calendar.workingTimeBetween(sh(a), sh(b)).minutes).toBe(minutes);
  });
});

describe('office hours are configurable', () => {
  // 夏季作息: many offices start the afternoon later in summer.
  const summer = createWorkingCalendar(CALENDAR_YEARS, {
    sessions: [
      { start: '08:30', end: '12:00' },
      { start: '14:00', end: '18:00' },
    ],
  });

  it('uses the configured sessions', () => {
    expect(local(summer.addWorkingHours(sh('2025-07-01 11:00'), 2).at)).toBe('2025-07-01 15:00');
    expect(local(summer.addWorkingDays(sh('2025-07-01 11:00'), 1).at)).toBe('2025-07-02 18:00');
    expect(summer.sessions).toEqual([
      { start: '08:30', end: '12:00' },
      { start: '14:00', end: '18:00' },
    ]);
  });

  it.each([
    [[]],
    [[{ start: '12:00', end: '08:30' }]],
    [[{ start: '8:30', end: '12:00' }]],
    [[{ start: '08:30', end: '24:01' }]],
    [
      [
        { start: '08:30', end: '12:00' },
        { start: '11:00', end: '17:00' },
      ],
    ],
  ])('refuses invalid sessions %j', (sessions) => {
    expect(() => createWorkingCalendar([], { sessions })).toThrow(RangeError);
  });
});

describe('shanghaiDateOf', () => {
  it('gives the Shanghai date whatever the UTC date', () => {
    expect(shanghaiDateOf(new Date('2025-09-30T16:00:00Z'))).toBe('2025-10-01');
    expect(shanghaiDateOf(new Date('2025-09-30T15:59:59Z'))).toBe('2025-09-30');
  });
});

describe('trafficLight', () => {
  it.each<[number, number, 'green' | 'yellow' | 'red']>([
    [0, 100, 'green'],
    [-5, 100, 'green'],
    [79.999, 100, 'green'],
    [80, 100, 'yellow'], // exactly 80 %: yellow
    [99, 100, 'yellow'],
    [100, 100, 'yellow'], // the deadline instant itself: still on time
    [100.001, 100, 'red'],
    [95, 120, 'green'], // 79.2 %
    [96, 120, 'yellow'], // exactly 80 % of 2 h in minutes
    [1, 1, 'yellow'],
  ])('%d of %d → %s', (elapsed, limit, light) => {
    expect(trafficLight(elapsed, limit)).toBe(light);
  });

  it('refuses a limit that is not positive', () => {
    expect(() => trafficLight(0, 0)).toThrow(RangeError);
    expect(() => trafficLight(1, Number.NaN)).toThrow(RangeError);
    expect(() => trafficLight(Number.NaN, 10)).toThrow(RangeError);
  });
});

describe('traffic lights across 国庆 2025 (hand-computed)', () => {
  const workingLight = (start: Date, deadline: Date, now: Date) =>
    calendar.lightAt({ start, deadline, clock: 'working' }, now).light;

  it.each<[string, string]>([
    ['2025-10-05 12:00', 'green'], // 90 of 120 working minutes: the holiday does not count
    ['2025-10-09 08:35', 'green'], // 95 / 120
    ['2025-10-09 08:36', 'yellow'], // 96 / 120 = 80 %
    ['2025-10-09 09:00', 'yellow'], // the deadline
    ['2025-10-09 09:01', 'red'],
  ])('reported 09-30 16:00, 2 working hours (deadline 10-09 09:00): at %s %s', (now, light) => {
    const start = sh('2025-09-30 16:00');
    const deadline = calendar.addWorkingHours(start, 2).at;
    expect(workingLight(start, deadline, sh(now))).toBe(light);
  });

  it.each<[string, string]>([
    ['2025-10-09 14:47', 'green'], // 360 + 210 + 77 = 647 of 810
    ['2025-10-09 14:48', 'yellow'], // 648 / 810 = 80 %
    ['2025-10-09 17:30', 'yellow'], // the deadline itself
    ['2025-10-09 17:31', 'red'], // past the deadline instant, though no working time ran since
    ['2025-10-10 08:31', 'red'],
  ])('reported 09-30 10:00, 1 working day (deadline 10-09 17:30): at %s %s', (now, light) => {
    const start = sh('2025-09-30 10:00');
    const deadline = calendar.addWorkingDays(start, 1).at;
    expect(local(deadline)).toBe('2025-10-09 17:30');
    expect(workingLight(start, deadline, sh(now))).toBe(light);
  });

  it.each<[string, string]>([
    ['2025-09-30 17:35', 'green'],
    ['2025-09-30 17:36', 'yellow'],
    ['2025-09-30 18:00', 'yellow'],
    ['2025-09-30 18:01', 'red'],
  ])('urgent, reported 09-30 16:00, 2 natural hours: at %s %s', (now, light) => {
    const start = sh('2025-09-30 16:00');
    const deadline = calendar.addNaturalHours(start, 2).at;
    expect(calendar.lightAt({ start, deadline, clock: 'natural' }, sh(now)).light).toBe(light);
  });

  it('is red all weekend for a step due on Friday at 17:30, and flags lights measured in 2027', () => {
    const step = {
      start: sh('2025-11-13 10:00'),
      deadline: sh('2025-11-14 17:30'),
      clock: 'working' as const,
    };
    expect(calendar.lightAt(step, sh('2025-11-15 12:00')).light).toBe('red');
    const late2026 = {
      start: sh('2026-12-31 09:00'),
      deadline: sh('2027-01-04 17:30'),
      clock: 'working' as const,
    };
    expect(calendar.lightAt(late2026, sh('2027-01-01 10:00'))).toEqual({
      light: 'green',
      uncertain: true,
      missingYears: [2027],
    });
  });

  it('is yellow up to a deadline equal to its start (no time allowed), red after', () => {
    const at = sh('2025-11-17 10:00');
    const step = { start: at, deadline: at, clock: 'working' as const };
    expect(calendar.lightAt(step, at).light).toBe('yellow');
    expect(calendar.lightAt(step, sh('2025-11-17 10:01')).light).toBe('red');
  });
});

/** A small seeded generator (mulberry32) so that the property checks are repeatable. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('properties (seeded random starts in 2025–2026)', () => {
  const next = random(20251001);
  const from = sh('2025-01-01 00:00').getTime();
  const span = sh('2026-11-01 00:00').getTime() - from;
  /** Random instants on whole minutes, and amounts in whole minutes (as hours). */
  const cases = Array.from({ length: 400 }, () => ({
    start: new Date(from + Math.floor((next() * span) / 60_000) * 60_000),
    x: Math.floor(next() * 40 * 60) / 60,
    y: Math.floor(next() * 40 * 60) / 60,
    days: 1 + Math.floor(next() * 15),
  }));

  it('working-hour deadlines grow with the amount', () => {
    for (const { start, x, y } of cases) {
      const [small, large] = x <= y ? [x, y] : [y, x];
      expect(calendar.addWorkingHours(start, small).at.getTime()).toBeLessThanOrEqual(
        calendar.addWorkingHours(start, large).at.getTime(),
      );
    }
  });

  it('working-day deadlines grow strictly with the amount', () => {
    for (const { start, days } of cases) {
      expect(calendar.addWorkingDays(start, days).at.getTime()).toBeLessThan(
        calendar.addWorkingDays(start, days + 1).at.getTime(),
      );
    }
  });

  it('adding x then y working hours equals adding x + y', () => {
    for (const { start, x, y } of cases) {
      const once = calendar.addWorkingHours(start, x + y).at;
      const twice = calendar.addWorkingHours(calendar.addWorkingHours(start, x).at, y).at;
      expect(twice).toEqual(once);
    }
  });

  it('the working time to a deadline is the amount asked for', () => {
    for (const { start, x } of cases) {
      const deadline = calendar.addWorkingHours(start, x).at;
      expect(calendar.workingTimeBetween(start, deadline).minutes).toBeCloseTo(x * 60, 6);
    }
  });

  it('a working-hour deadline lies inside office hours of a working day', () => {
    for (const { start, x } of cases) {
      if (x === 0) continue;
      const at = calendar.addWorkingHours(start, x).at;
      expect(calendar.describeDay(shanghaiDateOf(at)).working).toBe(true);
      const clock = local(at).slice(11);
      const inMorning = clock > '08:30' && clock <= '12:00';
      const inAfternoon = clock > '13:30' && clock <= '17:30';
      expect(inMorning || inAfternoon, `${local(start)} + ${x} h → ${local(at)}`).toBe(true);
    }
  });

  it('a working-day deadline is the close of the Nth working day after the start day', () => {
    for (const { start, days } of cases) {
      const at = calendar.addWorkingDays(start, days).at;
      expect(local(at).slice(11)).toBe('17:30');
      const dates = datesBetween(shanghaiDateOf(start), shanghaiDateOf(at)).slice(1);
      expect(dates.filter((date) => calendar.describeDay(date).working)).toHaveLength(days);
      expect(calendar.describeDay(dates.at(-1) ?? '').working).toBe(true);
    }
  });

  it('a day has working time exactly when it is described as a working day (2024–2028)', () => {
    const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
    const officeDay = calendar.sessions.reduce((sum, s) => sum + minutesOf(s.end) - minutesOf(s.start), 0);
    expect(officeDay).toBe(7.5 * 60);
    for (const date of datesBetween('2024-01-01', '2028-12-31')) {
      const day = calendar.describeDay(date);
      const weekend = [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
      if (day.kind === 'weekend' || day.kind === 'make_up_workday') expect(weekend, date).toBe(true);
      if (day.kind === 'workday') expect(weekend, date).toBe(false);
      const time = calendar.workingTimeBetween(sh(`${date} 00:00`), sh(`${date} 23:59`));
      expect(time.minutes, date).toBe(day.working ? officeDay : 0);
      expect(time.uncertain, date).toBe(!day.known);
    }
  });

  it('working time adds up over consecutive intervals', () => {
    for (const { start, x, y } of cases) {
      const b = new Date(start.getTime() + x * 3_600_000 * 3);
      const c = new Date(b.getTime() + y * 3_600_000 * 3);
      const whole = calendar.workingTimeBetween(start, c).minutes;
      const parts = calendar.workingTimeBetween(start, b).minutes + calendar.workingTimeBetween(b, c).minutes;
      expect(parts).toBeCloseTo(whole, 6);
    }
  });
});

function everyDateOf(year: number): string[] {
  return datesBetween(`${year}-01-01`, `${year}-12-31`);
}

/** Every date from `first` to `last`, both included. */
function datesBetween(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let ms = Date.parse(`${first}T00:00:00Z`); ms <= Date.parse(`${last}T00:00:00Z`); ms += 86_400_000) {
    dates.push(new Date(ms).toISOString().slice(0, 10));
  }
  return dates;
}
