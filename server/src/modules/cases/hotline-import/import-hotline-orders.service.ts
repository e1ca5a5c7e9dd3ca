import sharp from 'sharp';
import type { CaseImport, HotlineImportCheck, HotlineImportOptions } from '#contracts';
import { caseImportLimits } from '#contracts';
import { authorize, type Principal } from '../../../platform/access.ts';
import { type Actor, recordAudit } from '../../../platform/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import type { WorkingCalendar } from '../../../platform/working-calendar.ts';
import { insertPhoto } from '../case.repository.ts';
import type { Db } from '../case.table.ts';
import { newPhotoId, type ProcessedPhoto, photoRowOf, processPhoto, sniffImageType } from '../case-photos.ts';
import type { CasesModule } from '../cases.module.ts';
import { reportCase } from '../report-case.service.ts';
import { presentImport } from './case-import.presenter.ts';
import {
  findCategoriesLite,
  findImportedOrderNumbers,
  finishImport,
  insertHotlineOrder,
  insertImport,
} from './case-import.repository.ts';
import { type CheckResult, checkHotlineRows, type HotlineOrder } from './check-hotline-rows.ts';
import { readSheet } from './read-sheet.ts';

/**
 * Import of 12345 hotline work orders (工单导入): the file is read and every row checked first (a dry
 * run stops there); the import writes only when no row has an error, and then all rows in one
 * transaction — each through the ordinary intake (`reportCase`, channel `hotline`), with its photos
 * re-encoded without metadata, its 12345 number recorded (unique per jurisdiction) and the caller's
 * phone kept only encrypted — so that a file is imported whole or not at all.
 */

export interface HotlineImportInput {
  principal: Principal;
  sheet: { name: string; data: Buffer };
  /** Uploaded photos by file name. */
  photos: ReadonlyMap<string, Buffer>;
  options: HotlineImportOptions;
}

export interface ImportProgress {
  phase: 'photos' | 'cases';
  processed: number;
  total: number;
}

/** Reads and checks a file: what a dry run answers, and the orders an import would make. */
export async function checkHotlineImport(
  cases: CasesModule,
  input: HotlineImportInput,
): Promise<{ check: HotlineImportCheck; result: CheckResult }> {
  const { principal } = input;
  authorize(principal, 'cases.import', null);
  const sheet = await readSheet(input.sheet, input.options.encoding);
  const jurisdictionId = principal.jurisdictionId;
  const categories = await findCategoriesLite(cases.db, jurisdictionId);
  const photos = new Map(
    [...input.photos].map(([name, data]) => [name, { usable: () => isUsableImage(data) }] as const),
  );
  const result = await checkHotlineRows({
    sheet,
    options: input.options,
    principal,
    categories,
    findImported: (numbers) => findImportedOrderNumbers(cases.db, jurisdictionId, numbers),
    locate: (lng, lat, crs) => cases.territory.locate(jurisdictionId, lng, lat, crs),
    photos,
    now: cases.clock.now(),
  });
  const rowsWithErrors = new Set(result.errors.map((error) => error.row));
  const check: HotlineImportCheck = {
    fileName: input.sheet.name,
    total: sheet.rows.length,
    valid: sheet.rows.filter((row) => !rowsWithErrors.has(row.row)).length,
    headers: sheet.headers,
    mapping: result.mapping,
    errors: result.errors,
    preview: result.orders.slice(0, caseImportLimits.previewRows).map((order) => ({
      row: order.row,
      orderNumber: order.orderNumber,
      receivedAt: order.receivedAt.toISOString(),
      categoryCode: order.categoryCode,
      categoryName: order.categoryName,
      description: order.description,
      address: order.address,
      gridName: order.located.grid.name,
      communityName: order.located.community.name,
      photos: order.photoNames.length,
    })),
    unusedPhotos: result.unusedPhotos,
  };
  if (result.mapping.orderNumber === null || sheet.rows.length === 0) check.valid = 0;
  return { check, result };
}

export interface ImportHooks {
  actor: Actor;
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * Checks a file for import: a row with an error refuses it (`cases.import_invalid`, with the check,
 * nothing written); otherwise `run` imports every row in one transaction, or none — a failure midway
 * rolls everything back, removes the photo files written for it and marks the import failed.
 */
export async function prepareHotlineImport(
  cases: CasesModule,
  input: HotlineImportInput,
): Promise<{ check: HotlineImportCheck; run: (hooks: ImportHooks) => Promise<CaseImport> }> {
  const { check, result } = await checkHotlineImport(cases, input);
  if (check.errors.length > 0 || result.orders.length === 0) {
    throw new AppError(
      'cases.import_invalid',
      check.errors.length > 0
        ? `${new Set(check.errors.map((e) => e.row)).size} rows cannot be imported; nothing was imported`
        : 'The file has no work orders',
      { ...check, errors: check.errors.slice(0, 500) },
    );
  }
  return { check, run: (hooks) => runImport(cases, { ...input, ...hooks }, result.orders) };
}

/** Checks and imports (see `prepareHotlineImport`). */
export async function importHotlineOrders(
  cases: CasesModule,
  input: HotlineImportInput & ImportHooks,
): Promise<CaseImport> {
  const { run } = await prepareHotlineImport(cases, input);
  return run(input);
}

async function runImport(
  cases: CasesModule,
  input: HotlineImportInput & ImportHooks,
  orders: HotlineOrder[],
): Promise<CaseImport> {
  const { principal, actor } = input;
  const jurisdictionId = principal.jurisdictionId;
  const now = cases.clock.now();
  const photoCount = orders.reduce((sum, order) => sum + order.photoNames.length, 0);
  const importId = await insertImport(cases.db, {
    jurisdictionId,
    accountId: principal.accountId,
    fileName: input.sheet.name,
    total: orders.length,
    now,
  });
  const report = throttled(input.onProgress);
  const written: string[] = [];
  try {
    // Photos first, outside the transaction: decoding and re-encoding is the slow part.
    const processed = new Map<string, ProcessedPhoto>();
    const photoIds = new Map<number, string[]>();
    let done = 0;
    report({ phase: 'photos', processed: 0, total: photoCount });
    for (const order of orders) {
      const ids: string[] = [];
      for (const name of order.photoNames) {
        let photo = processed.get(name);
        if (!photo) {
          const data = input.photos.get(name);
          if (!data) throw new Error(`photo ${name} is gone`);
          photo = await processPhoto(data);
          processed.set(name, photo);
        }
        const id = newPhotoId();
        await cases.photos.write(jurisdictionId, id, photo);
        written.push(id);
        ids.push(id);
        report({ phase: 'photos', processed: ++done, total: photoCount });
      }
      photoIds.set(order.row, ids);
    }

    // Read before the transaction: PGlite has one connection, which the transaction holds.
    const calendar = await cases.calendarFor(jurisdictionId);
    const caseIds = await cases.db.transaction().execute(async (trx) => {
      const ids: number[] = [];
      report({ phase: 'cases', processed: 0, total: orders.length }, true);
      for (const [index, order] of orders.entries()) {
        ids.push(
          await importOrder(trx, cases, {
            ...input,
            importId,
            now,
            calendar,
            order,
            photoIds: photoIds.get(order.row) ?? [],
            processed,
          }),
        );
        report({ phase: 'cases', processed: index + 1, total: orders.length });
      }
      await recordAudit(trx, actor, {
        jurisdictionId,
        action: 'cases.import',
        subjectType: 'case_import',
        subjectId: importId,
        details: { fileName: input.sheet.name, cases: ids.length, photos: photoCount, source: '12345' },
      });
      await finishImport(trx, {
        jurisdictionId,
        id: importId,
        status: 'succeeded',
        processed: ids.length,
        imported: ids.length,
        photos: photoCount,
        error: null,
        now: cases.clock.now(),
      });
      return ids;
    });
    report({ phase: 'cases', processed: orders.length, total: orders.length }, true);
    const row = await presentImport(cases.db, jurisdictionId, importId);
    return { ...row, caseIds };
  } catch (error) {
    for (const id of written) await cases.photos.remove(jurisdictionId, id).catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    await finishImport(cases.db, {
      jurisdictionId,
      id: importId,
      status: 'failed',
      processed: 0,
      imported: 0,
      photos: 0,
      error: message.slice(0, 500),
      now: cases.clock.now(),
    });
    await recordAudit(cases.db, actor, {
      jurisdictionId,
      action: 'cases.import',
      subjectType: 'case_import',
      subjectId: importId,
      result: 'failed',
      details: { fileName: input.sheet.name, error: error instanceof AppError ? error.code : 'internal' },
    });
    if (isUniqueViolation(error)) {
      throw new AppError(
        'cases.import_invalid',
        'Some of these work orders were imported meanwhile; nothing was imported',
        { importId },
      );
    }
    throw error;
  }
}

/** One work order: its photos recorded, the case made by the ordinary intake, its number kept. */
async function importOrder(
  trx: Db,
  cases: CasesModule,
  options: {
    principal: Principal;
    actor: Actor;
    importId: number;
    now: Date;
    calendar: WorkingCalendar;
    order: HotlineOrder;
    photoIds: string[];
    processed: ReadonlyMap<string, ProcessedPhoto>;
  },
): Promise<number> {
  const { principal, order, now } = options;
  const jurisdictionId = principal.jurisdictionId;
  for (const [i, id] of options.photoIds.entries()) {
    const photo = options.processed.get(order.photoNames[i] ?? '');
    if (!photo) throw new Error('a processed photo is missing');
    await insertPhoto(
      trx,
      photoRowOf(photo, {
        jurisdictionId,
        id,
        caseId: null,
        uploadedBy: principal.accountId,
        uploadedAt: now,
      }),
    );
  }
  const { body } = await reportCase(trx, {
    principal,
    actor: options.actor,
    calendar: options.calendar,
    now,
    idempotencyKey: `import-${options.importId}-${order.row}`,
    request: {
      categoryCode: order.categoryCode,
      description: order.description,
      point: order.located.point,
      crs: 'wgs84',
      ...(order.address ? { address: order.address } : {}),
      anonymous: false,
      photoIds: options.photoIds,
    },
    located: order.located,
    channel: 'hotline',
  });
  const cipher = cases.personalData;
  const phone = cipher && order.callerPhone ? order.callerPhone : null;
  await insertHotlineOrder(trx, {
    jurisdictionId,
    orderNumber: order.orderNumber,
    caseId: body.id,
    importId: options.importId,
    row: order.row,
    receivedAt: order.receivedAt,
    callerPhoneEnc: phone && cipher ? cipher.encrypt('phone', phone) : null,
    callerPhoneHash: phone && cipher ? cipher.hash('phone', phone) : null,
  });
  return body.id;
}

/** Whether a file is an image, judged by its bytes and a decode of its header (a dry run's check). */
async function isUsableImage(data: Buffer): Promise<boolean> {
  if (!sniffImageType(data)) return false;
  try {
    const metadata = await sharp(data, { failOn: 'error' }).metadata();
    return (metadata.width ?? 0) > 0 && (metadata.height ?? 0) > 0;
  } catch {
    return false;
  }
}

/** Progress at most every 100 ms (and whenever forced), so that a large file does not flood the page. */
function throttled(onProgress: ((progress: ImportProgress) => void) | undefined) {
  let last = 0;
  return (progress: ImportProgress, force = false) => {
    if (!onProgress) return;
    const now = Date.now();
    if (!force && progress.processed < progress.total && now - last < 100) return;
    last = now;
    onProgress(progress);
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
