import { z } from 'zod';
import { Role } from './access.ts';
import { casesLimits } from './limits.ts';
import { Crs, Id, PlaceRef } from './territory.ts';

/**
 * Cases (案件, issue 4): intake from every channel, the closed loop of moves, deadlines and lights.
 * The state machine itself lives on the server (`modules/cases/case.lifecycle.ts`); these schemas
 * are what crosses the wire, and a server test checks that the enums here match the machine's.
 */

export const CaseStatus = z.enum([
  'reported', // 上报
  'accepted', // 受理
  'rejected', // 不予受理
  'merged', // 合并
  'in_progress', // 网格处置中
  'escalated_community', // 上报社区
  'escalated_subdistrict', // 上报街道
  'dispatched', // 派遣至部门
  'acknowledged', // 部门已报到
  'reported_back', // 部门已反馈
  'resolved_by_grid', // 网格已处置
  'verified', // 已核查
  'rated', // 已评价
  'closed', // 结案
  'reopened', // 重新办理
]);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const CaseEventType = z.enum([
  'accept',
  'reject',
  'merge',
  'start_handling',
  'resolve',
  'escalate',
  'return_to_grid',
  'dispatch',
  'acknowledge',
  'report_back',
  'decline',
  'verify',
  'fail_verification',
  'rate',
  'close',
  'urge',
  'reassign',
  'recategorise',
  'relocate',
]);
export type CaseEventType = z.infer<typeof CaseEventType>;

export const CaseRating = z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']);
export type CaseRating = z.infer<typeof CaseRating>;

export const TrafficLight = z.enum(['green', 'yellow', 'red']);
export type TrafficLight = z.infer<typeof TrafficLight>;

/** How a report came in: derived from the reporter's role (the Open311 API will be `api`). */
export const ReportChannel = z.enum(['resident', 'rider', 'grid_worker', 'hotline', 'api']);
export type ReportChannel = z.infer<typeof ReportChannel>;

export const TimeUnit = z.enum(['urgent_hour', 'work_hour', 'work_day', 'natural_day']);
export type TimeUnit = z.infer<typeof TimeUnit>;

export const CaseStep = z.enum([
  'accept',
  'grid_handle',
  'community_response',
  'subdistrict_response',
  'acknowledge',
  'department_handle',
  'verify',
  'rate',
]);
export type CaseStep = z.infer<typeof CaseStep>;

const text = (max: number) => z.string().trim().min(1).max(max);
const Reason = text(casesLimits.maxReasonLength);
const Note = z.string().trim().max(casesLimits.maxNoteLength).optional();
/** Photo ids as returned by `POST /api/cases/photos`. */
export const PhotoId = z.string().regex(/^[a-z0-9]{26}$/, 'a photo id');
const PhotoIds = z.array(PhotoId).max(casesLimits.maxPhotos);
const EvidencePhotos = PhotoIds.min(1);
const DepartmentCode = z.string().trim().min(1).max(20);

export const CasePoint = z.object({
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
});
export type CasePoint = z.infer<typeof CasePoint>;

// ---- POST /api/cases (header Idempotency-Key) ----------------------------------------------
export const CaseReportRequest = z.strictObject({
  categoryCode: z.string().trim().min(1).max(20),
  description: text(casesLimits.maxDescriptionLength),
  point: CasePoint,
  /** The point's coordinate system: phone map SDKs in China give GCJ-02 (高德, 腾讯) or BD-09 (百度). */
  crs: Crs.default('wgs84'),
  address: z.string().trim().max(casesLimits.maxAddressLength).optional(),
  /** Hide the reporter from everyone handling the case; an anonymous report is not rated. */
  anonymous: z.boolean().default(false),
  photoIds: PhotoIds.default([]),
});
export type CaseReportRequest = z.infer<typeof CaseReportRequest>;

/** Other headers (cookie, CSRF token) pass through untouched. */
export const IdempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .trim()
    .min(8)
    .max(casesLimits.maxIdempotencyKeyLength)
    .regex(/^[\w.:-]+$/, 'letters, digits, . _ : -'),
});

// ---- POST /api/cases/:id/moves ---------------------------------------------------------------
/** `If-Match: "<version>"` (or W/"<version>", or a bare number) instead of `version` in the body. */
export const IfMatchHeaders = z.looseObject({ 'if-match': z.string().max(40).optional() });

/**
 * A move, as the client sends it. Department moves (acknowledge, report back, decline) carry no
 * department: the server takes the signed-in account's own.
 */
export const CaseEventRequest = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('accept') }),
  z.strictObject({ type: z.literal('reject'), reason: Reason }),
  z.strictObject({ type: z.literal('merge'), intoCaseId: z.number().int().positive(), reason: Reason }),
  z.strictObject({ type: z.literal('start_handling') }),
  z.strictObject({ type: z.literal('resolve'), photoIds: EvidencePhotos, note: Note }),
  z.strictObject({ type: z.literal('escalate'), reason: Reason }),
  z.strictObject({ type: z.literal('return_to_grid'), reason: Reason }),
  z.strictObject({
    type: z.literal('dispatch'),
    departments: z.array(DepartmentCode).min(1).max(10),
    note: Note,
  }),
  z.strictObject({ type: z.literal('acknowledge') }),
  z.strictObject({ type: z.literal('report_back'), photoIds: EvidencePhotos, note: Note }),
  z.strictObject({ type: z.literal('decline'), reason: Reason }),
  z.strictObject({ type: z.literal('verify'), photoIds: EvidencePhotos, note: Note }),
  z.strictObject({ type: z.literal('fail_verification'), photoIds: EvidencePhotos, reason: Reason }),
  z.strictObject({
    type: z.literal('rate'),
    rating: CaseRating,
    comment: z.string().trim().max(casesLimits.maxNoteLength).optional(),
  }),
  z.strictObject({ type: z.literal('close') }),
  z.strictObject({ type: z.literal('urge'), note: text(casesLimits.maxNoteLength) }),
  z.strictObject({
    type: z.literal('reassign'),
    target: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('grid'), gridId: z.number().int().positive() }),
      z.strictObject({ kind: z.literal('department'), from: DepartmentCode, to: DepartmentCode }),
    ]),
    reason: Reason,
  }),
  z.strictObject({
    type: z.literal('recategorise'),
    categoryCode: z.string().trim().min(1).max(20),
    reason: Reason,
  }),
  z.strictObject({
    type: z.literal('relocate'),
    point: CasePoint,
    crs: Crs.default('wgs84'),
    reason: Reason,
  }),
]);
export type CaseEventRequest = z.infer<typeof CaseEventRequest>;

export const CaseMoveRequest = z.strictObject({
  /** The version the client last saw (or send `If-Match: "<version>"`): a stale one answers 409. */
  version: z.number().int().positive().optional(),
  event: CaseEventRequest,
});
export type CaseMoveRequest = z.infer<typeof CaseMoveRequest>;

// ---- responses --------------------------------------------------------------------------------
export const CaseCategoryBrief = z.object({
  code: z.string(),
  name: z.string(),
  majorName: z.string(),
  urgent: z.boolean(),
});

/** A running clock (时限) of the case, with its light at the time of reading. */
export const CaseClock = z.object({
  step: CaseStep,
  /** The department the clock runs for (acknowledge, department_handle), or null. */
  department: z.string().nullable(),
  startedAt: z.string(),
  deadline: z.string(),
  unit: TimeUnit,
  light: TrafficLight,
  /** The deadline rests on a year without holiday data: load that year's calendar. */
  uncertain: z.boolean(),
  missingYears: z.array(z.number().int()),
});
export type CaseClock = z.infer<typeof CaseClock>;

export const CaseReporter = z.object({
  channel: ReportChannel,
  anonymous: z.boolean(),
  /** The reporter's name; null when anonymous or when the viewer may not see it (department staff). */
  name: z.string().nullable(),
  /** The viewer reported the case. */
  isViewer: z.boolean(),
});

export const CaseDepartmentTask = z.object({
  code: z.string(),
  name: z.string(),
  status: z.enum(['dispatched', 'acknowledged', 'reported_back', 'declined', 'replaced']),
  dispatchedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  reportedBackAt: z.string().nullable(),
  /** The task belongs to the current dispatch (false: an earlier round, declined or replaced). */
  current: z.boolean(),
});

export const CaseTimelineEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  /** `report` for the intake, else the move. */
  event: z.union([CaseEventType, z.literal('report')]),
  /** The actor's name; null when hidden from the viewer (an anonymous or masked reporter) or for `system`. */
  actor: z.string().nullable(),
  role: z.union([Role, z.literal('system')]),
  department: z.string().nullable(),
  from: CaseStatus.nullable(),
  to: CaseStatus,
  note: z.string().nullable(),
  photoIds: z.array(z.string()),
});
export type CaseTimelineEntry = z.infer<typeof CaseTimelineEntry>;

export const CaseSummary = z.object({
  id: z.number().int(),
  trackingCode: z.string(),
  category: CaseCategoryBrief,
  description: z.string(),
  status: CaseStatus,
  statusLabel: z.string(),
  grid: PlaceRef,
  community: PlaceRef,
  reportedAt: z.string(),
  /** The running clock due first, or null for a case at rest (closed, waiting for nobody). */
  clock: CaseClock.nullable(),
  version: z.number().int(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseDetail = CaseSummary.extend({
  point: CasePoint,
  address: z.string().nullable(),
  unit: PlaceRef,
  subdistrict: PlaceRef,
  reporter: CaseReporter,
  rating: CaseRating.nullable(),
  reopenCount: z.number().int(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  clocks: z.array(CaseClock),
  departments: z.array(CaseDepartmentTask),
  photoIds: z.array(z.string()),
  timeline: z.array(CaseTimelineEntry),
  /** The moves the viewer may make now (for buttons). */
  allowedEvents: z.array(CaseEventType),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

/** What a reporter gets back: the case and its public tracking code. */
export const CaseReportResult = CaseDetail;

// ---- GET /api/cases ------------------------------------------------------------------------------
export const CaseListQuery = z.object({
  status: z
    .string()
    .transform((value) => value.split(',').map((s) => s.trim()))
    .pipe(z.array(CaseStatus).min(1))
    .optional(),
  /** Only open cases (not rejected, merged or closed). */
  open: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  categoryCode: z.string().trim().max(20).optional(),
  light: TrafficLight.optional(),
  /** Reported at or after / before. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Cases in this place (unit, grid, community or subdistrict). */
  placeId: Id.optional(),
  /** Only the cases the viewer reported (我的上报). */
  mine: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  /** `due`: the running deadline first (queues); `newest`: the latest report first. */
  sort: z.enum(['due', 'newest']).default('due'),
  limit: z.coerce.number().int().min(1).max(casesLimits.maxPageSize).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const CasePage = z.object({ total: z.number().int(), cases: z.array(CaseSummary) });
export type CasePage = z.infer<typeof CasePage>;

// ---- GET /api/cases/map --------------------------------------------------------------------------
export const CaseMapQuery = z.object({
  light: TrafficLight.optional(),
  /** A subcategory (小类) or a whole class (大类). */
  categoryCode: z.string().trim().max(20).optional(),
  /** Cases in this place (unit, grid, community or subdistrict). */
  placeId: Id.optional(),
});
export type CaseMapQuery = z.infer<typeof CaseMapQuery>;

/**
 * One open case on the map, compact for thousands of points: `[id, lng, lat, light, categoryCode,
 * status]` (WGS-84; light null when no clock runs). The light is the list's: the running step's.
 */
export const CaseMapPoint = z.tuple([
  z.number().int(),
  z.number(),
  z.number(),
  TrafficLight.nullable(),
  z.string(),
  CaseStatus,
]);
export type CaseMapPoint = z.infer<typeof CaseMapPoint>;

export const CaseMapResponse = z.object({
  /** Open cases in scope matching the category and place (not the light), by light. */
  counts: z.object({
    red: z.number().int(),
    yellow: z.number().int(),
    green: z.number().int(),
    none: z.number().int(),
  }),
  /** The points matching every filter, the most urgent first, at most `maxMapPoints`. */
  points: z.array(CaseMapPoint),
  /** More cases matched than `points` holds. */
  truncated: z.boolean(),
});
export type CaseMapResponse = z.infer<typeof CaseMapResponse>;

// ---- POST /api/cases/photos ----------------------------------------------------------------------
export const CasePhoto = z.object({
  id: z.string(),
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  bytes: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  sha256: z.string(),
});
export type CasePhoto = z.infer<typeof CasePhoto>;
