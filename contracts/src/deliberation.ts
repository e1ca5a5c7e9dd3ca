import { z } from 'zod';
import { Role } from './access.ts';

/**
 * Deliberation (网格善治会, 双线七议两公开): a grid council takes a matter through the ordered steps
 * of its jurisdiction's template, online (posts, comments, the household vote on the phone) and
 * offline (meetings with attendance and minutes); the resolution and the result are published on
 * the grid's public notice board, counts only. The seven-step default is this project's design on
 * the basis of 四议两公开 (see server/src/modules/deliberation/README.md).
 */

export const deliberationLimits = {
  minSteps: 3,
  maxSteps: 12,
  stepNameLength: 40,
  titleLength: 120,
  textLength: 4000,
  minutesLength: 20_000,
  placeLength: 200,
  fundNameLength: 120,
  maxFundAmount: 100_000_000,
  maxPageSize: 100,
} as const;

/** Which line a step runs on: 线上 (posts, comments, polls on the phone), 线下 (a meeting), or both. */
export const StepMode = z.enum(['online', 'offline', 'both']);
export type StepMode = z.infer<typeof StepMode>;

/** The two public disclosures (两公开): the resolution (决议公开) and the result (实施结果公开). */
export const DisclosureKind = z.enum(['resolution', 'result']);
export type DisclosureKind = z.infer<typeof DisclosureKind>;

export const TemplateStep = z.object({
  /** Stable key, e.g. `vote`. */
  key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
  name: z.string().trim().min(1).max(deliberationLimits.stepNameLength),
  mode: StepMode,
  /** Roles that may act at this step: record it, post online, record paper ballots, move on. */
  roles: z.array(Role).min(1),
  /** The step in which households vote (exactly one per template). */
  vote: z.boolean(),
  /** Whether completing the step publishes one of the two disclosures. */
  disclosure: DisclosureKind.nullable(),
});
export type TemplateStep = z.infer<typeof TemplateStep>;

/**
 * When a resolution passes: more than `turnoutAbovePercent` % of the grid's households voted, and
 * more than `approvalAbovePercent` % of the votes cast are in favour (both strict).
 */
export const QuorumRule = z.object({
  turnoutAbovePercent: z.number().int().min(0).max(99),
  approvalAbovePercent: z.number().int().min(0).max(99),
});
export type QuorumRule = z.infer<typeof QuorumRule>;

export const DeliberationTemplate = z.object({
  /** 0 while the jurisdiction runs on the built-in default; stored versions count from 1. */
  version: z.number().int(),
  steps: z.array(TemplateStep),
  quorum: QuorumRule,
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type DeliberationTemplate = z.infer<typeof DeliberationTemplate>;

export const TemplateUpdate = z.object({
  steps: z.array(TemplateStep).min(deliberationLimits.minSteps).max(deliberationLimits.maxSteps),
  quorum: QuorumRule,
});
export type TemplateUpdate = z.infer<typeof TemplateUpdate>;

export const MatterStatus = z.enum([
  'in_progress', // 进行中
  'completed', // 已完成: both disclosures public
  'not_adopted', // 未通过: the resolution failed and was published as such
  'withdrawn', // 已撤回 before the vote
]);
export type MatterStatus = z.infer<typeof MatterStatus>;

export const VoteChoice = z.enum(['for', 'against', 'abstain']);
export type VoteChoice = z.infer<typeof VoteChoice>;

/** The count of a vote: numbers only, never who voted how. */
export const Tally = z.object({
  eligibleHouseholds: z.number().int(),
  voted: z.number().int(),
  inFavour: z.number().int(),
  against: z.number().int(),
  abstained: z.number().int(),
  rule: QuorumRule,
  turnoutMet: z.boolean(),
  approvalMet: z.boolean(),
  adopted: z.boolean(),
});
export type Tally = z.infer<typeof Tally>;

export const FundRequest = z.object({
  name: z.string().trim().min(1).max(deliberationLimits.fundNameLength),
  /** Yuan, two decimals. */
  amount: z.number().positive().max(deliberationLimits.maxFundAmount).multipleOf(0.01),
});
export type FundRequest = z.infer<typeof FundRequest>;

export const MatterCreate = z.object({
  gridId: z.number().int().positive(),
  title: z.string().trim().min(1).max(deliberationLimits.titleLength),
  description: z.string().trim().min(1).max(deliberationLimits.textLength),
  /** The case (案件) the matter came from, if any. */
  caseId: z.number().int().positive().nullable().optional(),
  fund: FundRequest.nullable().optional(),
});
export type MatterCreate = z.infer<typeof MatterCreate>;

/** A meeting on the offline line (线下): when, where, who came, and what was said. */
export const Meeting = z.object({
  heldAt: z.iso.datetime({ offset: true }),
  place: z.string().trim().min(1).max(deliberationLimits.placeLength),
  attendanceExpected: z.number().int().min(0).max(100_000),
  attendancePresent: z.number().int().min(0).max(100_000),
  minutes: z.string().trim().min(1).max(deliberationLimits.minutesLength),
});
export type Meeting = z.infer<typeof Meeting>;

/** What completing a step records. For a disclosure step, `summary` is the public text. */
export const StepCompletion = z.object({
  summary: z.string().trim().min(1).max(deliberationLimits.textLength),
  meeting: Meeting.nullable().optional(),
  /** A case the matter led to (e.g. work ordered at the implementation step). */
  resultingCaseId: z.number().int().positive().nullable().optional(),
});
export type StepCompletion = z.infer<typeof StepCompletion>;

export const StepParams = z.object({
  id: z.coerce.number().int().positive(),
  /** 1-based, as printed. */
  step: z.coerce.number().int().min(1).max(deliberationLimits.maxSteps),
});

export const MatterQuery = z.object({
  gridId: z.coerce.number().int().positive().optional(),
  status: MatterStatus.optional(),
  limit: z.coerce.number().int().min(1).max(deliberationLimits.maxPageSize).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type MatterQuery = z.infer<typeof MatterQuery>;

export const StepState = z.enum(['done', 'current', 'pending', 'skipped']);

export const MatterStep = TemplateStep.extend({
  /** 1-based. */
  number: z.number().int(),
  state: StepState,
  completedAt: z.string().nullable(),
});
export type MatterStep = z.infer<typeof MatterStep>;

export const Matter = z.object({
  id: z.number().int(),
  grid: z.object({ id: z.number().int(), code: z.string(), name: z.string() }),
  title: z.string(),
  description: z.string(),
  status: MatterStatus,
  templateVersion: z.number().int(),
  /** 1-based number of the step in progress; null once the matter is closed. */
  currentStep: z.number().int().nullable(),
  steps: z.array(MatterStep),
  caseId: z.number().int().nullable(),
  resultingCaseId: z.number().int().nullable(),
  fund: FundRequest.nullable(),
  /** Votes cast so far, or the final count once the vote step is done. */
  tally: Tally.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Matter = z.infer<typeof Matter>;

export const MatterPage = z.object({ total: z.number().int(), matters: z.array(Matter) });
export type MatterPage = z.infer<typeof MatterPage>;

export const PostCreate = z.object({
  body: z.string().trim().min(1).max(deliberationLimits.textLength),
  /** Reply to this post or comment. */
  parentId: z.number().int().positive().nullable().optional(),
});
export type PostCreate = z.infer<typeof PostCreate>;

export const Post = z.object({
  id: z.number().int(),
  step: z.number().int(),
  kind: z.enum(['post', 'comment']),
  parentId: z.number().int().nullable(),
  /** Staff by their display name; residents only as 居民. */
  author: z.object({ role: z.string(), label: z.string() }),
  body: z.string(),
  createdAt: z.string(),
});
export type Post = z.infer<typeof Post>;

export const VoteRequest = z.object({ choice: VoteChoice });
export type VoteRequest = z.infer<typeof VoteRequest>;

/** A paper ballot from a meeting, recorded by staff for a household. */
export const BallotRequest = z.object({ householdId: z.number().int().positive(), choice: VoteChoice });
export type BallotRequest = z.infer<typeof BallotRequest>;

export const VoteReceipt = z.object({
  matterId: z.number().int(),
  householdId: z.number().int(),
  choice: VoteChoice,
  channel: z.enum(['online', 'paper']),
  castAt: z.string(),
});
export type VoteReceipt = z.infer<typeof VoteReceipt>;

export const StepRecord = z.object({
  number: z.number().int(),
  key: z.string(),
  name: z.string(),
  mode: StepMode,
  state: StepState,
  summary: z.string().nullable(),
  meeting: Meeting.nullable(),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
  posts: z.array(Post),
  tally: Tally.nullable(),
  /** Ballots by line, for the vote step. */
  ballots: z.object({ online: z.number().int(), paper: z.number().int() }).nullable(),
});
export type StepRecord = z.infer<typeof StepRecord>;

export const PublicNotice = z.object({
  id: z.number().int(),
  matterId: z.number().int(),
  kind: DisclosureKind,
  title: z.string(),
  stepName: z.string(),
  text: z.string(),
  tally: Tally.nullable(),
  fund: FundRequest.nullable(),
  publishedAt: z.string(),
});
export type PublicNotice = z.infer<typeof PublicNotice>;

/** The full record of a matter, step by step, for printing (存档). */
export const MatterRecord = z.object({
  matter: Matter,
  steps: z.array(StepRecord),
  notices: z.array(PublicNotice),
  printedAt: z.string(),
});
export type MatterRecord = z.infer<typeof MatterRecord>;

/** The grid's public notice board: the two disclosures of every matter, newest first. */
export const GridNoticeBoard = z.object({
  grid: z.object({ id: z.number().int(), name: z.string() }),
  notices: z.array(PublicNotice),
});
export type GridNoticeBoard = z.infer<typeof GridNoticeBoard>;

/** A resident's view: the matters of their household's grid, with the household's vote. */
export const MyMatters = z.object({
  grid: z.object({ id: z.number().int(), name: z.string() }),
  matters: z.array(Matter.extend({ myVote: VoteChoice.nullable() })),
});
export type MyMatters = z.infer<typeof MyMatters>;
