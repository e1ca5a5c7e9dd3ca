import { sql } from 'kysely';
import type { Principal } from '../../platform/access.ts';
import { ownResidentIdOf, withResidents } from './request.repository.ts';
import type { AppointmentRow, SlotRow } from './services.presenter.ts';
import type { Db } from './services.table.ts';
import { appointmentVisibleTo } from './services-scope.ts';

/** Queries of slots and appointments. Plain functions taking `db` or `trx` first. */

function slotsQuery(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('appointment_slot as t')
    .innerJoin('service_item as i', (j) =>
      j.onRef('i.jurisdiction_id', '=', 't.jurisdiction_id').onRef('i.id', '=', 't.item_id'),
    )
    .select([
      't.id',
      't.site_id',
      't.item_id',
      'i.name as item_name',
      't.starts_at',
      't.ends_at',
      't.capacity',
      't.booked',
    ])
    .where('t.jurisdiction_id', '=', jurisdictionId);
}

export function findSlotRow(db: Db, jurisdictionId: number, slotId: number): Promise<SlotRow | undefined> {
  return slotsQuery(db, jurisdictionId).where('t.id', '=', slotId).executeTakeFirst();
}

export function findSlotRows(
  db: Db,
  jurisdictionId: number,
  filter: { siteId: number; itemId?: number | undefined; from: Date; to: Date },
): Promise<SlotRow[]> {
  let query = slotsQuery(db, jurisdictionId)
    .where('t.site_id', '=', filter.siteId)
    .where('t.starts_at', '>=', filter.from)
    .where('t.starts_at', '<', filter.to);
  if (filter.itemId !== undefined) query = query.where('t.item_id', '=', filter.itemId);
  return query.orderBy('t.starts_at').orderBy('t.id').limit(2000).execute();
}

/**
 * Takes one place in the slot, only while one is free: the conditional update waits for any other
 * booking of the same row and re-reads `booked` after it commits, so the capacity holds under any
 * number of concurrent bookings. Returns false when the slot is full (or missing).
 */
export async function takePlace(db: Db, jurisdictionId: number, slotId: number): Promise<boolean> {
  const row = await db
    .updateTable('appointment_slot')
    .set({ booked: sql<number>`booked + 1` })
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', slotId)
    .where(sql<boolean>`booked < capacity`)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function releasePlace(db: Db, jurisdictionId: number, slotId: number): Promise<void> {
  await db
    .updateTable('appointment_slot')
    .set({ booked: sql<number>`booked - 1` })
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', slotId)
    .where('booked', '>', 0)
    .execute();
}

function appointmentsQuery(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('appointment as a')
    .innerJoin('appointment_slot as t', (j) =>
      j.onRef('t.jurisdiction_id', '=', 'a.jurisdiction_id').onRef('t.id', '=', 'a.slot_id'),
    )
    .innerJoin('service_item as i', (j) =>
      j.onRef('i.jurisdiction_id', '=', 't.jurisdiction_id').onRef('i.id', '=', 't.item_id'),
    )
    .innerJoin('service_site as s', (j) =>
      j.onRef('s.jurisdiction_id', '=', 't.jurisdiction_id').onRef('s.id', '=', 't.site_id'),
    )
    .select([
      'a.id as appointment_id',
      'a.status',
      'a.booked_by_account_id',
      'a.booked_at',
      't.id',
      't.site_id',
      't.item_id',
      'i.name as item_name',
      't.starts_at',
      't.ends_at',
      't.capacity',
      't.booked',
      's.name as site_name',
      'a.resident_id',
    ])
    .where('a.jurisdiction_id', '=', jurisdictionId);
}

export async function findAppointmentRow(
  db: Db,
  jurisdictionId: number,
  appointmentId: number,
  options: { lock?: boolean } = {},
): Promise<AppointmentRow | undefined> {
  let query = appointmentsQuery(db, jurisdictionId).where('a.id', '=', appointmentId);
  if (options.lock) query = query.forUpdate('a');
  const row = await query.executeTakeFirst();
  return row && (await withResidents(db, jurisdictionId, [row]))[0];
}

export async function findAppointmentRows(
  db: Db,
  viewer: Principal,
  filter: { status?: AppointmentRow['status'] | undefined; limit: number; offset: number },
) {
  const own = await ownResidentIdOf(db, viewer);
  let query = appointmentsQuery(db, viewer.jurisdictionId).where((eb) =>
    eb.or([appointmentVisibleTo(viewer, own, 'a', 's'), eb('a.booked_by_account_id', '=', viewer.accountId)]),
  );
  if (filter.status) query = query.where('a.status', '=', filter.status);
  const [rows, total] = await Promise.all([
    query
      .orderBy('t.starts_at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: await withResidents(db, viewer.jurisdictionId, rows), total: Number(total.n) };
}

export async function findSiteAppointmentRows(
  db: Db,
  jurisdictionId: number,
  siteId: number,
  from: Date,
  to: Date,
) {
  const rows = await appointmentsQuery(db, jurisdictionId)
    .where('t.site_id', '=', siteId)
    .where('t.starts_at', '>=', from)
    .where('t.starts_at', '<', to)
    .orderBy('a.id')
    .execute();
  return withResidents(db, jurisdictionId, rows);
}

/** Live bookings whose slot starts in [from, to) and that have had no reminder yet (all jurisdictions). */
export function findUnremindedAppointments(db: Db, from: Date, to: Date) {
  return db
    .selectFrom('appointment as a')
    .innerJoin('appointment_slot as t', (j) =>
      j.onRef('t.jurisdiction_id', '=', 'a.jurisdiction_id').onRef('t.id', '=', 'a.slot_id'),
    )
    .innerJoin('service_item as i', (j) =>
      j.onRef('i.jurisdiction_id', '=', 't.jurisdiction_id').onRef('i.id', '=', 't.item_id'),
    )
    .innerJoin('service_site as s', (j) =>
      j.onRef('s.jurisdiction_id', '=', 't.jurisdiction_id').onRef('s.id', '=', 't.site_id'),
    )
    .select([
      'a.jurisdiction_id',
      'a.id',
      'a.resident_id',
      's.id as site_id',
      's.name as site_name',
      'i.name as item_name',
      't.starts_at',
      't.ends_at',
    ])
    .where('a.status', '=', 'booked')
    .where('a.reminded_at', 'is', null)
    .where('t.starts_at', '>=', from)
    .where('t.starts_at', '<', to)
    .orderBy('t.starts_at')
    .orderBy('a.id')
    .execute();
}
