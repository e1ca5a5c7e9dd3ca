import { type Selectable, sql } from 'kysely';
import type { FlagColour, FlagRule, TaskStatus } from '#contracts/accountability.ts';
import type { AccountabilityFlagTable, Db } from './accountability.table.ts';

/** Plain queries, `db` or `trx` first. Dates come back as `YYYY-MM-DD` text. */

const day = (ref: string) => sql<string>`to_char(${sql.ref(ref)}, 'YYYY-MM-DD')`;
const nullableDay = (ref: string) => sql<string | null>`to_char(${sql.ref(ref)}, 'YYYY-MM-DD')`;

export interface TaskRow {
  id: number;
  title: string;
  goal: string;
  lead_department_id: number;
  lead_department_name: string;
  cooperating_department_ids: number[];
  responsible_person: string;
  status: TaskStatus;
  place_id: number | null;
  starts_on: string;
  ended_on: string | null;
  created_at: Date;
}

export interface MilestoneRow {
  id: number;
  task_id: number;
  position: number;
  title: string;
  due_on: string;
  done_on: string | null;
  weight: number | null;
  evidence: string | null;
}

export interface WeeklyReportRow {
  id: number;
  task_id: number;
  week_of: string;
  progress: string;
  problems: string;
  next_week_plan: string;
  reported_by: string;
  reported_at: Date;
}

export type FlagRow = Selectable<AccountabilityFlagTable> & { department_name: string };

function selectTasks(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('accountability_task as t')
    .innerJoin('department as d', (j) =>
      j.onRef('d.jurisdiction_id', '=', 't.jurisdiction_id').onRef('d.id', '=', 't.lead_department_id'),
    )
    .where('t.jurisdiction_id', '=', jurisdictionId)
    .select([
      't.id',
      't.title',
      't.goal',
      't.lead_department_id',
      'd.name as lead_department_name',
      't.cooperating_department_ids',
      't.responsible_person',
      't.status',
      't.place_id',
      day('t.starts_on').as('starts_on'),
      nullableDay('t.ended_on').as('ended_on'),
      't.created_at',
    ]);
}

export async function findTaskRows(
  db: Db,
  options: { jurisdictionId: number; leadDepartmentId?: number | undefined; status?: TaskStatus | undefined },
): Promise<TaskRow[]> {
  let query = selectTasks(db, options.jurisdictionId);
  if (options.leadDepartmentId !== undefined)
    query = query.where('t.lead_department_id', '=', options.leadDepartmentId);
  if (options.status !== undefined) query = query.where('t.status', '=', options.status);
  return query.orderBy('d.code').orderBy('t.id').execute();
}

export async function findTaskRow(
  db: Db,
  options: { jurisdictionId: number; id: number; forUpdate?: boolean },
): Promise<TaskRow | undefined> {
  const query = selectTasks(db, options.jurisdictionId).where('t.id', '=', options.id);
  return (options.forUpdate ? query.forUpdate('t') : query).executeTakeFirst();
}

export async function findMilestoneRows(
  db: Db,
  options: { jurisdictionId: number; taskIds: readonly number[] },
): Promise<MilestoneRow[]> {
  if (options.taskIds.length === 0) return [];
  return db
    .selectFrom('accountability_milestone as m')
    .where('m.jurisdiction_id', '=', options.jurisdictionId)
    .where('m.task_id', 'in', [...options.taskIds])
    .select([
      'm.id',
      'm.task_id',
      'm.position',
      'm.title',
      day('m.due_on').as('due_on'),
      nullableDay('m.done_on').as('done_on'),
      'm.weight',
      'm.evidence',
    ])
    .orderBy('m.task_id')
    .orderBy('m.position')
    .execute();
}

export async function insertTask(
  db: Db,
  values: {
    jurisdictionId: number;
    title: string;
    goal: string;
    leadDepartmentId: number;
    cooperatingDepartmentIds: readonly number[];
    responsiblePerson: string;
    placeId: number | null;
    startsOn: string;
    createdBy: string;
    now: Date;
  },
): Promise<number> {
  const row = await db
    .insertInto('accountability_task')
    .values({
      jurisdiction_id: values.jurisdictionId,
      title: values.title,
      goal: values.goal,
      lead_department_id: values.leadDepartmentId,
      cooperating_department_ids: JSON.stringify(values.cooperatingDepartmentIds),
      responsible_person: values.responsiblePerson,
      place_id: values.placeId,
      starts_on: values.startsOn,
      created_by: values.createdBy,
      created_at: values.now,
      updated_at: values.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertMilestones(
  db: Db,
  options: {
    jurisdictionId: number;
    taskId: number;
    milestones: readonly { title: string; dueOn: string; weight?: number | undefined }[];
  },
): Promise<void> {
  if (options.milestones.length === 0) return;
  await db
    .insertInto('accountability_milestone')
    .values(
      options.milestones.map((m, position) => ({
        jurisdiction_id: options.jurisdictionId,
        task_id: options.taskId,
        position,
        title: m.title,
        due_on: m.dueOn,
        weight: m.weight ?? null,
      })),
    )
    .execute();
}

export async function markMilestoneDone(
  db: Db,
  options: { jurisdictionId: number; taskId: number; milestoneId: number; doneOn: string; evidence: string },
): Promise<boolean> {
  const result = await db
    .updateTable('accountability_milestone')
    .set({ done_on: options.doneOn, evidence: options.evidence })
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('task_id', '=', options.taskId)
    .where('id', '=', options.milestoneId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Ids among `ids` that are departments of the jurisdiction. */
export async function findDepartmentIds(
  db: Db,
  options: { jurisdictionId: number; ids: readonly number[] },
): Promise<Set<number>> {
  if (options.ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('department')
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('id', 'in', [...options.ids])
    .select('id')
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function findDepartmentNames(db: Db, jurisdictionId: number): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('department')
    .where('jurisdiction_id', '=', jurisdictionId)
    .select(['id', 'name'])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function placeExists(
  db: Db,
  options: { jurisdictionId: number; placeId: number },
): Promise<boolean> {
  const row = await db
    .selectFrom('territory_place')
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('id', '=', options.placeId)
    .select('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts the week's report unless the task has one for that week; undefined when it has. */
export async function insertWeeklyReport(
  db: Db,
  values: {
    jurisdictionId: number;
    taskId: number;
    weekOf: string;
    progress: string;
    problems: string;
    nextWeekPlan: string;
    reportedBy: string;
    now: Date;
  },
): Promise<WeeklyReportRow | undefined> {
  return db
    .insertInto('accountability_weekly_report')
    .values({
      jurisdiction_id: values.jurisdictionId,
      task_id: values.taskId,
      week_of: values.weekOf,
      progress: values.progress,
      problems: values.problems,
      next_week_plan: values.nextWeekPlan,
      reported_by: values.reportedBy,
      reported_at: values.now,
    })
    .onConflict((oc) => oc.columns(['jurisdiction_id', 'task_id', 'week_of']).doNothing())
    .returning([
      'id',
      'task_id',
      day('week_of').as('week_of'),
      'progress',
      'problems',
      'next_week_plan',
      'reported_by',
      'reported_at',
    ])
    .executeTakeFirst();
}

/** The (task, week) pairs reported in a date range of Mondays, both inclusive. */
export async function findReportWeeks(
  db: Db,
  options: { jurisdictionId: number; from: string; to: string },
): Promise<{ taskId: number; weekOf: string }[]> {
  const rows = await db
    .selectFrom('accountability_weekly_report')
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('week_of', '>=', options.from)
    .where('week_of', '<=', options.to)
    .select(['task_id', day('week_of').as('week_of')])
    .execute();
  return rows.map((r) => ({ taskId: r.task_id, weekOf: r.week_of }));
}

function selectFlags(db: Db, options: { jurisdictionId: number; quarter: string }) {
  return db
    .selectFrom('accountability_flag as f')
    .innerJoin('department as d', (j) =>
      j.onRef('d.jurisdiction_id', '=', 'f.jurisdiction_id').onRef('d.id', '=', 'f.department_id'),
    )
    .where('f.jurisdiction_id', '=', options.jurisdictionId)
    .where('f.quarter', '=', options.quarter)
    .selectAll('f')
    .select('d.name as department_name');
}

export async function findFlagRows(
  db: Db,
  options: { jurisdictionId: number; quarter: string },
): Promise<FlagRow[]> {
  return selectFlags(db, options).orderBy('d.code').execute();
}

export async function findFlagRow(
  db: Db,
  options: { jurisdictionId: number; id: number; forUpdate?: boolean },
): Promise<FlagRow | undefined> {
  const query = db
    .selectFrom('accountability_flag as f')
    .innerJoin('department as d', (j) =>
      j.onRef('d.jurisdiction_id', '=', 'f.jurisdiction_id').onRef('d.id', '=', 'f.department_id'),
    )
    .where('f.jurisdiction_id', '=', options.jurisdictionId)
    .where('f.id', '=', options.id)
    .selectAll('f')
    .select('d.name as department_name');
  return (options.forUpdate ? query.forUpdate('f') : query).executeTakeFirst();
}

/**
 * Writes the rule's result for each unit of the quarter. An overridden flag keeps its colour (the
 * override stands until removed); units no longer flagged are deleted.
 */
export async function upsertComputedFlags(
  db: Db,
  options: {
    jurisdictionId: number;
    quarter: string;
    rule: FlagRule;
    now: Date;
    flags: readonly {
      departmentId: number;
      lateMilestones: number;
      missedReports: number;
      colour: FlagColour;
    }[];
  },
): Promise<void> {
  const ids = options.flags.map((f) => f.departmentId);
  let remove = db
    .deleteFrom('accountability_flag')
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('quarter', '=', options.quarter);
  if (ids.length > 0) remove = remove.where('department_id', 'not in', ids);
  await remove.execute();
  if (options.flags.length === 0) return;
  const rule = JSON.stringify(options.rule);
  await db
    .insertInto('accountability_flag')
    .values(
      options.flags.map((f) => ({
        jurisdiction_id: options.jurisdictionId,
        quarter: options.quarter,
        department_id: f.departmentId,
        late_milestones: f.lateMilestones,
        missed_reports: f.missedReports,
        computed_colour: f.colour,
        colour: f.colour,
        rule,
        computed_at: options.now,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['jurisdiction_id', 'quarter', 'department_id']).doUpdateSet((eb) => ({
        late_milestones: eb.ref('excluded.late_milestones'),
        missed_reports: eb.ref('excluded.missed_reports'),
        computed_colour: eb.ref('excluded.computed_colour'),
        colour: sql<FlagColour>`case when accountability_flag.overridden_by is null then excluded.colour else accountability_flag.colour end`,
        rule: eb.ref('excluded.rule'),
        computed_at: eb.ref('excluded.computed_at'),
      })),
    )
    .execute();
}

export async function overrideFlag(
  db: Db,
  options: { jurisdictionId: number; id: number; colour: FlagColour; reason: string; by: string; now: Date },
): Promise<void> {
  await db
    .updateTable('accountability_flag')
    .set({
      colour: options.colour,
      overridden_by: options.by,
      override_reason: options.reason,
      overridden_at: options.now,
    })
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('id', '=', options.id)
    .execute();
}

export async function publishFlags(
  db: Db,
  options: { jurisdictionId: number; quarter: string; now: Date },
): Promise<number> {
  const result = await db
    .updateTable('accountability_flag')
    .set({ published_at: options.now })
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('quarter', '=', options.quarter)
    .where('published_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
