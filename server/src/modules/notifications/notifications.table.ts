import type { ColumnType, Generated } from 'kysely';

/** Row types of the table the notifications module owns (migration 20261127120000_notifications_and_case_followers.sql). */

export interface NotificationTable {
  jurisdiction_id: number;
  id: Generated<number>;
  account_id: number;
  topic: string;
  title: string;
  body: ColumnType<string, string | undefined, string>;
  link: string | null;
  subject_type: string | null;
  subject_id: string | null;
  created_at: Date;
  read_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface NotificationsTables {
  notification: NotificationTable;
}
