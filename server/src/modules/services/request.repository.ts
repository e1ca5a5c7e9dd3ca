import type { Principal } from '../../platform/access.ts';
import type { RequestEventRow, RequestRow } from './services.presenter.ts';
import type { Db } from './services.table.ts';
import { requestVisibleTo } from './services-scope.ts';

/** Queries of one-window requests and their timeline. Plain functions taking `db` or `trx` first. */

/** A resident of the jurisdiction, by id: name and linked account (read from the people module's table). */
export function findResidentRef(db: Db, jurisdictionId: number, residentId: number) {
  return db
    .selectFrom('resident')
    .select(['id', 'name', 'account_id'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', residentId)
    .executeTakeFirst();
}

/** The resident record linked to an account (a resident's own record), if any. */
export function findResidentOfAccount(db: Db, jurisdictionId: number, accountId: number) {
  return db
    .selectFrom('resident')
    .select(['id', 'name', 'account_id'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('account_id', '=', accountId)
    .orderBy('id')
    .executeTakeFirst();
}

function requestsQuery(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('service_request as r')
    .innerJoin('service_item as i', (j) =>
      j.onRef('i.jurisdiction_id', '=', 'r.jurisdiction_id').onRef('i.id', '=', 'r.item_id'),
    )
    .innerJoin('resident as p', (j) =>
      j.onRef('p.jurisdiction_id', '=', 'r.jurisdiction_id').onRef('p.id', '=', 'r.resident_id'),
    )
    .innerJoin('service_site as ws', (j) =>
      j.onRef('ws.jurisdiction_id', '=', 'r.jurisdiction_id').onRef('ws.id', '=', 'r.intake_site_id'),
    )
    .leftJoin('service_site as hs', (j) =>
      j.onRef('hs.jurisdiction_id', '=', 'r.jurisdiction_id').onRef('hs.id', '=', 'r.handler_site_id'),
    )
    .leftJoin('department as hd', (j) =>
      j.onRef('hd.jurisdiction_id', '=', 'r.jurisdiction_id').onRef('hd.id', '=', 'r.handler_department_id'),
    )
    .where('r.jurisdiction_id', '=', jurisdictionId);
}

const requestColumns = [
  'r.id',
  'r.status',
  'r.item_id',
  'i.code as item_code',
  'i.name as item_name',
  'i.materials as item_materials',
  'r.resident_id',
  'p.name as resident_name',
  'p.account_id as resident_account_id',
  'r.intake_site_id',
  'ws.name as intake_site_name',
  'r.handler_site_id',
  'hs.name as handler_site_name',
  'r.handler_department_id',
  'hd.name as handler_department_name',
  'r.materials',
  'r.note',
  'r.result',
  'r.rating',
  'r.rating_comment',
  'r.received_at',
  'r.deadline',
  'r.deadline_uncertain',
  'r.done_at',
] as const;

export async function findRequestRow(
  db: Db,
  jurisdictionId: number,
  requestId: number,
  options: { lock?: boolean } = {},
): Promise<
  | (RequestRow & { resident_account_id: number | null; intake_chain: number[]; handler_chain: number[] })
  | undefined
> {
  let query = requestsQuery(db, jurisdictionId)
    .select([...requestColumns, 'r.intake_chain', 'r.handler_chain'])
    .where('r.id', '=', requestId);
  if (options.lock) query = query.forUpdate('r');
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return {
    ...row,
    intake_chain: (row.intake_chain as (number | string)[]).map(Number),
    handler_chain: (row.handler_chain as (number | string)[]).map(Number),
  } as RequestRow & { resident_account_id: number | null; intake_chain: number[]; handler_chain: number[] };
}

export async function findRequestRows(
  db: Db,
  viewer: Principal,
  filter: { status?: RequestRow['status'] | undefined; limit: number; offset: number },
) {
  let query = requestsQuery(db, viewer.jurisdictionId).where(requestVisibleTo(viewer, 'r'));
  if (filter.status) query = query.where('r.status', '=', filter.status);
  const [rows, total] = await Promise.all([
    query
      .select(requestColumns)
      .orderBy('r.received_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as RequestRow[], total: Number(total.n) };
}

export function findRequestEvents(
  db: Db,
  jurisdictionId: number,
  requestId: number,
): Promise<RequestEventRow[]> {
  return db
    .selectFrom('service_request_event as e')
    .leftJoin('service_site as s', (j) =>
      j.onRef('s.jurisdiction_id', '=', 'e.jurisdiction_id').onRef('s.id', '=', 'e.site_id'),
    )
    .leftJoin('department as d', (j) =>
      j.onRef('d.jurisdiction_id', '=', 'e.jurisdiction_id').onRef('d.id', '=', 'e.department_id'),
    )
    .select([
      'e.type',
      'e.at',
      'e.actor_name',
      'e.site_id',
      's.name as site_name',
      'e.department_id',
      'd.name as department_name',
      'e.note',
    ])
    .where('e.jurisdiction_id', '=', jurisdictionId)
    .where('e.request_id', '=', requestId)
    .orderBy('e.id')
    .execute();
}
