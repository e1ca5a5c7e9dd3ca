import type { CaseImport } from '#contracts';
import { notFound } from '../../../platform/errors.ts';
import type { Db } from '../case.table.ts';
import { findImports, type ImportRow } from './case-import.repository.ts';

/** An import as the API shows it (the caller's data never appears here). */
export function toCaseImport(row: ImportRow): CaseImport {
  return {
    id: row.id,
    fileName: row.file_name,
    status: row.status,
    total: row.total,
    processed: row.processed,
    imported: row.imported,
    photos: row.photos,
    error: row.error,
    importedBy: row.display_name,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at ? row.finished_at.toISOString() : null,
  };
}

export async function presentImport(db: Db, jurisdictionId: number, id: number): Promise<CaseImport> {
  const [row] = await findImports(db, { jurisdictionId, id, limit: 1 });
  if (!row) throw notFound('Import');
  return toCaseImport(row);
}
