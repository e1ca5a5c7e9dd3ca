import { z } from 'zod';
import { Id } from './territory.ts';

/**
 * Services for residents (幸福365): the catalogue of service items, the centres and stations that
 * offer them with their opening hours (错峰延时, 精治不打烊), one-window requests (一窗受理、全科服务)
 * and appointments on slots (随时约). Times are ISO instants; opening hours are Shanghai local time.
 */

export const servicesLimits = {
  materials: 30,
  materialLength: 100,
  note: 500,
  result: 1000,
  ratingComment: 500,
  periodsPerDay: 6,
  slotsPerPublish: 48,
  slotMinutes: { min: 5, max: 480 },
  slotCapacity: { min: 1, max: 1000 },
} as const;

/** Kinds of service item (about ten, as in the demo catalogue). */
export const ServiceKind = z.enum([
  'certificate', // 证明开具
  'elderly_care', // 养老服务
  'social_assistance', // 社会救助
  'disability', // 残疾人服务
  'employment', // 就业创业
  'health', // 卫生健康
  'family', // 婚育家庭
  'housing', // 住房物业
  'veterans', // 退役军人
  'party_mass', // 党群服务
  'maker', // 创客工坊
  'culture', // 文体活动
]);
export type ServiceKind = z.infer<typeof ServiceKind>;

export const SiteKind = z.enum([
  'centre', // 党群服务中心 (community)
  'station', // 网格服务站 (grid)
]);
export type SiteKind = z.infer<typeof SiteKind>;

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');

/** One opening period of a day, local time; `extended` marks off-peak / extended hours (错峰延时). */
export const OpeningPeriod = z
  .object({ start: Clock, end: Clock, extended: z.boolean().default(false) })
  .refine((p) => p.start < p.end, { message: 'a period ends after it starts' });
export type OpeningPeriod = z.infer<typeof OpeningPeriod>;

const Periods = z.array(OpeningPeriod).max(servicesLimits.periodsPerDay);

/**
 * A site's hours: per weekday (1 = Monday … 7 = Sunday), and on statutory holidays (法定节假日).
 * An empty list is closed. A make-up working day (调休上班) keeps the hours of Monday.
 */
export const OpeningHours = z.object({
  weekdays: z.object({
    1: Periods,
    2: Periods,
    3: Periods,
    4: Periods,
    5: Periods,
    6: Periods,
    7: Periods,
  }),
  holidays: Periods,
});
export type OpeningHours = z.infer<typeof OpeningHours>;

export const ServiceSite = z.object({
  id: z.number().int(),
  code: z.string(),
  kind: SiteKind,
  name: z.string(),
  address: z.string().nullable(),
  placeId: z.number().int(),
  communityId: z.number().int(),
  opening: OpeningHours,
  opensOnWeekends: z.boolean(),
  opensOnHolidays: z.boolean(),
});
export type ServiceSite = z.infer<typeof ServiceSite>;

export const ServiceSiteQuery = z.object({
  kind: SiteKind.optional(),
  /** A community or grid: the sites at it or below it. */
  placeId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const ServiceSitePage = z.object({ total: z.number().int(), sites: z.array(ServiceSite) });
export type ServiceSitePage = z.infer<typeof ServiceSitePage>;

export const Handler = z.object({
  kind: z.enum(['site', 'department']),
  id: z.number().int(),
  name: z.string(),
});
export type Handler = z.infer<typeof Handler>;

export const ServiceItem = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: ServiceKind,
  description: z.string().nullable(),
  materials: z.array(z.string()),
  offeredAt: z.array(SiteKind),
  handler: Handler,
  promisedDays: z.number().int(),
  bookable: z.boolean(),
});
export type ServiceItem = z.infer<typeof ServiceItem>;

export const ServiceItemQuery = z.object({
  kind: ServiceKind.optional(),
  q: z.string().trim().min(1).max(50).optional(),
  bookable: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const ServiceItemPage = z.object({ total: z.number().int(), items: z.array(ServiceItem) });
export type ServiceItemPage = z.infer<typeof ServiceItemPage>;

// ---- one-window requests ------------------------------------------------------------------------

export const ServiceRequestStatus = z.enum([
  'routed', // 已受理并转办
  'accepted', // 承办方已接收
  'done', // 已办结
  'rated', // 已评价
]);
export type ServiceRequestStatus = z.infer<typeof ServiceRequestStatus>;

export const ServiceRequestEventType = z.enum(['received', 'routed', 'accepted', 'done', 'rated']);
export type ServiceRequestEventType = z.infer<typeof ServiceRequestEventType>;

const Material = z.string().trim().min(1).max(servicesLimits.materialLength);

export const ServiceRequestCreate = z.object({
  itemId: Id,
  residentId: Id,
  /** The site (window) where it is taken. */
  siteId: Id,
  materials: z.array(Material).max(servicesLimits.materials).default([]),
  note: z.string().trim().max(servicesLimits.note).optional(),
});
export type ServiceRequestCreate = z.infer<typeof ServiceRequestCreate>;

export const ServiceRequestComplete = z.object({
  result: z.string().trim().min(1).max(servicesLimits.result),
});
export const ServiceRequestNote = z.object({ note: z.string().trim().max(servicesLimits.note).optional() });
export const ServiceRequestRate = z.object({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(servicesLimits.ratingComment).optional(),
});

export const ServiceRequestEvent = z.object({
  type: ServiceRequestEventType,
  at: z.string(),
  actorName: z.string().nullable(),
  /** The hand: the site or department that did it. */
  site: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  department: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  note: z.string().nullable(),
});
export type ServiceRequestEvent = z.infer<typeof ServiceRequestEvent>;

export const ServiceRequest = z.object({
  id: z.number().int(),
  status: ServiceRequestStatus,
  item: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
  resident: z.object({ id: z.number().int(), name: z.string() }),
  intakeSite: z.object({ id: z.number().int(), name: z.string() }),
  handler: Handler,
  materialsRequired: z.array(z.string()),
  materialsReceived: z.array(z.string()),
  /** Required materials not received. */
  materialsMissing: z.array(z.string()),
  note: z.string().nullable(),
  result: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  receivedAt: z.string(),
  deadline: z.string(),
  deadlineUncertain: z.boolean(),
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
  timeline: z.array(ServiceRequestEvent),
});
export type ServiceRequest = z.infer<typeof ServiceRequest>;

export const ServiceRequestQuery = z.object({
  status: ServiceRequestStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const ServiceRequestPage = z.object({
  total: z.number().int(),
  requests: z.array(ServiceRequest.omit({ timeline: true })),
});
export type ServiceRequestPage = z.infer<typeof ServiceRequestPage>;

// ---- appointments -------------------------------------------------------------------------------

export const SlotPublish = z.object({
  itemId: Id,
  /** The first slot's start. */
  startsAt: z.iso.datetime({ offset: true }),
  minutes: z.number().int().min(servicesLimits.slotMinutes.min).max(servicesLimits.slotMinutes.max),
  capacity: z.number().int().min(servicesLimits.slotCapacity.min).max(servicesLimits.slotCapacity.max),
  /** Consecutive slots of `minutes` each. */
  count: z.number().int().min(1).max(servicesLimits.slotsPerPublish).default(1),
});
export type SlotPublish = z.infer<typeof SlotPublish>;

export const Slot = z.object({
  id: z.number().int(),
  siteId: z.number().int(),
  item: z.object({ id: z.number().int(), name: z.string() }),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int(),
  booked: z.number().int(),
  free: z.number().int(),
});
export type Slot = z.infer<typeof Slot>;

export const SlotQuery = z.object({
  siteId: Id,
  itemId: Id.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export const SlotList = z.object({ slots: z.array(Slot) });

export const AppointmentStatus = z.enum(['booked', 'cancelled', 'no_show', 'attended']);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

export const AppointmentCreate = z.object({
  slotId: Id,
  /** For a worker booking on a resident's behalf; a resident books for their own record. */
  residentId: Id.optional(),
});
export type AppointmentCreate = z.infer<typeof AppointmentCreate>;
export const AppointmentMove = z.object({ slotId: Id });

export const Appointment = z.object({
  id: z.number().int(),
  status: AppointmentStatus,
  slot: Slot,
  site: z.object({ id: z.number().int(), name: z.string() }),
  resident: z.object({ id: z.number().int(), name: z.string() }),
  bookedAt: z.string(),
  bookedOnBehalf: z.boolean(),
});
export type Appointment = z.infer<typeof Appointment>;

export const AppointmentQuery = z.object({
  status: AppointmentStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const AppointmentPage = z.object({ total: z.number().int(), appointments: z.array(Appointment) });
export type AppointmentPage = z.infer<typeof AppointmentPage>;

export const ScheduleQuery = z.object({ date: z.iso.date() });
export const SiteSchedule = z.object({
  site: z.object({ id: z.number().int(), name: z.string() }),
  date: z.string(),
  /** What the day is (workday, weekend, holiday, make-up workday) and the hours that apply. */
  dayKind: z.string(),
  periods: z.array(OpeningPeriod),
  slots: z.array(
    Slot.extend({
      appointments: z.array(
        z.object({
          id: z.number().int(),
          status: AppointmentStatus,
          resident: z.object({ id: z.number().int(), name: z.string() }),
        }),
      ),
    }),
  ),
});
export type SiteSchedule = z.infer<typeof SiteSchedule>;
