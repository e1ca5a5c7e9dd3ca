import type { ColumnType, Generated, Kysely } from 'kysely';
import type {
  AppointmentStatus,
  OpeningHours,
  ServiceKind,
  ServiceRequestEventType,
  ServiceRequestStatus,
  SiteKind,
} from '#contracts/services.ts';
import type { Database } from '../../db/schema.ts';
import type { StewardsTables } from './stewards.table.ts';

/** Row types of the tables the services module owns (migration 20261127040000_services.sql). */

/** jsonb: read as a value, written as a `jsonb(...)` SQL expression (sent as text, cast in SQL). */
type Json<T> = ColumnType<T, unknown, unknown>;
/** A bigint[] column: written as numbers, never read back (scope filters use it in SQL). */
type IdArray = ColumnType<unknown, number[], number[]>;

export interface ServiceSiteTable {
  jurisdiction_id: number;
  id: Generated<number>;
  code: string;
  kind: SiteKind;
  name: string;
  address: string | null;
  place_id: number;
  grid_id: number | null;
  community_id: number;
  subdistrict_id: number | null;
  opening: Json<OpeningHours>;
  active: ColumnType<boolean, boolean | undefined>;
}

export interface ServiceItemTable {
  jurisdiction_id: number;
  id: Generated<number>;
  code: string;
  name: string;
  kind: ServiceKind;
  description: string | null;
  materials: Json<string[]>;
  offered_at: ColumnType<SiteKind[], SiteKind[] | undefined, SiteKind[]>;
  handler_site_id: number | null;
  handler_department_id: number | null;
  promised_days: number;
  bookable: ColumnType<boolean, boolean | undefined>;
  active: ColumnType<boolean, boolean | undefined>;
}

export interface ServiceRequestTable {
  jurisdiction_id: number;
  id: Generated<number>;
  item_id: number;
  resident_id: number;
  intake_site_id: number;
  intake_chain: IdArray;
  handler_site_id: number | null;
  handler_department_id: number | null;
  handler_chain: IdArray;
  status: ServiceRequestStatus;
  materials: Json<string[]>;
  note: string | null;
  result: string | null;
  rating: number | null;
  rating_comment: string | null;
  received_at: Date;
  deadline: Date;
  deadline_uncertain: boolean;
  done_at: Date | null;
  updated_at: Date;
}

export interface ServiceRequestEventTable {
  jurisdiction_id: number;
  id: Generated<number>;
  request_id: number;
  type: ServiceRequestEventType;
  at: Date;
  actor_account_id: number | null;
  actor_name: string | null;
  site_id: number | null;
  department_id: number | null;
  note: string | null;
}

export interface AppointmentSlotTable {
  jurisdiction_id: number;
  id: Generated<number>;
  site_id: number;
  item_id: number;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  booked: ColumnType<number, number | undefined, number>;
}

export interface AppointmentTable {
  jurisdiction_id: number;
  id: Generated<number>;
  slot_id: number;
  resident_id: number;
  status: AppointmentStatus;
  booked_by_account_id: number | null;
  booked_at: Date;
  updated_at: Date;
  reminded_at: Date | null;
}

export interface ServicesTables extends StewardsTables {
  service_site: ServiceSiteTable;
  service_item: ServiceItemTable;
  service_request: ServiceRequestTable;
  service_request_event: ServiceRequestEventTable;
  appointment_slot: AppointmentSlotTable;
  appointment: AppointmentTable;
}

/** The app's database (db/schema.ts composes these tables). */
export type Db = Kysely<Database>;
