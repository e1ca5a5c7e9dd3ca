import type {
  Appointment,
  Handler,
  ServiceItem,
  ServiceRequest,
  ServiceRequestEvent,
  ServiceSite,
  Slot,
} from '#contracts/services.ts';
import type { ItemRow, SiteRow } from './catalogue.repository.ts';
import { opensOnHolidays, opensOnWeekends } from './opening-hours.ts';

/** Rows → API types: the only way services data leaves the server. Residents appear by name only. */

export function presentSite(row: SiteRow): ServiceSite {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    name: row.name,
    address: row.address,
    placeId: row.place_id,
    communityId: row.community_id,
    opening: row.opening,
    opensOnWeekends: opensOnWeekends(row.opening),
    opensOnHolidays: opensOnHolidays(row.opening),
  };
}

export function presentHandler(row: {
  handler_site_id: number | null;
  handler_site_name: string | null;
  handler_department_id: number | null;
  handler_department_name: string | null;
}): Handler {
  return row.handler_site_id !== null
    ? { kind: 'site', id: row.handler_site_id, name: row.handler_site_name ?? '' }
    : { kind: 'department', id: row.handler_department_id ?? 0, name: row.handler_department_name ?? '' };
}

export function presentItem(row: NonNullable<ItemRow>): ServiceItem {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    description: row.description,
    materials: row.materials,
    offeredAt: row.offered_at,
    handler: presentHandler(row),
    promisedDays: row.promised_days,
    bookable: row.bookable,
  };
}

export interface RequestRow {
  id: number;
  status: ServiceRequest['status'];
  item_id: number;
  item_code: string;
  item_name: string;
  item_materials: string[];
  resident_id: number;
  resident_name: string;
  intake_site_id: number;
  intake_site_name: string;
  handler_site_id: number | null;
  handler_site_name: string | null;
  handler_department_id: number | null;
  handler_department_name: string | null;
  materials: string[];
  note: string | null;
  result: string | null;
  rating: number | null;
  rating_comment: string | null;
  received_at: Date;
  deadline: Date;
  deadline_uncertain: boolean;
  done_at: Date | null;
}

export interface RequestEventRow {
  type: ServiceRequestEvent['type'];
  at: Date;
  actor_name: string | null;
  site_id: number | null;
  site_name: string | null;
  department_id: number | null;
  department_name: string | null;
  note: string | null;
}

export function presentRequestSummary(row: RequestRow, now: Date): Omit<ServiceRequest, 'timeline'> {
  const received = new Set(row.materials);
  return {
    id: row.id,
    status: row.status,
    item: { id: row.item_id, code: row.item_code, name: row.item_name },
    resident: { id: row.resident_id, name: row.resident_name },
    intakeSite: { id: row.intake_site_id, name: row.intake_site_name },
    handler: presentHandler(row),
    materialsRequired: row.item_materials,
    materialsReceived: row.materials,
    materialsMissing: row.item_materials.filter((m) => !received.has(m)),
    note: row.note,
    result: row.result,
    rating: row.rating,
    ratingComment: row.rating_comment,
    receivedAt: row.received_at.toISOString(),
    deadline: row.deadline.toISOString(),
    deadlineUncertain: row.deadline_uncertain,
    doneAt: row.done_at?.toISOString() ?? null,
    overdue: (row.done_at ?? now).getTime() > row.deadline.getTime(),
  };
}

export function presentRequest(row: RequestRow, events: RequestEventRow[], now: Date): ServiceRequest {
  return {
    ...presentRequestSummary(row, now),
    timeline: events.map((e) => ({
      type: e.type,
      at: e.at.toISOString(),
      actorName: e.actor_name,
      site: e.site_id !== null ? { id: e.site_id, name: e.site_name ?? '' } : null,
      department: e.department_id !== null ? { id: e.department_id, name: e.department_name ?? '' } : null,
      note: e.note,
    })),
  };
}

export interface SlotRow {
  id: number;
  site_id: number;
  item_id: number;
  item_name: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  booked: number;
}

export function presentSlot(row: SlotRow): Slot {
  return {
    id: row.id,
    siteId: row.site_id,
    item: { id: row.item_id, name: row.item_name },
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    capacity: row.capacity,
    booked: row.booked,
    free: row.capacity - row.booked,
  };
}

export interface AppointmentRow extends SlotRow {
  appointment_id: number;
  status: Appointment['status'];
  site_name: string;
  resident_id: number;
  resident_name: string;
  resident_account_id: number | null;
  booked_by_account_id: number | null;
  booked_at: Date;
}

export function presentAppointment(row: AppointmentRow): Appointment {
  return {
    id: row.appointment_id,
    status: row.status,
    slot: presentSlot(row),
    site: { id: row.site_id, name: row.site_name },
    resident: { id: row.resident_id, name: row.resident_name },
    bookedAt: row.booked_at.toISOString(),
    bookedOnBehalf: row.booked_by_account_id !== null && row.booked_by_account_id !== row.resident_account_id,
  };
}
