import { type Kysely, sql } from 'kysely';
import type { OpeningHours, OpeningPeriod } from '#contracts/services.ts';
import type { Database } from '../../../db/schema.ts';
import { jsonb } from '../../../platform/audit.ts';
import { CALENDAR_YEARS } from '../../../platform/working-calendar.data.ts';
import { createWorkingCalendar, shanghaiDateOf } from '../../../platform/working-calendar.ts';
import { periodsOn } from '../opening-hours.ts';
import type { Db } from '../services.table.ts';
import { chainOf } from '../services-scope.ts';
import { DEMO_ITEM_KINDS } from './catalogue.ts';
import { seedDemoStewards } from './seed-stewards.ts';

/**
 * The Longkou services demo (幸福365), deterministic: the catalogue (109 items in 12 kinds), a 党群服务
 * 中心 per community and 145 网格服务站 spread over the grids, opening hours with evenings, weekends
 * and holidays, a week of slots with bookings around `now` at a few sites, and a handful of
 * one-window requests in every state. Runs after the people demo (it books for its residents).
 */

export const DEMO_STATION_COUNT = 145;
const DAY_MS = 86_400_000;

const p = (start: string, end: string, extended = false): OpeningPeriod => ({ start, end, extended });
const OFFICE = [p('08:30', '12:00'), p('13:30', '17:30')];

/** Centres: office hours, 错峰延时 evenings on Tuesday and Thursday, Saturday mornings; every third also holiday evenings. */
export function centreHours(index: number): OpeningHours {
  const evening = p('17:30', '20:30', true);
  return {
    weekdays: {
      1: OFFICE,
      2: [...OFFICE, evening],
      3: OFFICE,
      4: [...OFFICE, evening],
      5: OFFICE,
      6: [p('09:00', '12:00', true)],
      7: index % 2 === 0 ? [p('14:00', '17:00', true)] : [],
    },
    holidays:
      index % 3 === 0 ? [p('09:00', '11:30', true), p('18:00', '21:00', true)] : [p('09:00', '11:30', true)],
  };
}

/** Stations: shorter days, a Wednesday evening, weekend mornings at every other one, closed on holidays. */
export function stationHours(index: number): OpeningHours {
  const day = [p('08:30', '11:30'), p('14:00', '17:30')];
  const weekend = index % 2 === 0 ? [p('09:00', '11:00', true)] : [];
  return {
    weekdays: {
      1: day,
      2: day,
      3: [...day, p('18:30', '20:30', true)],
      4: day,
      5: day,
      6: weekend,
      7: weekend,
    },
    holidays: [],
  };
}

export async function isServicesEmpty(db: Kysely<Database>, jurisdictionId: number): Promise<boolean> {
  const row = await db
    .selectFrom('service_site')
    .select('id')
    .where('jurisdiction_id', '=', jurisdictionId)
    .limit(1)
    .executeTakeFirst();
  return row === undefined;
}

export interface SeededServices {
  sites: number;
  items: number;
  slots: number;
  appointments: number;
  requests: number;
  /** Stewards' services done (善治红管家). */
  stewardServicesDone: number;
}

export async function seedDemoServices(
  database: Kysely<Database>,
  options: {
    jurisdictionId: number;
    now: Date;
    /** The demo resident login's own record: gets appointments and requests of its own. */
    ownResidentId?: number | null;
  },
): Promise<SeededServices> {
  return database.transaction().execute((trx) => seed(trx, options));
}

async function seed(
  db: Db,
  options: { jurisdictionId: number; now: Date; ownResidentId?: number | null },
): Promise<SeededServices> {
  const { jurisdictionId, now } = options;
  const calendar = createWorkingCalendar(CALENDAR_YEARS);
  const places = await db
    .selectFrom('territory_place')
    .select(['id', 'level', 'code', 'name', 'community_id', 'subdistrict_id'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('level', 'in', ['community', 'grid'])
    .where('valid_to', 'is', null)
    .orderBy('code')
    .execute();
  const communities = places.filter((place) => place.level === 'community');
  const grids = places.filter((place) => place.level === 'grid');
  const communityById = new Map(communities.map((c) => [c.id, c]));

  // ---- sites ------------------------------------------------------------------------------------
  const stationGrids = Array.from(
    { length: Math.min(DEMO_STATION_COUNT, grids.length) },
    (_, i) => grids[Math.floor((i * grids.length) / Math.min(DEMO_STATION_COUNT, grids.length))],
  ).filter((g) => g !== undefined);
  const siteValues = [
    ...communities.map((c, i) => ({
      jurisdiction_id: jurisdictionId,
      code: `ZX${c.code}`,
      kind: 'centre' as const,
      name: `${c.name}党群服务中心`,
      address: `${c.name}党群服务中心一楼便民服务大厅`,
      place_id: c.id,
      grid_id: null,
      community_id: c.id,
      subdistrict_id: c.subdistrict_id,
      opening: jsonb(centreHours(i)),
    })),
    ...stationGrids.map((g, i) => ({
      jurisdiction_id: jurisdictionId,
      code: `ZD${g.code}`,
      kind: 'station' as const,
      name: `${communityById.get(g.community_id ?? 0)?.name ?? ''}${g.name}服务站`,
      address: null,
      place_id: g.id,
      grid_id: g.id,
      community_id: g.community_id ?? 0,
      subdistrict_id: g.subdistrict_id,
      opening: jsonb(stationHours(i)),
    })),
  ];
  const sites = await db
    .insertInto('service_site')
    .values(siteValues)
    .returning(['id', 'kind', 'name', 'place_id', 'grid_id', 'community_id', 'subdistrict_id', 'opening'])
    .execute();
  const centres = sites.filter((s) => s.kind === 'centre');
  const stations = sites.filter((s) => s.kind === 'station');
  const lead = centres[0];
  if (!lead) return { sites: 0, items: 0, slots: 0, appointments: 0, requests: 0, stewardServicesDone: 0 };

  // ---- items ------------------------------------------------------------------------------------
  const departments = await db
    .selectFrom('department')
    .select(['id', 'code'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .execute();
  const departmentByCode = new Map(departments.map((d) => [d.code, d.id]));
  const items = await db
    .insertInto('service_item')
    .values(
      DEMO_ITEM_KINDS.flatMap((kind) =>
        kind.names.map((name, n) => {
          const handler = kind.handler;
          const department = 'department' in handler ? departmentByCode.get(handler.department) : undefined;
          // 'centre' items are handled by the centres in turn (a demo of routing between communities).
          const centre = 'centre' in handler ? (centres[n % centres.length] ?? lead) : lead;
          return {
            jurisdiction_id: jurisdictionId,
            code: `${kind.prefix}${String(n + 1).padStart(3, '0')}`,
            name,
            kind: kind.kind,
            description: null,
            materials: jsonb(kind.materials),
            offered_at:
              kind.kind === 'maker' || kind.kind === 'culture'
                ? ['centre' as const]
                : ['centre' as const, 'station' as const],
            handler_site_id: department === undefined ? centre.id : null,
            handler_department_id: department ?? null,
            promised_days: kind.promisedDays,
            bookable: kind.bookable,
          };
        }),
      ),
    )
    .returning([
      'id',
      'code',
      'name',
      'kind',
      'bookable',
      'offered_at',
      'handler_site_id',
      'handler_department_id',
      'promised_days',
      'materials',
    ])
    .execute();

  // ---- a week of slots and bookings around now, at the first centres and stations ----------------
  const bookingSites = [...centres.slice(0, 6), ...stations.slice(0, 4)];
  const bookable = (kind: 'centre' | 'station') =>
    items.filter((i) => i.bookable && i.offered_at.includes(kind));
  const today = shanghaiDateOf(now);
  const slotValues: {
    jurisdiction_id: number;
    site_id: number;
    item_id: number;
    starts_at: Date;
    ends_at: Date;
    capacity: number;
  }[] = [];
  for (const [s, site] of bookingSites.entries()) {
    const offered = bookable(site.kind);
    const chosen = [offered[s % offered.length], offered[(s * 7 + 3) % offered.length]].filter(
      (i) => i !== undefined,
    );
    for (let d = -3; d <= 3; d += 1) {
      const date = shanghaiDateOf(new Date(new Date(`${today}T12:00:00+08:00`).getTime() + d * DAY_MS));
      const periods = periodsOn(site.opening, calendar.describeDay(date));
      for (const period of periods) {
        const [sh, sm] = period.start.split(':').map(Number);
        const [eh, em] = period.end.split(':').map(Number);
        const endMin = (eh ?? 0) * 60 + (em ?? 0);
        for (let m = (sh ?? 0) * 60 + (sm ?? 0); m + 30 <= endMin; m += 60) {
          const startsAt = new Date(new Date(`${date}T00:00:00+08:00`).getTime() + m * 60_000);
          for (const item of chosen) {
            slotValues.push({
              jurisdiction_id: jurisdictionId,
              site_id: site.id,
              item_id: item.id,
              starts_at: startsAt,
              ends_at: new Date(startsAt.getTime() + 30 * 60_000),
              capacity: item.kind === 'maker' || item.kind === 'culture' ? 12 : 4,
            });
          }
        }
      }
    }
  }
  const slots =
    slotValues.length > 0
      ? await db
          .insertInto('appointment_slot')
          .values(slotValues)
          .returning(['id', 'starts_at', 'capacity'])
          .execute()
      : [];
  const residents = await db
    .selectFrom('resident')
    .select('id')
    .where('jurisdiction_id', '=', jurisdictionId)
    .orderBy('id')
    .limit(400)
    .execute();
  const residentIds = residents.map((r) => r.id);
  const own = options.ownResidentId ?? null;
  const appointmentValues: {
    jurisdiction_id: number;
    slot_id: number;
    resident_id: number;
    status: 'booked' | 'cancelled' | 'no_show' | 'attended';
    booked_by_account_id: null;
    booked_at: Date;
    updated_at: Date;
  }[] = [];
  const bookedBySlot = new Map<number, number>();
  let next = 0;
  for (const [k, slot] of slots.entries()) {
    if (residentIds.length === 0) break;
    const count = Math.min(slot.capacity, (k * 7) % 5);
    const past = slot.starts_at.getTime() < now.getTime();
    for (let b = 0; b < count; b += 1) {
      const residentId = residentIds[next % residentIds.length] as number;
      next += 1;
      const status = past
        ? (k + b) % 6 === 0
          ? 'no_show'
          : 'attended'
        : (k + b) % 9 === 0
          ? 'cancelled'
          : 'booked';
      appointmentValues.push({
        jurisdiction_id: jurisdictionId,
        slot_id: slot.id,
        resident_id: residentId,
        status,
        booked_by_account_id: null,
        booked_at: new Date(slot.starts_at.getTime() - 2 * DAY_MS),
        updated_at: new Date(slot.starts_at.getTime() - 2 * DAY_MS),
      });
      if (status !== 'cancelled') bookedBySlot.set(slot.id, (bookedBySlot.get(slot.id) ?? 0) + 1);
    }
  }
  // The resident login: one appointment tomorrow-ish (the first future slot with room) and one past.
  if (own !== null) {
    const future = slots.find(
      (s) => s.starts_at.getTime() > now.getTime() + DAY_MS / 2 && (bookedBySlot.get(s.id) ?? 0) < s.capacity,
    );
    const past = slots.find(
      (s) => s.starts_at.getTime() < now.getTime() - DAY_MS && (bookedBySlot.get(s.id) ?? 0) < s.capacity,
    );
    for (const [slot, status] of [
      [future, 'booked'],
      [past, 'attended'],
    ] as const) {
      if (!slot || appointmentValues.some((a) => a.slot_id === slot.id && a.resident_id === own)) continue;
      appointmentValues.push({
        jurisdiction_id: jurisdictionId,
        slot_id: slot.id,
        resident_id: own,
        status,
        booked_by_account_id: null,
        booked_at: new Date(now.getTime() - 3 * DAY_MS),
        updated_at: new Date(now.getTime() - 3 * DAY_MS),
      });
      bookedBySlot.set(slot.id, (bookedBySlot.get(slot.id) ?? 0) + 1);
    }
  }
  for (let i = 0; i < appointmentValues.length; i += 2000) {
    await db
      .insertInto('appointment')
      .values(appointmentValues.slice(i, i + 2000))
      .execute();
  }
  if (bookedBySlot.size > 0) {
    const pairs = [...bookedBySlot.entries()];
    await sql`update appointment_slot t set booked = v.booked
      from (select unnest(${sql.val(pairs.map(([id]) => id))}::bigint[]) as id,
                   unnest(${sql.val(pairs.map(([, n]) => n))}::int[]) as booked) v
      where t.jurisdiction_id = ${jurisdictionId} and t.id = v.id`.execute(db);
  }

  // ---- a handful of one-window requests in every state ----------------------------------------
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const states = [
    'routed',
    'routed',
    'accepted',
    'accepted',
    'done',
    'done',
    'rated',
    'rated',
    'rated',
  ] as const;
  const requestResidents = own !== null ? [own, ...residentIds.slice(0, 8)] : residentIds.slice(0, 9);
  let requests = 0;
  for (const [n, status] of states.entries()) {
    const residentId = requestResidents[n % Math.max(requestResidents.length, 1)];
    const item = items[(n * 13) % items.length];
    const intake = centres[(n * 5 + 1) % centres.length] ?? lead;
    if (residentId === undefined || !item) continue;
    const handlerSite = item.handler_site_id !== null ? siteById.get(item.handler_site_id) : undefined;
    const receivedAt = new Date(now.getTime() - (10 - n) * DAY_MS);
    const deadline = calendar.addWorkingDays(receivedAt, item.promised_days);
    const step = (hours: number) => new Date(receivedAt.getTime() + hours * 3_600_000);
    const reached = states.indexOf(status);
    const done = status === 'done' || status === 'rated';
    const { id } = await db
      .insertInto('service_request')
      .values({
        jurisdiction_id: jurisdictionId,
        item_id: item.id,
        resident_id: residentId,
        intake_site_id: intake.id,
        intake_chain: chainOf(intake),
        handler_site_id: item.handler_site_id,
        handler_department_id: item.handler_department_id,
        handler_chain: handlerSite ? chainOf(handlerSite) : [],
        status,
        materials: jsonb(item.materials.slice(0, n % 2 === 0 ? item.materials.length : 1)),
        note: null,
        result: done ? '已办结，材料已送达居民' : null,
        rating: status === 'rated' ? 5 - (n % 2) : null,
        rating_comment: status === 'rated' ? '办事快，态度好' : null,
        received_at: receivedAt,
        deadline: deadline.at,
        deadline_uncertain: deadline.uncertain,
        done_at: done ? step(30) : null,
        updated_at: done ? step(30) : receivedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const hand = { site_id: item.handler_site_id, department_id: item.handler_department_id };
    const events = [
      {
        type: 'received' as const,
        at: receivedAt,
        actor_name: '窗口工作人员',
        site_id: intake.id,
        department_id: null,
        note: null,
      },
      { type: 'routed' as const, at: receivedAt, actor_name: '窗口工作人员', ...hand, note: null },
      ...(reached >= 2
        ? [{ type: 'accepted' as const, at: step(2), actor_name: '承办人', ...hand, note: null }]
        : []),
      ...(done
        ? [{ type: 'done' as const, at: step(30), actor_name: '承办人', ...hand, note: '已办结' }]
        : []),
      ...(status === 'rated'
        ? [
            {
              type: 'rated' as const,
              at: step(40),
              actor_name: '居民',
              site_id: null,
              department_id: null,
              note: '办事快，态度好',
            },
          ]
        : []),
    ];
    await db
      .insertInto('service_request_event')
      .values(
        events.map((e) => ({
          jurisdiction_id: jurisdictionId,
          request_id: id,
          actor_account_id: null,
          ...e,
        })),
      )
      .execute();
    requests += 1;
  }
  return {
    sites: sites.length,
    items: items.length,
    slots: slots.length,
    appointments: appointmentValues.length,
    requests,
    stewardServicesDone: (await seedDemoStewards(db, options)).done,
  };
}
