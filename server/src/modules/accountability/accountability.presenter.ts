import type { FlagList, Milestone, Task, UnitFlag, WeeklyReport } from '#contracts/accountability.ts';
import type { FlagRow, MilestoneRow, TaskRow, WeeklyReportRow } from './accountability.repository.ts';
import { isMilestoneLate, taskProgress } from './task-flags.ts';

/** Rows → API types: the only way accountability data leaves the server. */

export function presentMilestone(row: MilestoneRow, today: string): Milestone {
  const facts = { dueOn: row.due_on, doneOn: row.done_on, weight: row.weight };
  return {
    id: row.id,
    title: row.title,
    dueOn: row.due_on,
    doneOn: row.done_on,
    weight: row.weight,
    evidence: row.evidence,
    late: isMilestoneLate(facts, today),
  };
}

export function presentTask(row: TaskRow, milestones: readonly MilestoneRow[], today: string): Task {
  return {
    id: row.id,
    title: row.title,
    goal: row.goal,
    leadDepartmentId: row.lead_department_id,
    leadDepartmentName: row.lead_department_name,
    cooperatingDepartmentIds: row.cooperating_department_ids,
    responsiblePerson: row.responsible_person,
    status: row.status,
    placeId: row.place_id,
    startsOn: row.starts_on,
    progress: taskProgress(milestones.map((m) => ({ dueOn: m.due_on, doneOn: m.done_on, weight: m.weight }))),
    milestones: milestones.map((m) => presentMilestone(m, today)),
    createdAt: row.created_at.toISOString(),
  };
}

export function presentWeeklyReport(row: WeeklyReportRow): WeeklyReport {
  return {
    id: row.id,
    taskId: row.task_id,
    weekOf: row.week_of,
    progress: row.progress,
    problems: row.problems,
    nextWeekPlan: row.next_week_plan,
    reportedBy: row.reported_by,
    reportedAt: row.reported_at.toISOString(),
  };
}

export function presentFlag(row: FlagRow): UnitFlag {
  return {
    id: row.id,
    quarter: row.quarter,
    departmentId: row.department_id,
    departmentName: row.department_name,
    lateMilestones: row.late_milestones,
    missedReports: row.missed_reports,
    computedColour: row.computed_colour,
    colour: row.colour,
    rule: row.rule,
    computedAt: row.computed_at.toISOString(),
    overriddenBy: row.overridden_by,
    overrideReason: row.override_reason,
    published: row.published_at !== null,
    publishedAt: row.published_at?.toISOString() ?? null,
  };
}

export function presentFlags(quarter: string, rows: readonly FlagRow[]): FlagList {
  return { quarter, flags: rows.map(presentFlag) };
}
