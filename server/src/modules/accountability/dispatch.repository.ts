import { sql } from 'kysely';
import type { FlagColour } from '#contracts/accountability.ts';
import { jsonb } from '../../platform/audit.ts';
import type { Db } from './accountability.table.ts';

/**
 * Plain queries of meetings (调度会), bulletins (月通报), subscriptions, flag deliveries and the duty
 * record (履职档案); `db` or `trx` first. Dates come back as `YYYY-MM-DD` text.
 */

const day = (ref: string) => sql<string>`to_char(${sql.ref(ref)}, 'YYYY-MM-DD')`;
const nullableDay = (ref: string) => sql<string | null>`to_char(${sql.ref(ref)}, 'YYYY-MM-DD')`;

// ---- task status ---------------------------------------------------------------------------------

export async function updateTaskStatus(
  db: Db,
  options: {
    jurisdictionId: number;
    id: number;
    status: 'in_progress' | 'completed' | 'suspended';
    endedOn: string | null;
    now: Date;
  },
): Promise<void> {
  await db
    .updateTable('accountability_task')
    .set({ status: options.status, ended_on: options.endedOn, updated_at: options.now })
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('id', '=', options.id)
    .execute();
}

// ---- meetings --------------------------------------------------------------------------------------

export interface MeetingRow {
  id: number;
  held_on: string;
  title: string;
  chaired_by: string;
  attendees: string;
  summary: string;
  created_by: string;
  created_at: Date;
}

export interface DecisionRow {
  id: number;
  meeting_id: number;
  position: number;
  content: string;
  department_id: number;
  department_name: string;
  due_on: string;
  done_on: string | null;
  done_note: string | null;
}

export async function insertMeeting(
  db: Db,
  values: {
    jurisdictionId: number;
    heldOn: string;
    title: string;
    chairedBy: string;
    attendees: string;
    summary: string;
    createdBy: string;
    now: Date;
    decisions: readonly { content: string; departmentId: number; dueOn: string }[];
  },
): Promise<number> {
  const row = await db
    .insertInto('accountability_meeting')
    .values({
      jurisdiction_id: values.jurisdictionId,
      held_on: values.heldOn,
      title: values.title,
      chaired_by: values.chairedBy,
      attendees: values.attendees,
      summary: values.summary,
      created_by: values.createdBy,
      created_at: values.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (values.decisions.length > 0)
    await db
      .insertInto('accountability_meeting_decision')
      .values(
        values.decisions.map((d, position) => ({
          jurisdiction_id: values.jurisdictionId,
          meeting_id: row.id,
          position,
          content: d.content,
          department_id: d.departmentId,
          due_on: d.dueOn,
        })),
      )
      .execute();
  return row.id;
}

export async function findMeetingRows(
  db: Db,
  options: { jurisdictionId: number; id?: number },
): Promise<MeetingRow[]> {
  let query = db
    .selectFrom('accountability_meeting')
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .select([
      'id',
      day('held_on').as('held_on'),
      'title',
      'chaired_by',
      'attendees',
      'summary',
      'created_by',
      'created_at',
    ]);
  if (options.id !== undefined) query = query.where('id', '=', options.id);
  return query.orderBy('held_on', 'desc').orderBy('id', 'desc').execute();
}

export async function findDecisionRows(
  db: Db,
  options: { jurisdictionId: number; meetingIds: readonly number[] },
): Promise<DecisionRow[]> {
  if (options.meetingIds.length === 0) return [];
  return db
    .selectFrom('accountability_meeting_decision as x')
    .innerJoin('department as d', (j) =>
      j.onRef('d.jurisdiction_id', '=', 'x.jurisdiction_id').onRef('d.id', '=', 'x.department_id'),
    )
    .where('x.jurisdiction_id', '=', options.jurisdictionId)
    .where('x.meeting_id', 'in', [...options.meetingIds])
    .select([
      'x.id',
      'x.meeting_id',
      'x.position',
      'x.content',
      'x.department_id',
      'd.name as department_name',
      day('x.due_on').as('due_on'),
      nullableDay('x.done_on').as('done_on'),
      'x.done_note',
    ])
    .orderBy('x.meeting_id')
    .orderBy('x.position')
    .execute();
}

export async function markDecisionDone(
  db: Db,
  options: { jurisdictionId: number; meetingId: number; id: number; doneOn: string; note: string },
): Promise<void> {
  await db
    .updateTable('accountability_meeting_decision')
    .set({ done_on: options.doneOn, done_note: options.note })
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('meeting_id', '=', options.meetingId)
    .where('id', '=', options.id)
    .execute();
}

// ---- bulletins -------------------------------------------------------------------------------------

export interface BulletinRow {
  id: number;
  month: string;
  as_of: string;
  content: unknown;
  remarks: string;
  unit_remarks: Record<string, string>;
  generated_by: string;
  generated_at: Date;
  published_by: string | null;
  published_at: Date | null;
}

function selectBulletins(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('accountability_bulletin')
    .where('jurisdiction_id', '=', jurisdictionId)
    .select([
      'id',
      'month',
      day('as_of').as('as_of'),
      'content',
      'remarks',
      'unit_remarks',
      'generated_by',
      'generated_at',
      'published_by',
      'published_at',
    ]);
}

export async function findBulletinRows(db: Db, jurisdictionId: number): Promise<BulletinRow[]> {
  return selectBulletins(db, jurisdictionId).orderBy('month', 'desc').execute();
}

export async function findBulletinRow(
  db: Db,
  options: { jurisdictionId: number; id?: number; month?: string; forUpdate?: boolean },
): Promise<BulletinRow | undefined> {
  let query = selectBulletins(db, options.jurisdictionId);
  if (options.id !== undefined) query = query.where('id', '=', options.id);
  if (options.month !== undefined) query = query.where('month', '=', options.month);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

/** Writes the month's draft (a new one, or the draft regenerated); its remarks stay. */
export async function upsertBulletinDraft(
  db: Db,
  values: {
    jurisdictionId: number;
    month: string;
    asOf: string;
    content: unknown;
    generatedBy: string;
    now: Date;
  },
): Promise<number> {
  const row = await db
    .insertInto('accountability_bulletin')
    .values({
      jurisdiction_id: values.jurisdictionId,
      month: values.month,
      as_of: values.asOf,
      content: jsonb(values.content),
      unit_remarks: jsonb({}),
      generated_by: values.generatedBy,
      generated_at: values.now,
    })
    .onConflict((oc) =>
      oc.columns(['jurisdiction_id', 'month']).doUpdateSet((eb) => ({
        as_of: eb.ref('excluded.as_of'),
        content: eb.ref('excluded.content'),
        generated_by: eb.ref('excluded.generated_by'),
        generated_at: eb.ref('excluded.generated_at'),
      })),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateBulletinRemarks(
  db: Db,
  options: { jurisdictionId: number; id: number; remarks: string; unitRemarks: Record<string, string> },
): Promise<void> {
  await db
    .updateTable('accountability_bulletin')
    .set({ remarks: options.remarks, unit_remarks: jsonb(options.unitRemarks) })
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('id', '=', options.id)
    .execute();
}

export async function markBulletinPublished(
  db: Db,
  options: { jurisdictionId: number; id: number; by: string; now: Date },
): Promise<void> {
  await db
    .updateTable('accountability_bulletin')
    .set({ published_by: options.by, published_at: options.now })
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('id', '=', options.id)
    .execute();
}

// ---- subscriptions and deliveries ------------------------------------------------------------------

export async function findSubscribedDepartments(
  db: Db,
  options: { jurisdictionId: number; accountId: number },
): Promise<number[]> {
  const rows = await db
    .selectFrom('accountability_subscription')
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('account_id', '=', options.accountId)
    .select('department_id')
    .orderBy('department_id')
    .execute();
  return rows.map((r) => r.department_id);
}

export async function replaceSubscriptions(
  db: Db,
  options: { jurisdictionId: number; accountId: number; departmentIds: readonly number[]; now: Date },
): Promise<void> {
  await db
    .deleteFrom('accountability_subscription')
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('account_id', '=', options.accountId)
    .execute();
  if (options.departmentIds.length === 0) return;
  await db
    .insertInto('accountability_subscription')
    .values(
      options.departmentIds.map((departmentId) => ({
        jurisdiction_id: options.jurisdictionId,
        account_id: options.accountId,
        department_id: departmentId,
        created_at: options.now,
      })),
    )
    .execute();
}

/** One delivery per (flag of the quarter, leader subscribed to its unit); returns the rows written. */
export async function insertFlagDeliveries(
  db: Db,
  options: { jurisdictionId: number; quarter: string; now: Date },
): Promise<{ id: number; flag_id: number; account_id: number }[]> {
  return db
    .insertInto('accountability_flag_delivery')
    .columns(['jurisdiction_id', 'flag_id', 'account_id', 'delivered_at'])
    .expression((eb) =>
      eb
        .selectFrom('accountability_flag as f')
        .innerJoin('accountability_subscription as s', (j) =>
          j
            .onRef('s.jurisdiction_id', '=', 'f.jurisdiction_id')
            .onRef('s.department_id', '=', 'f.department_id'),
        )
        .where('f.jurisdiction_id', '=', options.jurisdictionId)
        .where('f.quarter', '=', options.quarter)
        .where('f.published_at', 'is not', null)
        .select([
          'f.jurisdiction_id',
          'f.id',
          's.account_id',
          sql<Date>`cast(${options.now.toISOString()} as timestamptz)`.as('delivered_at'),
        ]),
    )
    .onConflict((oc) => oc.columns(['jurisdiction_id', 'flag_id', 'account_id']).doNothing())
    .returning(['id', 'flag_id', 'account_id'])
    .execute();
}

export interface FlagNoticeRow {
  id: number;
  flag_id: number;
  quarter: string;
  department_id: number;
  department_name: string;
  colour: FlagColour;
  override_reason: string | null;
  delivered_at: Date;
  read_at: Date | null;
}

export async function findFlagNoticeRows(
  db: Db,
  options: { jurisdictionId: number; accountId: number },
): Promise<FlagNoticeRow[]> {
  return db
    .selectFrom('accountability_flag_delivery as n')
    .innerJoin('accountability_flag as f', (j) =>
      j.onRef('f.jurisdiction_id', '=', 'n.jurisdiction_id').onRef('f.id', '=', 'n.flag_id'),
    )
    .innerJoin('department as d', (j) =>
      j.onRef('d.jurisdiction_id', '=', 'f.jurisdiction_id').onRef('d.id', '=', 'f.department_id'),
    )
    .where('n.jurisdiction_id', '=', options.jurisdictionId)
    .where('n.account_id', '=', options.accountId)
    .select([
      'n.id',
      'n.flag_id',
      'f.quarter',
      'f.department_id',
      'd.name as department_name',
      'f.colour',
      'f.override_reason',
      'n.delivered_at',
      'n.read_at',
    ])
    .orderBy('n.delivered_at', 'desc')
    .orderBy('d.code')
    .execute();
}

export async function markNoticeRead(
  db: Db,
  options: { jurisdictionId: number; accountId: number; id: number; now: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('accountability_flag_delivery')
    .set({ read_at: options.now })
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('account_id', '=', options.accountId)
    .where('id', '=', options.id)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// ---- duty record -----------------------------------------------------------------------------------

export interface DutyEntryRow {
  id: number;
  department_id: number;
  department_name: string;
  head: string;
  kind: 'flag' | 'override' | 'bulletin';
  period: string;
  colour: FlagColour | null;
  summary: string;
  source_id: number;
  recorded_at: Date;
}

export async function insertDutyEntries(
  db: Db,
  entries: readonly {
    jurisdictionId: number;
    departmentId: number;
    head: string;
    kind: 'flag' | 'override' | 'bulletin';
    period: string;
    colour: FlagColour | null;
    summary: string;
    sourceId: number;
    now: Date;
  }[],
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('accountability_duty_entry')
    .values(
      entries.map((e) => ({
        jurisdiction_id: e.jurisdictionId,
        department_id: e.departmentId,
        head: e.head,
        kind: e.kind,
        period: e.period,
        colour: e.colour,
        summary: e.summary,
        source_id: e.sourceId,
        recorded_at: e.now,
      })),
    )
    .onConflict((oc) => oc.columns(['jurisdiction_id', 'kind', 'source_id', 'department_id']).doNothing())
    .execute();
}

export async function findDutyEntryRows(
  db: Db,
  options: { jurisdictionId: number; departmentId?: number },
): Promise<DutyEntryRow[]> {
  let query = db
    .selectFrom('accountability_duty_entry as e')
    .innerJoin('department as d', (j) =>
      j.onRef('d.jurisdiction_id', '=', 'e.jurisdiction_id').onRef('d.id', '=', 'e.department_id'),
    )
    .where('e.jurisdiction_id', '=', options.jurisdictionId)
    .select([
      'e.id',
      'e.department_id',
      'd.name as department_name',
      'e.head',
      'e.kind',
      'e.period',
      'e.colour',
      'e.summary',
      'e.source_id',
      'e.recorded_at',
    ]);
  if (options.departmentId !== undefined) query = query.where('e.department_id', '=', options.departmentId);
  return query.orderBy('e.recorded_at', 'desc').orderBy('e.id', 'desc').execute();
}

/** The responsible heads of each lead unit: the distinct persons responsible for its tasks. */
export async function findUnitHeads(db: Db, jurisdictionId: number): Promise<Map<number, string[]>> {
  const rows = await db
    .selectFrom('accountability_task')
    .where('jurisdiction_id', '=', jurisdictionId)
    .select(['lead_department_id', 'responsible_person'])
    .distinct()
    .orderBy('lead_department_id')
    .orderBy('responsible_person')
    .execute();
  const map = new Map<number, string[]>();
  for (const r of rows)
    map.set(r.lead_department_id, [...(map.get(r.lead_department_id) ?? []), r.responsible_person]);
  return map;
}

/** Tasks with a place, at the centre of the place's bounds. */
export async function findTaskPlaceRows(
  db: Db,
  jurisdictionId: number,
): Promise<{ task_id: number; place_id: number; place_name: string; lng: number; lat: number }[]> {
  return db
    .selectFrom('accountability_task as t')
    .innerJoin('territory_place as p', (j) =>
      j.onRef('p.jurisdiction_id', '=', 't.jurisdiction_id').onRef('p.id', '=', 't.place_id'),
    )
    .where('t.jurisdiction_id', '=', jurisdictionId)
    .select([
      't.id as task_id',
      'p.id as place_id',
      'p.name as place_name',
      sql<number>`(p.min_lng + p.max_lng) / 2`.as('lng'),
      sql<number>`(p.min_lat + p.max_lat) / 2`.as('lat'),
    ])
    .orderBy('t.id')
    .execute();
}

/** A task's weekly reports, newest week first. */
export async function findTaskReportRows(db: Db, options: { jurisdictionId: number; taskId: number }) {
  return db
    .selectFrom('accountability_weekly_report')
    .where('jurisdiction_id', '=', options.jurisdictionId)
    .where('task_id', '=', options.taskId)
    .select([
      'id',
      'task_id',
      day('week_of').as('week_of'),
      'progress',
      'problems',
      'next_week_plan',
      'reported_by',
      'reported_at',
    ])
    .orderBy('week_of', 'desc')
    .execute();
}
