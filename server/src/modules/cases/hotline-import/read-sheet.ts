import ExcelJS from 'exceljs';
import { caseImportLimits } from '#contracts';
import { AppError } from '../../../platform/errors.ts';

/**
 * Reads a 12345 work-order file into header and rows of cells: an Excel workbook (.xlsx, its first
 * sheet with rows) or a CSV file in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK as
 * Chinese systems often export. Cells keep their type where the file has one (numbers, dates from
 * Excel); the rest is text. Row numbers are the spreadsheet's (the header is row 1 on a plain file).
 */

export type Cell = string | number | Date | null;

export interface SheetRow {
  /** The spreadsheet's row number. */
  row: number;
  cells: Cell[];
}

export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}

export type TextEncodingChoice = 'auto' | 'utf-8' | 'gb18030';

export async function readSheet(
  file: { name: string; data: Buffer },
  encoding: TextEncodingChoice = 'auto',
): Promise<Sheet> {
  const { data } = file;
  if (data.length > caseImportLimits.maxSheetBytes) {
    throw new AppError('cases.import_too_large', 'The work-order file is too large', {
      maxBytes: caseImportLimits.maxSheetBytes,
    });
  }
  const starts = (...bytes: number[]) => bytes.every((b, i) => data[i] === b);
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) {
    throw new AppError(
      'cases.import_file_unsupported',
      'Old Excel files (.xls) are not read: save the sheet as .xlsx or CSV',
    );
  }
  const sheet = starts(0x50, 0x4b, 0x03, 0x04)
    ? await readWorkbook(data)
    : readCsv(decodeText(data, encoding));
  if (sheet.rows.length > caseImportLimits.maxRows) {
    throw new AppError('cases.import_too_large', `At most ${caseImportLimits.maxRows} work orders per file`, {
      maxRows: caseImportLimits.maxRows,
      rows: sheet.rows.length,
    });
  }
  return sheet;
}

// ---- text ---------------------------------------------------------------------------------------

/** The text of a CSV file: a BOM decides; else the chosen encoding; `auto` tries UTF-8, then GB18030. */
export function decodeText(data: Uint8Array, encoding: TextEncodingChoice = 'auto'): string {
  const starts = (...bytes: number[]) => bytes.every((b, i) => data[i] === b);
  if (starts(0xef, 0xbb, 0xbf)) return new TextDecoder('utf-8').decode(data.subarray(3));
  if (starts(0xff, 0xfe)) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (starts(0xfe, 0xff)) return new TextDecoder('utf-16be').decode(data.subarray(2));
  if (encoding === 'gb18030') return new TextDecoder('gb18030').decode(data);
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(data);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    // Not UTF-8: GB18030 is a superset of GBK and GB2312, which 12345 systems export.
    return new TextDecoder('gb18030').decode(data);
  }
}

/**
 * CSV as RFC 4180 writes it (quotes, doubled quotes, line breaks inside quotes, CRLF or LF); the
 * delimiter is the one of comma, tab and semicolon found most often in the first line.
 */
export function readCsv(text: string): Sheet {
  const delimiter = guessDelimiter(text);
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i += 1;
      continue;
    }
    if (c === '"' && field.length === 0) quoted = true;
    else if (c === delimiter) endField();
    else if (c === '\n') endRecord();
    else if (c === '\r') {
      if (text[i + 1] === '\n') i += 1;
      endRecord();
    } else field += c;
    i += 1;
  }
  if (field.length > 0 || record.length > 0) endRecord();
  return toSheet(records.map((cells, index) => ({ row: index + 1, cells })));
}

function guessDelimiter(text: string): string {
  const end = text.search(/\r|\n/);
  const firstLine = end < 0 ? text : text.slice(0, end);
  const counts = [',', '\t', ';'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0] && counts[0].n > 0 ? counts[0].d : ',';
}

// ---- Excel --------------------------------------------------------------------------------------

async function readWorkbook(data: Buffer): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError(
      'cases.import_file_unsupported',
      'The file is neither a readable .xlsx workbook nor CSV',
    );
  }
  const worksheet = workbook.worksheets.find((w) => w.actualRowCount > 0);
  if (!worksheet) return { headers: [], rows: [] };
  const rows: SheetRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellValue(cell.value);
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    rows.push({ row: rowNumber, cells });
  });
  return toSheet(rows);
}

/** An Excel cell as text, number or date (formulas by their result, rich text by its text). */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellValue((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('error' in value) return null;
  }
  return String(value);
}

// ---- both ---------------------------------------------------------------------------------------

/** The first row with content is the header; rows with no content are dropped (numbers kept). */
function toSheet(records: SheetRow[]): Sheet {
  const filled = records.filter((r) => r.cells.some((cell) => !isBlank(cell)));
  const [head, ...rows] = filled;
  if (!head) return { headers: [], rows: [] };
  return { headers: head.cells.map((cell) => (cell === null ? '' : String(cell).trim())), rows };
}

export function isBlank(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}
