import { PassThrough } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CaseImport,
  CaseImportList,
  caseImportLimits,
  casesLimits,
  ErrorBody,
  HotlineImportCheck,
  HotlineImportOptions,
} from '#contracts';
import { actorOf, requirePrincipal } from '../../../platform/access.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { errorResponses, IdParams } from '../../../platform/route-schemas.ts';
import type { CasesModule } from '../cases.module.ts';
import { toCaseImport } from './case-import.presenter.ts';
import { findImports } from './case-import.repository.ts';
import {
  checkHotlineImport,
  type HotlineImportInput,
  prepareHotlineImport,
} from './import-hotline-orders.service.ts';

const tags = ['cases 案件'];
const errors = { ...errorResponses, 413: ErrorBody, 415: ErrorBody };

/**
 * `/api/cases/imports`: 12345 work-order files. Registered inside the cases routes, whose multipart
 * parser it shares with larger limits per request. The import answers a stream of server-sent events
 * (progress, then done or failed), so the page shows progress on either engine and behind any
 * number of app servers; the import's row keeps its outcome for the list.
 */
export function caseImportRoutes(cases: CasesModule): FastifyPluginAsyncZod {
  return async (app) => {
    const { db } = cases;

    app.post(
      '/api/cases/imports',
      {
        config: { access: { permission: 'cases.import' } },
        schema: {
          tags,
          summary:
            'Import 12345 hotline work orders (multipart: file `sheet` .xlsx/.csv in UTF-8 or GB18030, files `photos` named in the 照片 column, field `options` JSON, field `dryRun`). A dry run answers the check (per-row errors); otherwise all rows are imported in one transaction or none, answered as server-sent events: `progress`, then `done` or `failed`',
          response: { 200: HotlineImportCheck, ...errors },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const upload = await readImportUpload(request);
        const input: HotlineImportInput = { principal, ...upload.input };
        if (upload.dryRun) {
          const { check } = await checkHotlineImport(cases, input);
          return reply.status(200).send(check);
        }
        const { run } = await prepareHotlineImport(cases, input);
        const stream = new PassThrough();
        const send = (event: string, data: unknown) =>
          stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        run({ actor: actorOf(request), onProgress: (progress) => send('progress', progress) })
          .then((done) => send('done', CaseImport.parse(done)))
          .catch((error: unknown) => {
            const known = error instanceof AppError;
            if (!known) request.log.error({ err: error }, 'case import failed');
            send('failed', {
              code: known ? error.code : 'platform.internal',
              message: known ? error.message : 'The import failed; nothing was imported',
            });
          })
          .finally(() => stream.end());
        return reply
          .status(200)
          .header('content-type', 'text/event-stream; charset=utf-8')
          .header('cache-control', 'no-cache')
          .header('x-accel-buffering', 'no')
          .send(stream as never);
      },
    );

    app.get(
      '/api/cases/imports',
      {
        config: { access: { permission: 'cases.import' } },
        schema: {
          tags,
          summary: 'The latest 12345 imports (administrators: all of the jurisdiction; others: their own)',
          response: { 200: CaseImportList, ...errors },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const rows = await findImports(db, {
          jurisdictionId: principal.jurisdictionId,
          ...(principal.scope.level === 'jurisdiction' ? {} : { accountId: principal.accountId }),
          limit: 50,
        });
        return { imports: rows.map(toCaseImport) };
      },
    );

    app.get(
      '/api/cases/imports/:id',
      {
        config: { access: { permission: 'cases.import' } },
        schema: {
          tags,
          summary: 'One 12345 import: status, rows, cases made',
          params: IdParams,
          response: { 200: CaseImport, ...errors },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const [row] = await findImports(db, {
          jurisdictionId: principal.jurisdictionId,
          id: request.params.id,
          ...(principal.scope.level === 'jurisdiction' ? {} : { accountId: principal.accountId }),
          limit: 1,
        });
        if (!row) throw notFound('Import');
        return toCaseImport(row);
      },
    );
  };
}

interface ImportUpload {
  dryRun: boolean;
  input: Omit<HotlineImportInput, 'principal'>;
}

/** The multipart parts of an import, buffered within the import's limits. */
async function readImportUpload(request: FastifyRequest): Promise<ImportUpload> {
  let sheet: { name: string; data: Buffer } | null = null;
  const photos = new Map<string, Buffer>();
  let photoBytes = 0;
  let optionsText: string | null = null;
  let dryRun = false;
  try {
    const parts = request.parts({
      limits: {
        fileSize: Math.max(caseImportLimits.maxSheetBytes, casesLimits.maxPhotoBytes),
        files: 1 + caseImportLimits.maxPhotoFiles,
        fields: 5,
        parts: 6 + caseImportLimits.maxPhotoFiles,
        fieldSize: 1024 * 1024,
      },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.fieldname === 'options') optionsText = String(part.value);
        if (part.fieldname === 'dryRun') dryRun = String(part.value) === 'true';
        continue;
      }
      const data = await part.toBuffer();
      if (part.fieldname === 'sheet') {
        sheet = { name: part.filename || 'import.csv', data };
      } else if (part.fieldname === 'photos') {
        photoBytes += data.length;
        if (photoBytes > caseImportLimits.maxPhotoTotalBytes) {
          throw new AppError('cases.import_too_large', 'The photos are too large together', {
            maxPhotoTotalBytes: caseImportLimits.maxPhotoTotalBytes,
          });
        }
        photos.set(part.filename || `photo-${photos.size + 1}`, data);
      }
    }
  } catch (error) {
    throw uploadError(error);
  }
  if (!sheet) {
    throw new AppError(
      'cases.import_file_missing',
      'Send the work-order file as the multipart file field `sheet`',
    );
  }
  let options: HotlineImportOptions;
  try {
    options = HotlineImportOptions.parse(optionsText ? JSON.parse(optionsText) : {});
  } catch (error) {
    const issues =
      error instanceof Error && 'issues' in error ? (error as { issues: unknown }).issues : undefined;
    throw new AppError('cases.import_options_invalid', 'The import options are not valid', {
      ...(issues ? { issues } : {}),
    });
  }
  return { dryRun, input: { sheet, photos, options } };
}

function uploadError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError('cases.import_too_large', 'A file of the import is too large', {
      maxBytes: Math.max(caseImportLimits.maxSheetBytes, casesLimits.maxPhotoBytes),
    });
  }
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
    return new AppError('cases.import_too_large', 'Too many files in one import', {
      maxPhotoFiles: caseImportLimits.maxPhotoFiles,
    });
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new AppError('cases.import_file_missing', 'Send the import as multipart/form-data');
  }
  return error;
}
