import { z } from 'zod';
import { Id } from './territory.ts';

/**
 * Accountability (挂图作战): the pilot's tasks led by departments, their milestones, the Monday
 * dispatch (每周周一调度: one report per task per week) and the quarterly flags (每季一挂牌: red,
 * yellow or green per lead unit, by a written rule; an administrator may override with a reason).
 * Dates are calendar dates in Asia/Shanghai (`YYYY-MM-DD`).
 */

export const accountabilityLimits = {
  titleLength: 200,
  textLength: 4000,
  personLength: 80,
  maxMilestones: 40,
  maxCooperating: 40,
  maxWeight: 1000,
} as const;

/** A calendar date (Asia/Shanghai), `YYYY-MM-DD`. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'a real date',
  );

/** A quarter, `2026-Q4`. */
export const Quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'a quarter like 2026-Q4');

export const TaskStatus = z.enum(['in_progress', 'completed', 'suspended']);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const FlagColour = z.enum(['red', 'yellow', 'green']);
export type FlagColour = z.infer<typeof FlagColour>;

/** A colour is given when either count reaches its threshold (red is checked first). */
const Threshold = z.object({
  lateMilestones: z.number().int().positive(),
  missedReports: z.number().int().positive(),
});
export const FlagRule = z
  .object({ red: Threshold, yellow: Threshold })
  .refine(
    (r) => r.red.lateMilestones >= r.yellow.lateMilestones && r.red.missedReports >= r.yellow.missedReports,
    'red thresholds must not be below yellow ones',
  );
export type FlagRule = z.infer<typeof FlagRule>;

export const MilestoneCreate = z.object({
  title: z.string().trim().min(1).max(accountabilityLimits.titleLength),
  dueOn: CalendarDate,
  /** A share of the task; when any milestone of a task has none, all count equally. */
  weight: z.number().positive().max(accountabilityLimits.maxWeight).optional(),
});
export type MilestoneCreate = z.infer<typeof MilestoneCreate>;

export const TaskCreate = z.object({
  title: z.string().trim().min(1).max(accountabilityLimits.titleLength),
  goal: z.string().trim().min(1).max(accountabilityLimits.textLength),
  leadDepartmentId: Id,
  cooperatingDepartmentIds: z.array(Id).max(accountabilityLimits.maxCooperating).default([]),
  responsiblePerson: z.string().trim().min(1).max(accountabilityLimits.personLength),
  placeId: Id.nullable().optional(),
  /** The first day reports are due from (the Monday on or after it); today when left out. */
  startsOn: CalendarDate.optional(),
  milestones: z.array(MilestoneCreate).max(accountabilityLimits.maxMilestones).default([]),
});
export type TaskCreate = z.infer<typeof TaskCreate>;

export const Milestone = z.object({
  id: z.number().int(),
  title: z.string(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  weight: z.number().nullable(),
  evidence: z.string().nullable(),
  late: z.boolean(),
});
export type Milestone = z.infer<typeof Milestone>;

export const MilestoneDone = z.object({
  doneOn: CalendarDate,
  evidence: z.string().trim().min(1).max(accountabilityLimits.textLength),
});
export type MilestoneDone = z.infer<typeof MilestoneDone>;

export const Task = z.object({
  id: z.number().int(),
  title: z.string(),
  goal: z.string(),
  leadDepartmentId: z.number().int(),
  leadDepartmentName: z.string(),
  cooperatingDepartmentIds: z.array(z.number().int()),
  responsiblePerson: z.string(),
  status: TaskStatus,
  placeId: z.number().int().nullable(),
  startsOn: z.string(),
  /** 0–100, from the milestones done (by weight, or equal shares). */
  progress: z.number(),
  milestones: z.array(Milestone),
  createdAt: z.string(),
});
export type Task = z.infer<typeof Task>;

export const TaskQuery = z.object({
  leadDepartmentId: Id.optional(),
  status: TaskStatus.optional(),
});
export type TaskQuery = z.infer<typeof TaskQuery>;

/** The board: tasks grouped by lead unit. */
export const TaskBoard = z.object({
  units: z.array(
    z.object({
      departmentId: z.number().int(),
      departmentName: z.string(),
      tasks: z.array(Task),
    }),
  ),
});
export type TaskBoard = z.infer<typeof TaskBoard>;

export const WeeklyReportCreate = z.object({
  /** The Monday of the week reported on; this week's Monday when left out. */
  weekOf: CalendarDate.optional(),
  progress: z.string().trim().min(1).max(accountabilityLimits.textLength),
  problems: z.string().trim().max(accountabilityLimits.textLength).default(''),
  nextWeekPlan: z.string().trim().min(1).max(accountabilityLimits.textLength),
});
export type WeeklyReportCreate = z.infer<typeof WeeklyReportCreate>;

export const WeeklyReport = z.object({
  id: z.number().int(),
  taskId: z.number().int(),
  weekOf: z.string(),
  progress: z.string(),
  problems: z.string(),
  nextWeekPlan: z.string(),
  reportedBy: z.string(),
  reportedAt: z.string(),
});
export type WeeklyReport = z.infer<typeof WeeklyReport>;

export const NotReportedQuery = z.object({ weekOf: CalendarDate.optional() });

/** Who has not reported for a Monday: lead units with the tasks still missing a report. */
export const NotReportedBoard = z.object({
  weekOf: z.string(),
  units: z.array(
    z.object({
      departmentId: z.number().int(),
      departmentName: z.string(),
      taskIds: z.array(z.number().int()),
    }),
  ),
});
export type NotReportedBoard = z.infer<typeof NotReportedBoard>;

export const FlagCompute = z.object({ quarter: Quarter, rule: FlagRule.optional() });
export const FlagPublish = z.object({ quarter: Quarter });
export const FlagQuery = z.object({ quarter: Quarter });

export const FlagOverride = z.object({
  colour: FlagColour,
  reason: z.string().trim().min(2).max(accountabilityLimits.textLength),
});
export type FlagOverride = z.infer<typeof FlagOverride>;

export const UnitFlag = z.object({
  id: z.number().int(),
  quarter: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  lateMilestones: z.number().int(),
  missedReports: z.number().int(),
  computedColour: FlagColour,
  colour: FlagColour,
  rule: FlagRule,
  computedAt: z.string(),
  overriddenBy: z.string().nullable(),
  overrideReason: z.string().nullable(),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
});
export type UnitFlag = z.infer<typeof UnitFlag>;

export const FlagList = z.object({ quarter: z.string(), flags: z.array(UnitFlag) });
export type FlagList = z.infer<typeof FlagList>;
