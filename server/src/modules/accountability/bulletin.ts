import type { TaskStatus } from '#contracts/accountability.ts';
import type {
  BulletinCategory,
  BulletinChange,
  BulletinTaskRow,
  BulletinUnitRow,
} from '#contracts/accountability-dispatch.ts';
import {
  addDays,
  type MilestoneFacts,
  mondayOf,
  mondaysBetween,
  type ReportFacts,
  reportDue,
  type TaskFacts,
  taskProgress,
} from './task-flags.ts';

/**
 * The monthly bulletin's rule (月通报), pure. For a month, as of its last day (or today while it runs):
 * - a task is **in** the bulletin when it started on or before the month's last day and had not
 *   ended before its first day;
 * - **done** (已完成): completed on or before the month's last day;
 * - else **late** (滞后): a milestone due on or before the as-of day and not done by it (the due day
 *   itself is on time), or one due earlier and done late within the month;
 * - else **not reported** (未报送): a Monday of the month whose week is over, owed and not reported;
 * - else **on track** (正常推进).
 * Units are the lead units of the tasks in it, in the tasks' order.
 */

export interface MonthBounds {
  month: string;
  first: string;
  last: string;
}

export function monthBounds(month: string): MonthBounds {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) throw new Error(`not a month: ${month}`);
  const year = Number(match[1]);
  const m = Number(match[2]);
  const next = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
  return { month, first: `${month}-01`, last: addDays(next, -1) };
}

export function previousMonth(month: string): string {
  return addDays(monthBounds(month).first, -1).slice(0, 7);
}

export interface BulletinTaskFacts extends TaskFacts {
  title: string;
  status: TaskStatus;
  departmentName: string;
  responsiblePerson: string;
  milestones: readonly (MilestoneFacts & { title: string })[];
}

export const CATEGORY_LABELS: Record<BulletinCategory, string> = {
  done: '已完成',
  on_track: '正常推进',
  late: '滞后',
  not_reported: '未报送',
};

export function classifyMonth(options: {
  month: string;
  today: string;
  tasks: readonly BulletinTaskFacts[];
  reports: readonly ReportFacts[];
}): { asOf: string; tasks: BulletinTaskRow[] } {
  const { first, last } = monthBounds(options.month);
  // biome-ignore lint/complexity/useMathMinMax: dates are strings, compared as text
  const asOf = options.today < last ? options.today : last;
  const thisMonday = mondayOf(options.today);
  const mondays = mondaysBetween(first, last).filter((m) => m < thisMonday);
  const reported = new Set(options.reports.map((r) => `${r.taskId}|${r.weekOf}`));
  const rows: BulletinTaskRow[] = [];
  for (const task of options.tasks) {
    if (task.startsOn > last) continue;
    if (task.endedOn !== null && task.endedOn < first) continue;
    const doneBy = (m: MilestoneFacts) => (m.doneOn !== null && m.doneOn <= asOf ? m.doneOn : null);
    const lateMilestones = task.milestones
      .filter((m) => {
        const doneOn = doneBy(m);
        return doneOn !== null ? doneOn > m.dueOn && doneOn >= first : asOf > m.dueOn;
      })
      .map((m) => m.title);
    const missedWeeks = mondays.filter((m) => reportDue(task, m) && !reported.has(`${task.id}|${m}`));
    const done = task.status === 'completed' && task.endedOn !== null && task.endedOn <= last;
    const category: BulletinCategory = done
      ? 'done'
      : lateMilestones.length > 0
        ? 'late'
        : missedWeeks.length > 0
          ? 'not_reported'
          : 'on_track';
    rows.push({
      taskId: task.id,
      title: task.title,
      departmentId: task.leadDepartmentId,
      departmentName: task.departmentName,
      responsiblePerson: task.responsiblePerson,
      category,
      progress: taskProgress(task.milestones.map((m) => ({ ...m, doneOn: doneBy(m) }))),
      lateMilestones,
      missedWeeks,
    });
  }
  return { asOf, tasks: rows };
}

/** Per unit: counts by category, in the order the units first appear; remarks from the editor. */
export function unitRows(
  tasks: readonly BulletinTaskRow[],
  remarks: Readonly<Record<string, string>> = {},
): BulletinUnitRow[] {
  const units = new Map<number, BulletinUnitRow>();
  for (const t of tasks) {
    const unit = units.get(t.departmentId) ?? {
      departmentId: t.departmentId,
      departmentName: t.departmentName,
      tasks: 0,
      done: 0,
      onTrack: 0,
      late: 0,
      notReported: 0,
      remark: remarks[String(t.departmentId)] ?? '',
    };
    unit.tasks += 1;
    if (t.category === 'done') unit.done += 1;
    if (t.category === 'on_track') unit.onTrack += 1;
    if (t.category === 'late') unit.late += 1;
    if (t.category === 'not_reported') unit.notReported += 1;
    units.set(t.departmentId, unit);
  }
  return [...units.values()];
}

/**
 * The month's changes: milestones done in it, tasks completed or suspended in it, and tasks whose
 * category differs from the month before.
 */
export function monthChanges(options: {
  month: string;
  asOf: string;
  tasks: readonly BulletinTaskFacts[];
  current: readonly BulletinTaskRow[];
  previous: readonly BulletinTaskRow[];
}): BulletinChange[] {
  const { first } = monthBounds(options.month);
  const changes: BulletinChange[] = [];
  const inBulletin = new Set(options.current.map((t) => t.taskId));
  for (const task of options.tasks) {
    if (!inBulletin.has(task.id)) continue;
    const base = { taskId: task.id, title: task.title, departmentName: task.departmentName };
    for (const m of task.milestones) {
      if (m.doneOn !== null && m.doneOn >= first && m.doneOn <= options.asOf)
        changes.push({ ...base, kind: 'milestone_done', on: m.doneOn, text: `节点“${m.title}”完成` });
    }
    if (task.endedOn !== null && task.endedOn >= first && task.endedOn <= options.asOf) {
      if (task.status === 'completed')
        changes.push({ ...base, kind: 'task_completed', on: task.endedOn, text: '任务完成' });
      if (task.status === 'suspended')
        changes.push({ ...base, kind: 'task_suspended', on: task.endedOn, text: '任务暂停' });
    }
  }
  const before = new Map(options.previous.map((t) => [t.taskId, t.category]));
  for (const t of options.current) {
    const was = before.get(t.taskId);
    if (was === undefined || was === t.category) continue;
    changes.push({
      taskId: t.taskId,
      title: t.title,
      departmentName: t.departmentName,
      kind: 'category_changed',
      on: null,
      text: `由“${CATEGORY_LABELS[was]}”变为“${CATEGORY_LABELS[t.category]}”`,
    });
  }
  return changes.sort((a, b) => (a.on ?? '9999').localeCompare(b.on ?? '9999') || a.taskId - b.taskId);
}
