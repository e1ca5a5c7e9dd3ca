import { z } from 'zod';
import { Id } from './territory.ts';

/**
 * Stewards' help (善治红管家) and their listening visits (网格访听12条), and the in-app appointment
 * reminders of the day before (随时约). Times are ISO instants.
 */

export const stewardsLimits = { description: 500, result: 1000, note: 500 } as const;

/**
 * The six basic services (六项基础服务). The issue names buying goods, errands and paperwork on a
 * resident's behalf and neighbourhood watch; the other two (care visits, mediation) are this
 * project's reading.
 */
export const StewardServiceKind = z.enum(['purchase', 'errand', 'paperwork', 'watch', 'care', 'mediation']);
export type StewardServiceKind = z.infer<typeof StewardServiceKind>;

export const StewardRequestStatus = z.enum(['open', 'taken', 'done', 'confirmed', 'cancelled']);
export type StewardRequestStatus = z.infer<typeof StewardRequestStatus>;

export const StewardRequestCreate = z.object({
  kind: StewardServiceKind,
  description: z.string().trim().min(1).max(stewardsLimits.description),
  /** A worker asking on a resident's behalf names the resident; a resident asks for themselves. */
  residentId: Id.optional(),
});
export type StewardRequestCreate = z.infer<typeof StewardRequestCreate>;

export const StewardRequestComplete = z.object({
  result: z.string().trim().min(1).max(stewardsLimits.result),
});

export const StewardRequest = z.object({
  id: Id,
  kind: StewardServiceKind,
  status: StewardRequestStatus,
  description: z.string(),
  resident: z.object({ id: Id, name: z.string() }),
  buildingId: Id,
  gridId: Id.nullable(),
  routedTo: z.enum(['building', 'grid']),
  steward: z.object({ id: Id, name: z.string() }).nullable(),
  result: z.string().nullable(),
  askedAt: z.iso.datetime(),
  takenAt: z.iso.datetime().nullable(),
  doneAt: z.iso.datetime().nullable(),
  confirmedAt: z.iso.datetime().nullable(),
});
export type StewardRequest = z.infer<typeof StewardRequest>;

export const StewardRequestQuery = z.object({
  status: StewardRequestStatus.optional(),
  /** Stewards: only those they took. */
  mine: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const StewardRequestPage = z.object({ total: z.number().int(), requests: z.array(StewardRequest) });
export type StewardRequestPage = z.infer<typeof StewardRequestPage>;

/** Services done (done or confirmed) and open, per steward and per grid, in the viewer's scope. */
export const StewardStats = z.object({
  done: z.number().int(),
  open: z.number().int(),
  byGrid: z.array(
    z.object({ gridId: Id.nullable(), gridName: z.string(), done: z.number().int(), open: z.number().int() }),
  ),
  bySteward: z.array(z.object({ stewardId: Id, name: z.string(), done: z.number().int() })),
});
export type StewardStats = z.infer<typeof StewardStats>;

/**
 * 网格访听12条: the twelve listening duties of a steward's household visit. No published source lists
 * Longkou's twelve; these are this project's reading of the usual grid-visit duties.
 */
export const LISTENING_DUTIES = [
  'family_changes', // 家庭成员及变动
  'housing_safety', // 房屋安全
  'gas_power_safety', // 用电用气安全
  'elderly_health', // 老人及病残者身体状况
  'hardship', // 困难群众生活
  'neighbour_disputes', // 邻里矛盾
  'environment', // 环境卫生
  'property_service', // 物业服务意见
  'policy_awareness', // 政策知晓
  'security_risks', // 治安隐患
  'wishes', // 诉求与建议
  'volunteering', // 志愿服务意愿
] as const;
export const ListeningDuty = z.enum(LISTENING_DUTIES);
export type ListeningDuty = z.infer<typeof ListeningDuty>;

export const ChecklistEntry = z.object({
  duty: ListeningDuty,
  done: z.boolean(),
  note: z.string().trim().max(stewardsLimits.note).optional(),
});
export type ChecklistEntry = z.infer<typeof ChecklistEntry>;

export const StewardVisitCreate = z.object({
  doorNumber: z.string().trim().min(1).max(32),
  /** All twelve duties, each once. */
  checklist: z
    .array(ChecklistEntry)
    .length(LISTENING_DUTIES.length)
    .refine((entries) => new Set(entries.map((e) => e.duty)).size === LISTENING_DUTIES.length, {
      message: 'each of the twelve duties once',
    }),
  note: z.string().trim().max(stewardsLimits.note).optional(),
});
export type StewardVisitCreate = z.infer<typeof StewardVisitCreate>;

export const StewardVisit = z.object({
  id: Id,
  steward: z.object({ id: Id, name: z.string() }),
  buildingId: Id,
  doorNumber: z.string(),
  checklist: z.array(ChecklistEntry),
  note: z.string().nullable(),
  visitedAt: z.iso.datetime(),
});
export type StewardVisit = z.infer<typeof StewardVisit>;
export const StewardVisitPage = z.object({ total: z.number().int(), visits: z.array(StewardVisit) });
export type StewardVisitPage = z.infer<typeof StewardVisitPage>;

/** An in-app reminder of tomorrow's appointment. */
export const AppointmentReminder = z.object({
  id: Id,
  appointmentId: Id,
  message: z.string(),
  startsAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type AppointmentReminder = z.infer<typeof AppointmentReminder>;
export const AppointmentReminderList = z.object({ reminders: z.array(AppointmentReminder) });
export type AppointmentReminderList = z.infer<typeof AppointmentReminderList>;
