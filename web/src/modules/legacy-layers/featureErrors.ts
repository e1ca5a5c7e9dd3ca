import type { ImportFeatureCollection, ImportFeatureError } from '#contracts';
import { ApiError } from '../../app/api.ts';

/** The per-feature report of a refused import (`error.details.errors`), when the error carries one. */
export function featureErrorsOf(error: unknown): ImportFeatureError[] | null {
  if (!(error instanceof ApiError)) return null;
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('errors' in details)) return null;
  const errors: unknown = details.errors;
  if (!Array.isArray(errors)) return null;
  const rows: ImportFeatureError[] = [];
  for (const item of errors as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const record = item as Record<string, unknown>;
    rows.push({
      feature: typeof record.feature === 'number' ? record.feature : -1,
      code: typeof record.code === 'string' ? record.code : null,
      error: typeof record.error === 'string' ? record.error : '',
      message: typeof record.message === 'string' ? record.message : '',
    });
  }
  return rows;
}

export type ParsedFile =
  | { ok: true; collection: ImportFeatureCollection }
  | { ok: false; reason: 'not_json'; detail: string }
  | { ok: false; reason: 'not_collection' };

/** Parses a GeoJSON file's text; only the outer FeatureCollection shape is checked here, the server checks the rest. */
export function parseFeatureCollection(text: string): ParsedFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'not_json', detail: error instanceof Error ? error.message : String(error) };
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    !('type' in value) ||
    value.type !== 'FeatureCollection' ||
    !('features' in value) ||
    !Array.isArray(value.features)
  ) {
    return { ok: false, reason: 'not_collection' };
  }
  return { ok: true, collection: value as ImportFeatureCollection };
}

export function readFileText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file, 'utf-8');
  });
}
