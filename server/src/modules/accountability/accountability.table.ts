import type { ColumnType, Generated, Kysely } from 'kysely';
import type { FlagColour, FlagRule, TaskStatus } from '#contracts/accountability.ts';
import type { Database } from '../../db/schema.ts';

/**
 * Row types of the tables the accountability module owns. Dates (`date`) are read as `YYYY-MM-DD`
 * text (cast in SQL), written as the same text; jsonb is written as text.
 */

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
type DateText = ColumnType<string, string, string>;
type NullableDateText = ColumnType<string | null, string | null | undefined, string | null>;

export interface AccountabilityTaskTable {
  jurisdiction_id: number;
  id: Generated<number>;
  title: string;
  goal: string;
  lead_department_id: number;
  cooperating_department_ids: ColumnType<number[], string | undefined, string>;
  responsible_person: string;
  status: ColumnType<TaskStatus, TaskStatus | undefined, TaskStatus>;
  place_id: number | null;
  starts_on: DateText;
  ended_on: NullableDateText;
  created_by: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AccountabilityMilestoneTable {
  jurisdiction_id: number;
  id: Generated<number>;
  task_id: number;
  position: number;
  title: string;
  due_on: DateText;
  done_on: NullableDateText;
  weight: ColumnType<number | null, number | null | undefined, number | null>;
  evidence: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AccountabilityWeeklyReportTable {
  jurisdiction_id: number;
  id: Generated<number>;
  task_id: number;
  week_of: DateText;
  progress: string;
  problems: string;
  next_week_plan: string;
  reported_by: string;
  reported_at: CreatedAt;
}

export interface AccountabilityFlagTable {
  jurisdiction_id: number;
  id: Generated<number>;
  quarter: string;
  department_id: number;
  late_milestones: number;
  missed_reports: number;
  computed_colour: FlagColour;
  colour: FlagColour;
  rule: ColumnType<FlagRule, string, string>;
  computed_at: Date;
  overridden_by: ColumnType<string | null, string | null | undefined, string | null>;
  override_reason: ColumnType<string | null, string | null | undefined, string | null>;
  overridden_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  published_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

type NullableText = ColumnType<string | null, string | null | undefined, string | null>;
type NullableTime = ColumnType<Date | null, Date | null | undefined, Date | null>;

/** 调度会 (meeting.service.ts). */
export interface AccountabilityMeetingTable {
  jurisdiction_id: number;
  id: Generated<number>;
  held_on: DateText;
  title: string;
  chaired_by: string;
  attendees: string;
  summary: string;
  created_by: string;
  created_at: CreatedAt;
}

export interface AccountabilityMeetingDecisionTable {
  jurisdiction_id: number;
  id: Generated<number>;
  meeting_id: number;
  position: number;
  content: string;
  department_id: number;
  due_on: DateText;
  done_on: NullableDateText;
  done_note: NullableText;
}

/** 月通报 (bulletin.service.ts); `content` is the snapshot of rows (jsonb, written through `jsonb()`). */
export interface AccountabilityBulletinTable {
  jurisdiction_id: number;
  id: Generated<number>;
  month: string;
  as_of: DateText;
  content: ColumnType<unknown, unknown, unknown>;
  remarks: ColumnType<string, string | undefined, string>;
  unit_remarks: ColumnType<Record<string, string>, unknown, unknown>;
  generated_by: string;
  generated_at: Date;
  published_by: NullableText;
  published_at: NullableTime;
}

/** A leader's subscription to a lead unit (duty-record.service.ts). */
export interface AccountabilitySubscriptionTable {
  jurisdiction_id: number;
  account_id: number;
  department_id: number;
  created_at: CreatedAt;
}

export interface AccountabilityFlagDeliveryTable {
  jurisdiction_id: number;
  id: Generated<number>;
  flag_id: number;
  account_id: number;
  delivered_at: Date;
  read_at: NullableTime;
}

/** 履职档案: one entry per flag, override or bulletin mention of a unit. */
export interface AccountabilityDutyEntryTable {
  jurisdiction_id: number;
  id: Generated<number>;
  department_id: number;
  head: string;
  kind: 'flag' | 'override' | 'bulletin';
  period: string;
  colour: ColumnType<FlagColour | null, FlagColour | null | undefined, FlagColour | null>;
  summary: string;
  source_id: number;
  recorded_at: Date;
}

export interface AccountabilityTables {
  accountability_task: AccountabilityTaskTable;
  accountability_milestone: AccountabilityMilestoneTable;
  accountability_weekly_report: AccountabilityWeeklyReportTable;
  accountability_flag: AccountabilityFlagTable;
  accountability_meeting: AccountabilityMeetingTable;
  accountability_meeting_decision: AccountabilityMeetingDecisionTable;
  accountability_bulletin: AccountabilityBulletinTable;
  accountability_subscription: AccountabilitySubscriptionTable;
  accountability_flag_delivery: AccountabilityFlagDeliveryTable;
  accountability_duty_entry: AccountabilityDutyEntryTable;
}

/** The database as the accountability module sees it (the app's Database plus these tables). */
export type Db = Kysely<Database & AccountabilityTables>;

/** The app's database handle typed with these tables too (a no-op once db/schema.ts composes them). */
export function withAccountabilityTables(db: Kysely<Database>): Db {
  return db.withTables<{ [T in keyof AccountabilityTables]: AccountabilityTables[T] }>();
}
