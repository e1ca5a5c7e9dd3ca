import type { Principal } from '../../platform/access.ts';
import {
  findResidentRef as findPeopleResidentRef,
  findResidentRefOfAccount,
  findResidentRefs,
} from '../people/index.ts';
import type { RequestEventRow, RequestRow } from './services.presenter.ts';
import type { Db } from './services.table.ts';
import { requestVisibleTo } from './services-scope.ts';

/** Queries of one-window requests and their timeline. Plain functions taking `db` or `trx` first. */

/** A resident of the jurisdiction, by id: name and linked account (through the people module). */
export async function findResidentRef(db: Db, jurisdictionId: number, residentId: number) {
  const ref = await findPeopleResidentRef(db, jurisdictionId, residentId);
  return ref && { id: ref.id, name: ref.name, account_id: ref.accountId };
}

/** The resident record linked to an account (a resident's own record), if any. */
export async function findResidentOfAccount(db: Db, jurisdictionId: number, accountId: number) {
  const ref = await findResidentRefOfAccount(db, jurisdictionId, accountId);
  return ref && { id: ref.id, name: ref.name, account_id: ref.accountId };
}

/** Adds each row's resident name and account (read through the people module, in one query). */
export async function withResidents<T extends { resident_id: number }>(
  db: Db,
  jurisdictionId: number,
  rows: T[],
): Promise<(T & { resident_name: string; resident_account_id: number | null })[]> {
  const refs = await findResidentRefs(
    db,
    jurisdictionId,
    rows.map((row) => row.resident_id),
  );
  return rows.map((row) => {
    const ref = refs.get(row.resident_id);
    return { ...row, resident_name: ref?.name ?? '', resident_account_id: ref?.accountId ?? null };
  });
}

/** A viewer's own resident record id (residents; null for others or when unlinked), for the scope filters. */
export async function ownResidentIdOf(db: Db, viewer: Principal): Promise<number | null> {
  if (viewer.scope.level !== 'self') return null;
  return (await findResidentRefOfAccount(db, viewer.jurisdictionId, viewer.accountId))?.id ?? null;
}

function requestsQuery(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('service_request as r')
    .innerJoin('service_item as i', (j) =>
      j.onRef('i.jurisdiction_id', '=', 'r.jurisdiction_id').onRef('i.id', '=', 'r.item_id'),
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
  const found = await query.executeTakeFirst();
  if (!found) return undefined;
  const [row] = await withResidents(db, jurisdictionId, [found]);
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
  const own = await ownResidentIdOf(db, viewer);
  let query = requestsQuery(db, viewer.jurisdictionId).where(requestVisibleTo(viewer, own, 'r'));
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
  return {
    rows: (await withResidents(db, viewer.jurisdictionId, rows)) as RequestRow[],
    total: Number(total.n),
  };
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
