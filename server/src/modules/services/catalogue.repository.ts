import { sql } from 'kysely';
import type { ServiceKind, SiteKind } from '#contracts/services.ts';
import type { Db } from './services.table.ts';

/** Queries of the catalogue: service items and sites. Plain functions taking `db` or `trx` first. */

const itemColumns = [
  'i.id',
  'i.code',
  'i.name',
  'i.kind',
  'i.description',
  'i.materials',
  'i.offered_at',
  'i.handler_site_id',
  'i.handler_department_id',
  'i.promised_days',
  'i.bookable',
  'i.active',
] as const;

function itemsQuery(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('service_item as i')
    .leftJoin('service_site as hs', (join) =>
      join.onRef('hs.jurisdiction_id', '=', 'i.jurisdiction_id').onRef('hs.id', '=', 'i.handler_site_id'),
    )
    .leftJoin('department as hd', (join) =>
      join
        .onRef('hd.jurisdiction_id', '=', 'i.jurisdiction_id')
        .onRef('hd.id', '=', 'i.handler_department_id'),
    )
    .select([...itemColumns, 'hs.name as handler_site_name', 'hd.name as handler_department_name'])
    .where('i.jurisdiction_id', '=', jurisdictionId);
}

export type ItemRow = Awaited<ReturnType<typeof findItemRow>> & {};

export function findItemRow(db: Db, jurisdictionId: number, itemId: number) {
  return itemsQuery(db, jurisdictionId).where('i.id', '=', itemId).executeTakeFirst();
}

export async function findItemRows(
  db: Db,
  jurisdictionId: number,
  filter: {
    kind?: ServiceKind | undefined;
    q?: string | undefined;
    bookable?: boolean | undefined;
    limit: number;
    offset: number;
  },
) {
  let query = itemsQuery(db, jurisdictionId).where('i.active', '=', true);
  if (filter.kind) query = query.where('i.kind', '=', filter.kind);
  if (filter.bookable !== undefined) query = query.where('i.bookable', '=', filter.bookable);
  if (filter.q) query = query.where('i.name', 'like', `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`);
  const [rows, total] = await Promise.all([
    query.orderBy('i.code').limit(filter.limit).offset(filter.offset).execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

const siteColumns = [
  'id',
  'code',
  'kind',
  'name',
  'address',
  'place_id',
  'grid_id',
  'community_id',
  'subdistrict_id',
  'opening',
] as const;

export type SiteRow = NonNullable<Awaited<ReturnType<typeof findSiteRow>>>;

export function findSiteRow(db: Db, jurisdictionId: number, siteId: number) {
  return db
    .selectFrom('service_site')
    .select(siteColumns)
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', siteId)
    .where('active', '=', true)
    .executeTakeFirst();
}

/** Locks the site row for the rest of the transaction (hours change and bookings check them). */
export function lockSiteRow(db: Db, jurisdictionId: number, siteId: number) {
  return db
    .selectFrom('service_site')
    .select(siteColumns)
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', siteId)
    .where('active', '=', true)
    .forUpdate()
    .executeTakeFirst();
}

export async function findSiteRows(
  db: Db,
  jurisdictionId: number,
  filter: { kind?: SiteKind | undefined; placeId?: number | undefined; limit: number; offset: number },
) {
  let query = db
    .selectFrom('service_site')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('active', '=', true);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.placeId !== undefined) {
    const id = filter.placeId;
    query = query.where(sql<boolean>`${id} in (place_id, grid_id, community_id, subdistrict_id)`);
  }
  const [rows, total] = await Promise.all([
    query.select(siteColumns).orderBy('code').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}
