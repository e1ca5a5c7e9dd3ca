import { describe, expect, it } from 'vitest';
import { type BulletinTaskFacts, classifyMonth, monthBounds, previousMonth, unitRows } from './bulletin.ts';

const task = (over: Partial<BulletinTaskFacts> & { id: number }): BulletinTaskFacts => ({
  title: `任务${over.id}`,
  status: 'in_progress',
  leadDepartmentId: 1,
  departmentName: '单位',
  responsiblePerson: '负责人',
  startsOn: '2026-09-01',
  endedOn: null,
  milestones: [],
  ...over,
});
const allOctober = (taskId: number) =>
  ['2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26'].map((weekOf) => ({ taskId, weekOf }));

describe('monthly bulletin rule', () => {
  it('knows month bounds and the month before', () => {
    expect(monthBounds('2026-02')).toEqual({ month: '2026-02', first: '2026-02-01', last: '2026-02-28' });
    expect(monthBounds('2026-12').last).toBe('2026-12-31');
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-10')).toBe('2026-09');
  });

  it('puts each task in one category: done, then late, then not reported, else on track', () => {
    const { asOf, tasks } = classifyMonth({
      month: '2026-10',
      today: '2026-11-05',
      tasks: [
        task({ id: 1 }),
        task({ id: 2, milestones: [{ title: 'm', dueOn: '2026-10-15', doneOn: null, weight: null }] }),
        task({ id: 3 }),
        task({ id: 4, status: 'completed', endedOn: '2026-10-20' }),
        task({ id: 5, startsOn: '2026-11-02' }),
        task({ id: 6, status: 'suspended', endedOn: '2026-09-20' }),
        // Done late within the month: late, though nothing is open.
        task({
          id: 7,
          milestones: [{ title: 'm', dueOn: '2026-09-20', doneOn: '2026-10-03', weight: null }],
        }),
        // Done on its due day: on time.
        task({
          id: 8,
          milestones: [{ title: 'm', dueOn: '2026-10-10', doneOn: '2026-10-10', weight: null }],
        }),
      ],
      reports: [
        ...allOctober(1),
        ...allOctober(2),
        ...allOctober(3).slice(1),
        ...allOctober(7),
        ...allOctober(8),
      ],
    });
    expect(asOf).toBe('2026-10-31');
    expect(tasks.map((t) => [t.taskId, t.category])).toEqual([
      [1, 'on_track'],
      [2, 'late'],
      [3, 'not_reported'],
      [4, 'done'],
      [7, 'late'],
      [8, 'on_track'],
    ]);
    expect(tasks.find((t) => t.taskId === 3)?.missedWeeks).toEqual(['2026-10-05']);
    expect(tasks.find((t) => t.taskId === 8)?.progress).toBe(100);
  });

  it('while the month runs, counts only weeks that are over and milestones due before today', () => {
    const { asOf, tasks } = classifyMonth({
      month: '2026-10',
      today: '2026-10-14',
      tasks: [task({ id: 1, milestones: [{ title: 'm', dueOn: '2026-10-14', doneOn: null, weight: null }] })],
      reports: [{ taskId: 1, weekOf: '2026-10-05' }],
    });
    expect(asOf).toBe('2026-10-14');
    expect(tasks[0]?.category).toBe('on_track');
  });

  it('sums units in the order they first appear, with their remarks', () => {
    const rows = classifyMonth({
      month: '2026-10',
      today: '2026-11-05',
      tasks: [
        task({ id: 1, leadDepartmentId: 7 }),
        task({ id: 2, leadDepartmentId: 3 }),
        task({ id: 3, leadDepartmentId: 7 }),
      ],
      reports: [...allOctober(1), ...allOctober(2)],
    }).tasks;
    expect(unitRows(rows, { '7': '请整改' })).toMatchObject([
      { departmentId: 7, tasks: 2, onTrack: 1, notReported: 1, remark: '请整改' },
      { departmentId: 3, tasks: 1, onTrack: 1, remark: '' },
    ]);
  });
});
