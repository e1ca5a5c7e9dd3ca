import { type RawBuilder, sql } from 'kysely';
import type { DisclosureKind, QuorumRule, Tally, TemplateStep, VoteChoice } from '#contracts/deliberation.ts';
import type { Principal } from '../../platform/access.ts';
import { jsonb } from '../../platform/audit.ts';
import { findCurrentGrid, findGridByIdAnywhere, type GridRef } from '../territory/index.ts';
import type { Db } from './deliberation.table.ts';

/** Queries of the deliberation tables (db or trx first), and the few reads of territory and people it needs. */

// ---- templates ---------------------------------------------------------------------------------

export interface TemplateRow {
  version: number;
  steps: TemplateStep[];
  quorum: QuorumRule;
  created_at: Date;
  created_by: string;
}

export async function findLatestTemplate(db: Db, jurisdictionId: number): Promise<TemplateRow | undefined> {
  return db
    .selectFrom('deliberation_template')
    .select(['version', 'steps', 'quorum', 'created_at', 'created_by'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findTemplateVersion(
  db: Db,
  jurisdictionId: number,
  version: number,
): Promise<TemplateRow | undefined> {
  return db
    .selectFrom('deliberation_template')
    .select(['version', 'steps', 'quorum', 'created_at', 'created_by'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** Inserts a version; false when another writer took the number first. */
export async function insertTemplate(
  trx: Db,
  row: {
    jurisdictionId: number;
    version: number;
    steps: readonly TemplateStep[];
    quorum: QuorumRule;
    createdBy: string;
  },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('deliberation_template')
    .values({
      jurisdiction_id: row.jurisdictionId,
      version: row.version,
      steps: jsonb(row.steps),
      quorum: jsonb(row.quorum),
      created_by: row.createdBy,
    })
    .onConflict((conflict) => conflict.columns(['jurisdiction_id', 'version']).doNothing())
    .returning('version')
    .executeTakeFirst();
  return inserted !== undefined;
}

// ---- places (through the territory module) ----------------------------------------------------

export type GridRow = GridRef;

/** A current grid of the jurisdiction. */
export function findGrid(db: Db, jurisdictionId: number, gridId: number): Promise<GridRow | undefined> {
  return findCurrentGrid(db, jurisdictionId, gridId);
}

/** A grid by id alone, for the public notice board (ids are unique across jurisdictions). */
export function findGridById(db: Db, gridId: number): Promise<{ id: number; name: string } | undefined> {
  return findGridByIdAnywhere(db, gridId);
}

export function placeChainOfGrid(grid: Pick<GridRow, 'id' | 'community_id' | 'subdistrict_id'>): number[] {
  return [grid.id, grid.community_id, grid.subdistrict_id].filter((id): id is number => id !== null);
}

// ---- matters -----------------------------------------------------------------------------------

export interface MatterRow {
  jurisdiction_id: number;
  id: number;
  grid_id: number;
  grid_code: string;
  grid_name: string;
  community_id: number | null;
  subdistrict_id: number | null;
  template_version: number;
  title: string;
  description: string;
  status: 'in_progress' | 'completed' | 'not_adopted' | 'withdrawn';
  step_index: number;
  adopted: boolean | null;
  case_id: number | null;
  resulting_case_id: number | null;
  fund_name: string | null;
  fund_amount: number | null;
  created_at: Date;
  updated_at: Date;
}

function selectMatters(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('deliberation_matter as m')
    .innerJoin('territory_place as g', (join) =>
      join.onRef('g.jurisdiction_id', '=', 'm.jurisdiction_id').onRef('g.id', '=', 'm.grid_id'),
    )
    .select([
      'm.jurisdiction_id',
      'm.id',
      'm.grid_id',
      'g.code as grid_code',
      'g.name as grid_name',
      'g.community_id',
      'g.subdistrict_id',
      'm.template_version',
      'm.title',
      'm.description',
      'm.status',
      'm.step_index',
      'm.adopted',
      'm.case_id',
      'm.resulting_case_id',
      'm.fund_name',
      'm.fund_amount',
      'm.created_at',
      'm.updated_at',
    ])
    .where('m.jurisdiction_id', '=', jurisdictionId);
}

export async function findMatter(
  db: Db,
  jurisdictionId: number,
  matterId: number,
  options: { lock?: 'update' | 'share' } = {},
): Promise<MatterRow | undefined> {
  let query = selectMatters(db, jurisdictionId).where('m.id', '=', matterId);
  if (options.lock === 'update') query = query.forUpdate('m');
  if (options.lock === 'share') query = query.forShare('m');
  return query.executeTakeFirst();
}

/** The SQL twin of `scopeCovers` for a matter's grid (alias g). */
export function matterInScope(viewer: Pick<Principal, 'scope'>): RawBuilder<boolean> {
  const { scope } = viewer;
  switch (scope.level) {
    case 'jurisdiction':
      return sql<boolean>`true`;
    case 'subdistrict':
    case 'community':
    case 'grid':
      return scope.id === null
        ? sql<boolean>`false`
        : sql<boolean>`coalesce(${scope.id} in (g.id, g.community_id, g.subdistrict_id), false)`;
    case 'building':
    case 'department':
    case 'self':
      return sql<boolean>`false`;
  }
}

export async function findMatterPage(
  db: Db,
  options: {
    jurisdictionId: number;
    inScope: RawBuilder<boolean>;
    gridId?: number | undefined;
    status?: MatterRow['status'] | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; rows: MatterRow[] }> {
  let query = selectMatters(db, options.jurisdictionId).where(options.inScope);
  if (options.gridId !== undefined) query = query.where('m.grid_id', '=', options.gridId);
  if (options.status !== undefined) query = query.where('m.status', '=', options.status);
  const [rows, total] = await Promise.all([
    query
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { total: Number(total.n), rows };
}

export async function insertMatter(
  trx: Db,
  row: {
    jurisdictionId: number;
    gridId: number;
    templateVersion: number;
    title: string;
    description: string;
    caseId: number | null;
    fund: { name: string; amount: number } | null;
    createdBy: string;
    now: Date;
  },
): Promise<number> {
  const inserted = await trx
    .insertInto('deliberation_matter')
    .values({
      jurisdiction_id: row.jurisdictionId,
      grid_id: row.gridId,
      template_version: row.templateVersion,
      title: row.title,
      description: row.description,
      case_id: row.caseId,
      fund_name: row.fund?.name ?? null,
      fund_amount: row.fund?.amount ?? null,
      created_by: row.createdBy,
      created_at: row.now,
      updated_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Moves a matter on, only from the step it was read at (false when someone else moved it first). */
export async function updateMatterState(
  trx: Db,
  row: {
    jurisdictionId: number;
    matterId: number;
    fromStepIndex: number;
    stepIndex: number;
    status: MatterRow['status'];
    adopted: boolean | null;
    resultingCaseId?: number | null | undefined;
    now: Date;
  },
): Promise<boolean> {
  const result = await trx
    .updateTable('deliberation_matter')
    .set({
      step_index: row.stepIndex,
      status: row.status,
      adopted: row.adopted,
      updated_at: row.now,
      closed_at: row.status === 'in_progress' ? null : row.now,
      ...(row.resultingCaseId != null ? { resulting_case_id: row.resultingCaseId } : {}),
    })
    .where('jurisdiction_id', '=', row.jurisdictionId)
    .where('id', '=', row.matterId)
    .where('step_index', '=', row.fromStepIndex)
    .where('status', '=', 'in_progress')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---- step records ------------------------------------------------------------------------------

export interface StepRecordRow {
  step_index: number;
  step_key: string;
  step_name: string;
  summary: string;
  meeting_held_at: Date | null;
  meeting_place: string | null;
  attendance_expected: number | null;
  attendance_present: number | null;
  minutes: string | null;
  tally: Tally | null;
  completed_at: Date;
  completed_by: string;
}

export async function insertStepRecord(
  trx: Db,
  row: {
    jurisdictionId: number;
    matterId: number;
    stepIndex: number;
    step: TemplateStep;
    summary: string;
    meeting: {
      heldAt: string;
      place: string;
      attendanceExpected: number;
      attendancePresent: number;
      minutes: string;
    } | null;
    tally: Tally | null;
    completedBy: string;
    completedByRole: string;
    now: Date;
  },
): Promise<void> {
  await trx
    .insertInto('deliberation_step_record')
    .values({
      jurisdiction_id: row.jurisdictionId,
      matter_id: row.matterId,
      step_index: row.stepIndex,
      step_key: row.step.key,
      step_name: row.step.name,
      summary: row.summary,
      meeting_held_at: row.meeting ? new Date(row.meeting.heldAt) : null,
      meeting_place: row.meeting?.place ?? null,
      attendance_expected: row.meeting?.attendanceExpected ?? null,
      attendance_present: row.meeting?.attendancePresent ?? null,
      minutes: row.meeting?.minutes ?? null,
      tally: row.tally ? jsonb(row.tally) : null,
      completed_at: row.now,
      completed_by: row.completedBy,
      completed_by_role: row.completedByRole,
    })
    .execute();
}

export async function findStepRecords(
  db: Db,
  jurisdictionId: number,
  matterId: number,
): Promise<StepRecordRow[]> {
  return db
    .selectFrom('deliberation_step_record')
    .select([
      'step_index',
      'step_key',
      'step_name',
      'summary',
      'meeting_held_at',
      'meeting_place',
      'attendance_expected',
      'attendance_present',
      'minutes',
      'tally',
      'completed_at',
      'completed_by',
    ])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('matter_id', '=', matterId)
    .orderBy('step_index')
    .execute();
}

// ---- posts -------------------------------------------------------------------------------------

export interface PostRow {
  id: number;
  step_index: number;
  parent_id: number | null;
  kind: 'post' | 'comment';
  author_role: string;
  author_label: string;
  body: string;
  created_at: Date;
}

const POST_COLUMNS = [
  'id',
  'step_index',
  'parent_id',
  'kind',
  'author_role',
  'author_label',
  'body',
  'created_at',
] as const;

export async function insertPost(
  trx: Db,
  row: {
    jurisdictionId: number;
    matterId: number;
    stepIndex: number;
    parentId: number | null;
    kind: 'post' | 'comment';
    authorAccountId: number | null;
    authorRole: string;
    authorLabel: string;
    body: string;
    now: Date;
  },
): Promise<PostRow> {
  return trx
    .insertInto('deliberation_post')
    .values({
      jurisdiction_id: row.jurisdictionId,
      matter_id: row.matterId,
      step_index: row.stepIndex,
      parent_id: row.parentId,
      kind: row.kind,
      author_account_id: row.authorAccountId,
      author_role: row.authorRole,
      author_label: row.authorLabel,
      body: row.body,
      created_at: row.now,
    })
    .returning(POST_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function findPost(
  db: Db,
  jurisdictionId: number,
  matterId: number,
  postId: number,
): Promise<PostRow | undefined> {
  return db
    .selectFrom('deliberation_post')
    .select(POST_COLUMNS)
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('matter_id', '=', matterId)
    .where('id', '=', postId)
    .executeTakeFirst();
}

export async function findPosts(db: Db, jurisdictionId: number, matterId: number): Promise<PostRow[]> {
  return db
    .selectFrom('deliberation_post')
    .select(POST_COLUMNS)
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('matter_id', '=', matterId)
    .orderBy('step_index')
    .orderBy('id')
    .execute();
}

// ---- votes -------------------------------------------------------------------------------------

/** Inserts a household's vote; false when the household has voted already (the primary key decides). */
export async function insertVote(
  trx: Db,
  row: {
    jurisdictionId: number;
    matterId: number;
    householdId: number;
    choice: VoteChoice;
    channel: 'online' | 'paper';
    castByAccountId: number | null;
    now: Date;
  },
): Promise<{ cast_at: Date } | undefined> {
  return trx
    .insertInto('deliberation_vote')
    .values({
      jurisdiction_id: row.jurisdictionId,
      matter_id: row.matterId,
      household_id: row.householdId,
      choice: row.choice,
      channel: row.channel,
      cast_by_account_id: row.castByAccountId,
      cast_at: row.now,
    })
    .onConflict((conflict) => conflict.columns(['jurisdiction_id', 'matter_id', 'household_id']).doNothing())
    .returning('cast_at')
    .executeTakeFirst();
}

export interface VoteSummaryRow {
  matter_id: number;
  choice: VoteChoice;
  channel: 'online' | 'paper';
  n: number;
}

/** Votes per matter, choice and line: counts only. */
export async function countVotes(
  db: Db,
  jurisdictionId: number,
  matterIds: number[],
): Promise<VoteSummaryRow[]> {
  if (matterIds.length === 0) return [];
  const rows = await db
    .selectFrom('deliberation_vote')
    .select(['matter_id', 'choice', 'channel', (eb) => eb.fn.countAll<number>().as('n')])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('matter_id', 'in', matterIds)
    .groupBy(['matter_id', 'choice', 'channel'])
    .execute();
  return rows.map((row) => ({ ...row, n: Number(row.n) }));
}

export async function findHouseholdVotes(
  db: Db,
  jurisdictionId: number,
  householdId: number,
  matterIds: number[],
): Promise<Map<number, VoteChoice>> {
  if (matterIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('deliberation_vote')
    .select(['matter_id', 'choice'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('household_id', '=', householdId)
    .where('matter_id', 'in', matterIds)
    .execute();
  return new Map(rows.map((row) => [row.matter_id, row.choice]));
}

// ---- notices -----------------------------------------------------------------------------------

export interface NoticeRow {
  id: number;
  matter_id: number;
  kind: DisclosureKind;
  title: string;
  step_name: string;
  body: string;
  tally: Tally | null;
  fund_name: string | null;
  fund_amount: number | null;
  published_at: Date;
}

const NOTICE_COLUMNS = [
  'id',
  'matter_id',
  'kind',
  'title',
  'step_name',
  'body',
  'tally',
  'fund_name',
  'fund_amount',
  'published_at',
] as const;

export async function insertNotice(
  trx: Db,
  row: {
    jurisdictionId: number;
    matterId: number;
    gridId: number;
    kind: DisclosureKind;
    title: string;
    stepName: string;
    body: string;
    tally: Tally | null;
    fund: { name: string; amount: number } | null;
    now: Date;
  },
): Promise<void> {
  await trx
    .insertInto('deliberation_notice')
    .values({
      jurisdiction_id: row.jurisdictionId,
      matter_id: row.matterId,
      grid_id: row.gridId,
      kind: row.kind,
      title: row.title,
      step_name: row.stepName,
      body: row.body,
      tally: row.tally ? jsonb(row.tally) : null,
      fund_name: row.fund?.name ?? null,
      fund_amount: row.fund?.amount ?? null,
      published_at: row.now,
    })
    .execute();
}

export async function findNoticesOfMatter(
  db: Db,
  jurisdictionId: number,
  matterId: number,
): Promise<NoticeRow[]> {
  return db
    .selectFrom('deliberation_notice')
    .select(NOTICE_COLUMNS)
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('matter_id', '=', matterId)
    .orderBy('id')
    .execute();
}

/** The public board of a grid, by grid id alone, newest first. */
export async function findNoticesOfGrid(db: Db, gridId: number, limit: number): Promise<NoticeRow[]> {
  return db
    .selectFrom('deliberation_notice')
    .select(NOTICE_COLUMNS)
    .where('grid_id', '=', gridId)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
