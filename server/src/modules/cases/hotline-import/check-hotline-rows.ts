import {
  type CaseImportCheckMapping,
  type Crs,
  caseImportLimits,
  casesLimits,
  DEFAULT_HOTLINE_HEADERS,
  HOTLINE_FIELD_LABELS,
  HOTLINE_FIELDS,
  HOTLINE_ROW_ERROR_LABELS,
  type HotlineField,
  type HotlineImportOptions,
  type HotlineRowError,
  type HotlineRowErrorCode,
  type LocateResult,
  REQUIRED_HOTLINE_FIELDS,
} from '#contracts';
import { type Principal, scopeCovers } from '../../../platform/access.ts';
import { AppError } from '../../../platform/errors.ts';
import { type Cell, isBlank, type Sheet } from './read-sheet.ts';

/**
 * Checks every row of a 12345 work-order sheet and turns the good ones into orders ready for intake.
 * Nothing is written: the same check answers a dry run and guards the import (which writes only
 * when no row has an error). Per-row errors name the spreadsheet row, the column and a code.
 */

export interface CategoryLite {
  code: string;
  name: string;
  majorName: string;
  active: boolean;
}

export interface HotlineOrder {
  row: number;
  orderNumber: string;
  receivedAt: Date;
  categoryCode: string;
  categoryName: string;
  description: string;
  address: string | null;
  /** As written in the file, and the coordinate system it is in. */
  point: { lng: number; lat: number };
  crs: Crs;
  located: LocateResult;
  /** Null when the file has none, or only a masked one (138****5678). */
  callerPhone: string | null;
  /** File names of the uploaded photos the row names. */
  photoNames: string[];
}

export interface CheckInput {
  sheet: Sheet;
  options: HotlineImportOptions;
  principal: Principal;
  categories: readonly CategoryLite[];
  /** Work-order numbers (of those given) already imported in the jurisdiction. */
  findImported: (orderNumbers: string[]) => Promise<Set<string>>;
  /** Where a point lies; throws an AppError when it lies outside every unit. */
  locate: (lng: number, lat: number, crs: Crs) => Promise<LocateResult>;
  /** Uploaded photo file names, and whether each is an image (judged by content). */
  photos: ReadonlyMap<string, { usable: () => Promise<boolean> }>;
  now: Date;
}

export interface CheckResult {
  mapping: CaseImportCheckMapping;
  orders: HotlineOrder[];
  errors: HotlineRowError[];
  unusedPhotos: string[];
}

export async function checkHotlineRows(input: CheckInput): Promise<CheckResult> {
  const { sheet, options } = input;
  const mapping = resolveMapping(sheet.headers, options.mapping);
  const errors: HotlineRowError[] = [];
  const columnOf = (field: HotlineField): number | null => {
    const header = mapping[field];
    return header === null ? null : sheet.headers.indexOf(header);
  };
  for (const field of REQUIRED_HOTLINE_FIELDS) {
    if (mapping[field] !== null) continue;
    errors.push({
      row: 1,
      column: null,
      field,
      code: 'missing_column',
      message: `No column for ${HOTLINE_FIELD_LABELS[field]}: map one of the headers to it`,
    });
  }
  if (errors.length > 0) return { mapping, orders: [], errors, unusedPhotos: [...input.photos.keys()] };

  const categories = categoryResolver(input.categories, options.categoryMap);
  const photoNames = photoNameResolver(input.photos);
  const usedPhotos = new Set<string>();
  const photoVerdicts = new Map<string, Promise<boolean>>();
  const firstRowOf = new Map<string, number>();
  const orders: HotlineOrder[] = [];

  for (const { row, cells } of sheet.rows) {
    const cell = (field: HotlineField): Cell => {
      const index = columnOf(field);
      return index === null || index < 0 ? null : (cells[index] ?? null);
    };
    const text = (field: HotlineField): string => cellText(cell(field));
    const rowErrors: HotlineRowError[] = [];
    const fail = (field: HotlineField, code: HotlineRowErrorCode, detail?: string) => {
      rowErrors.push({
        row,
        column: mapping[field],
        field,
        code,
        message: detail ? `${HOTLINE_ROW_ERROR_LABELS[code]}：${detail}` : HOTLINE_ROW_ERROR_LABELS[code],
      });
    };

    const orderNumber = text('orderNumber');
    if (!orderNumber) fail('orderNumber', 'missing_order_number');
    else if (orderNumber.length > caseImportLimits.maxOrderNumberLength)
      fail('orderNumber', 'order_number_too_long');
    else if (firstRowOf.has(orderNumber)) {
      fail('orderNumber', 'duplicate_in_file', `${orderNumber} 已在第 ${firstRowOf.get(orderNumber)} 行`);
    } else firstRowOf.set(orderNumber, row);

    const received = cell('receivedAt');
    let receivedAt: Date | null = null;
    if (isBlank(received)) fail('receivedAt', 'missing_time');
    else {
      receivedAt = parseShanghaiTime(received);
      if (!receivedAt || receivedAt.getTime() > input.now.getTime() + 10 * 60_000) {
        fail('receivedAt', 'bad_time', cellText(received));
        receivedAt = null;
      }
    }

    const description = text('description');
    if (!description) fail('description', 'missing_description');
    else if (description.length > casesLimits.maxDescriptionLength) {
      fail(
        'description',
        'description_too_long',
        `${description.length} 字，最多 ${casesLimits.maxDescriptionLength} 字`,
      );
    }
    const address = text('address') || null;
    if (address && address.length > casesLimits.maxAddressLength) fail('address', 'address_too_long');

    const categoryValue = text('category');
    const category = categoryValue ? categories(categoryValue) : null;
    if (!categoryValue) fail('category', 'missing_category');
    else if (!category) fail('category', 'unknown_category', categoryValue);

    let crs: Crs | null = options.crs;
    const crsValue = text('crs');
    if (crsValue) {
      crs = parseCrs(crsValue);
      if (!crs) fail('crs', 'unknown_crs', crsValue);
    }
    const lng = cell('lng');
    const lat = cell('lat');
    let point: { lng: number; lat: number } | null = null;
    let located: LocateResult | null = null;
    if (isBlank(lng) || isBlank(lat) || (Number(cellText(lng)) === 0 && Number(cellText(lat)) === 0)) {
      fail(isBlank(lng) ? 'lng' : 'lat', 'missing_coordinates');
    } else {
      const x = Number(cellText(lng));
      const y = Number(cellText(lat));
      if (!Number.isFinite(x) || Math.abs(x) > 180) fail('lng', 'bad_coordinates', cellText(lng));
      else if (!Number.isFinite(y) || Math.abs(y) > 90) fail('lat', 'bad_coordinates', cellText(lat));
      else point = { lng: x, lat: y };
    }
    if (point && crs) {
      try {
        located = await input.locate(point.lng, point.lat, crs);
      } catch (error) {
        if (!(error instanceof AppError) || !error.code.startsWith('territory.')) throw error;
        fail('lng', 'outside_jurisdiction', `${point.lng}, ${point.lat} (${crs})`);
      }
      const placeChain = located
        ? [located.unit.id, located.grid.id, located.community.id, located.subdistrict.id]
        : [];
      if (located && !scopeCovers(input.principal, { placeChain })) {
        fail('lng', 'outside_scope', `${located.community.name} ${located.grid.name}`);
        located = null;
      }
    }

    const callerPhone = text('callerPhone');
    const names = text('photos')
      .split(/[,;，；、|\s]+/)
      .filter((name) => name.length > 0);
    const photos: string[] = [];
    if (names.length > casesLimits.maxPhotos) {
      fail('photos', 'too_many_photos', `${names.length} 张，最多 ${casesLimits.maxPhotos} 张`);
    }
    for (const name of names) {
      const found = photoNames(name);
      if (!found) {
        fail('photos', 'photo_missing', name);
        continue;
      }
      usedPhotos.add(found);
      let verdict = photoVerdicts.get(found);
      if (!verdict) {
        verdict = input.photos.get(found)?.usable() ?? Promise.resolve(false);
        photoVerdicts.set(found, verdict);
      }
      if (!(await verdict)) fail('photos', 'photo_unsupported', name);
      photos.push(found);
    }

    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    if (!receivedAt || !category || !point || !crs || !located) continue;
    orders.push({
      row,
      orderNumber,
      receivedAt,
      categoryCode: category.code,
      categoryName: category.name,
      description,
      address,
      point,
      crs,
      located,
      callerPhone: callerPhone && !callerPhone.includes('*') ? callerPhone : null,
      photoNames: photos,
    });
  }

  // Already imported: asked once for all the file's numbers.
  const imported = await input.findImported([...firstRowOf.keys()]);
  if (imported.size > 0) {
    const refused = new Set<number>();
    for (const [orderNumber, row] of firstRowOf) {
      if (!imported.has(orderNumber)) continue;
      refused.add(row);
      errors.push({
        row,
        column: mapping.orderNumber,
        field: 'orderNumber',
        code: 'already_imported',
        message: `${HOTLINE_ROW_ERROR_LABELS.already_imported}：${orderNumber}`,
      });
    }
    const kept = orders.filter((order) => !refused.has(order.row));
    orders.length = 0;
    orders.push(...kept);
  }
  errors.sort((a, b) => a.row - b.row);
  return {
    mapping,
    orders,
    errors,
    unusedPhotos: [...input.photos.keys()].filter((name) => !usedPhotos.has(name)),
  };
}

// ---- mapping --------------------------------------------------------------------------------------

const normalizeHeader = (header: string): string =>
  header
    .toLowerCase()
    .replace(/[(（[【].*?[)）\]】]/g, '')
    .replace(/[\s_:：*]/g, '');

/**
 * The header each field is read from: the import's own mapping first (a header that is not in the
 * file maps nothing), then the first default header found, each header used once.
 */
export function resolveMapping(
  headers: readonly string[],
  own: Partial<Record<HotlineField, string>>,
): CaseImportCheckMapping {
  const mapping = {} as CaseImportCheckMapping;
  const taken = new Set<string>();
  for (const field of HOTLINE_FIELDS) {
    const chosen = own[field];
    mapping[field] = chosen !== undefined && headers.includes(chosen) ? chosen : null;
    if (mapping[field]) taken.add(mapping[field]);
  }
  for (const field of HOTLINE_FIELDS) {
    if (mapping[field] !== null || own[field] !== undefined) continue;
    for (const candidate of DEFAULT_HOTLINE_HEADERS[field]) {
      const header = headers.find((h) => !taken.has(h) && normalizeHeader(h) === normalizeHeader(candidate));
      if (header !== undefined) {
        mapping[field] = header;
        taken.add(header);
        break;
      }
    }
  }
  return mapping;
}

// ---- values ---------------------------------------------------------------------------------------

function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * A time of the 12345 system, in Shanghai time: `2026-11-20 09:30[:00]`, `2026/11/20 9:30`,
 * `2026年11月20日 09时30分`, `20261120093000`, an ISO instant with its offset, or an Excel date
 * (Excel keeps wall-clock time without a zone). Null when it is not a real time.
 */
export function parseShanghaiTime(cell: Cell): Date | null {
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? null : new Date(cell.getTime() - SHANGHAI_OFFSET_MS);
  }
  if (typeof cell === 'number') {
    // An Excel serial date without a date format: days since 1899-12-30.
    if (cell < 20_000 || cell > 80_000) return null;
    return new Date(Math.round((cell - 25_569) * 86_400_000) - SHANGHAI_OFFSET_MS);
  }
  const text = (cell ?? '').trim();
  if (/(?:Z|[+-]\d{2}:?\d{2})$/.test(text) && /^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const at = Date.parse(text);
    return Number.isNaN(at) ? null : new Date(at);
  }
  const match =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[\sT]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2}))?[秒分]?)?$/.exec(
      text,
    ) ?? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?$/.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wall = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const real =
    wall.getUTCFullYear() === year &&
    wall.getUTCMonth() === month - 1 &&
    wall.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60 &&
    year >= 2000;
  return real ? new Date(wall.getTime() - SHANGHAI_OFFSET_MS) : null;
}

/** 坐标系 as 12345 systems write it. */
export function parseCrs(value: string): Crs | null {
  const v = value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  if (['wgs84', 'gps', '4326', 'epsg4326', '大地坐标', 'cgcs2000', '天地图'].includes(v)) return 'wgs84';
  if (['gcj02', '火星', '火星坐标', '国测局', '高德', '腾讯', 'amap'].includes(v)) return 'gcj02';
  if (['bd09', 'bd09ll', '百度', 'baidu'].includes(v)) return 'bd09';
  return null;
}

/**
 * A 问题分类 value → an active category: the import's own value map, a code, a subcategory name
 * (when only one has it), or the last part of "大类/小类" (also with - > | 、).
 */
export function categoryResolver(
  categories: readonly CategoryLite[],
  categoryMap: Readonly<Record<string, string>>,
): (value: string) => CategoryLite | null {
  const active = categories.filter((c) => c.active);
  const byCode = new Map(active.map((c) => [c.code, c]));
  const byName = new Map<string, CategoryLite | null>();
  const compact = (s: string) => s.replace(/\s/g, '');
  for (const category of active) {
    for (const name of [category.name, `${category.majorName}/${category.name}`]) {
      const key = compact(name);
      byName.set(key, byName.has(key) ? null : category);
    }
  }
  return (value) => {
    const v = compact(value);
    const mapped = categoryMap[value] ?? categoryMap[v];
    if (mapped) return byCode.get(mapped) ?? null;
    const direct = byCode.get(v) ?? byName.get(v);
    if (direct) return direct;
    const parts = v.split(/[/\\>|｜、—-]+/).filter(Boolean);
    if (parts.length > 1) {
      const joined = byName.get(`${parts.at(-2)}/${parts.at(-1)}`);
      if (joined) return joined;
      return byName.get(parts.at(-1) ?? '') ?? byCode.get(parts.at(-1) ?? '') ?? null;
    }
    return null;
  };
}

/** A name in the 照片 column → an uploaded file name: exact, else without folders and case. */
function photoNameResolver(photos: ReadonlyMap<string, unknown>): (name: string) => string | null {
  const loose = new Map<string, string>();
  const key = (name: string) => (name.split(/[\\/]/).at(-1) ?? name).toLowerCase();
  for (const name of photos.keys()) if (!loose.has(key(name))) loose.set(key(name), name);
  return (name) => (photos.has(name) ? name : (loose.get(key(name)) ?? null));
}
