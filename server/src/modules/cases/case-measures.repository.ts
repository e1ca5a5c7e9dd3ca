import { type RawBuilder, type Selectable, sql } from 'kysely';
import { type RecordColumns, type RecordColumnType, recordsInsert } from '../../db/json-records.ts';
import { executeInOrder, type OrderedWrite } from '../../db/ordered-writes.ts';
import type { Rating } from './case.lifecycle.ts';
import {
  type CaseMeasureFacts,
  DEPARTMENT_COUNTERS,
  type DepartmentCounter,
  type DepartmentFacts,
  MEASURE_STEPS,
  type MeasureDeltas,
  type MeasuredCase,
  type MeasuredEntry,
  PLACE_COUNTERS,
  type PlaceCounter,
  type PlaceKey,
} from './case.measures.ts';
import type { CaseRecordTable, CaseTimelineTable, Db } from './case.table.ts';

/**
 * Queries of the measures: the per-case facts, the roll-ups (changed by deltas, in key order) and
 * the sums over either — the roll-ups (what the API reads) or the facts themselves (the direct
 * GROUP BY over every case of the period: the reference the tests compare with, and the bench's
 * baseline).
 */

export interface CaseKey {
  jurisdictionId: number;
  caseId: number;
}

// ---- what the facts are derived from --------------------------------------------------------------

export async function findMeasuredCases(db: Db, jurisdictionId: number, caseIds: readonly number[]) {
  if (caseIds.length === 0) return [];
  const rows = await db
    .selectFrom('case_record')
    .select([
      'jurisdiction_id',
      'id',
      'reported_at',
      'status',
      'rating',
      'subdistrict_id',
      'community_id',
      'grid_id',
      'category_code',
    ])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', 'in', [...caseIds])
    .orderBy('id')
    .execute();
  return rows.map(measuredCaseOf);
}

/** What the measures take of a case row. */
export function measuredCaseOf(
  row: Pick<
    Selectable<CaseRecordTable>,
    | 'jurisdiction_id'
    | 'id'
    | 'reported_at'
    | 'status'
    | 'rating'
    | 'subdistrict_id'
    | 'community_id'
    | 'grid_id'
    | 'category_code'
  >,
): MeasuredCase {
  return {
    jurisdictionId: row.jurisdiction_id,
    id: row.id,
    reportedAt: row.reported_at,
    status: row.status,
    rating: row.rating,
    subdistrictId: row.subdistrict_id,
    communityId: row.community_id,
    gridId: row.grid_id,
    categoryCode: row.category_code,
  };
}

/** What the measures take of a timeline row. */
export function measuredEntryOf(
  row: Pick<Selectable<CaseTimelineTable>, 'at' | 'event' | 'department_code' | 'to_status' | 'effects'>,
): MeasuredEntry {
  return {
    at: row.at,
    event: row.event,
    departmentCode: row.department_code,
    toStatus: row.to_status,
    effects: Array.isArray(row.effects) ? row.effects : [],
  };
}

/** The cases of a jurisdiction after `afterId`, a page at a time (for the rebuild). */
export async function findMeasuredCasePage(db: Db, jurisdictionId: number, afterId: number, limit: number) {
  const ids = await db
    .selectFrom('case_record')
    .select('id')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return findMeasuredCases(
    db,
    jurisdictionId,
    ids.map((row) => row.id),
  );
}

/** The timelines of some cases, each in the order written. */
export async function findMeasuredTimelines(
  db: Db,
  jurisdictionId: number,
  caseIds: readonly number[],
): Promise<Map<number, MeasuredEntry[]>> {
  const timelines = new Map<number, MeasuredEntry[]>(caseIds.map((id) => [id, []]));
  if (caseIds.length === 0) return timelines;
  const rows = await db
    .selectFrom('case_timeline')
    .select(['case_id', 'at', 'event', 'department_code', 'to_status', 'effects'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('case_id', 'in', [...caseIds])
    .orderBy('case_id')
    .orderBy('id')
    .execute();
  for (const row of rows) timelines.get(row.case_id)?.push(measuredEntryOf(row));
  return timelines;
}

export function findCategoryLimits(db: Db, jurisdictionId: number, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('case_category')
    .select(['code', 'limits'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('code', 'in', [...codes])
    .execute();
}

export function findDepartmentIds(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('department')
    .select(['id', 'code'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .execute();
}

// ---- facts --------------------------------------------------------------------------------------------

const STEP_COLUMNS = MEASURE_STEPS.flatMap((step) => [`${step}_seconds`, `${step}_runs`] as const);

/**
 * The stored facts of some cases, their rows locked (FOR UPDATE) in case order, so that a rebuild
 * in progress is waited for and two writers of one case never interleave.
 */
export async function lockCaseFacts(
  trx: Db,
  jurisdictionId: number,
  caseIds: readonly number[],
): Promise<Map<number, CaseMeasureFacts>> {
  const facts = new Map<number, CaseMeasureFacts>();
  if (caseIds.length === 0) return facts;
  const rows = await trx
    .selectFrom('case_measure_fact')
    .selectAll()
    .select(sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'))
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('case_id', 'in', [...caseIds])
    .orderBy('case_id')
    .forUpdate()
    .execute();
  const departments = await trx
    .selectFrom('case_measure_department_fact')
    .selectAll()
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('case_id', 'in', [...caseIds])
    .orderBy('case_id')
    .orderBy('department_id')
    .execute();
  for (const row of rows) {
    facts.set(row.case_id, {
      jurisdictionId: row.jurisdiction_id,
      caseId: row.case_id,
      day: row.day,
      subdistrictId: row.subdistrict_id,
      communityId: row.community_id,
      gridId: row.grid_id,
      outcome: row.outcome,
      acceptedOnTime: row.accepted_on_time,
      escalated: row.escalated,
      dispatched: row.dispatched,
      resolvedOnTime: row.resolved_on_time,
      resolved: row.resolved,
      closed: row.closed,
      closedAtGrid: row.closed_at_grid,
      rating: row.rating as Rating | null,
      reopened: row.reopened,
      steps: Object.fromEntries(STEP_COLUMNS.map((c) => [c, Number(row[c])])) as CaseMeasureFacts['steps'],
      departments: [],
    });
  }
  for (const row of departments) {
    facts.get(row.case_id)?.departments.push({
      departmentId: row.department_id,
      tasks: row.tasks,
      acknowledged: row.acknowledged,
      acknowledgedOnTime: row.acknowledged_on_time,
      declined: row.declined,
      reportedBack: row.reported_back,
      reportedBackOnTime: row.reported_back_on_time,
      acknowledgeSeconds: Number(row.acknowledge_seconds),
      acknowledgeRuns: row.acknowledge_runs,
      departmentHandleSeconds: Number(row.department_handle_seconds),
      departmentHandleRuns: row.department_handle_runs,
    });
  }
  return facts;
}

const factRow = (f: CaseMeasureFacts) => ({
  jurisdiction_id: f.jurisdictionId,
  case_id: f.caseId,
  day: f.day,
  subdistrict_id: f.subdistrictId,
  community_id: f.communityId,
  grid_id: f.gridId,
  outcome: f.outcome,
  accepted_on_time: f.acceptedOnTime,
  escalated: f.escalated,
  dispatched: f.dispatched,
  resolved_on_time: f.resolvedOnTime,
  resolved: f.resolved,
  closed: f.closed,
  closed_at_grid: f.closedAtGrid,
  rating: f.rating,
  reopened: f.reopened,
  ...f.steps,
});

const departmentFactRow = (f: CaseMeasureFacts, d: DepartmentFacts) => ({
  jurisdiction_id: f.jurisdictionId,
  case_id: f.caseId,
  department_id: d.departmentId,
  tasks: d.tasks,
  acknowledged: d.acknowledged,
  acknowledged_on_time: d.acknowledgedOnTime,
  declined: d.declined,
  reported_back: d.reportedBack,
  reported_back_on_time: d.reportedBackOnTime,
  acknowledge_seconds: d.acknowledgeSeconds,
  acknowledge_runs: d.acknowledgeRuns,
  department_handle_seconds: d.departmentHandleSeconds,
  department_handle_runs: d.departmentHandleRuns,
});

/** The columns of a department fact row as `saveCaseFacts` sends them. */
const DEPARTMENT_FACT_COLUMNS: {
  readonly [K in keyof ReturnType<typeof departmentFactRow>]-?: RecordColumnType;
} = {
  jurisdiction_id: 'bigint',
  case_id: 'bigint',
  department_id: 'bigint',
  tasks: 'integer',
  acknowledged: 'integer',
  acknowledged_on_time: 'integer',
  declined: 'integer',
  reported_back: 'integer',
  reported_back_on_time: 'integer',
  acknowledge_seconds: 'bigint',
  acknowledge_runs: 'integer',
  department_handle_seconds: 'bigint',
  department_handle_runs: 'integer',
};

/** The columns of a fact row as `saveCaseFacts` sends them (one JSON document for the batch). */
const FACT_COLUMNS: { readonly [K in keyof ReturnType<typeof factRow>]-?: RecordColumnType } = {
  jurisdiction_id: 'bigint',
  case_id: 'bigint',
  day: 'date',
  subdistrict_id: 'bigint',
  community_id: 'bigint',
  grid_id: 'bigint',
  outcome: 'text',
  accepted_on_time: 'boolean',
  escalated: 'boolean',
  dispatched: 'boolean',
  resolved_on_time: 'boolean',
  resolved: 'boolean',
  closed: 'boolean',
  closed_at_grid: 'boolean',
  rating: 'text',
  reopened: 'boolean',
  ...(Object.fromEntries(STEP_COLUMNS.map((c) => [c, c.endsWith('_seconds') ? 'bigint' : 'integer'])) as {
    [K in (typeof STEP_COLUMNS)[number]]: RecordColumnType;
  }),
};

/** At most this many rows per INSERT (PostgreSQL takes 65,535 parameters per statement). */
const ROWS_PER_INSERT = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Replaces the stored facts of these cases (in case order); `fresh`: cases that have none yet. */
export async function saveCaseFacts(
  trx: Db,
  facts: readonly CaseMeasureFacts[],
  options: { fresh?: boolean } = {},
): Promise<void> {
  if (facts.length === 0) return;
  if (options.fresh) {
    await executeInOrder(trx, newCaseFactWrites(facts));
    return;
  }
  const sorted = inCaseOrder(facts);
  await executeInOrder(trx, [replaceFacts(sorted.map(factRow))]);
  // The department facts go and come back in statements of their own: one statement cannot insert a
  // row whose key it also deletes.
  const jurisdictions = [...new Set(sorted.map((f) => f.jurisdictionId))];
  for (const jurisdictionId of jurisdictions) {
    const caseIds = sorted.filter((f) => f.jurisdictionId === jurisdictionId).map((f) => f.caseId);
    for (const part of chunks(caseIds, ROWS_PER_INSERT)) {
      await trx
        .deleteFrom('case_measure_department_fact')
        .where('jurisdiction_id', '=', jurisdictionId)
        .where('case_id', 'in', part)
        .execute();
    }
  }
  await executeInOrder(trx, departmentFactWrites(sorted));
}

/**
 * The writes of `saveCaseFacts` for cases that have no facts yet (just reported), to run with others
 * in one statement (`executeInOrder`).
 */
export function newCaseFactWrites(facts: readonly CaseMeasureFacts[]): OrderedWrite[] {
  if (facts.length === 0) return [];
  const sorted = inCaseOrder(facts);
  return [insertFacts(sorted.map(factRow)), ...departmentFactWrites(sorted)];
}

function inCaseOrder(facts: readonly CaseMeasureFacts[]): CaseMeasureFacts[] {
  return [...facts].sort((a, b) => a.jurisdictionId - b.jurisdictionId || a.caseId - b.caseId);
}

const insertFacts = recordsInsert('case_measure_fact', FACT_COLUMNS);

/** Facts stored again: each case's row replaced by the one given. */
const replaceFacts = recordsInsert('case_measure_fact', FACT_COLUMNS, {
  onConflict: `(jurisdiction_id, case_id) do update set ${Object.keys(FACT_COLUMNS)
    .filter((c) => c !== 'jurisdiction_id' && c !== 'case_id')
    .map((c) => `"${c}" = excluded."${c}"`)
    .join(', ')}`,
});

const insertDepartmentFacts = recordsInsert('case_measure_department_fact', DEPARTMENT_FACT_COLUMNS);

function departmentFactWrites(sorted: readonly CaseMeasureFacts[]): OrderedWrite[] {
  const rows = sorted.flatMap((f) => f.departments.map((d) => departmentFactRow(f, d)));
  return rows.length === 0 ? [] : [insertDepartmentFacts(rows)];
}

// ---- roll-ups -------------------------------------------------------------------------------------------

/**
 * Adds deltas to a roll-up's rows: `INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n`, the rows
 * in primary-key order whatever the JSON's order, so that concurrent writers take the row locks in
 * one order and cannot deadlock.
 */
function rollupInsert<Key extends string, Counter extends string>(
  table: 'case_measure_grid_day' | 'case_measure_community_day' | 'case_measure_department_day',
  keyColumns: readonly Key[],
  counters: readonly Counter[],
) {
  const columns = Object.fromEntries(
    [...keyColumns, ...counters].map((c): [string, RecordColumnType] => [c, c === 'day' ? 'date' : 'bigint']),
  ) as RecordColumns<Record<Key | Counter, number | string>>;
  return recordsInsert(table, columns, {
    orderBy: keyColumns,
    onConflict: `(${keyColumns.map((c) => `"${c}"`).join(', ')}) do update set ${counters
      .map((c) => `"${c}" = t."${c}" + excluded."${c}"`)
      .join(', ')}`,
  });
}

const PLACE_KEY_COLUMNS = ['jurisdiction_id', 'day', 'subdistrict_id', 'community_id', 'grid_id'] as const;
const COMMUNITY_KEY_COLUMNS = ['jurisdiction_id', 'day', 'subdistrict_id', 'community_id'] as const;
const DEPARTMENT_KEY_COLUMNS = [
  'jurisdiction_id',
  'day',
  'department_id',
  'subdistrict_id',
  'community_id',
  'grid_id',
] as const;

const placeKeyRow = (k: PlaceKey) => ({
  jurisdiction_id: k.jurisdictionId,
  day: k.day,
  subdistrict_id: k.subdistrictId,
  community_id: k.communityId,
  grid_id: k.gridId,
});

/** Adds measure deltas to every roll-up: grid, community and department, in that order. */
export async function addToRollups(
  trx: Db,
  deltas: Pick<MeasureDeltas, 'places' | 'communities' | 'departments'>,
): Promise<void> {
  await executeInOrder(trx, rollupWrites(deltas));
}

const addToGridDays = rollupInsert('case_measure_grid_day', PLACE_KEY_COLUMNS, PLACE_COUNTERS);
const addToCommunityDays = rollupInsert('case_measure_community_day', COMMUNITY_KEY_COLUMNS, PLACE_COUNTERS);
const addToDepartmentDays = rollupInsert(
  'case_measure_department_day',
  DEPARTMENT_KEY_COLUMNS,
  DEPARTMENT_COUNTERS,
);

/** The writes of `addToRollups` (grid, community, department), to run with others in one statement. */
export function rollupWrites(
  deltas: Pick<MeasureDeltas, 'places' | 'communities' | 'departments'>,
): OrderedWrite[] {
  const writes: OrderedWrite[] = [];
  if (deltas.places.length > 0) {
    writes.push(addToGridDays(deltas.places.map((d) => ({ ...placeKeyRow(d.key), ...d.counters }))));
  }
  if (deltas.communities.length > 0) {
    writes.push(
      addToCommunityDays(
        deltas.communities.map((d) => ({
          jurisdiction_id: d.key.jurisdictionId,
          day: d.key.day,
          subdistrict_id: d.key.subdistrictId,
          community_id: d.key.communityId,
          ...d.counters,
        })),
      ),
    );
  }
  if (deltas.departments.length > 0) {
    writes.push(
      addToDepartmentDays(
        deltas.departments.map((d) => ({
          ...placeKeyRow(d.key),
          department_id: d.key.departmentId,
          ...d.counters,
        })),
      ),
    );
  }
  return writes;
}

/** Locks the measure tables against every writer until the transaction ends (for the rebuild). */
export async function lockMeasureTables(trx: Db): Promise<void> {
  await sql`lock table case_measure_fact, case_measure_department_fact, case_measure_grid_day, case_measure_community_day, case_measure_department_day in exclusive mode`.execute(
    trx,
  );
}

export async function deleteMeasures(trx: Db, jurisdictionId: number): Promise<void> {
  for (const table of [
    'case_measure_department_fact',
    'case_measure_fact',
    'case_measure_grid_day',
    'case_measure_community_day',
    'case_measure_department_day',
  ] as const) {
    await trx.deleteFrom(table).where('jurisdiction_id', '=', jurisdictionId).execute();
  }
}

// ---- sums: the same counters over the roll-ups or over the facts of every case ------------------------

const counted = sql`f.outcome = 'counted'`;
const countIf = (condition: RawBuilder<unknown>) => sql`count(*) filter (where ${condition})`;
const sumIf = (column: string, condition: RawBuilder<unknown> = counted) =>
  sql`coalesce(sum(${sql.ref(column)}) filter (where ${condition}), 0)`;

/** Each place counter as an aggregate over `case_measure_fact f`. */
const PLACE_COUNTER_OVER_FACTS: Record<PlaceCounter, RawBuilder<unknown>> = {
  reported: sql`count(*)`,
  rejected: countIf(sql`f.outcome = 'rejected'`),
  merged: countIf(sql`f.outcome = 'merged'`),
  cases: countIf(counted),
  accepted_on_time: countIf(sql`${counted} and f.accepted_on_time`),
  escalated: countIf(sql`${counted} and f.escalated`),
  dispatched: countIf(sql`${counted} and f.dispatched`),
  resolved_on_time: countIf(sql`${counted} and f.resolved_on_time`),
  resolved: countIf(sql`${counted} and f.resolved`),
  closed: countIf(sql`${counted} and f.closed`),
  closed_at_grid: countIf(sql`${counted} and f.closed_at_grid`),
  rated: countIf(sql`${counted} and f.rating is not null`),
  satisfied: countIf(sql`${counted} and f.rating = 'satisfied'`),
  basically_satisfied: countIf(sql`${counted} and f.rating = 'basically_satisfied'`),
  dissatisfied: countIf(sql`${counted} and f.rating = 'dissatisfied'`),
  reopened: countIf(sql`${counted} and f.reopened`),
  ...(Object.fromEntries(STEP_COLUMNS.map((c) => [c, sumIf(`f.${c}`)])) as Record<
    (typeof STEP_COLUMNS)[number],
    RawBuilder<unknown>
  >),
};

/** Each department counter as an aggregate over `case_measure_department_fact d join case_measure_fact f`. */
const DEPARTMENT_COUNTER_OVER_FACTS: Record<DepartmentCounter, RawBuilder<unknown>> = {
  cases: countIf(counted),
  tasks: sumIf('d.tasks'),
  acknowledged: sumIf('d.acknowledged'),
  acknowledged_on_time: sumIf('d.acknowledged_on_time'),
  declined: sumIf('d.declined'),
  reported_back: sumIf('d.reported_back'),
  reported_back_on_time: sumIf('d.reported_back_on_time'),
  resolved: countIf(sql`${counted} and f.resolved`),
  rated: countIf(sql`${counted} and f.rating is not null`),
  satisfied: countIf(sql`${counted} and f.rating = 'satisfied'`),
  basically_satisfied: countIf(sql`${counted} and f.rating = 'basically_satisfied'`),
  dissatisfied: countIf(sql`${counted} and f.rating = 'dissatisfied'`),
  acknowledge_seconds: sumIf('d.acknowledge_seconds'),
  acknowledge_runs: sumIf('d.acknowledge_runs'),
  department_handle_seconds: sumIf('d.department_handle_seconds'),
  department_handle_runs: sumIf('d.department_handle_runs'),
};

/** Fills the roll-ups of a jurisdiction from its facts (the rebuild's last step). */
export async function rollUpFacts(trx: Db, jurisdictionId: number): Promise<void> {
  const placeKeys = PLACE_KEY_COLUMNS.map((c) => sql.ref(`f.${c}`));
  await sql`
    insert into case_measure_grid_day (${sql.join([...PLACE_KEY_COLUMNS, ...PLACE_COUNTERS].map((c) => sql.id(c)))})
    select ${sql.join(placeKeys)}, ${sql.join(PLACE_COUNTERS.map((c) => PLACE_COUNTER_OVER_FACTS[c]))}
    from case_measure_fact f
    where f.jurisdiction_id = ${jurisdictionId}
    group by ${sql.join(placeKeys)}
  `.execute(trx);
  const communityKeys = COMMUNITY_KEY_COLUMNS.map((c) => sql.ref(`g.${c}`));
  await sql`
    insert into case_measure_community_day (${sql.join([...COMMUNITY_KEY_COLUMNS, ...PLACE_COUNTERS].map((c) => sql.id(c)))})
    select ${sql.join(communityKeys)}, ${sql.join(PLACE_COUNTERS.map((c) => sql`sum(${sql.ref(`g.${c}`)})`))}
    from case_measure_grid_day g
    where g.jurisdiction_id = ${jurisdictionId}
    group by ${sql.join(communityKeys)}
  `.execute(trx);
  const departmentKeys = DEPARTMENT_KEY_COLUMNS.map((c) =>
    c === 'department_id' ? sql.ref('d.department_id') : sql.ref(`f.${c}`),
  );
  await sql`
    insert into case_measure_department_day (${sql.join(
      [...DEPARTMENT_KEY_COLUMNS, ...DEPARTMENT_COUNTERS].map((c) => sql.id(c)),
    )})
    select ${sql.join(departmentKeys)}, ${sql.join(DEPARTMENT_COUNTERS.map((c) => DEPARTMENT_COUNTER_OVER_FACTS[c]))}
    from case_measure_department_fact d
    join case_measure_fact f on f.jurisdiction_id = d.jurisdiction_id and f.case_id = d.case_id
    where d.jurisdiction_id = ${jurisdictionId}
    group by ${sql.join(departmentKeys)}
    having ${DEPARTMENT_COUNTER_OVER_FACTS.cases} > 0
  `.execute(trx);
}

/** What to add up: which rows, grouped by what, from which source. */
export interface MeasureSumQuery {
  jurisdictionId: number;
  /** The group: a place column, or none for one row (the city). */
  groupBy: 'subdistrict_id' | 'community_id' | 'grid_id' | null;
  /** Inclusive Asia/Shanghai days. */
  from: string;
  to: string;
  /** Only cases in this place (its level's column). */
  within?: { column: 'subdistrict_id' | 'community_id' | 'grid_id'; id: number } | undefined;
  /** `rollup`: the maintained figures; `direct`: GROUP BY over the facts of every case. */
  source: 'rollup' | 'direct';
  /** Only these counters (the rest come back 0); default: all. */
  counters?: readonly PlaceCounter[] | undefined;
}

type Sums<C extends string> = Map<number, Record<C, number>>;

function toCounters<C extends string>(row: Record<string, unknown>, names: readonly C[]): Record<C, number> {
  return Object.fromEntries(names.map((name) => [name, Number(row[name] ?? 0)])) as Record<C, number>;
}

/** The place counters per group (key 0 for the one row when not grouped). */
export async function sumPlaceMeasures(db: Db, query: MeasureSumQuery): Promise<Sums<PlaceCounter>> {
  const alias = query.source === 'rollup' ? 'r' : 'f';
  const group = query.groupBy ? sql.ref(`${alias}.${query.groupBy}`) : sql`0`;
  const within = query.within
    ? sql`and ${sql.ref(`${alias}.${query.within.column}`)} = ${query.within.id}`
    : sql``;
  const counters = query.counters ?? PLACE_COUNTERS;
  const aggregates =
    query.source === 'rollup'
      ? counters.map((c) => sql`coalesce(sum(${sql.ref(`r.${c}`)}), 0) as ${sql.id(c)}`)
      : counters.map((c) => sql`${PLACE_COUNTER_OVER_FACTS[c]} as ${sql.id(c)}`);
  // Grids need the grid roll-up; anything coarser reads the community roll-up, a twelfth the size.
  const byGrid = query.groupBy === 'grid_id' || query.within?.column === 'grid_id';
  const from =
    query.source === 'direct'
      ? sql`case_measure_fact f`
      : byGrid
        ? sql`case_measure_grid_day r`
        : sql`case_measure_community_day r`;
  const { rows } = await sql<Record<string, unknown>>`
    select ${group} as group_id, ${sql.join(aggregates)}
    from ${from}
    where ${sql.ref(`${alias}.jurisdiction_id`)} = ${query.jurisdictionId}
      and ${sql.ref(`${alias}.day`)} between ${query.from}::date and ${query.to}::date
      ${within}
    group by 1
  `.execute(db);
  return new Map(rows.map((row) => [Number(row.group_id), toCounters(row, PLACE_COUNTERS)]));
}

/** The department counters per department (optionally one department only). */
export async function sumDepartmentMeasures(
  db: Db,
  query: Omit<MeasureSumQuery, 'groupBy'> & { departmentId?: number | undefined },
): Promise<Sums<DepartmentCounter>> {
  const rollup = query.source === 'rollup';
  const alias = rollup ? 'r' : 'f';
  const within = query.within
    ? sql`and ${sql.ref(`${alias}.${query.within.column}`)} = ${query.within.id}`
    : sql``;
  const department =
    query.departmentId === undefined
      ? sql``
      : sql`and ${sql.ref(rollup ? 'r.department_id' : 'd.department_id')} = ${query.departmentId}`;
  const { rows } = rollup
    ? await sql<Record<string, unknown>>`
        select r.department_id as group_id,
          ${sql.join(DEPARTMENT_COUNTERS.map((c) => sql`coalesce(sum(${sql.ref(`r.${c}`)}), 0) as ${sql.id(c)}`))}
        from case_measure_department_day r
        where r.jurisdiction_id = ${query.jurisdictionId}
          and r.day between ${query.from}::date and ${query.to}::date
          ${within} ${department}
        group by 1
      `.execute(db)
    : await sql<Record<string, unknown>>`
        select d.department_id as group_id,
          ${sql.join(DEPARTMENT_COUNTERS.map((c) => sql`${DEPARTMENT_COUNTER_OVER_FACTS[c]} as ${sql.id(c)}`))}
        from case_measure_department_fact d
        join case_measure_fact f on f.jurisdiction_id = d.jurisdiction_id and f.case_id = d.case_id
        where f.jurisdiction_id = ${query.jurisdictionId}
          and f.day between ${query.from}::date and ${query.to}::date
          ${within} ${department}
        group by 1
      `.execute(db);
  return new Map(rows.map((row) => [Number(row.group_id), toCounters(row, DEPARTMENT_COUNTERS)]));
}

// ---- the rows' names ------------------------------------------------------------------------------------

export type MeasurePlaceLevel = 'subdistrict' | 'community' | 'grid';

export function findMeasurePlace(db: Db, jurisdictionId: number, id: number) {
  return db
    .selectFrom('territory_place')
    .select(['id', 'level', 'code', 'name', 'subdistrict_id', 'community_id', 'grid_id'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * The places of a level inside `withinId` (itself when of that level): the current ones, and
 * closed ones that have figures (`ids`), by code.
 */
export function findMeasurePlaces(
  db: Db,
  options: {
    jurisdictionId: number;
    level: MeasurePlaceLevel;
    withinId: number | null;
    ids: readonly number[];
  },
) {
  const { withinId } = options;
  return db
    .selectFrom('territory_place')
    .select(['id', 'code', 'name'])
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('level', '=', options.level)
    .where((eb) =>
      eb.or([eb('valid_to', 'is', null), eb('id', 'in', options.ids.length > 0 ? [...options.ids] : [-1])]),
    )
    .$if(withinId !== null, (q) =>
      q.where((eb) =>
        eb.or([
          eb('id', '=', withinId ?? -1),
          eb('subdistrict_id', '=', withinId ?? -1),
          eb('community_id', '=', withinId ?? -1),
          eb('grid_id', '=', withinId ?? -1),
        ]),
      ),
    )
    .orderBy('code')
    .execute();
}

export function findMeasureDepartments(db: Db, jurisdictionId: number, onlyId: number | null) {
  return db
    .selectFrom('department')
    .select(['id', 'code', 'name'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .$if(onlyId !== null, (q) => q.where('id', '=', onlyId ?? -1))
    .orderBy('code')
    .execute();
}

export function findJurisdictionName(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('jurisdiction')
    .select(['id', 'code', 'name'])
    .where('id', '=', jurisdictionId)
    .executeTakeFirstOrThrow();
}
