import { z } from 'zod';
import { HOTLINE_FIELDS, type HotlineField, type HotlineRowErrorCode } from './case-import-labels.ts';
import { Crs, Id } from './territory.ts';

/**
 * The 12345 hotline import (issue 4 §1): `POST /api/cases/imports` takes multipart/form-data with
 * the work-order file (`sheet`, .xlsx or .csv in UTF-8 or GB18030/GBK), the photos its 照片 column
 * names (`photos`, any number of files) and `options` (JSON, below). `dryRun=true` checks and
 * answers `HotlineImportCheck`; otherwise the import runs in one transaction and the answer is a
 * stream of server-sent events (`progress`, then `done` or `failed`).
 */

export const HotlineFieldSchema = z.enum(HOTLINE_FIELDS as [HotlineField, ...HotlineField[]]);

export const HotlineImportOptions = z.strictObject({
  /** Field → header of the file; fields left out are found by the default headers. */
  mapping: z.partialRecord(HotlineFieldSchema, z.string().trim().max(100)).default({}),
  /** The coordinate system of rows whose 坐标系 is empty (12345 systems often export GCJ-02). */
  crs: Crs.default('wgs84'),
  /** The text encoding of a CSV file; `auto`: a BOM, else UTF-8 if it decodes, else GB18030. */
  encoding: z.enum(['auto', 'utf-8', 'gb18030']).default('auto'),
  /** A 问题分类 value of the file → a category code (for classes the catalogue names otherwise). */
  categoryMap: z.record(z.string().trim().min(1).max(100), z.string().trim().min(1).max(20)).default({}),
});
export type HotlineImportOptions = z.infer<typeof HotlineImportOptions>;

export const HotlineRowErrorCodeSchema = z.enum([
  'missing_column',
  'missing_order_number',
  'order_number_too_long',
  'duplicate_in_file',
  'already_imported',
  'missing_time',
  'bad_time',
  'missing_description',
  'description_too_long',
  'address_too_long',
  'missing_category',
  'unknown_category',
  'missing_coordinates',
  'bad_coordinates',
  'unknown_crs',
  'outside_jurisdiction',
  'outside_scope',
  'photo_missing',
  'photo_unsupported',
  'too_many_photos',
] satisfies HotlineRowErrorCode[]);

export const HotlineRowError = z.object({
  /** The spreadsheet's row number (the header is row 1). */
  row: z.number().int(),
  /** The header of the column at fault, when there is one. */
  column: z.string().nullable(),
  field: HotlineFieldSchema.nullable(),
  code: HotlineRowErrorCodeSchema,
  message: z.string(),
});
export type HotlineRowError = z.infer<typeof HotlineRowError>;

export const HotlineOrderPreview = z.object({
  row: z.number().int(),
  orderNumber: z.string(),
  receivedAt: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  description: z.string(),
  address: z.string().nullable(),
  gridName: z.string(),
  communityName: z.string(),
  photos: z.number().int(),
});
export type HotlineOrderPreview = z.infer<typeof HotlineOrderPreview>;

/** The answer of a dry run (and the details of a refused import). */
export const HotlineImportCheck = z.object({
  fileName: z.string(),
  /** Rows with content (blank rows are skipped). */
  total: z.number().int(),
  /** Rows that would be imported. */
  valid: z.number().int(),
  headers: z.array(z.string()),
  /** The header each field was read from (null: not in the file). */
  mapping: z.record(HotlineFieldSchema, z.string().nullable()),
  errors: z.array(HotlineRowError),
  preview: z.array(HotlineOrderPreview),
  /** Uploaded photo files that no row names. */
  unusedPhotos: z.array(z.string()),
});
export type HotlineImportCheck = z.infer<typeof HotlineImportCheck>;

export const CaseImportStatus = z.enum(['running', 'succeeded', 'failed']);
export type CaseImportStatus = z.infer<typeof CaseImportStatus>;

/** One import, as the list and the `done` event show it. */
export const CaseImport = z.object({
  id: Id,
  fileName: z.string(),
  status: CaseImportStatus,
  total: z.number().int(),
  processed: z.number().int(),
  imported: z.number().int(),
  photos: z.number().int(),
  error: z.string().nullable(),
  importedBy: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The cases made, in row order (only on `done`). */
  caseIds: z.array(Id).optional(),
});
export type CaseImport = z.infer<typeof CaseImport>;

export const CaseImportList = z.object({ imports: z.array(CaseImport) });
export type CaseImportList = z.infer<typeof CaseImportList>;

/** The server-sent events of a running import (`event:` names the variant, `data:` is the JSON). */
export type CaseImportEvent =
  | { event: 'progress'; data: { phase: 'photos' | 'cases'; processed: number; total: number } }
  | { event: 'done'; data: CaseImport }
  | { event: 'failed'; data: { importId: number | null; code: string; message: string } };

/** The header each field was read from (null: not in the file). */
export type CaseImportCheckMapping = Record<HotlineField, string | null>;
