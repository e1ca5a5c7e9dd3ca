import { z } from 'zod';
import { CalendarDate, Quarter } from './accountability.ts';
import { performanceLimits } from './limits.ts';
import { Id } from './territory.ts';

/**
 * Performance (履职考评): secretaries' breakthrough projects and pledges (书记突破项目, 承诺践诺),
 * leaders' liaison with a community (挂点联系), community secretaries' half-year reports and their
 * review (述职评议), and the dual performance assessment (双绩效考核) of communities and community
 * workers. Dates are calendar dates in Asia/Shanghai; periods are half years (`2026-H2`).
 */

/** A half year, `2026-H2` (H1: January–June, H2: July–December, Shanghai time). */
export const HalfYear = z.string().regex(/^\d{4}-H[12]$/, 'a half year like 2026-H2');

export const ProjectLevel = z.enum(['city', 'subdistrict', 'community']);
export type ProjectLevel = z.infer<typeof ProjectLevel>;

export const PledgeStatus = z.enum(['open', 'claimed', 'kept', 'sent_back']);
export type PledgeStatus = z.infer<typeof PledgeStatus>;

/** What a pledge shows: kept (on time or late), waiting for review, or open — late once past due. */
export const PledgeStanding = z.enum(['kept', 'kept_late', 'claimed', 'open', 'late']);
export type PledgeStanding = z.infer<typeof PledgeStanding>;

const Title = z.string().trim().min(1).max(performanceLimits.titleLength);
const Text = z.string().trim().max(performanceLimits.textLength);

export const PledgeCreate = z.object({ title: Title, dueOn: CalendarDate });
export type PledgeCreate = z.infer<typeof PledgeCreate>;

export const ProjectCreate = z.object({
  title: Title,
  level: ProjectLevel,
  /** The subdistrict or community; none at city level. */
  placeId: Id.nullable(),
  ownerStaffId: Id,
  pledges: z.array(PledgeCreate).max(performanceLimits.maxPledges).default([]),
});
export type ProjectCreate = z.infer<typeof ProjectCreate>;

export const Pledge = z.object({
  id: Id,
  projectId: Id,
  projectTitle: z.string(),
  level: ProjectLevel,
  placeName: z.string().nullable(),
  ownerName: z.string(),
  title: z.string(),
  dueOn: z.string(),
  status: PledgeStatus,
  standing: PledgeStanding,
  evidenceText: z.string().nullable(),
  evidenceRefs: z.array(z.string()),
  claimedOn: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewNote: z.string().nullable(),
  /** Whether the viewer may claim it now (their scope, an open or sent-back pledge). */
  mayClaim: z.boolean(),
  /** Whether the viewer may accept or send it back now (the level above, a claimed pledge). */
  mayReview: z.boolean(),
});
export type Pledge = z.infer<typeof Pledge>;

export const Project = z.object({
  id: Id,
  title: z.string(),
  level: ProjectLevel,
  placeId: z.number().nullable(),
  placeName: z.string().nullable(),
  ownerStaffId: z.number(),
  ownerName: z.string(),
  pledges: z.array(Pledge),
});
export type Project = z.infer<typeof Project>;

export const PledgeQuery = z.object({
  standing: PledgeStanding.optional(),
  level: ProjectLevel.optional(),
  projectId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type PledgeQuery = z.infer<typeof PledgeQuery>;

export const PledgeList = z.object({
  total: z.number(),
  counts: z.record(PledgeStanding, z.number()),
  projects: z.number(),
  pledges: z.array(Pledge),
});
export type PledgeList = z.infer<typeof PledgeList>;

/** Fulfilment is claimed with evidence: a text, and photo ids or links if any. */
export const PledgeClaim = z.object({
  evidenceText: z.string().trim().max(performanceLimits.textLength).default(''),
  evidenceRefs: z
    .array(z.string().trim().min(1).max(performanceLimits.refLength))
    .max(performanceLimits.maxEvidenceRefs)
    .default([]),
});
export type PledgeClaim = z.infer<typeof PledgeClaim>;

export const PledgeReview = z.object({
  decision: z.enum(['accept', 'send_back']),
  note: Text.default(''),
});
export type PledgeReview = z.infer<typeof PledgeReview>;

// ---- liaison (挂点联系) ------------------------------------------------------------------------

export const LiaisonKind = z.enum(['city_leader', 'department_head']);
export type LiaisonKind = z.infer<typeof LiaisonKind>;

export const LiaisonLink = z.object({ staffMemberId: Id, communityId: Id, kind: LiaisonKind });
export type LiaisonLink = z.infer<typeof LiaisonLink>;

export const VisitProblemCreate = z.object({
  description: z.string().trim().min(1).max(performanceLimits.textLength),
  solved: z.boolean().default(false),
  /** Link an existing case of the community. */
  caseId: Id.optional(),
  /** Or report a new case at this point (through the cases module). */
  newCase: z
    .object({
      categoryCode: z.string().trim().min(1).max(40),
      point: z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }),
    })
    .optional(),
});
export type VisitProblemCreate = z.infer<typeof VisitProblemCreate>;

export const VisitCreate = z.object({
  staffMemberId: Id,
  visitedOn: CalendarDate,
  peopleMet: z.string().trim().min(1).max(performanceLimits.textLength),
  notes: Text.default(''),
  problems: z.array(VisitProblemCreate).max(performanceLimits.maxProblems).default([]),
});
export type VisitCreate = z.infer<typeof VisitCreate>;

export const VisitProblem = z.object({
  id: Id,
  description: z.string(),
  solved: z.boolean(),
  caseId: z.number().nullable(),
  caseTrackingCode: z.string().nullable(),
});

export const Visit = z.object({
  id: Id,
  staffMemberId: z.number(),
  staffName: z.string(),
  communityId: z.number(),
  communityName: z.string(),
  visitedOn: z.string(),
  peopleMet: z.string(),
  notes: z.string(),
  problems: z.array(VisitProblem),
});
export type Visit = z.infer<typeof Visit>;

export const VisitQuery = z.object({
  quarter: Quarter.optional(),
  staffMemberId: Id.optional(),
  /** The visits that found this case (the link's other way). */
  caseId: Id.optional(),
});
export type VisitQuery = z.infer<typeof VisitQuery>;

export const VisitList = z.object({
  visits: z.array(Visit),
  problemsFound: z.number(),
  problemsSolved: z.number(),
  casesLinked: z.number(),
});
export type VisitList = z.infer<typeof VisitList>;

export const ComplianceQuery = z.object({ quarter: Quarter.optional() });
export const LiaisonCompliance = z.object({
  quarter: z.string(),
  liaisons: z.array(
    z.object({
      staffMemberId: z.number(),
      staffName: z.string(),
      kind: LiaisonKind,
      communityId: z.number(),
      communityName: z.string(),
      visits: z.number(),
      lastVisitedOn: z.string().nullable(),
      visited: z.boolean(),
      /** Whether this leader is the viewer (their own account): the visits they may log. */
      mine: z.boolean(),
    }),
  ),
  notVisited: z.number(),
});
export type LiaisonCompliance = z.infer<typeof LiaisonCompliance>;

// ---- half-year reports and review (述职评议) ----------------------------------------------------

export const Criterion = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  label: z.string().trim().min(1).max(80),
  weight: z.number().positive().max(100),
  maxScore: z.number().positive().max(1000),
});
export type Criterion = z.infer<typeof Criterion>;

/** How outliers are handled: drop the highest and the lowest total once there are at least n reviewers. */
export const OutlierRule = z.object({
  dropHighestAndLowestFrom: z.number().int().min(3).max(100).nullable(),
});
export type OutlierRule = z.infer<typeof OutlierRule>;

export const RubricCreate = z.object({
  name: Title,
  criteria: z.array(Criterion).min(1).max(performanceLimits.maxCriteria),
  outlierRule: OutlierRule,
});
export type RubricCreate = z.infer<typeof RubricCreate>;
export const Rubric = RubricCreate.extend({ id: Id });
export type Rubric = z.infer<typeof Rubric>;

export const ReportSubmit = z.object({
  halfYear: HalfYear,
  communityId: Id,
  secretaryStaffId: Id,
  rubricId: Id,
  body: z.string().trim().min(1).max(performanceLimits.reportLength),
});
export type ReportSubmit = z.infer<typeof ReportSubmit>;

export const ReviewScoreSubmit = z.object({ scores: z.record(z.string(), z.number().min(0)) });
export type ReviewScoreSubmit = z.infer<typeof ReviewScoreSubmit>;

export const ReportResult = z.object({
  reviewers: z.number(),
  /** Each reviewer's total on a 0–100 scale (weighted share of the maximum). */
  totals: z.array(z.object({ reviewer: z.string(), total: z.number(), dropped: z.boolean() })),
  /** The mean of the kept totals, 0–100; null without scores. */
  score: z.number().nullable(),
});
export type ReportResult = z.infer<typeof ReportResult>;

export const HalfYearReport = z.object({
  id: Id,
  halfYear: z.string(),
  communityId: z.number(),
  communityName: z.string(),
  secretaryStaffId: z.number(),
  secretaryName: z.string(),
  rubric: Rubric,
  body: z.string(),
  submittedAt: z.string(),
  result: ReportResult,
});
export type HalfYearReport = z.infer<typeof HalfYearReport>;

export const ReportQuery = z.object({ halfYear: HalfYear.optional() });
export const ReportList = z.object({ reports: z.array(HalfYearReport) });
export type ReportList = z.infer<typeof ReportList>;

// ---- dual performance assessment (双绩效考核) ---------------------------------------------------

export const AssessmentSubject = z.enum(['community', 'worker']);
export type AssessmentSubject = z.infer<typeof AssessmentSubject>;

/**
 * Where an indicator's value (0–100) comes from: the system where it has it, else manual entry.
 * - `cases_on_time`: share of the grid's (worker) or community's cases closed in the period that
 *   were closed without a breach escalation or urging by the time-limit job;
 * - `pledges_kept`: share of the community's pledges due in the period that were kept by the due date;
 * - `visit_compliance`: share of the community's liaisons who visited it in each quarter of the period so far;
 * - `report_score`: the half-year report's aggregated review score;
 * - `manual`: entered by hand (audited).
 */
export const IndicatorSource = z.enum([
  'cases_on_time',
  'pledges_kept',
  'visit_compliance',
  'report_score',
  'manual',
]);
export type IndicatorSource = z.infer<typeof IndicatorSource>;

export const Indicator = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  label: z.string().trim().min(1).max(80),
  source: IndicatorSource,
  weight: z.number().positive().max(100),
});
export type Indicator = z.infer<typeof Indicator>;

export const PayBand = z.object({
  band: z.string().trim().min(1).max(20),
  minScore: z.number().min(0).max(100),
});
export type PayBand = z.infer<typeof PayBand>;

export const TemplateSave = z.object({
  subject: AssessmentSubject,
  name: Title,
  indicators: z.array(Indicator).min(1).max(performanceLimits.maxIndicators),
  payBands: z.array(PayBand).min(1).max(10),
});
export type TemplateSave = z.infer<typeof TemplateSave>;
export const Template = TemplateSave.extend({ id: Id });
export type Template = z.infer<typeof Template>;
export const TemplateList = z.object({ templates: z.array(Template) });
export type TemplateList = z.infer<typeof TemplateList>;

export const ManualValueEntry = z.object({
  subject: AssessmentSubject,
  period: HalfYear,
  subjectId: Id,
  indicatorKey: z.string().min(1).max(40),
  value: z.number().min(0).max(100),
  reason: z.string().trim().min(1).max(performanceLimits.textLength),
});
export type ManualValueEntry = z.infer<typeof ManualValueEntry>;

export const AssessmentQuery = z.object({ subject: AssessmentSubject, period: HalfYear });
export type AssessmentQuery = z.infer<typeof AssessmentQuery>;

export const IndicatorContribution = z.object({
  key: z.string(),
  label: z.string(),
  source: IndicatorSource,
  weight: z.number(),
  /** 0–100; null when there is nothing to measure yet (manual value not entered): counts as 0. */
  value: z.number().nullable(),
  /** weight × value / Σ weights: the points this indicator adds to the score. */
  contribution: z.number(),
  /** What the value was computed from, e.g. "12/15". */
  basis: z.string(),
});
export type IndicatorContribution = z.infer<typeof IndicatorContribution>;

export const AssessmentRow = z.object({
  subjectId: z.number(),
  name: z.string(),
  placeName: z.string(),
  score: z.number(),
  rank: z.number(),
  payBand: z.string(),
  indicators: z.array(IndicatorContribution),
});
export type AssessmentRow = z.infer<typeof AssessmentRow>;

export const AssessmentTable = z.object({
  subject: AssessmentSubject,
  period: z.string(),
  template: Template,
  rows: z.array(AssessmentRow),
});
export type AssessmentTable = z.infer<typeof AssessmentTable>;
