import type { ColumnType, Generated } from 'kysely';
import type { ChecklistEntry, StewardRequestStatus, StewardServiceKind } from '#contracts/stewards.ts';

/** Row types of the stewards' and reminders' tables (migration 20261127180000_stewards_and_reminders.sql). */

type Json<T> = ColumnType<T, unknown, unknown>;
type IdArray = ColumnType<unknown, number[], number[]>;

export interface StewardRequestTable {
  jurisdiction_id: number;
  id: Generated<number>;
  kind: StewardServiceKind;
  resident_id: number;
  building_id: number;
  grid_id: number | null;
  place_chain: IdArray;
  routed_to: 'building' | 'grid';
  status: StewardRequestStatus;
  description: string;
  asked_by_account_id: number | null;
  steward_id: number | null;
  steward_name: string | null;
  result: string | null;
  asked_at: Date;
  taken_at: Date | null;
  done_at: Date | null;
  confirmed_at: Date | null;
  updated_at: Date;
}

export interface StewardVisitTable {
  jurisdiction_id: number;
  id: Generated<number>;
  steward_id: number;
  steward_name: string;
  building_id: number;
  grid_id: number | null;
  place_chain: IdArray;
  door_number: string;
  checklist: Json<ChecklistEntry[]>;
  note: string | null;
  visited_at: Date;
}

export interface AppointmentReminderTable {
  jurisdiction_id: number;
  id: Generated<number>;
  appointment_id: number;
  resident_id: number;
  resident_account_id: number | null;
  message: string;
  starts_at: Date;
  created_at: Date;
  delivered_at: Date | null;
  read_at: Date | null;
}

export interface StewardsTables {
  steward_request: StewardRequestTable;
  steward_visit: StewardVisitTable;
  appointment_reminder: AppointmentReminderTable;
}
