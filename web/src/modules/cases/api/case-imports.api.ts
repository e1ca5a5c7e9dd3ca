import type { CaseImport, CaseImportList, HotlineImportCheck, HotlineImportOptions } from '#contracts';
import { ApiError, apiGet, apiRequest } from '../../../app/api.ts';

/**
 * The 12345 import routes (contract: contracts/src/case-imports.ts). The import answers server-sent
 * events over the POST itself (progress, then done or failed), read here from the response stream.
 */

export type ImportOptions = Partial<HotlineImportOptions>;

export interface ImportFiles {
  sheet: File;
  photos: readonly File[];
  options: ImportOptions;
}

function formOf(files: ImportFiles, dryRun: boolean): FormData {
  const form = new FormData();
  form.append('dryRun', String(dryRun));
  form.append('options', JSON.stringify(files.options));
  form.append('sheet', files.sheet, files.sheet.name);
  for (const photo of files.photos) form.append('photos', photo, photo.name);
  return form;
}

/** A dry run: the check, nothing written. */
export const checkImport = (files: ImportFiles): Promise<HotlineImportCheck> =>
  apiRequest<HotlineImportCheck>('/api/cases/imports', { method: 'POST', body: formOf(files, true) });

export const fetchImports = (signal?: AbortSignal): Promise<CaseImportList> =>
  apiGet<CaseImportList>('/api/cases/imports', undefined, signal);

export interface ImportProgress {
  phase: 'photos' | 'cases';
  processed: number;
  total: number;
}

/**
 * Runs the import, calling `onProgress` as the server reports it; resolves with the finished import.
 * A refused file (rows with errors) rejects with the ApiError whose details hold the check.
 */
export async function runImport(
  files: ImportFiles,
  csrfToken: string,
  onProgress: (progress: ImportProgress) => void,
): Promise<CaseImport> {
  const response = await fetch('/api/cases/imports', {
    method: 'POST',
    body: formOf(files, false),
    credentials: 'same-origin',
    headers: { 'x-csrf-token': csrfToken, accept: 'text/event-stream' },
  });
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code: string; message: string; details?: unknown };
    } | null;
    throw new ApiError({
      status: response.status,
      code: body?.error?.code ?? 'web.http',
      message: body?.error?.message ?? `HTTP ${response.status}`,
      details: body?.error?.details,
    });
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffer += value;
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as unknown;
      if (event === 'progress') onProgress(data as ImportProgress);
      if (event === 'done') return data as CaseImport;
      if (event === 'failed') {
        const failed = data as { code: string; message: string };
        throw new ApiError({ status: 200, code: failed.code, message: failed.message });
      }
    }
    if (done)
      throw new ApiError({ status: 0, code: 'web.network', message: 'The import stream ended early' });
  }
}
