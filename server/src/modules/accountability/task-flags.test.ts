import { describe, expect, it } from 'vitest';
import {
  addDays,
  computeUnitFlags,
  currentMonday,
  DEFAULT_FLAG_RULE,
  flagColour,
  isMilestoneLate,
  isMonday,
  mondayOf,
  mondayOnOrAfter,
  mondaysBetween,
  quarterBounds,
  quarterOf,
  reportDue,
  shanghaiDate,
  type TaskFacts,
  taskProgress,
  unitsNotReported,
} from './task-flags.ts';

describe('Shanghai calendar', () => {
  it('takes the date at UTC+8: 16:00Z is already the next day', () => {
    expect(shanghaiDate(new Date('2026-11-29T15:59:59Z'))).toBe('2026-11-29');
    expect(shanghaiDate(new Date('2026-11-29T16:00:00Z'))).toBe('2026-11-30');
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('weeks start on Monday, in Shanghai', () => {
    // Sunday 23:59:59 in Shanghai, then Monday 00:00 in Shanghai
    expect(currentMonday(new Date('2026-11-29T15:59:59Z'))).toBe('2026-11-23');
    expect(currentMonday(new Date('2026-11-29T16:00:00Z'))).toBe('2026-11-30');
    expect(isMonday('2026-11-30')).toBe(true);
    expect(isMonday('2026-11-29')).toBe(false);
    for (let d = 0; d < 7; d += 1) expect(mondayOf(addDays('2026-11-30', d))).toBe('2026-11-30');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOnOrAfter('2026-11-30')).toBe('2026-11-30');
    expect(mondayOnOrAfter('2026-12-01')).toBe('2026-12-07');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });

  it('knows quarters and their Mondays', () => {
    expect(quarterOf('2026-01-01')).toBe('2026-Q1');
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
    expect(quarterOf('2026-04-01')).toBe('2026-Q2');
    expect(quarterOf('2026-12-31')).toBe('2026-Q4');
    expect(quarterBounds('2026-Q1')).toEqual({ quarter: '2026-Q1', first: '2026-01-01', last: '2026-03-31' });
    expect(quarterBounds('2028-Q1').last).toBe('2028-03-31');
    expect(quarterBounds('2026-Q4')).toEqual({ quarter: '2026-Q4', first: '2026-10-01', last: '2026-12-31' });
    expect(() => quarterBounds('2026-Q5')).toThrow();
    const mondays = mondaysBetween('2026-10-01', '2026-12-31');
    expect(mondays).toHaveLength(13);
    expect(mondays[0]).toBe('2026-10-05');
    expect(mondays.at(-1)).toBe('2026-12-28');
    expect(mondaysBetween('2026-11-30', '2026-11-30')).toEqual(['2026-11-30']);
    expect(mondaysBetween('2026-12-01', '2026-12-06')).toEqual([]);
  });
});

describe('task progress', () => {
  it('is 0 without milestones', () => expect(taskProgress([])).toBe(0));

  it('counts equal shares when a weight is missing', () => {
    expect(
      taskProgress([
        { dueOn: '2026-10-01', doneOn: '2026-10-01', weight: 5 },
        { dueOn: '2026-11-01', doneOn: null, weight: null },
        { dueOn: '2026-12-01', doneOn: null, weight: 1 },
      ]),
    ).toBe(33.3);
  });

  it('counts by weight when every milestone has one', () => {
    expect(
      taskProgress([
        { dueOn: '2026-10-01', doneOn: '2026-10-01', weight: 3 },
        { dueOn: '2026-11-01', doneOn: null, weight: 1 },
      ]),
    ).toBe(75);
    expect(taskProgress([{ dueOn: '2026-10-01', doneOn: '2026-10-02', weight: 2 }])).toBe(100);
  });

  it('says a milestone is late when done after its due date or overdue', () => {
    expect(isMilestoneLate({ dueOn: '2026-11-10', doneOn: '2026-11-10', weight: null }, '2026-12-01')).toBe(
      false,
    );
    expect(isMilestoneLate({ dueOn: '2026-11-10', doneOn: '2026-11-11', weight: null }, '2026-12-01')).toBe(
      true,
    );
    expect(isMilestoneLate({ dueOn: '2026-11-10', doneOn: null, weight: null }, '2026-11-10')).toBe(false);
    expect(isMilestoneLate({ dueOn: '2026-11-10', doneOn: null, weight: null }, '2026-11-11')).toBe(true);
  });
});

describe('who has not reported (每周周一调度)', () => {
  const task = (
    id: number,
    unit: number,
    startsOn = '2026-10-01',
    endedOn: string | null = null,
  ): TaskFacts => ({
    id,
    leadDepartmentId: unit,
    startsOn,
    endedOn,
  });

  it('owes reports from the Monday on or after the start, until the task ends', () => {
    expect(reportDue(task(1, 1, '2026-11-30'), '2026-11-30')).toBe(true);
    expect(reportDue(task(1, 1, '2026-12-01'), '2026-11-30')).toBe(false);
    expect(reportDue(task(1, 1, '2026-12-01'), '2026-12-07')).toBe(true);
    expect(reportDue(task(1, 1, '2026-10-01', '2026-11-30'), '2026-11-30')).toBe(false);
    expect(reportDue(task(1, 1, '2026-10-01', '2026-12-01'), '2026-11-30')).toBe(true);
  });

  it('lists units with the tasks still missing a report, sorted', () => {
    const tasks = [
      task(3, 20),
      task(1, 10),
      task(2, 10),
      task(4, 30, '2026-12-01'),
      task(5, 40, '2026-10-01', '2026-11-02'),
    ];
    const reports = [
      { taskId: 2, weekOf: '2026-11-30' },
      { taskId: 3, weekOf: '2026-11-23' },
    ];
    expect(unitsNotReported({ tasks, reports, monday: '2026-11-30' })).toEqual([
      { departmentId: 10, taskIds: [1] },
      { departmentId: 20, taskIds: [3] },
    ]);
    expect(
      unitsNotReported({
        tasks,
        reports: [...reports, { taskId: 1, weekOf: '2026-11-30' }, { taskId: 3, weekOf: '2026-11-30' }],
        monday: '2026-11-30',
      }),
    ).toEqual([]);
    expect(() => unitsNotReported({ tasks, reports, monday: '2026-12-01' })).toThrow();
  });
});

describe('quarterly flags (季挂牌)', () => {
  it('colours by the rule, red first, at the thresholds', () => {
    const rule = DEFAULT_FLAG_RULE;
    expect(flagColour(rule, { lateMilestones: 0, missedReports: 0 })).toBe('green');
    expect(flagColour(rule, { lateMilestones: 0, missedReports: 1 })).toBe('green');
    expect(flagColour(rule, { lateMilestones: 1, missedReports: 0 })).toBe('yellow');
    expect(flagColour(rule, { lateMilestones: 0, missedReports: 2 })).toBe('yellow');
    expect(flagColour(rule, { lateMilestones: 2, missedReports: 3 })).toBe('yellow');
    expect(flagColour(rule, { lateMilestones: 3, missedReports: 0 })).toBe('red');
    expect(flagColour(rule, { lateMilestones: 0, missedReports: 4 })).toBe('red');
    const strict = {
      red: { lateMilestones: 1, missedReports: 1 },
      yellow: { lateMilestones: 1, missedReports: 1 },
    };
    expect(flagColour(strict, { lateMilestones: 0, missedReports: 1 })).toBe('red');
  });

  /**
   * A hand-computed quarter, 2026-Q4, as of Wednesday 2026-12-02 (this week's Monday 11-30 not
   * counted). Mondays counted: 10-05 … 11-23, eight weeks.
   */
  it('matches a hand-computed table', () => {
    const monday = (i: number) => addDays('2026-10-05', 7 * i);
    const every = (taskId: number, except: number[] = []) =>
      Array.from({ length: 8 }, (_, i) => i)
        .filter((i) => !except.includes(i))
        .map((i) => ({ taskId, weekOf: monday(i) }));
    const result = computeUnitFlags({
      rule: DEFAULT_FLAG_RULE,
      quarter: '2026-Q4',
      today: '2026-12-02',
      tasks: [
        // unit 1: all reports, one milestone done on time, one due later → green
        {
          id: 1,
          leadDepartmentId: 1,
          startsOn: '2026-10-01',
          endedOn: null,
          milestones: [
            { dueOn: '2026-10-31', doneOn: '2026-10-30', weight: null },
            { dueOn: '2026-12-20', doneOn: null, weight: null },
          ],
        },
        // unit 2: one missed report, one milestone done late → yellow (1 late)
        {
          id: 2,
          leadDepartmentId: 2,
          startsOn: '2026-10-01',
          endedOn: null,
          milestones: [{ dueOn: '2026-11-15', doneOn: '2026-11-20', weight: null }],
        },
        // unit 3: two tasks, two missed reports each → red (4 missed)
        { id: 3, leadDepartmentId: 3, startsOn: '2026-10-01', endedOn: null, milestones: [] },
        { id: 4, leadDepartmentId: 3, startsOn: '2026-10-01', endedOn: null, milestones: [] },
        // unit 4: started 11-10 (reports from 11-16: two weeks, both missing) → yellow;
        // a milestone from last quarter, overdue, does not count here
        {
          id: 5,
          leadDepartmentId: 4,
          startsOn: '2026-11-10',
          endedOn: null,
          milestones: [{ dueOn: '2026-09-30', doneOn: null, weight: null }],
        },
        // unit 5: three milestones overdue, not done → red; completed reporting obligations ended 10-12
        {
          id: 6,
          leadDepartmentId: 5,
          startsOn: '2026-10-01',
          endedOn: '2026-10-12',
          milestones: [
            { dueOn: '2026-10-10', doneOn: null, weight: null },
            { dueOn: '2026-11-10', doneOn: null, weight: null },
            { dueOn: '2026-12-01', doneOn: null, weight: null },
            { dueOn: '2026-12-02', doneOn: null, weight: null },
          ],
        },
        // unit 6: starts next quarter → no flag
        { id: 7, leadDepartmentId: 6, startsOn: '2027-01-04', endedOn: null, milestones: [] },
      ],
      reports: [
        ...every(1),
        ...every(2, [3]),
        ...every(3, [0, 7]),
        ...every(4, [1, 2]),
        ...every(6),
        // reports outside the quarter or for this week change nothing
        { taskId: 2, weekOf: '2026-11-30' },
      ],
    });
    expect(result).toEqual([
      { departmentId: 1, lateMilestones: 0, missedReports: 0, colour: 'green' },
      { departmentId: 2, lateMilestones: 1, missedReports: 1, colour: 'yellow' },
      { departmentId: 3, lateMilestones: 0, missedReports: 4, colour: 'red' },
      { departmentId: 4, lateMilestones: 0, missedReports: 2, colour: 'yellow' },
      { departmentId: 5, lateMilestones: 3, missedReports: 0, colour: 'red' },
    ]);
  });

  it('counts a past quarter whole, up to its last day', () => {
    const result = computeUnitFlags({
      rule: DEFAULT_FLAG_RULE,
      quarter: '2026-Q3',
      today: '2026-12-02',
      tasks: [
        {
          id: 1,
          leadDepartmentId: 1,
          startsOn: '2026-09-20',
          endedOn: null,
          milestones: [{ dueOn: '2026-09-30', doneOn: '2026-10-05', weight: null }],
        },
      ],
      reports: [{ taskId: 1, weekOf: '2026-09-21' }],
    });
    // Mondays due in Q3: 09-21, 09-28 → one missed; the milestone was done late
    expect(result).toEqual([{ departmentId: 1, lateMilestones: 1, missedReports: 1, colour: 'yellow' }]);
  });
});
