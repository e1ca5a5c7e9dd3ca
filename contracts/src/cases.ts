import { z } from 'zod';
import { Role } from './access.ts';
import { casesLimits, categoryLimits } from './limits.ts';
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
  /**
   * The 12345 work order the case was imported from (工单号 and when the hotline took it), null for
   * other channels. (Optional only so that answers stored before it existed still replay.)
   */
  hotlineOrder: z.object({ orderNumber: z.string(), receivedAt: z.string() }).nullable().optional(),
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

// ---- GET /api/cases/possible-duplicates ------------------------------------------------------------
/**
 * Open cases of a category near a point, reported within the last `windowDays` days (7) and inside
 * the category's duplicate radius: offered on intake so that a reporter can say "me too" instead of
 * reporting the same problem again.
 */
export const PossibleDuplicatesQuery = z.object({
  categoryCode: z.string().trim().min(1).max(20),
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  /** The point's coordinate system (as on intake). */
  crs: Crs.default('wgs84'),
  /** Leave this case out (staff looking for the case to merge it into). */
  excludeCaseId: Id.optional(),
});
export type PossibleDuplicatesQuery = z.infer<typeof PossibleDuplicatesQuery>;

/** A possible duplicate, without any personal data: no reporter, no photos, the description shortened. */
export const PossibleDuplicate = z.object({
  id: z.number().int(),
  trackingCode: z.string(),
  category: CaseCategoryBrief,
  status: CaseStatus,
  statusLabel: z.string(),
  /** From the given point, in metres. */
  distanceM: z.number().int(),
  reportedAt: z.string(),
  /** The first characters of the description. */
  description: z.string(),
  /** Accounts that said "me too" (or whose report was merged into it), besides the reporter. */
  followers: z.number().int(),
});
export type PossibleDuplicate = z.infer<typeof PossibleDuplicate>;

export const PossibleDuplicates = z.object({
  radiusM: z.number().int(),
  windowDays: z.number().int(),
  /** Nearest first, at most ten. */
  cases: z.array(PossibleDuplicate),
});
export type PossibleDuplicates = z.infer<typeof PossibleDuplicates>;

// ---- POST /api/cases/:id/follow ----------------------------------------------------------------------
/** "Me too" (我也遇到): where the caller is, so that only a case near them (as offered) can be followed. */
export const CaseFollowRequest = z.strictObject({
  point: CasePoint,
  crs: Crs.default('wgs84'),
});
export type CaseFollowRequest = z.infer<typeof CaseFollowRequest>;

export const CaseFollowResult = z.object({
  caseId: z.number().int(),
  trackingCode: z.string(),
  status: CaseStatus,
  statusLabel: z.string(),
  /** Since when the caller follows it (for its reporter: since reporting it). */
  since: z.string(),
  /** False when the caller already followed it (or reported it): following is idempotent. */
  created: z.boolean(),
});
export type CaseFollowResult = z.infer<typeof CaseFollowResult>;
// ---- the category catalogue (案件分类 and 权责清单) -----------------------------------------------
export const CategoryKind = z.enum(['component', 'event', 'grid_work']);
export type CategoryKind = z.infer<typeof CategoryKind>;

/** One step's limit: hours (whole minutes) for hour units, whole days for day units. */
export const StepLimit = z.strictObject({
  amount: z.number().positive().max(categoryLimits.maxLimitAmount),
  unit: TimeUnit,
});
export type StepLimit = z.infer<typeof StepLimit>;

export const StepLimits = z.strictObject({
  accept: StepLimit,
  grid_handle: StepLimit,
  community_response: StepLimit,
  subdistrict_response: StepLimit,
  acknowledge: StepLimit,
  department_handle: StepLimit,
  verify: StepLimit,
  rate: StepLimit,
});
export type StepLimits = z.infer<typeof StepLimits>;

export const CaseCategory = z.object({
  code: z.string(),
  name: z.string(),
  majorCode: z.string(),
  majorName: z.string(),
  kind: CategoryKind,
  /** Who answers the case when it is escalated; `name` null when the department is not in the jurisdiction. */
  department: z.object({ code: z.string(), name: z.string().nullable() }),
  /** Urgent categories run on natural hours (紧急工作时). */
  urgent: z.boolean(),
  limits: StepLimits,
  duplicateRadiusM: z.number().int(),
  /** Inactive: kept for the cases filed under it, not offered for new reports. */
  active: z.boolean(),
  /** Cases filed under it (administrators only; null for others). */
  caseCount: z.number().int().nullable(),
});
export type CaseCategory = z.infer<typeof CaseCategory>;

export const CaseCategoryCatalogue = z.object({
  categories: z.array(CaseCategory),
  /** The jurisdiction's departments a category can name. */
  departments: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type CaseCategoryCatalogue = z.infer<typeof CaseCategoryCatalogue>;

const CategoryCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Z]{2,20}$/, 'digits and capital letters, 2–20');
const CategoryName = z.string().trim().min(1).max(categoryLimits.maxNameLength);
const DuplicateRadius = z.number().int().min(1).max(categoryLimits.maxDuplicateRadiusM);

export const CategoryCodeParams = z.object({ code: CategoryCode });

// ---- POST /api/cases/categories ---------------------------------------------------------------------
/**
 * A new subcategory (小类) under an existing class (大类), or under a new class when `majorName` and
 * `kind` are given. The code extends the class code.
 */
export const CaseCategoryCreate = z.strictObject({
  code: CategoryCode,
  name: CategoryName,
  majorCode: CategoryCode,
  /** Only for a new class. */
  majorName: CategoryName.optional(),
  kind: CategoryKind.optional(),
  departmentCode: DepartmentCode,
  urgent: z.boolean(),
  limits: StepLimits,
  duplicateRadiusM: DuplicateRadius,
});
export type CaseCategoryCreate = z.infer<typeof CaseCategoryCreate>;

// ---- PATCH /api/cases/categories/:code -----------------------------------------------------------------
/** What changes; limits per step may be given one by one. New limits time the clocks started after the change. */
export const CaseCategoryPatch = z
  .strictObject({
    name: CategoryName.optional(),
    departmentCode: DepartmentCode.optional(),
    urgent: z.boolean().optional(),
    limits: StepLimits.partial().optional(),
    duplicateRadiusM: DuplicateRadius.optional(),
    active: z.boolean().optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), 'nothing to change');
export type CaseCategoryPatch = z.infer<typeof CaseCategoryPatch>;

// ---- public tracking (查询进度) and the public map -------------------------------------------------------
/** Statuses as the public sees them; rejected and merged cases are not public. */
export const PublicStatusGroup = z.enum(['reported', 'handling', 'resolved', 'closed']);
export type PublicStatusGroup = z.infer<typeof PublicStatusGroup>;

export const TrackingCodeParams = z.object({ trackingCode: z.string().max(40) });

/** One step of a case as the public sees it: no names, no notes, no photos; the actor's role only. */
export const PublicTimelineEntry = z.object({
  at: z.string(),
  event: z.union([CaseEventType, z.literal('report')]),
  eventLabel: z.string(),
  from: CaseStatus.nullable(),
  fromLabel: z.string().nullable(),
  to: CaseStatus,
  toLabel: z.string(),
  /** e.g. 网格员, 社区, 职能部门, 上报人, 系统. */
  actor: z.string(),
});
export type PublicTimelineEntry = z.infer<typeof PublicTimelineEntry>;

export const PublicCaseTracking = z.object({
  trackingCode: z.string(),
  status: CaseStatus,
  statusLabel: z.string(),
  statusGroup: PublicStatusGroup.nullable(),
  category: z.object({ name: z.string(), majorName: z.string() }),
  grid: z.object({ name: z.string() }),
  community: z.object({ name: z.string() }),
  reportedAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  timeline: z.array(PublicTimelineEntry),
});
export type PublicCaseTracking = z.infer<typeof PublicCaseTracking>;

export const PublicMapQuery = z.object({
  /** Reported at or after / before (default: the last 365 days). */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** The jurisdiction's division code (default: the first one served). */
  jurisdiction: z
    .string()
    .regex(/^\d{6,12}$/)
    .optional(),
});
export type PublicMapQuery = z.infer<typeof PublicMapQuery>;

export const PublicStatusCounts = z.object({
  open: z.number().int(),
  reported: z.number().int(),
  handling: z.number().int(),
  resolved: z.number().int(),
  closed: z.number().int(),
});
export type PublicStatusCounts = z.infer<typeof PublicStatusCounts>;

/** Counts per grid, placed at the grid's centroid: never a case's own point. */
export const PublicCaseMap = z.object({
  from: z.string(),
  to: z.string(),
  totals: PublicStatusCounts,
  grids: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      communityName: z.string(),
      centroid: z.object({ lng: z.number(), lat: z.number() }),
      counts: PublicStatusCounts,
    }),
  ),
});
export type PublicCaseMap = z.infer<typeof PublicCaseMap>;

// ---- GET /api/cases/deadline-warnings ------------------------------------------------------------
/**
 * Years without holiday data that running deadlines of the viewer's open cases fall in: those
 * deadlines are Monday–Friday estimates until an administrator loads the year.
 */
export const CaseDeadlineWarnings = z.object({
  years: z.array(z.object({ year: z.number().int(), openCases: z.number().int() })),
});
export type CaseDeadlineWarnings = z.infer<typeof CaseDeadlineWarnings>;
