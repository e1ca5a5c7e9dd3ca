import { describe, expect, it } from 'vitest';
import { CALENDAR_YEARS } from '../../platform/working-calendar.data.ts';
import { createWorkingCalendar } from '../../platform/working-calendar.ts';
import { buildCategoryCatalogue } from './case.categories.ts';
import { applyClockEffects, clockLight, firstDue, startClock, yellowInstant } from './case.clocks.ts';
import type { TimeUnit } from './case.time-limits.ts';

const calendar = createWorkingCalendar(CALENDAR_YEARS);
const catalogue = buildCategoryCatalogue();
const normal = catalogue.categories.find((c) => !c.urgent);
const urgent = catalogue.categories.find((c) => c.urgent);
if (!normal || !urgent) throw new Error('the catalogue needs a normal and an urgent category');

const at = (iso: string) => new Date(iso);
const MS = 1;

describe('yellowInstant', () => {
  const cases: [string, string, string, TimeUnit][] = [
    ['natural hours', '2026-12-02T01:00:00Z', '2026-12-02T02:00:00Z', 'urgent_hour'],
    ['working hours over lunch', '2026-12-02T03:00:00Z', '2026-12-02T06:30:00Z', 'work_hour'],
    ['working hours over a night', '2026-12-02T08:00:00Z', '2026-12-03T01:30:00Z', 'work_hour'],
    [
      'working days over 国庆 and its make-up day',
      '2026-09-30T02:00:00Z',
      '2026-10-12T09:30:00Z',
      'work_day',
    ],
    ['natural days', '2026-12-02T01:00:00Z', '2026-12-05T16:00:00Z', 'natural_day'],
  ];
  for (const [name, start, deadline, unit] of cases) {
    it(`is the first yellow millisecond: ${name}`, () => {
      const s = at(start);
      const d = at(deadline);
      const clock = unit === 'urgent_hour' || unit === 'natural_day' ? 'natural' : 'working';
      const yellow = yellowInstant(calendar, s, d, unit);
      expect(yellow.getTime()).toBeGreaterThan(s.getTime());
      expect(yellow.getTime()).toBeLessThanOrEqual(d.getTime());
      expect(calendar.lightAt({ start: s, deadline: d, clock }, yellow).light).toBe('yellow');
      expect(calendar.lightAt({ start: s, deadline: d, clock }, new Date(yellow.getTime() - MS)).light).toBe(
        'green',
      );
    });
  }

  it('puts 80 % of one working hour from 16:00 at 16:48', () => {
    const start = at('2026-12-02T08:00:00Z'); // 16:00 Shanghai, Wednesday
    const due = calendar.addWorkingHours(start, 1).at;
    expect(yellowInstant(calendar, start, due, 'work_hour').toISOString()).toBe('2026-12-02T08:48:00.000Z');
  });
});

describe('clocks of a case', () => {
  it('start, stop and order by deadline; lights agree with the stored thresholds', () => {
    const now = at('2026-12-02T01:00:00Z');
    const accept = startClock(calendar, normal.limits, { step: 'accept', department: null }, now);
    expect(accept.unit).toBe(normal.limits.accept.unit);
    const clocks = applyClockEffects(
      calendar,
      normal.limits,
      [accept],
      [
        { kind: 'stop_clock', step: 'accept', department: null },
        { kind: 'start_clock', step: 'acknowledge', department: 'ZHZF' },
        { kind: 'start_clock', step: 'department_handle', department: 'ZHZF' },
      ],
      now,
    );
    expect(clocks.map((c) => c.step)).toEqual(['acknowledge', 'department_handle']);
    const first = firstDue(clocks);
    expect(first?.step).toBe('acknowledge');
    if (!first) return;
    expect(clockLight(calendar, first, new Date(new Date(first.yellowAt).getTime() - 1)).light).toBe('green');
    expect(clockLight(calendar, first, new Date(first.yellowAt)).light).toBe('yellow');
    expect(clockLight(calendar, first, new Date(first.deadline)).light).toBe('yellow');
    expect(clockLight(calendar, first, new Date(new Date(first.deadline).getTime() + 1)).light).toBe('red');
  });

  it('flags a deadline in a year without holiday data', () => {
    const clock = startClock(
      calendar,
      normal.limits,
      { step: 'grid_handle', department: null },
      at('2027-03-01T01:00:00Z'),
    );
    expect(clock.missingYears).toEqual([2027]);
    expect(clockLight(calendar, clock, at('2027-03-01T02:00:00Z')).uncertain).toBe(true);
  });

  it('runs urgent categories on natural hours', () => {
    const clock = startClock(
      calendar,
      urgent.limits,
      { step: 'grid_handle', department: null },
      at('2026-12-05T14:00:00Z'),
    );
    expect(clock.unit).toBe('urgent_hour');
  });
});
