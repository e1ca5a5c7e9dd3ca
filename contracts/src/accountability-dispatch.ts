import { z } from 'zod';
import { accountabilityLimits, CalendarDate, FlagColour, WeeklyReport } from './accountability.ts';
import { Id } from './territory.ts';

/**
 * Accountability, continued: task status changes, the dispatch meetings (调度会) and their decisions,
 * the monthly bulletin (月通报), leaders' subscriptions and their flag inbox, and the duty record
 * (履职档案) of each lead unit's responsible head. Dates are calendar dates in Asia/Shanghai.
 */

/** A month, `2026-10`. */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month like 2026-10');

export const TaskStatusChange = z.object({
  action: z.enum(['complete', 'suspend', 'resume']),
  /** The day it took effect (completed or suspended on); today when left out. Ignored on resume. */
  on: CalendarDate.optional(),
  reason: z.string().trim().min(2).max(accountabilityLimits.textLength),
});
export type TaskStatusChange = z.infer<typeof TaskStatusChange>;

// --- 调度会 --------------------------------------------------------------------------------------

export const DecisionCreate = z.object({
  content: z.string().trim().min(1).max(accountabilityLimits.textLength),
  departmentId: Id,
  dueOn: CalendarDate,
});
export type DecisionCreate = z.infer<typeof DecisionCreate>;

export const DispatchMeetingCreate = z.object({
  heldOn: CalendarDate,
  title: z.string().trim().min(1).max(accountabilityLimits.titleLength),
  chairedBy: z.string().trim().min(1).max(accountabilityLimits.personLength),
  attendees: z.string().trim().max(accountabilityLimits.textLength).default(''),
  summary: z.string().trim().max(accountabilityLimits.textLength).default(''),
  decisions: z.array(DecisionCreate).max(accountabilityLimits.maxMilestones).default([]),
});
export type DispatchMeetingCreate = z.infer<typeof DispatchMeetingCreate>;

export const Decision = z.object({
  id: z.number().int(),
  meetingId: z.number().int(),
  content: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  doneNote: z.string().nullable(),
  /** Not done and past its due date (or done after it). */
  late: z.boolean(),
});
export type Decision = z.infer<typeof Decision>;

export const DispatchMeeting = z.object({
  id: z.number().int(),
  heldOn: z.string(),
  title: z.string(),
  chairedBy: z.string(),
  attendees: z.string(),
  summary: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  decisions: z.array(Decision),
});
export type DispatchMeeting = z.infer<typeof DispatchMeeting>;
export const DispatchMeetingList = z.object({ meetings: z.array(DispatchMeeting) });
export type DispatchMeetingList = z.infer<typeof DispatchMeetingList>;

export const DecisionDone = z.object({
  doneOn: CalendarDate,
  note: z.string().trim().min(1).max(accountabilityLimits.textLength),
});
export type DecisionDone = z.infer<typeof DecisionDone>;

// --- 月通报 --------------------------------------------------------------------------------------

/** A task's standing in a month: done, on track, late (a milestone overdue), not reported (a Monday missed). */
export const BulletinCategory = z.enum(['done', 'on_track', 'late', 'not_reported']);
export type BulletinCategory = z.infer<typeof BulletinCategory>;

export const BulletinTaskRow = z.object({
  taskId: z.number().int(),
  title: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  responsiblePerson: z.string(),
  category: BulletinCategory,
  progress: z.number(),
  /** Titles of the milestones overdue at the month's end (or done late within it). */
  lateMilestones: z.array(z.string()),
  /** Mondays of the month the task owed a report and has none. */
  missedWeeks: z.array(z.string()),
});
export type BulletinTaskRow = z.infer<typeof BulletinTaskRow>;

export const BulletinUnitRow = z.object({
  departmentId: z.number().int(),
  departmentName: z.string(),
  tasks: z.number().int(),
  done: z.number().int(),
  onTrack: z.number().int(),
  late: z.number().int(),
  notReported: z.number().int(),
  remark: z.string(),
});
export type BulletinUnitRow = z.infer<typeof BulletinUnitRow>;

export const BulletinChange = z.object({
  taskId: z.number().int(),
  title: z.string(),
  departmentName: z.string(),
  kind: z.enum(['milestone_done', 'task_completed', 'task_suspended', 'category_changed']),
  on: z.string().nullable(),
  text: z.string(),
});
export type BulletinChange = z.infer<typeof BulletinChange>;

export const Bulletin = z.object({
  id: z.number().int(),
  month: z.string(),
  asOf: z.string(),
  status: z.enum(['draft', 'published']),
  remarks: z.string(),
  tasks: z.array(BulletinTaskRow),
  units: z.array(BulletinUnitRow),
  changes: z.array(BulletinChange),
  generatedBy: z.string(),
  generatedAt: z.string(),
  publishedBy: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type Bulletin = z.infer<typeof Bulletin>;

export const BulletinSummary = Bulletin.pick({
  id: true,
  month: true,
  asOf: true,
  status: true,
  generatedAt: true,
  publishedAt: true,
});
export const BulletinList = z.object({ bulletins: z.array(BulletinSummary) });
export type BulletinList = z.infer<typeof BulletinList>;

export const BulletinGenerate = z.object({ month: Month });
export const BulletinRemarks = z.object({
  remarks: z.string().trim().max(accountabilityLimits.textLength),
  /** A remark per unit (department id as a string key); units left out keep theirs. */
  unitRemarks: z
    .record(z.string().regex(/^\d+$/), z.string().trim().max(accountabilityLimits.textLength))
    .default({}),
});
export type BulletinRemarks = z.infer<typeof BulletinRemarks>;

// --- subscriptions, the flag inbox, the duty record ------------------------------------------------

export const SubscriptionSet = z.object({
  departmentIds: z.array(Id).max(200),
});
export const SubscriptionList = z.object({
  departmentIds: z.array(z.number().int()),
});
export type SubscriptionList = z.infer<typeof SubscriptionList>;

export const FlagNotice = z.object({
  id: z.number().int(),
  flagId: z.number().int(),
  quarter: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  colour: FlagColour,
  overrideReason: z.string().nullable(),
  deliveredAt: z.string(),
  readAt: z.string().nullable(),
});
export type FlagNotice = z.infer<typeof FlagNotice>;
export const FlagInbox = z.object({ notices: z.array(FlagNotice), unread: z.number().int() });
export type FlagInbox = z.infer<typeof FlagInbox>;

export const DutyEntry = z.object({
  id: z.number().int(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  head: z.string(),
  kind: z.enum(['flag', 'override', 'bulletin']),
  period: z.string(),
  colour: FlagColour.nullable(),
  summary: z.string(),
  sourceId: z.number().int(),
  recordedAt: z.string(),
});
export type DutyEntry = z.infer<typeof DutyEntry>;
export const DutyRecord = z.object({
  departmentId: z.number().int(),
  departmentName: z.string(),
  heads: z.array(z.string()),
  entries: z.array(DutyEntry),
});
export type DutyRecord = z.infer<typeof DutyRecord>;
export const DutyRecordUnits = z.object({
  units: z.array(
    z.object({
      departmentId: z.number().int(),
      departmentName: z.string(),
      heads: z.array(z.string()),
      entries: z.number().int(),
      red: z.number().int(),
      yellow: z.number().int(),
      green: z.number().int(),
    }),
  ),
});
export type DutyRecordUnits = z.infer<typeof DutyRecordUnits>;

/** Where tasks that have a place are, for the board's map (the centre of the place's bounds). */
export const TaskPlaces = z.object({
  places: z.array(
    z.object({
      taskId: z.number().int(),
      placeId: z.number().int(),
      placeName: z.string(),
      lng: z.number(),
      lat: z.number(),
    }),
  ),
});
export type TaskPlaces = z.infer<typeof TaskPlaces>;

/** A task's Monday reports, newest first. */
export const WeeklyReportList = z.object({ reports: z.array(WeeklyReport) });
export type WeeklyReportList = z.infer<typeof WeeklyReportList>;
