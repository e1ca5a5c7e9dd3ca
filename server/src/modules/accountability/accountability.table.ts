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

export interface AccountabilityTables {
  accountability_task: AccountabilityTaskTable;
  accountability_milestone: AccountabilityMilestoneTable;
  accountability_weekly_report: AccountabilityWeeklyReportTable;
  accountability_flag: AccountabilityFlagTable;
}

/** The database as the accountability module sees it (the app's Database plus these tables). */
export type Db = Kysely<Database & AccountabilityTables>;

/** The app's database handle typed with these tables too (a no-op once db/schema.ts composes them). */
export function withAccountabilityTables(db: Kysely<Database>): Db {
  return db.withTables<{ [T in keyof AccountabilityTables]: AccountabilityTables[T] }>();
}
