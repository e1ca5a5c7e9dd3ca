import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CaseClockData } from './case.clocks.ts';
import type { CaseState, CaseStatus, Rating } from './case.lifecycle.ts';
import type { CaseOutcome, DepartmentCounter, MEASURE_STEPS, PlaceCounter } from './case.measures.ts';
import type { TimeUnit } from './case.time-limits.ts';
import type { StepLimits } from './data/categories.ts';

/** Row types of the tables the cases module owns (migration 20261127030000_cases.sql). */

/** jsonb: read as a value, written as a `jsonb(...)` SQL expression (sent as text, cast in SQL). */
type Json<T> = ColumnType<T, unknown, unknown>;

export interface CaseCategoryTable {
  jurisdiction_id: number;
  code: string;
  name: string;
  major_code: string;
  major_name: string;
  kind: 'component' | 'event' | 'grid_work';
  department_code: string;
  urgent: boolean;
  limits: Json<StepLimits>;
  duplicate_radius_m: number;
  active: ColumnType<boolean, boolean | undefined>;
}

/** Raised by the database with every change to a jurisdiction's categories (for the intake's cache). */
export interface CaseCategoryRevisionTable {
  jurisdiction_id: number;
  revision: ColumnType<number, never, never>;
}

export type ReportChannel = 'resident' | 'rider' | 'grid_worker' | 'hotline' | 'api';

export interface CaseRecordTable {
  jurisdiction_id: number;
  id: Generated<number>;
  tracking_code: string;
  category_code: string;
  description: string;
  lng: number;
  lat: number;
  address: string | null;
  unit_id: number;
  grid_id: number;
  community_id: number;
  subdistrict_id: number;
  status: CaseStatus;
  state: Json<CaseState>;
  reporter_account_id: number | null;
  anonymous: boolean;
  channel: ReportChannel;
  rating: Rating | null;
  clocks: Json<CaseClockData[]>;
  step: string | null;
  step_department: string | null;
  step_unit: TimeUnit | null;
  step_started_at: Date | null;
  step_yellow_at: Date | null;
  step_deadline: Date | null;
  reported_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  version: ColumnType<number, number | undefined, number>;
}

export interface CaseTimelineTable {
  jurisdiction_id: number;
  id: Generated<number>;
  case_id: number;
  at: Date;
  actor_account_id: number | null;
  actor_name: string | null;
  actor_role: string;
  event: string;
  department_code: string | null;
  from_status: CaseStatus | null;
  to_status: CaseStatus;
  note: string | null;
  photo_ids: ColumnType<string[], string[] | undefined, string[]>;
  effects: Json<unknown[]>;
}

export type DepartmentTaskRowStatus =
  | 'dispatched'
  | 'acknowledged'
  | 'reported_back'
  | 'declined'
  | 'replaced';

export interface CaseDepartmentTaskTable {
  jurisdiction_id: number;
  id: Generated<number>;
  case_id: number;
  department_id: number;
  status: DepartmentTaskRowStatus;
  dispatched_at: Date;
  acknowledged_at: Date | null;
  reported_back_at: Date | null;
  closed_at: Date | null;
  /** Flagged late to acknowledge by the breach job (migration 20261127080000_case_department_lateness.sql). */
  acknowledge_late_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Flagged late to report back by the breach job. */
  report_back_late_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface CasePhotoTable {
  jurisdiction_id: number;
  id: string;
  case_id: number | null;
  uploaded_by: number;
  uploaded_at: Date;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  bytes: number;
  width: number;
  height: number;
  thumbnail_bytes: number;
  sha256: string;
}

export interface CaseIdempotencyTable {
  jurisdiction_id: number;
  account_id: number;
  key: string;
  request_hash: string;
  case_id: number | null;
  response: Json<unknown> | null;
  created_at: Date;
}

/** 关注: an account following a case it did not report (我也遇到, or its own case merged into this one). */
export interface CaseFollowerTable {
  jurisdiction_id: number;
  case_id: number;
  account_id: number;
  since: Date;
  via: 'me_too' | 'merge';
}

// ---- measures (migration 20261127110000_case_measures.sql) -----------------------------------------

/** A `date` column, always read as `to_char(day, 'YYYY-MM-DD')` and written as 'YYYY-MM-DD'. */
type Day = ColumnType<string, string, string>;
type StepColumns = { [K in `${(typeof MEASURE_STEPS)[number]}_${'seconds' | 'runs'}`]: number };
type Counter = ColumnType<number, number | undefined, number>;

export type CaseMeasureFactTable = {
  jurisdiction_id: number;
  case_id: number;
  day: Day;
  subdistrict_id: number;
  community_id: number;
  grid_id: number;
  outcome: CaseOutcome;
  accepted_on_time: boolean;
  escalated: boolean;
  dispatched: boolean;
  resolved_on_time: boolean;
  resolved: boolean;
  closed: boolean;
  closed_at_grid: boolean;
  rating: Rating | null;
  reopened: boolean;
} & StepColumns;

export interface CaseMeasureDepartmentFactTable {
  jurisdiction_id: number;
  case_id: number;
  department_id: number;
  tasks: number;
  acknowledged: number;
  acknowledged_on_time: number;
  declined: number;
  reported_back: number;
  reported_back_on_time: number;
  acknowledge_seconds: number;
  acknowledge_runs: number;
  department_handle_seconds: number;
  department_handle_runs: number;
}

export type CaseMeasureGridDayTable = {
  jurisdiction_id: number;
  day: Day;
  subdistrict_id: number;
  community_id: number;
  grid_id: number;
} & { [K in PlaceCounter]: Counter };

export type CaseMeasureCommunityDayTable = {
  jurisdiction_id: number;
  day: Day;
  subdistrict_id: number;
  community_id: number;
} & { [K in PlaceCounter]: Counter };

export type CaseMeasureDepartmentDayTable = {
  jurisdiction_id: number;
  day: Day;
  department_id: number;
  subdistrict_id: number;
  community_id: number;
  grid_id: number;
} & { [K in DepartmentCounter]: Counter };

export interface CasesTables {
  case_category: CaseCategoryTable;
  case_category_revision: CaseCategoryRevisionTable;
  case_record: CaseRecordTable;
  case_timeline: CaseTimelineTable;
  case_department_task: CaseDepartmentTaskTable;
  case_photo: CasePhotoTable;
  case_idempotency: CaseIdempotencyTable;
  case_follower: CaseFollowerTable;
  case_measure_fact: CaseMeasureFactTable;
  case_measure_department_fact: CaseMeasureDepartmentFactTable;
  case_measure_grid_day: CaseMeasureGridDayTable;
  case_measure_community_day: CaseMeasureCommunityDayTable;
  case_measure_department_day: CaseMeasureDepartmentDayTable;
}

/** The database as the cases module sees it (the app's Database plus these tables). */
export type Db = Kysely<Database & CasesTables>;

/** The app's database handle typed with these tables too (a no-op once db/schema.ts composes them). */
export function withCasesTables(db: Kysely<Database>): Db {
  return db.withTables<{ [T in keyof CasesTables]: CasesTables[T] }>();
}
