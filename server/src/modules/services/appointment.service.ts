import type {
  Appointment,
  AppointmentPage,
  AppointmentStatus,
  SiteSchedule,
  Slot,
  SlotPublish,
} from '#contracts/services.ts';
import { authorize, type Principal } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { WorkingCalendar } from '../../platform/working-calendar.ts';
import {
  findAppointmentRow,
  findAppointmentRows,
  findSiteAppointmentRows,
  findSlotRow,
  findSlotRows,
  releasePlace,
  takePlace,
} from './appointment.repository.ts';
import { findItemRow, findSiteRow, lockSiteRow, type SiteRow } from './catalogue.repository.ts';
import { checkOpening } from './opening-hours.ts';
import { findResidentOfAccount, findResidentRef } from './request.repository.ts';
import { servicesPermission } from './services.policy.ts';
import { type AppointmentRow, presentAppointment, presentSlot, type SlotRow } from './services.presenter.ts';
import type { Db } from './services.table.ts';
import { worksAt } from './services-scope.ts';

/**
 * Appointments (随时约, 错峰延时): sites publish slots inside their opening hours; residents book,
 * move and cancel their own, workers book on a resident's behalf; staff see a site's day and record
 * no-shows. A place is taken only by a conditional update, so a slot is never overbooked.
 */

interface Acting {
  principal: Principal;
  actor: Actor;
  now: Date;
  calendar: WorkingCalendar;
}

const DAY_MS = 86_400_000;

function requireOpen(site: SiteRow, calendar: WorkingCalendar, startsAt: Date, endsAt: Date): void {
  const check = checkOpening(site.opening, calendar, startsAt, endsAt);
  if (!check.open) {
    throw new AppError(
      'services.outside_opening_hours',
      `${site.name} is not open then (${check.date}, ${check.dayKind})`,
      { date: check.date, dayKind: check.dayKind, periods: check.periods },
    );
  }
}

async function siteOfSlot(db: Db, jurisdictionId: number, slot: SlotRow): Promise<SiteRow> {
  const site = await findSiteRow(db, jurisdictionId, slot.site_id);
  if (!site) throw notFound('Slot');
  return site;
}

/** Publishes `count` consecutive slots of one item at a site, each inside the site's hours. */
export async function publishSlots(
  trx: Db,
  options: Acting & { siteId: number; request: SlotPublish },
): Promise<Slot[]> {
  const { principal, request } = options;
  const { jurisdictionId } = principal;
  authorize(principal, servicesPermission('appointments.manage'), null);
  const site = await lockSiteRow(trx, jurisdictionId, options.siteId);
  if (!site) throw notFound('Service site');
  if (!worksAt(principal, site)) throw new AppError('access.forbidden', 'Not a site of the account’s place');
  const item = await findItemRow(trx, jurisdictionId, request.itemId);
  if (!item?.active) throw notFound('Service item');
  if (!item.bookable || !item.offered_at.includes(site.kind)) {
    throw new AppError('services.item_not_offered', `${item.name} cannot be booked at ${site.name}`);
  }
  const first = new Date(request.startsAt).getTime();
  const spans = Array.from({ length: request.count }, (_, k) => {
    const startsAt = new Date(first + k * request.minutes * 60_000);
    return { startsAt, endsAt: new Date(startsAt.getTime() + request.minutes * 60_000) };
  });
  for (const span of spans) requireOpen(site, options.calendar, span.startsAt, span.endsAt);
  const inserted = await trx
    .insertInto('appointment_slot')
    .values(
      spans.map((span) => ({
        jurisdiction_id: jurisdictionId,
        site_id: site.id,
        item_id: item.id,
        starts_at: span.startsAt,
        ends_at: span.endsAt,
        capacity: request.capacity,
      })),
    )
    .onConflict((c) => c.columns(['jurisdiction_id', 'site_id', 'item_id', 'starts_at']).doNothing())
    .returning('id')
    .execute();
  if (inserted.length < spans.length) {
    throw new AppError('platform.conflict', 'A slot of this item already starts at one of these times');
  }
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'services.slots_published',
    subjectType: 'service_site',
    subjectId: site.id,
    details: { itemId: item.id, count: spans.length, from: spans[0]?.startsAt.toISOString() },
  });
  return spans.map((span, k) => ({
    id: inserted[k]?.id ?? 0,
    siteId: site.id,
    item: { id: item.id, name: item.name },
    startsAt: span.startsAt.toISOString(),
    endsAt: span.endsAt.toISOString(),
    capacity: request.capacity,
    booked: 0,
    free: request.capacity,
  }));
}

export async function findSlots(
  db: Db,
  options: {
    principal: Principal;
    now: Date;
    query: {
      siteId: number;
      itemId?: number | undefined;
      from?: string | undefined;
      to?: string | undefined;
    };
  },
): Promise<{ slots: Slot[] }> {
  const { principal, query } = options;
  const from = query.from ? new Date(query.from) : options.now;
  const to = query.to ? new Date(query.to) : new Date(from.getTime() + 7 * DAY_MS);
  const rows = await findSlotRows(db, principal.jurisdictionId, {
    siteId: query.siteId,
    itemId: query.itemId,
    from,
    to,
  });
  return { slots: rows.map(presentSlot) };
}

/** The resident a booking is for: a resident's own record, or the one a worker names. */
async function residentFor(db: Db, principal: Principal, residentId: number | undefined): Promise<number> {
  if (principal.scope.level === 'self') {
    const own = await findResidentOfAccount(db, principal.jurisdictionId, principal.accountId);
    if (!own)
      throw new AppError('services.no_resident_record', 'The account is not linked to a resident record');
    if (residentId !== undefined && residentId !== own.id)
      throw new AppError('access.forbidden', 'Residents book for themselves');
    return own.id;
  }
  if (residentId === undefined)
    throw new AppError('services.no_resident_record', 'Name the resident (residentId)');
  const resident = await findResidentRef(db, principal.jurisdictionId, residentId);
  if (!resident) throw notFound('Resident');
  return resident.id;
}

/** Takes a place in a bookable slot (not begun, inside the site's hours, not full). */
async function takeSlot(trx: Db, options: Acting & { slotId: number; residentId: number }): Promise<SlotRow> {
  const { jurisdictionId } = options.principal;
  const slot = await findSlotRow(trx, jurisdictionId, options.slotId);
  if (!slot) throw notFound('Slot');
  if (slot.starts_at.getTime() <= options.now.getTime())
    throw new AppError('services.slot_past', 'The slot has begun');
  const site = await siteOfSlot(trx, jurisdictionId, slot);
  requireOpen(site, options.calendar, slot.starts_at, slot.ends_at);
  const live = await trx
    .selectFrom('appointment')
    .select('id')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('slot_id', '=', slot.id)
    .where('resident_id', '=', options.residentId)
    .where('status', '=', 'booked')
    .executeTakeFirst();
  if (live) throw new AppError('services.already_booked', 'The resident already holds this slot');
  if (!(await takePlace(trx, jurisdictionId, slot.id))) {
    throw new AppError('services.slot_full', 'The slot is full', {
      slotId: slot.id,
      capacity: slot.capacity,
    });
  }
  return slot;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

export async function bookAppointment(
  trx: Db,
  options: Acting & { slotId: number; residentId?: number | undefined },
): Promise<Appointment> {
  const { principal, now } = options;
  const { jurisdictionId } = principal;
  authorize(principal, servicesPermission('appointments.book'), null);
  const residentId = await residentFor(trx, principal, options.residentId);
  const slot = await takeSlot(trx, { ...options, residentId });
  let id: number;
  try {
    ({ id } = await trx
      .insertInto('appointment')
      .values({
        jurisdiction_id: jurisdictionId,
        slot_id: slot.id,
        resident_id: residentId,
        status: 'booked',
        booked_by_account_id: principal.accountId,
        booked_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('services.already_booked', 'The resident already holds this slot');
    throw error;
  }
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'services.appointment_booked',
    subjectType: 'appointment',
    subjectId: id,
    details: { slotId: slot.id, residentId },
  });
  return getAppointment(trx, { principal, appointmentId: id });
}

function canActOn(principal: Principal, row: AppointmentRow, site: SiteRow): boolean {
  if (principal.scope.level === 'self') return row.resident_account_id === principal.accountId;
  return row.booked_by_account_id === principal.accountId || worksAt(principal, site);
}

async function loadOwnAppointment(trx: Db, principal: Principal, appointmentId: number, lock: boolean) {
  const row = await findAppointmentRow(trx, principal.jurisdictionId, appointmentId, { lock });
  const site = row && (await findSiteRow(trx, principal.jurisdictionId, row.site_id));
  if (!row || !site || !canActOn(principal, row, site)) throw notFound('Appointment');
  return { row, site };
}

function requireBookedAndAhead(row: AppointmentRow, now: Date): void {
  if (row.status !== 'booked') {
    throw new AppError('services.invalid_transition', `The appointment is ${row.status}`, {
      status: row.status,
    });
  }
  if (row.starts_at.getTime() <= now.getTime())
    throw new AppError('services.slot_past', 'The slot has begun');
}

export async function moveAppointment(
  trx: Db,
  options: Acting & { appointmentId: number; slotId: number },
): Promise<Appointment> {
  const { principal, now } = options;
  authorize(principal, servicesPermission('appointments.book'), null);
  const { row } = await loadOwnAppointment(trx, principal, options.appointmentId, true);
  requireBookedAndAhead(row, now);
  if (options.slotId === row.id) return presentAppointment(row);
  await takeSlot(trx, { ...options, residentId: row.resident_id });
  await releasePlace(trx, principal.jurisdictionId, row.id);
  await trx
    .updateTable('appointment')
    .set({ slot_id: options.slotId, updated_at: now, reminded_at: null })
    .where('jurisdiction_id', '=', principal.jurisdictionId)
    .where('id', '=', row.appointment_id)
    .execute();
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: 'services.appointment_moved',
    subjectType: 'appointment',
    subjectId: row.appointment_id,
    details: { fromSlotId: row.id, toSlotId: options.slotId },
  });
  return getAppointment(trx, { principal, appointmentId: row.appointment_id });
}

export async function cancelAppointment(
  trx: Db,
  options: Omit<Acting, 'calendar'> & { appointmentId: number },
): Promise<Appointment> {
  const { principal, now } = options;
  authorize(principal, servicesPermission('appointments.book'), null);
  const { row } = await loadOwnAppointment(trx, principal, options.appointmentId, true);
  requireBookedAndAhead(row, now);
  await releasePlace(trx, principal.jurisdictionId, row.id);
  await setStatus(trx, principal.jurisdictionId, row.appointment_id, 'cancelled', now);
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: 'services.appointment_cancelled',
    subjectType: 'appointment',
    subjectId: row.appointment_id,
  });
  return getAppointment(trx, { principal, appointmentId: row.appointment_id });
}

async function setStatus(trx: Db, jurisdictionId: number, id: number, status: AppointmentStatus, now: Date) {
  await trx
    .updateTable('appointment')
    .set({ status, updated_at: now })
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', id)
    .execute();
}

/** Staff of the site record that a resident came (attended) or did not (no_show), once the slot has begun. */
export async function recordAttendance(
  trx: Db,
  options: Omit<Acting, 'calendar'> & { appointmentId: number; status: 'attended' | 'no_show' },
): Promise<Appointment> {
  const { principal, now } = options;
  authorize(principal, servicesPermission('appointments.manage'), null);
  const row = await findAppointmentRow(trx, principal.jurisdictionId, options.appointmentId, { lock: true });
  const site = row && (await findSiteRow(trx, principal.jurisdictionId, row.site_id));
  if (!row || !site || !worksAt(principal, site)) throw notFound('Appointment');
  if (row.status !== 'booked' || row.starts_at.getTime() > now.getTime()) {
    throw new AppError(
      'services.invalid_transition',
      'Attendance is recorded for a booked slot that has begun',
      {
        status: row.status,
      },
    );
  }
  await setStatus(trx, principal.jurisdictionId, row.appointment_id, options.status, now);
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: `services.appointment_${options.status}`,
    subjectType: 'appointment',
    subjectId: row.appointment_id,
  });
  return getAppointment(trx, { principal, appointmentId: row.appointment_id });
}

export async function getAppointment(
  db: Db,
  options: { principal: Principal; appointmentId: number },
): Promise<Appointment> {
  const { row } = await loadOwnAppointment(db, options.principal, options.appointmentId, false);
  return presentAppointment(row);
}

export async function findAppointments(
  db: Db,
  options: {
    principal: Principal;
    query: { status?: AppointmentStatus | undefined; limit: number; offset: number };
  },
): Promise<AppointmentPage> {
  const { rows, total } = await findAppointmentRows(db, options.principal, options.query);
  return { total, appointments: rows.map(presentAppointment) };
}

/** A site's day for its staff: the hours that apply, each slot and who booked it. */
export async function getSiteSchedule(
  db: Db,
  options: { principal: Principal; siteId: number; date: string; calendar: WorkingCalendar },
): Promise<SiteSchedule> {
  const { principal, date } = options;
  authorize(principal, servicesPermission('appointments.manage'), null);
  const site = await findSiteRow(db, principal.jurisdictionId, options.siteId);
  if (!site || !worksAt(principal, site)) throw notFound('Service site');
  const from = new Date(`${date}T00:00:00+08:00`);
  const to = new Date(from.getTime() + DAY_MS);
  const [slots, appointments] = await Promise.all([
    findSlotRows(db, principal.jurisdictionId, { siteId: site.id, from, to }),
    findSiteAppointmentRows(db, principal.jurisdictionId, site.id, from, to),
  ]);
  const { dayKind, periods } = checkOpening(site.opening, options.calendar, from, from);
  return {
    site: { id: site.id, name: site.name },
    date,
    dayKind,
    periods,
    slots: slots.map((slot) => ({
      ...presentSlot(slot),
      appointments: appointments
        .filter((a) => a.id === slot.id)
        .map((a) => ({
          id: a.appointment_id,
          status: a.status,
          resident: { id: a.resident_id, name: a.resident_name },
        })),
    })),
  };
}
