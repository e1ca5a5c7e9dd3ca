import type { ColumnType, Generated } from 'kysely';

/** Row types of the 12345 import tables (migration 20261127140000_case_hotline_import.sql). */

export interface CaseImportTable {
  jurisdiction_id: number;
  id: Generated<number>;
  account_id: number;
  file_name: string;
  status: 'running' | 'succeeded' | 'failed';
  total: number;
  processed: ColumnType<number, number | undefined, number>;
  imported: ColumnType<number, number | undefined, number>;
  photos: ColumnType<number, number | undefined, number>;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
}

export interface CaseHotlineOrderTable {
  jurisdiction_id: number;
  order_number: string;
  case_id: number;
  import_id: number;
  row_number: number;
  received_at: Date;
  /** The caller's phone, AES-256-GCM (platform/personal-data.ts); never presented. */
  caller_phone_enc: string | null;
  caller_phone_hash: string | null;
}

export interface CaseImportTables {
  case_import: CaseImportTable;
  case_hotline_order: CaseHotlineOrderTable;
}
