import type { ColumnType, Generated, Kysely } from 'kysely';
import type {
  AssessmentSubject,
  Criterion,
  Indicator,
  LiaisonKind,
  OutlierRule,
  PayBand,
  PledgeStatus,
  ProjectLevel,
} from '#contracts/performance.ts';
import type { Database } from '../../db/schema.ts';

/**
 * Row types of the tables the performance module owns (migration 20261127170000_performance.sql).
 * Dates are read as `YYYY-MM-DD` text (cast in SQL); jsonb is read as a value and written through
 * `jsonb()`.
 */

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type DateText = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, unknown, unknown>;
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface PerformanceProjectTable {
  jurisdiction_id: number;
  id: Generated<number>;
  title: string;
  level: ProjectLevel;
  place_id: number | null;
  owner_staff_id: number;
  created_by: string;
  created_at: CreatedAt;
}

export interface PerformancePledgeTable {
  jurisdiction_id: number;
  id: Generated<number>;
  project_id: number;
  title: string;
  due_on: DateText;
  status: ColumnType<PledgeStatus, PledgeStatus | undefined, PledgeStatus>;
  evidence_text: Nullable<string>;
  evidence_refs: Json<string[]>;
  claimed_on: Nullable<string>;
  claimed_by: Nullable<string>;
  reviewed_by: Nullable<string>;
  reviewed_at: Nullable<Date>;
  review_note: Nullable<string>;
  created_at: CreatedAt;
}

export interface PerformanceLiaisonTable {
  jurisdiction_id: number;
  staff_member_id: number;
  community_id: number;
  kind: LiaisonKind;
}

export interface PerformanceVisitTable {
  jurisdiction_id: number;
  id: Generated<number>;
  staff_member_id: number;
  community_id: number;
  visited_on: DateText;
  people_met: string;
  notes: ColumnType<string, string | undefined, string>;
  logged_by: string;
  logged_at: CreatedAt;
}

export interface PerformanceVisitProblemTable {
  jurisdiction_id: number;
  id: Generated<number>;
  visit_id: number;
  description: string;
  solved: ColumnType<boolean, boolean | undefined, boolean>;
  case_id: Nullable<number>;
}

export interface PerformanceRubricTable {
  jurisdiction_id: number;
  id: Generated<number>;
  name: string;
  criteria: Json<Criterion[]>;
  outlier_rule: Json<OutlierRule>;
  created_at: CreatedAt;
}

export interface PerformanceReportTable {
  jurisdiction_id: number;
  id: Generated<number>;
  half_year: string;
  community_id: number;
  secretary_staff_id: number;
  rubric_id: number;
  body: string;
  submitted_by: string;
  submitted_at: CreatedAt;
}

export interface PerformanceReviewScoreTable {
  jurisdiction_id: number;
  report_id: number;
  reviewer: string;
  scores: Json<Record<string, number>>;
  scored_at: ColumnType<Date, Date | undefined, Date>;
}

export interface PerformanceTemplateTable {
  jurisdiction_id: number;
  id: Generated<number>;
  subject: AssessmentSubject;
  name: string;
  indicators: Json<Indicator[]>;
  pay_bands: Json<PayBand[]>;
  created_at: CreatedAt;
}

export interface PerformanceManualValueTable {
  jurisdiction_id: number;
  template_id: number;
  period: string;
  subject_id: number;
  indicator_key: string;
  value: number;
  reason: string;
  entered_by: string;
  entered_at: ColumnType<Date, Date | undefined, Date>;
}

export interface PerformanceTables {
  performance_project: PerformanceProjectTable;
  performance_pledge: PerformancePledgeTable;
  performance_liaison: PerformanceLiaisonTable;
  performance_visit: PerformanceVisitTable;
  performance_visit_problem: PerformanceVisitProblemTable;
  performance_rubric: PerformanceRubricTable;
  performance_report: PerformanceReportTable;
  performance_review_score: PerformanceReviewScoreTable;
  performance_template: PerformanceTemplateTable;
  performance_manual_value: PerformanceManualValueTable;
}

/** The database as the performance module sees it. */
export type Db = Kysely<Database>;
