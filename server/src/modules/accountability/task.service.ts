import type {
  MilestoneDone,
  NotReportedBoard,
  Task,
  TaskBoard,
  TaskCreate,
  TaskQuery,
  WeeklyReport,
  WeeklyReportCreate,
} from '#contracts/accountability.ts';
import { authorize, type Principal } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { accountabilityPermission } from './accountability.policy.ts';
import { presentTask, presentWeeklyReport } from './accountability.presenter.ts';
import {
  findDepartmentIds,
  findDepartmentNames,
  findMilestoneRows,
  findReportWeeks,
  findTaskRow,
  findTaskRows,
  insertMilestones,
  insertTask,
  insertWeeklyReport,
  type MilestoneRow,
  markMilestoneDone,
  placeExists,
  type TaskRow,
} from './accountability.repository.ts';
import type { Db } from './accountability.table.ts';
import { currentMonday, isMonday, shanghaiDate, unitsNotReported } from './task-flags.ts';

/** Tasks of the battle map (挂图作战), their milestones and the Monday reports (每周周一调度). */

function byTask(milestones: readonly MilestoneRow[]): Map<number, MilestoneRow[]> {
  const map = new Map<number, MilestoneRow[]>();
  for (const m of milestones) map.set(m.task_id, [...(map.get(m.task_id) ?? []), m]);
  return map;
}

/** The board: tasks by lead unit, each with its milestones and progress. */
export async function findTaskBoard(
  db: Db,
  options: { principal: Principal; query: TaskQuery; now: Date },
): Promise<TaskBoard> {
  const { principal } = options;
  const today = shanghaiDate(options.now);
  const tasks = await findTaskRows(db, { jurisdictionId: principal.jurisdictionId, ...options.query });
  const milestones = byTask(
    await findMilestoneRows(db, {
      jurisdictionId: principal.jurisdictionId,
      taskIds: tasks.map((t) => t.id),
    }),
  );
  const units = new Map<number, TaskBoard['units'][number]>();
  for (const row of tasks) {
    const unit = units.get(row.lead_department_id) ?? {
      departmentId: row.lead_department_id,
      departmentName: row.lead_department_name,
      tasks: [],
    };
    unit.tasks.push(presentTask(row, milestones.get(row.id) ?? [], today));
    units.set(row.lead_department_id, unit);
  }
  return { units: [...units.values()] };
}

async function loadTask(db: Db, principal: Principal, id: number, forUpdate = false): Promise<TaskRow> {
  const row = await findTaskRow(db, { jurisdictionId: principal.jurisdictionId, id, forUpdate });
  if (!row) throw notFound('Task');
  return row;
}

async function taskWithMilestones(db: Db, principal: Principal, row: TaskRow, now: Date): Promise<Task> {
  const milestones = await findMilestoneRows(db, {
    jurisdictionId: principal.jurisdictionId,
    taskIds: [row.id],
  });
  return presentTask(row, milestones, shanghaiDate(now));
}

export async function getTask(
  db: Db,
  options: { principal: Principal; id: number; now: Date },
): Promise<Task> {
  const row = await loadTask(db, options.principal, options.id);
  return taskWithMilestones(db, options.principal, row, options.now);
}

/** Creates a task with its milestones (administrators); audited. */
export async function createTask(
  trx: Db,
  options: { principal: Principal; request: TaskCreate; actor: Actor; now: Date },
): Promise<Task> {
  const { principal, request } = options;
  const jurisdictionId = principal.jurisdictionId;
  const wanted = [...new Set([request.leadDepartmentId, ...request.cooperatingDepartmentIds])];
  const known = await findDepartmentIds(trx, { jurisdictionId, ids: wanted });
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new AppError('accountability.unknown_department', 'Unknown department', { departmentIds: unknown });
  const placeId = request.placeId ?? null;
  if (placeId !== null && !(await placeExists(trx, { jurisdictionId, placeId })))
    throw new AppError('accountability.unknown_place', 'Unknown place');
  const id = await insertTask(trx, {
    jurisdictionId,
    title: request.title,
    goal: request.goal,
    leadDepartmentId: request.leadDepartmentId,
    cooperatingDepartmentIds: request.cooperatingDepartmentIds.filter((d) => d !== request.leadDepartmentId),
    responsiblePerson: request.responsiblePerson,
    placeId,
    startsOn: request.startsOn ?? shanghaiDate(options.now),
    createdBy: options.actor.id,
    now: options.now,
  });
  await insertMilestones(trx, { jurisdictionId, taskId: id, milestones: request.milestones });
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'accountability.task_created',
    subjectType: 'accountability_task',
    subjectId: id,
    details: { leadDepartmentId: request.leadDepartmentId, milestones: request.milestones.length },
  });
  return getTask(trx, { principal, id, now: options.now });
}

/** The lead unit's report on a task for a week (this week by default): one per task per week. */
export async function reportWeek(
  trx: Db,
  options: { principal: Principal; taskId: number; request: WeeklyReportCreate; actor: Actor; now: Date },
): Promise<WeeklyReport> {
  const { principal, request } = options;
  const task = await loadTask(trx, principal, options.taskId);
  authorize(principal, accountabilityPermission('accountability.report'), {
    departmentId: task.lead_department_id,
  });
  if (task.status !== 'in_progress')
    throw new AppError('accountability.task_not_in_progress', 'The task is not in progress');
  const weekOf = request.weekOf ?? currentMonday(options.now);
  if (!isMonday(weekOf)) throw new AppError('accountability.not_a_monday', 'weekOf must be a Monday');
  const row = await insertWeeklyReport(trx, {
    jurisdictionId: principal.jurisdictionId,
    taskId: task.id,
    weekOf,
    progress: request.progress,
    problems: request.problems,
    nextWeekPlan: request.nextWeekPlan,
    reportedBy: options.actor.id,
    now: options.now,
  });
  if (!row)
    throw new AppError('accountability.already_reported', 'The task already has its report for that week', {
      weekOf,
    });
  return presentWeeklyReport(row);
}

/** A milestone done, with the date and an evidence note (the lead unit or an administrator); audited. */
export async function completeMilestone(
  trx: Db,
  options: {
    principal: Principal;
    taskId: number;
    milestoneId: number;
    request: MilestoneDone;
    actor: Actor;
    now: Date;
  },
): Promise<Task> {
  const { principal } = options;
  const task = await loadTask(trx, principal, options.taskId, true);
  authorize(principal, accountabilityPermission('accountability.report'), {
    departmentId: task.lead_department_id,
  });
  if (task.status !== 'in_progress')
    throw new AppError('accountability.task_not_in_progress', 'The task is not in progress');
  const updated = await markMilestoneDone(trx, {
    jurisdictionId: principal.jurisdictionId,
    taskId: task.id,
    milestoneId: options.milestoneId,
    doneOn: options.request.doneOn,
    evidence: options.request.evidence,
  });
  if (!updated) throw notFound('Milestone');
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: 'accountability.milestone_done',
    subjectType: 'accountability_task',
    subjectId: task.id,
    details: { milestoneId: options.milestoneId, doneOn: options.request.doneOn },
  });
  return taskWithMilestones(trx, principal, task, options.now);
}

/** Who has not reported for a Monday (this week's by default). */
export async function findNotReported(
  db: Db,
  options: { principal: Principal; weekOf?: string | undefined; now: Date },
): Promise<NotReportedBoard> {
  const { principal } = options;
  const jurisdictionId = principal.jurisdictionId;
  const monday = options.weekOf ?? currentMonday(options.now);
  if (!isMonday(monday)) throw new AppError('accountability.not_a_monday', 'weekOf must be a Monday');
  const tasks = await findTaskRows(db, { jurisdictionId });
  const reports = await findReportWeeks(db, { jurisdictionId, from: monday, to: monday });
  const names = await findDepartmentNames(db, jurisdictionId);
  const units = unitsNotReported({
    tasks: tasks.map((t) => ({
      id: t.id,
      leadDepartmentId: t.lead_department_id,
      startsOn: t.starts_on,
      endedOn: t.ended_on,
    })),
    reports,
    monday,
  });
  return {
    weekOf: monday,
    units: units.map((u) => ({ ...u, departmentName: names.get(u.departmentId) ?? '' })),
  };
}
