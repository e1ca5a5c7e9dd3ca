import type { AreaGeometry, CaseStatus } from '#contracts';
import type { Db } from './open311.table.ts';

/**
 * Queries. The public view reads the cases' tables directly (category, record, department tasks)
 * and the territory's place names and grid outlines: only the columns a public answer may carry.
 * Only 部件 and 事件 categories are public; 网格事项 (disputes, hazards, help for people) are not.
 */

export const PUBLIC_KINDS = ['component', 'event'] as const;

/** Statuses the standard calls `closed`: finished, refused as invalid, or merged into another. */
export const CLOSED_STATUSES: readonly CaseStatus[] = ['closed', 'rejected', 'merged'];

export interface ServiceRow {
  code: string;
  name: string;
  major_code: string;
  major_name: string;
  kind: string;
  urgent: boolean;
}

function services(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('case_category')
    .select(['code', 'name', 'major_code', 'major_name', 'kind', 'urgent'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('active', '=', true)
    .where('kind', 'in', PUBLIC_KINDS);
}

export function findServices(db: Db, jurisdictionId: number): Promise<ServiceRow[]> {
  return services(db, jurisdictionId).orderBy('code').execute();
}

export function findService(db: Db, jurisdictionId: number, code: string): Promise<ServiceRow | undefined> {
  return services(db, jurisdictionId).where('code', '=', code).executeTakeFirst();
}

export interface RequestFilter {
  ids?: readonly number[];
  serviceCodes?: readonly string[];
  from?: Date;
  to?: Date;
  status?: 'open' | 'closed';
}

export interface RequestRow {
  id: number;
  status: CaseStatus;
  category_code: string;
  category_name: string;
  reported_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  grid_id: number;
  grid_name: string;
  community_name: string;
  subdistrict_name: string;
}

/** Public requests, newest first, at most `limit`. */
export async function findRequests(
  db: Db,
  jurisdictionId: number,
  filter: RequestFilter,
  limit: number,
): Promise<RequestRow[]> {
  let query = db
    .selectFrom('case_record as r')
    .innerJoin('case_category as c', (join) =>
      join.onRef('c.jurisdiction_id', '=', 'r.jurisdiction_id').onRef('c.code', '=', 'r.category_code'),
    )
    .innerJoin('territory_place as g', (join) =>
      join.onRef('g.jurisdiction_id', '=', 'r.jurisdiction_id').onRef('g.id', '=', 'r.grid_id'),
    )
    .innerJoin('territory_place as cm', (join) =>
      join.onRef('cm.jurisdiction_id', '=', 'r.jurisdiction_id').onRef('cm.id', '=', 'r.community_id'),
    )
    .innerJoin('territory_place as sd', (join) =>
      join.onRef('sd.jurisdiction_id', '=', 'r.jurisdiction_id').onRef('sd.id', '=', 'r.subdistrict_id'),
    )
    .select([
      'r.id',
      'r.status',
      'r.category_code',
      'c.name as category_name',
      'r.reported_at',
      'r.updated_at',
      'r.closed_at',
      'r.grid_id',
      'g.name as grid_name',
      'cm.name as community_name',
      'sd.name as subdistrict_name',
    ])
    .where('r.jurisdiction_id', '=', jurisdictionId)
    .where('c.kind', 'in', PUBLIC_KINDS);
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    query = query.where('r.id', 'in', filter.ids);
  } else {
    if (filter.serviceCodes && filter.serviceCodes.length > 0)
      query = query.where('r.category_code', 'in', filter.serviceCodes);
    if (filter.from) query = query.where('r.reported_at', '>=', filter.from);
    if (filter.to) query = query.where('r.reported_at', '<=', filter.to);
    if (filter.status === 'closed') query = query.where('r.status', 'in', CLOSED_STATUSES);
    if (filter.status === 'open') query = query.where('r.status', 'not in', CLOSED_STATUSES);
  }
  return query.orderBy('r.reported_at', 'desc').orderBy('r.id', 'desc').limit(limit).execute();
}

/** The departments a case is with now (its current dispatch), by case. */
export async function findCurrentDepartments(
  db: Db,
  jurisdictionId: number,
  caseIds: readonly number[],
): Promise<Map<number, string[]>> {
  const byCase = new Map<number, string[]>();
  if (caseIds.length === 0) return byCase;
  const rows = await db
    .selectFrom('case_department_task as t')
    .innerJoin('department as d', (join) =>
      join.onRef('d.jurisdiction_id', '=', 't.jurisdiction_id').onRef('d.id', '=', 't.department_id'),
    )
    .select(['t.case_id', 'd.name'])
    .where('t.jurisdiction_id', '=', jurisdictionId)
    .where('t.case_id', 'in', caseIds)
    .where('t.closed_at', 'is', null)
    .where('t.status', '!=', 'declined')
    .orderBy('t.case_id')
    .orderBy('d.name')
    .execute();
  for (const row of rows) {
    const names = byCase.get(row.case_id) ?? [];
    names.push(row.name);
    byCase.set(row.case_id, names);
  }
  return byCase;
}

/** The outlines of grids, by id, to blur a request's place to its grid's centroid. */
export async function findGridGeometries(
  db: Db,
  jurisdictionId: number,
  gridIds: readonly number[],
): Promise<Map<number, AreaGeometry>> {
  if (gridIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('territory_place')
    .select(['id', 'geometry'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', 'in', gridIds)
    .execute();
  return new Map(rows.map((row) => [row.id, row.geometry]));
}

/** A public request's id from its token (the case's tracking code). */
export async function findRequestIdByToken(
  db: Db,
  jurisdictionId: number,
  token: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('case_record as r')
    .innerJoin('case_category as c', (join) =>
      join.onRef('c.jurisdiction_id', '=', 'r.jurisdiction_id').onRef('c.code', '=', 'r.category_code'),
    )
    .select('r.id')
    .where('r.jurisdiction_id', '=', jurisdictionId)
    .where('r.tracking_code', '=', token)
    .where('c.kind', 'in', PUBLIC_KINDS)
    .executeTakeFirst();
  return row?.id;
}

// ---- api keys ----------------------------------------------------------------------------------

export function findApiKeyByHash(db: Db, keyHash: string) {
  return db
    .selectFrom('open311_api_key')
    .select(['jurisdiction_id', 'id', 'owner_account_id', 'label', 'revoked_at'])
    .where('key_hash', '=', keyHash)
    .executeTakeFirst();
}

export async function insertApiKey(
  db: Db,
  key: { jurisdictionId: number; keyHash: string; ownerAccountId: number; label: string; now: Date },
): Promise<number> {
  const row = await db
    .insertInto('open311_api_key')
    .values({
      jurisdiction_id: key.jurisdictionId,
      key_hash: key.keyHash,
      owner_account_id: key.ownerAccountId,
      label: key.label,
      created_at: key.now,
    })
    .onConflict((oc) => oc.column('key_hash').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) return row.id;
  const existing = await findApiKeyByHash(db, key.keyHash);
  if (!existing) throw new Error('api key neither inserted nor found');
  return existing.id;
}
