import { type Expression, type RawBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import type { TrafficLight } from '#contracts';
import { jsonRecords, recordsInsert } from '../../db/json-records.ts';
import type { ExpectedWrite, OrderedWrite } from '../../db/ordered-writes.ts';
import { jsonb } from '../../platform/audit.ts';
import type { Category } from './case.categories.ts';
import type { CaseClockData } from './case.clocks.ts';
import type { CaseState, CaseStatus, Rating } from './case.lifecycle.ts';
import type {
  CaseCategoryTable,
  CaseDepartmentTaskTable,
  CasePhotoTable,
  CaseRecordTable,
  CaseTimelineTable,
  Db,
  DepartmentTaskRowStatus,
  ReportChannel,
} from './case.table.ts';
import { caseVisibleTo, type Viewer } from './case-scope.ts';

/** Queries of the cases module: plain functions taking the database or a transaction first. */

export type CategoryRow = Selectable<CaseCategoryTable>;
export type CaseRow = Selectable<CaseRecordTable>;
export type TimelineRow = Selectable<CaseTimelineTable> & { actor_display_name: string | null };
export type TaskRow = Selectable<CaseDepartmentTaskTable> & {
  department_code: string;
  department_name: string;
};
export type PhotoRow = Selectable<CasePhotoTable>;

// ---- categories ---------------------------------------------------------------------------------

/** Adds the catalogue's categories a jurisdiction does not have yet (existing rows are kept). */
export async function insertCategories(db: Db, jurisdictionId: number, categories: readonly Category[]) {
  if (categories.length === 0) return;
  await db
    .insertInto('case_category')
    .values(
      categories.map((category) => ({
        jurisdiction_id: jurisdictionId,
        code: category.code,
        name: category.name,
        major_code: category.major.code,
        major_name: category.major.name,
        kind: category.kind,
        department_code: category.department,
        urgent: category.urgent,
        limits: jsonb(category.limits),
        duplicate_radius_m: category.duplicateRadiusM,
      })),
    )
    .onConflict((conflict) => conflict.columns(['jurisdiction_id', 'code']).doNothing())
    .execute();
}

export function findCategory(db: Db, jurisdictionId: number, code: string): Promise<CategoryRow | undefined> {
  return db
    .selectFrom('case_category')
    .selectAll()
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function findCategoriesByCode(
  db: Db,
  jurisdictionId: number,
  codes: readonly string[],
): Promise<Map<string, CategoryRow>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('case_category')
    .selectAll()
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('code', 'in', [...new Set(codes)])
    .execute();
  return new Map(rows.map((row) => [row.code, row]));
}

// ---- idempotency ----------------------------------------------------------------------------------

export interface IdempotencyKeyRef {
  jurisdictionId: number;
  accountId: number;
  key: string;
}

export function idempotencyKeyId(jurisdictionId: number, accountId: number, key: string): string {
  return `${jurisdictionId}:${accountId}:${key}`;
}

/** Stored keys (hash and answer), by `jurisdiction:account:key`. */
export async function findIdempotencyKeys(trx: Db, keys: readonly IdempotencyKeyRef[]) {
  const found = new Map<string, { request_hash: string; response: unknown }>();
  if (keys.length === 0) return found;
  const rows = await trx
    .selectFrom('case_idempotency')
    .select(['jurisdiction_id', 'account_id', 'key', 'request_hash', 'response'])
    .where((eb) =>
      eb.or(
        keys.map((k) =>
          eb.and([
            eb('jurisdiction_id', '=', k.jurisdictionId),
            eb('account_id', '=', k.accountId),
            eb('key', '=', k.key),
          ]),
        ),
      ),
    )
    .execute();
  for (const row of rows) found.set(idempotencyKeyId(row.jurisdiction_id, row.account_id, row.key), row);
  return found;
}

// ---- cases ------------------------------------------------------------------------------------------

export interface NewCase {
  jurisdictionId: number;
  trackingCode: string;
  categoryCode: string;
  description: string;
  lng: number;
  lat: number;
  address: string | null;
  unitId: number;
  gridId: number;
  communityId: number;
  subdistrictId: number;
  state: CaseState;
  reporterAccountId: number | null;
  anonymous: boolean;
  channel: ReportChannel;
  clocks: CaseClockData[];
  now: Date;
}

/** The columns of a new case as `intakeWrites` sends them (one JSON document for the batch). */
const NEW_CASE_COLUMNS = {
  jurisdiction_id: 'bigint',
  tracking_code: 'text',
  category_code: 'text',
  description: 'text',
  lng: 'double precision',
  lat: 'double precision',
  address: 'text',
  unit_id: 'bigint',
  grid_id: 'bigint',
  community_id: 'bigint',
  subdistrict_id: 'bigint',
  status: 'text',
  state: 'jsonb',
  reporter_account_id: 'bigint',
  anonymous: 'boolean',
  channel: 'text',
  clocks: 'jsonb',
  step: 'text',
  step_department: 'text',
  step_unit: 'text',
  step_started_at: 'timestamptz',
  step_yellow_at: 'timestamptz',
  step_deadline: 'timestamptz',
  reported_at: 'timestamptz',
  updated_at: 'timestamptz',
} as const;

function newCaseRecord(data: NewCase) {
  return {
    jurisdiction_id: data.jurisdictionId,
    tracking_code: data.trackingCode,
    category_code: data.categoryCode,
    description: data.description,
    lng: data.lng,
    lat: data.lat,
    address: data.address,
    unit_id: data.unitId,
    grid_id: data.gridId,
    community_id: data.communityId,
    subdistrict_id: data.subdistrictId,
    status: data.state.status,
    state: data.state,
    reporter_account_id: data.reporterAccountId,
    anonymous: data.anonymous,
    channel: data.channel,
    ...firstDueStep(data.clocks),
    clocks: data.clocks,
    reported_at: data.now,
    updated_at: data.now,
  };
}

/** A new case with its first timeline entry (the report), which gets the case's id. */
export interface NewCaseWithEntry extends NewCase {
  entry: Omit<NewTimelineEntry, 'caseId'>;
}

/** A report as intake writes it: its case and first entry with ids taken in advance, its key and answer. */
export interface IntakeRows extends NewCaseWithEntry {
  caseId: number;
  entryId: number;
  key: IdempotencyKeyRef;
  requestHash: string;
  /** Stored with the key, so that a retry replays it. */
  response: unknown;
}

/**
 * The intake's own writes, for `executeInOrder`: the Idempotency-Keys claimed with their answers
 * (`INSERT … ON CONFLICT DO NOTHING`, in the order given; a key another transaction is claiming waits
 * for it) — expected to claim every one, so that a key taken already makes the whole statement write
 * nothing — then the cases and their first timeline entries, with the ids given.
 */
export function intakeWrites(reports: readonly IntakeRows[]): (OrderedWrite | ExpectedWrite)[] {
  if (reports.length === 0) return [];
  const keys = reports.map((report, order) => ({
    jurisdiction_id: report.key.jurisdictionId,
    account_id: report.key.accountId,
    key: report.key.key,
    request_hash: report.requestHash,
    created_at: report.now,
    case_id: report.caseId,
    response: report.response,
    claim_order: order,
  }));
  const cases = reports.map((report) => ({ id: report.caseId, ...newCaseRecord(report) }));
  const entries = reports.map((report) => ({
    id: report.entryId,
    ...timelineRecord({ ...report.entry, caseId: report.caseId }),
  }));
  return [
    { write: insertIdempotencyKeys(keys), rows: keys.length },
    insertNewCases(cases),
    insertFirstEntries(entries),
  ];
}

/** The row a case written by `intakeWrites` has, without reading it back. */
export function intakeCaseRow(report: IntakeRows): CaseRow {
  return { id: report.caseId, ...newCaseRecord(report), rating: null, closed_at: null, version: 1 };
}

/** The first timeline entry written by `intakeWrites`, without reading it back. */
export function intakeEntryRow(report: IntakeRows): Selectable<CaseTimelineTable> {
  return { id: report.entryId, ...timelineRecord({ ...report.entry, caseId: report.caseId }) };
}

const KEY_COLUMNS = {
  jurisdiction_id: 'bigint',
  account_id: 'bigint',
  key: 'text',
  request_hash: 'text',
  created_at: 'timestamptz',
  case_id: 'bigint',
  response: 'jsonb',
} as const;

/** The keys are claimed in the order given (`claim_order`), so that concurrent batches claim in one order. */
const insertIdempotencyKeys = recordsInsert(
  'case_idempotency',
  { ...KEY_COLUMNS, claim_order: 'integer' },
  {
    into: Object.keys(KEY_COLUMNS) as (keyof typeof KEY_COLUMNS)[],
    orderBy: ['claim_order'],
    onConflict: '(jurisdiction_id, account_id, key) do nothing',
  },
);
const insertNewCases = recordsInsert(
  'case_record',
  { id: 'bigint', ...NEW_CASE_COLUMNS },
  { overridingSystemValue: true },
);

/** The clock columns: all running clocks, and the first due repeated for SQL filters. */
function clockColumns(clocks: CaseClockData[]) {
  return { clocks: jsonb(clocks), ...firstDueStep(clocks) };
}

/** The running clock due first, as the step_* columns repeat it for SQL filters and sorting. */
function firstDueStep(clocks: CaseClockData[]) {
  let first: CaseClockData | null = null;
  for (const clock of clocks) if (!first || clock.deadline < first.deadline) first = clock;
  return {
    step: first?.step ?? null,
    step_department: first?.department ?? null,
    step_unit: first?.unit ?? null,
    step_started_at: first ? new Date(first.startedAt) : null,
    step_yellow_at: first ? new Date(first.yellowAt) : null,
    step_deadline: first ? new Date(first.deadline) : null,
  };
}

export function findCase(db: Db, jurisdictionId: number, caseId: number): Promise<CaseRow | undefined> {
  return db
    .selectFrom('case_record')
    .selectAll()
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', caseId)
    .executeTakeFirst();
}

export interface CaseChange {
  state: CaseState;
  clocks: CaseClockData[];
  categoryCode: string;
  rating: Rating | null;
  point: { lng: number; lat: number };
  places: { unitId: number; gridId: number; communityId: number; subdistrictId: number };
  closedAt: Date | null;
  now: Date;
}

/**
 * Writes a move if the case is still at `version` (optimistic lock): false when another move won.
 * On PostgreSQL a concurrent writer waits for the row lock, then finds the version changed.
 */
export async function updateCaseAtVersion(
  trx: Db,
  key: { jurisdictionId: number; caseId: number; version: number },
  change: CaseChange,
): Promise<boolean> {
  const result = await trx
    .updateTable('case_record')
    .set({
      status: change.state.status,
      state: jsonb(change.state),
      ...clockColumns(change.clocks),
      category_code: change.categoryCode,
      rating: change.rating,
      lng: change.point.lng,
      lat: change.point.lat,
      unit_id: change.places.unitId,
      grid_id: change.places.gridId,
      community_id: change.places.communityId,
      subdistrict_id: change.places.subdistrictId,
      closed_at: change.closedAt,
      updated_at: change.now,
      version: key.version + 1,
    })
    .where('jurisdiction_id', '=', key.jurisdictionId)
    .where('id', '=', key.caseId)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Open cases with a running clock between its start and its deadline touching [from, to): the
 * clocks a change of the calendar in that period may move. Locked for the caller's transaction.
 */
export function findOpenCasesWithClocksIn(trx: Db, jurisdictionId: number, from: Date, to: Date) {
  return trx
    .selectFrom('case_record as c')
    .innerJoin('case_category as k', (join) =>
      join.onRef('k.jurisdiction_id', '=', 'c.jurisdiction_id').onRef('k.code', '=', 'c.category_code'),
    )
    .select(['c.id', 'c.version', 'c.clocks', 'k.limits'])
    .where('c.jurisdiction_id', '=', jurisdictionId)
    .where('c.status', 'not in', TERMINAL)
    .where(
      sql<boolean>`exists (select 1 from jsonb_array_elements(c.clocks) as clock
        where cast(clock->>'startedAt' as timestamptz) < ${to}
          and cast(clock->>'deadline' as timestamptz) >= ${from})`,
    )
    .orderBy('c.id')
    .forUpdate('c')
    .execute();
}

/** New clocks for a case (the calendar changed); the version moves on, so a move read before loses. */
export async function updateCaseClocks(
  trx: Db,
  key: { jurisdictionId: number; caseId: number; version: number },
  clocks: CaseClockData[],
): Promise<void> {
  await trx
    .updateTable('case_record')
    .set({ ...clockColumns(clocks), version: key.version + 1 })
    .where('jurisdiction_id', '=', key.jurisdictionId)
    .where('id', '=', key.caseId)
    .where('version', '=', key.version)
    .execute();
}

export interface CaseFilter {
  statuses?: CaseStatus[] | undefined;
  open?: boolean | undefined;
  categoryCode?: string | undefined;
  light?: TrafficLight | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  placeId?: number | undefined;
  /** Only cases this account reported. */
  reporterAccountId?: number | undefined;
}

/** Statuses that end a case: not open. */
export const TERMINAL: readonly CaseStatus[] = ['rejected', 'merged', 'closed'];

/** A page of the cases the viewer sees, due first; lights are judged at `now` from the stored thresholds. */
export async function findCasePage(
  db: Db,
  options: {
    viewer: Viewer;
    filter: CaseFilter;
    now: Date;
    limit: number;
    offset: number;
    /** `due` (default): the running deadline first; `newest`: the latest report first. */
    sort?: 'due' | 'newest';
  },
): Promise<{ total: number; rows: CaseListRow[] }> {
  const { viewer, filter, now } = options;
  let query = db
    .selectFrom('case_record as c')
    .where('c.jurisdiction_id', '=', viewer.jurisdictionId)
    .where(caseVisibleTo(viewer, 'c'));
  if (filter.statuses?.length) query = query.where('c.status', 'in', filter.statuses);
  if (filter.open === true) query = query.where('c.status', 'not in', TERMINAL);
  if (filter.open === false) query = query.where('c.status', 'in', TERMINAL);
  if (filter.categoryCode) query = query.where('c.category_code', '=', filter.categoryCode);
  if (filter.from) query = query.where('c.reported_at', '>=', filter.from);
  if (filter.to) query = query.where('c.reported_at', '<', filter.to);
  if (filter.reporterAccountId !== undefined)
    query = query.where('c.reporter_account_id', '=', filter.reporterAccountId);
  if (filter.placeId !== undefined) {
    const placeId = filter.placeId;
    query = query.where((eb) =>
      eb.or([
        eb('c.unit_id', '=', placeId),
        eb('c.grid_id', '=', placeId),
        eb('c.community_id', '=', placeId),
        eb('c.subdistrict_id', '=', placeId),
      ]),
    );
  }
  if (filter.light) query = query.where(stepLightIs(filter.light, now));
  const [count, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query
      .innerJoin('case_category as k', (join) =>
        join.onRef('k.jurisdiction_id', '=', 'c.jurisdiction_id').onRef('k.code', '=', 'c.category_code'),
      )
      .innerJoin('territory_place as g', (join) =>
        join.onRef('g.jurisdiction_id', '=', 'c.jurisdiction_id').onRef('g.id', '=', 'c.grid_id'),
      )
      .innerJoin('territory_place as m', (join) =>
        join.onRef('m.jurisdiction_id', '=', 'c.jurisdiction_id').onRef('m.id', '=', 'c.community_id'),
      )
      .selectAll('c')
      .select([
        'k.name as category_name',
        'k.major_name as category_major_name',
        'k.urgent as category_urgent',
        'g.code as grid_code',
        'g.name as grid_name',
        'm.code as community_code',
        'm.name as community_name',
      ])
      .$if(options.sort === 'newest', (q) => q.orderBy('c.reported_at', 'desc'))
      .$if(options.sort !== 'newest', (q) => q.orderBy(sql`c.step_deadline asc nulls last`))
      .orderBy('c.id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
  ]);
  return { total: Number(count.total), rows };
}

/**
 * The running step's light at `now`, from the stored thresholds (`step_yellow_at`, `step_deadline`),
 * as a condition on `case_record` aliased `alias`: lists filter with it and the map colours with
 * `stepLightSql`, so both agree with the light presented on read.
 */
export function stepLightIs(light: TrafficLight, now: Date, alias = 'c'): Expression<SqlBool> {
  const deadline = sql.ref(`${alias}.step_deadline`);
  const yellowAt = sql.ref(`${alias}.step_yellow_at`);
  switch (light) {
    case 'red':
      return sql<SqlBool>`${deadline} < ${now}`;
    case 'yellow':
      return sql<SqlBool>`(${yellowAt} <= ${now} and ${deadline} >= ${now})`;
    case 'green':
      return sql<SqlBool>`${yellowAt} > ${now}`;
    default: {
      const unknown: never = light;
      throw new RangeError(`unknown light ${String(unknown)}`);
    }
  }
}

/** The running step's light at `now` (null: no clock runs), the value twin of `stepLightIs`. */
export function stepLightSql(now: Date, alias = 'c'): RawBuilder<TrafficLight | null> {
  return sql<TrafficLight | null>`case when ${stepLightIs('red', now, alias)} then 'red'
    when ${stepLightIs('yellow', now, alias)} then 'yellow'
    when ${stepLightIs('green', now, alias)} then 'green' end`;
}

export type CaseListRow = CaseRow & {
  category_name: string;
  category_major_name: string;
  category_urgent: boolean;
  grid_code: string;
  grid_name: string;
  community_code: string;
  community_name: string;
};

// ---- timeline -----------------------------------------------------------------------------------------

export interface NewTimelineEntry {
  jurisdictionId: number;
  caseId: number;
  at: Date;
  actorAccountId: number | null;
  actorName: string | null;
  actorRole: string;
  event: string;
  departmentCode: string | null;
  from: CaseStatus | null;
  to: CaseStatus;
  note: string | null;
  photoIds: string[];
  effects: unknown[];
}

export async function insertTimelineEntry(trx: Db, entry: NewTimelineEntry): Promise<void> {
  await insertTimelineEntries(trx, [entry]);
}

const TIMELINE_COLUMNS = {
  jurisdiction_id: 'bigint',
  case_id: 'bigint',
  at: 'timestamptz',
  actor_account_id: 'bigint',
  actor_name: 'text',
  actor_role: 'text',
  event: 'text',
  department_code: 'text',
  from_status: 'text',
  to_status: 'text',
  note: 'text',
  photo_ids: 'text[]',
  effects: 'jsonb',
} as const;

const insertFirstEntries = recordsInsert(
  'case_timeline',
  { id: 'bigint', ...TIMELINE_COLUMNS },
  { overridingSystemValue: true },
);

function timelineRecord(entry: NewTimelineEntry) {
  return {
    jurisdiction_id: entry.jurisdictionId,
    case_id: entry.caseId,
    at: entry.at,
    actor_account_id: entry.actorAccountId,
    actor_name: entry.actorName,
    actor_role: entry.actorRole,
    event: entry.event,
    department_code: entry.departmentCode,
    from_status: entry.from,
    to_status: entry.to,
    note: entry.note,
    photo_ids: entry.photoIds,
    effects: entry.effects,
  };
}

/** Many timeline entries in one statement, returned in the order given. */
export async function insertTimelineEntries(
  trx: Db,
  entries: readonly NewTimelineEntry[],
): Promise<Selectable<CaseTimelineTable>[]> {
  if (entries.length === 0) return [];
  const records = entries.map(timelineRecord);
  const columns = Object.keys(TIMELINE_COLUMNS) as (keyof typeof TIMELINE_COLUMNS)[];
  // The identity column numbers the rows in the order selected: sorting by id gives the order given.
  const rows = await trx
    .insertInto('case_timeline')
    .columns(columns)
    .expression(trx.selectFrom(jsonRecords(records, TIMELINE_COLUMNS, 'r')).select(columns))
    .returningAll()
    .execute();
  return rows.sort((x, y) => x.id - y.id);
}

export function findTimeline(db: Db, jurisdictionId: number, caseId: number): Promise<TimelineRow[]> {
  return db
    .selectFrom('case_timeline as t')
    .leftJoin('account as a', (join) =>
      join.onRef('a.jurisdiction_id', '=', 't.jurisdiction_id').onRef('a.id', '=', 't.actor_account_id'),
    )
    .selectAll('t')
    .select('a.display_name as actor_display_name')
    .where('t.jurisdiction_id', '=', jurisdictionId)
    .where('t.case_id', '=', caseId)
    .orderBy('t.id')
    .execute();
}

// ---- department tasks ------------------------------------------------------------------------------------

export function findTasks(db: Db, jurisdictionId: number, caseId: number): Promise<TaskRow[]> {
  return db
    .selectFrom('case_department_task as t')
    .innerJoin('department as d', (join) =>
      join.onRef('d.jurisdiction_id', '=', 't.jurisdiction_id').onRef('d.id', '=', 't.department_id'),
    )
    .selectAll('t')
    .select(['d.code as department_code', 'd.name as department_name'])
    .where('t.jurisdiction_id', '=', jurisdictionId)
    .where('t.case_id', '=', caseId)
    .orderBy('t.id')
    .execute();
}

export async function insertTasks(
  trx: Db,
  tasks: { jurisdictionId: number; caseId: number; departmentIds: number[]; now: Date },
): Promise<void> {
  if (tasks.departmentIds.length === 0) return;
  await trx
    .insertInto('case_department_task')
    .values(
      tasks.departmentIds.map((departmentId) => ({
        jurisdiction_id: tasks.jurisdictionId,
        case_id: tasks.caseId,
        department_id: departmentId,
        status: 'dispatched' as const,
        dispatched_at: tasks.now,
      })),
    )
    .execute();
}

export async function updateTask(
  trx: Db,
  taskId: { jurisdictionId: number; id: number },
  change: {
    status: DepartmentTaskRowStatus;
    acknowledgedAt?: Date;
    reportedBackAt?: Date;
    closedAt?: Date;
  },
): Promise<void> {
  await trx
    .updateTable('case_department_task')
    .set({
      status: change.status,
      ...(change.acknowledgedAt ? { acknowledged_at: change.acknowledgedAt } : {}),
      ...(change.reportedBackAt ? { reported_back_at: change.reportedBackAt } : {}),
      ...(change.closedAt ? { closed_at: change.closedAt } : {}),
    })
    .where('jurisdiction_id', '=', taskId.jurisdictionId)
    .where('id', '=', taskId.id)
    .execute();
}

// ---- departments and places (owned by access and territory; read here) ------------------------------------

export function findDepartmentsByCode(db: Db, jurisdictionId: number, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('department')
    .select(['id', 'code', 'name'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('code', 'in', codes)
    .execute();
}

export function findDepartmentById(db: Db, jurisdictionId: number, id: number) {
  return db
    .selectFrom('department')
    .select(['id', 'code', 'name'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findPlaces(db: Db, jurisdictionId: number, ids: readonly number[]) {
  return db
    .selectFrom('territory_place')
    .select(['id', 'level', 'code', 'name', 'grid_id', 'community_id', 'subdistrict_id', 'valid_to'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', 'in', ids.length > 0 ? [...ids] : [-1])
    .execute();
}

export function findAccountName(db: Db, jurisdictionId: number, accountId: number) {
  return db
    .selectFrom('account')
    .select('display_name')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', accountId)
    .executeTakeFirst();
}

// ---- photos ----------------------------------------------------------------------------------------------------

export async function insertPhoto(db: Db, photo: PhotoRow): Promise<void> {
  await db.insertInto('case_photo').values(photo).execute();
}

export function findPhoto(db: Db, jurisdictionId: number, id: string): Promise<PhotoRow | undefined> {
  return db
    .selectFrom('case_photo')
    .selectAll()
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Of these photos, those not attached to any case yet, with who uploaded them: why an intake batch's
 * photos could not all be attached (`photoAttachmentWrites` expects every one).
 */
export async function findUnattachedPhotos(db: Db, jurisdictionId: number, photoIds: readonly string[]) {
  if (photoIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('case_photo')
    .select(['id', 'uploaded_by'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', 'in', [...photoIds])
    .where('case_id', 'is', null)
    .execute();
  return new Map(rows.map((row) => [row.id, row.uploaded_by]));
}

/**
 * Attaches photos to a case: only photos the account uploaded and nothing has used yet. Returns the
 * ids that could not be attached (none when all is well).
 */
export async function attachPhotos(
  trx: Db,
  options: { jurisdictionId: number; caseId: number; accountId: number; photoIds: readonly string[] },
): Promise<string[]> {
  if (options.photoIds.length === 0) return [];
  const attached = await trx
    .updateTable('case_photo')
    .set({ case_id: options.caseId })
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('id', 'in', [...options.photoIds])
    .where('uploaded_by', '=', options.accountId)
    .where('case_id', 'is', null)
    .returning('id')
    .execute();
  const done = new Set(attached.map((row) => row.id));
  return options.photoIds.filter((id) => !done.has(id));
}

/**
 * The intake's photos attached to their new cases, for `executeInOrder`: only photos their reporter
 * uploaded and nothing has used yet — expected to attach every one, so that a photo not usable
 * makes the whole statement write nothing (`findUnattachedPhotos` then tells which).
 */
export function photoAttachmentWrites(
  db: Db,
  attachments: readonly {
    jurisdictionId: number;
    caseId: number;
    accountId: number;
    photoIds: readonly string[];
  }[],
): ExpectedWrite[] {
  const rows = attachments.flatMap((a) =>
    a.photoIds.map((id) => ({
      jurisdiction_id: a.jurisdictionId,
      id,
      case_id: a.caseId,
      uploaded_by: a.accountId,
    })),
  );
  if (rows.length === 0) return [];
  return [
    {
      write: (after) =>
        db
          .updateTable('case_photo as p')
          .from(jsonRecords(rows, PHOTO_ATTACHMENT_COLUMNS, 'v'))
          .set((eb) => ({ case_id: eb.ref('v.case_id') }))
          .whereRef('p.jurisdiction_id', '=', 'v.jurisdiction_id')
          .whereRef('p.id', '=', 'v.id')
          .whereRef('p.uploaded_by', '=', 'v.uploaded_by')
          .where('p.case_id', 'is', null)
          .where(after),
      rows: rows.length,
    },
  ];
}

const PHOTO_ATTACHMENT_COLUMNS = {
  jurisdiction_id: 'bigint',
  id: 'text',
  case_id: 'bigint',
  uploaded_by: 'bigint',
} as const;

export async function findCasePhotoIds(db: Db, jurisdictionId: number, caseId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('case_photo')
    .select('id')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('case_id', '=', caseId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}
