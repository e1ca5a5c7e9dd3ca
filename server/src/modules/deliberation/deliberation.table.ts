import type { ColumnType, Generated, Kysely } from 'kysely';
import type {
  DisclosureKind,
  MatterStatus,
  QuorumRule,
  Tally,
  TemplateStep,
  VoteChoice,
} from '#contracts/deliberation.ts';
import type { Database } from '../../db/schema.ts';

/** Row types of the tables the deliberation module owns. jsonb is written as text and cast in SQL. */

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export interface DeliberationTemplateTable {
  jurisdiction_id: number;
  version: number;
  steps: Json<TemplateStep[]>;
  quorum: Json<QuorumRule>;
  created_at: CreatedAt;
  created_by: string;
}

export interface DeliberationMatterTable {
  jurisdiction_id: number;
  id: Generated<number>;
  grid_id: number;
  template_version: number;
  title: string;
  description: string;
  status: ColumnType<MatterStatus, MatterStatus | undefined, MatterStatus>;
  step_index: ColumnType<number, number | undefined, number>;
  adopted: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  case_id: number | null;
  resulting_case_id: ColumnType<number | null, number | null | undefined, number | null>;
  fund_name: string | null;
  fund_amount: number | null;
  created_by: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  closed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface DeliberationStepRecordTable {
  jurisdiction_id: number;
  matter_id: number;
  step_index: number;
  step_key: string;
  step_name: string;
  summary: string;
  meeting_held_at: Date | null;
  meeting_place: string | null;
  attendance_expected: number | null;
  attendance_present: number | null;
  minutes: string | null;
  tally: NullableJson<Tally>;
  completed_at: CreatedAt;
  completed_by: string;
  completed_by_role: string;
}

export interface DeliberationPostTable {
  jurisdiction_id: number;
  id: Generated<number>;
  matter_id: number;
  step_index: number;
  parent_id: number | null;
  kind: 'post' | 'comment';
  author_account_id: number | null;
  author_role: string;
  author_label: string;
  body: string;
  created_at: CreatedAt;
}

export interface DeliberationVoteTable {
  jurisdiction_id: number;
  matter_id: number;
  household_id: number;
  choice: VoteChoice;
  channel: 'online' | 'paper';
  cast_by_account_id: number | null;
  cast_at: CreatedAt;
}

export interface DeliberationNoticeTable {
  jurisdiction_id: number;
  id: Generated<number>;
  matter_id: number;
  grid_id: number;
  kind: DisclosureKind;
  title: string;
  step_name: string;
  body: string;
  tally: NullableJson<Tally>;
  fund_name: string | null;
  fund_amount: number | null;
  published_at: CreatedAt;
}

export interface DeliberationTables {
  deliberation_template: DeliberationTemplateTable;
  deliberation_matter: DeliberationMatterTable;
  deliberation_step_record: DeliberationStepRecordTable;
  deliberation_post: DeliberationPostTable;
  deliberation_vote: DeliberationVoteTable;
  deliberation_notice: DeliberationNoticeTable;
}

/** The app's database (db/schema.ts composes these tables). */
export type Db = Kysely<Database>;
