import type { Db } from '../case.table.ts';
import type { CategoryLite } from './check-hotline-rows.ts';

/** Queries of the 12345 import: plain functions taking the database or a transaction first. */

export async function findCategoriesLite(db: Db, jurisdictionId: number): Promise<CategoryLite[]> {
  const rows = await db
    .selectFrom('case_category')
    .select(['code', 'name', 'major_name', 'active'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .orderBy('code')
    .execute();
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    majorName: row.major_name,
    active: row.active,
  }));
}

export async function findImportedOrderNumbers(
  db: Db,
  jurisdictionId: number,
  orderNumbers: readonly string[],
): Promise<Set<string>> {
  if (orderNumbers.length === 0) return new Set();
  const rows = await db
    .selectFrom('case_hotline_order')
    .select('order_number')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('order_number', 'in', [...orderNumbers])
    .execute();
  return new Set(rows.map((row) => row.order_number));
}

export async function insertImport(
  db: Db,
  data: { jurisdictionId: number; accountId: number; fileName: string; total: number; now: Date },
): Promise<number> {
  const row = await db
    .insertInto('case_import')
    .values({
      jurisdiction_id: data.jurisdictionId,
      account_id: data.accountId,
      file_name: data.fileName,
      status: 'running',
      total: data.total,
      error: null,
      started_at: data.now,
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishImport(
  db: Db,
  data: {
    jurisdictionId: number;
    id: number;
    status: 'succeeded' | 'failed';
    processed: number;
    imported: number;
    photos: number;
    error: string | null;
    now: Date;
  },
): Promise<void> {
  await db
    .updateTable('case_import')
    .set({
      status: data.status,
      processed: data.processed,
      imported: data.imported,
      photos: data.photos,
      error: data.error,
      finished_at: data.now,
    })
    .where('jurisdiction_id', '=', data.jurisdictionId)
    .where('id', '=', data.id)
    .execute();
}

export async function insertHotlineOrder(
  trx: Db,
  data: {
    jurisdictionId: number;
    orderNumber: string;
    caseId: number;
    importId: number;
    row: number;
    receivedAt: Date;
    callerPhoneEnc: string | null;
    callerPhoneHash: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('case_hotline_order')
    .values({
      jurisdiction_id: data.jurisdictionId,
      order_number: data.orderNumber,
      case_id: data.caseId,
      import_id: data.importId,
      row_number: data.row,
      received_at: data.receivedAt,
      caller_phone_enc: data.callerPhoneEnc,
      caller_phone_hash: data.callerPhoneHash,
    })
    .execute();
}

/** The 12345 work order a case was imported from, if it was. */
export function findHotlineOrder(db: Db, jurisdictionId: number, caseId: number) {
  return db
    .selectFrom('case_hotline_order')
    .select(['order_number', 'received_at'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

const importColumns = [
  'i.id',
  'i.file_name',
  'i.status',
  'i.total',
  'i.processed',
  'i.imported',
  'i.photos',
  'i.error',
  'i.started_at',
  'i.finished_at',
  'a.display_name',
] as const;

/** Imports of a jurisdiction, newest first; `accountId` narrows to one account's. */
export function findImports(
  db: Db,
  options: { jurisdictionId: number; accountId?: number; id?: number; limit: number },
) {
  let query = db
    .selectFrom('case_import as i')
    .leftJoin('account as a', (join) =>
      join.onRef('a.jurisdiction_id', '=', 'i.jurisdiction_id').onRef('a.id', '=', 'i.account_id'),
    )
    .select(importColumns)
    .where('i.jurisdiction_id', '=', options.jurisdictionId);
  if (options.accountId !== undefined) query = query.where('i.account_id', '=', options.accountId);
  if (options.id !== undefined) query = query.where('i.id', '=', options.id);
  return query.orderBy('i.started_at', 'desc').orderBy('i.id', 'desc').limit(options.limit).execute();
}

export type ImportRow = Awaited<ReturnType<typeof findImports>>[number];
