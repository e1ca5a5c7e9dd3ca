import { describe, expect, it } from 'vitest';
import { CALENDAR_YEARS } from '../../platform/working-calendar.data.ts';
import { createWorkingCalendar } from '../../platform/working-calendar.ts';
import { buildCategoryCatalogue } from './case.categories.ts';
import type { CaseStep } from './case.lifecycle.ts';
import { clockOf, deadlineOf, lightOf, type TimeLimit, timeLimitProblem } from './case.time-limits.ts';

const calendar = createWorkingCalendar(CALENDAR_YEARS);
const catalogue = buildCategoryCatalogue();

function sh(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}
function local(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

describe('units', () => {
  it('maps each unit to its clock', () => {
    expect(clockOf('urgent_hour')).toBe('natural');
    expect(clockOf('natural_day')).toBe('natural');
    expect(clockOf('work_hour')).toBe('working');
    expect(clockOf('work_day')).toBe('working');
  });

  it.each<[TimeLimit, string | null]>([
    [{ amount: 0.5, unit: 'work_hour' }, null],
    [{ amount: 10 / 60, unit: 'urgent_hour' }, null],
    [{ amount: 2, unit: 'natural_day' }, null],
    [{ amount: 0, unit: 'work_day' }, 'amount 0 is not positive'],
    [{ amount: -1, unit: 'urgent_hour' }, 'amount -1 is not positive'],
    [{ amount: 2.5, unit: 'natural_day' }, '2.5 days is not a whole number'],
  ])('%o → %s', (limit, problem) => {
    expect(timeLimitProblem(limit)).toBe(problem);
  });
});

/**
 * Category-driven deadlines and lights across 国庆 2025 (hand-computed; see the calendar's table):
 * what the scheduled job and the grid worker's queue will show under a fake clock.
 */
describe('category deadlines across 国庆 2025 (hand-computed)', () => {
  it.each<[code: string, step: CaseStep, start: string, deadline: string]>([
    ['200102', 'grid_handle', '2025-09-30 10:00', '2025-10-09 17:30'], // 暴露垃圾: 1 工作日
    ['200102', 'accept', '2025-09-30 17:00', '2025-10-09 09:00'], // 1 工作时: 0.5 h + 0.5 h
    ['200102', 'acknowledge', '2025-09-28 11:30', '2025-09-28 14:00'], // make-up Sunday, across lunch
    ['200104', 'grid_handle', '2025-09-30 14:00', '2025-10-09 10:00'], // 道路保洁: 5 工作时 = 3.5 + 1.5
    // 违法搭建: 15 工作日 = 09-28 (Sun), 29, 30, 10-09, 10, 11 (Sat), 13, 14, 15, 16, 17, 20, 21, 22, 23
    ['200101', 'department_handle', '2025-09-26 09:00', '2025-10-23 17:30'],
    ['100102', 'grid_handle', '2025-10-01 22:00', '2025-10-02 04:00'], // 污水井盖: 6 紧急工作时
    ['200411', 'accept', '2025-10-03 03:00', '2025-10-03 03:10'], // 火灾: 10 minutes, any hour
    ['200102', 'rate', '2025-09-30 16:00', '2025-10-04 00:00'], // 3 自然日 to 24:00 of 10-03
  ])('%s %s from %s is due %s', (code, step, start, deadline) => {
    const limit = catalogue.find(code)?.limits[step];
    if (!limit) throw new Error(`no limit for ${code} ${step}`);
    const due = deadlineOf(calendar, sh(start), limit);
    expect(local(due.at)).toBe(deadline);
    expect(due.uncertain).toBe(false);
  });

  it.each<[now: string, light: string]>([
    ['2025-10-05 10:00', 'green'], // 6 h of 13.5 working hours used
    ['2025-10-09 14:47', 'green'],
    ['2025-10-09 14:48', 'yellow'], // 80 %
    ['2025-10-09 17:30', 'yellow'],
    ['2025-10-09 17:31', 'red'],
  ])('暴露垃圾 reported 09-30 10:00: at %s %s', (now, light) => {
    const limit = catalogue.find('200102')?.limits.grid_handle;
    if (!limit) throw new Error('no limit');
    expect(lightOf(calendar, sh('2025-09-30 10:00'), limit, sh(now))).toEqual({
      light,
      uncertain: false,
      missingYears: [],
    });
  });

  it('flags a deadline that falls in 2027 for the administrator', () => {
    const limit = catalogue.find('200101')?.limits.grid_handle; // 15 工作日
    if (!limit) throw new Error('no limit');
    expect(deadlineOf(calendar, sh('2026-12-20 10:00'), limit)).toMatchObject({
      uncertain: true,
      missingYears: [2027],
    });
    expect(lightOf(calendar, sh('2026-12-20 10:00'), limit, sh('2026-12-21 10:00'))).toEqual({
      light: 'green',
      uncertain: true,
      missingYears: [2027],
    });
  });
});
