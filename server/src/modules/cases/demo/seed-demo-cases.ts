import { type Insertable, type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { jsonb, recordAudit } from '../../../platform/audit.ts';
import { CALENDAR_YEARS } from '../../../platform/working-calendar.data.ts';
import { createWorkingCalendar, type WorkingCalendar } from '../../../platform/working-calendar.ts';
import type { CaseClockData } from '../case.clocks.ts';
import { type CaseTimelineTable, type Db, withCasesTables } from '../case.table.ts';
import type { StepLimits } from '../data/categories.ts';
import { rebuildCaseMeasures } from '../maintain-case-measures.service.ts';
import { newTrackingCode } from '../report-case.service.ts';
import { seedCaseDepartments } from '../seed-categories.ts';
import { illustrateDemoCases } from './demo-photos.ts';
import {
  DEMO_CASES_PER_YEAR,
  DEMO_RIDER_CLUES,
  type DemoActor,
  type DemoActors,
  type DemoUnit,
  type PlannedCase,
  planDemoCases,
} from './plan-demo-cases.ts';

/**
 * Seeds a year of demo cases into a jurisdiction (issue 4 §9): reads the territory, categories,
 * departments and accounts, plans the cases in memory (`planDemoCases`: every move through the real
 * state machine), then writes them with multi-row INSERTs — cases with ids reserved from the table's
 * own sequence (so merges can name the case they merge into), their timelines and department tasks.
 * Everything but the tracking codes is deterministic (those are public and must stay unguessable).
 */

export interface SeedDemoCasesOptions {
  jurisdictionId: number;
  /** The demo's now: the year ends here, and what would come later has not happened yet. */
  now: Date;
  /** Cases in the year (default 30,000) and rider clues among them (default 374, scaled with size). */
  size?: number;
  riderClues?: number;
  seed?: number;
  calendar?: WorkingCalendar;
  /** Where case photos are stored (the cases module's photo directory): recent cases get photos. */
  photosDir?: string;
  onProgress?: (p: { step: string; done: number; total: number }) => void;
}

export interface SeedDemoCasesResult {
  cases: number;
  timelineEntries: number;
  departmentTasks: number;
  photos: number;
  planMs: number;
  writeMs: number;
}

/** Whether the jurisdiction has no cases yet (the demo seeds them only then). */
export async function isCasesDemoEmpty(db: Kysely<Database>, jurisdictionId: number): Promise<boolean> {
  const row = await withCasesTables(db)
    .selectFrom('case_record')
    .select('id')
    .where('jurisdiction_id', '=', jurisdictionId)
    .limit(1)
    .executeTakeFirst();
  return row === undefined;
}

const BATCH = 1000;

export async function seedDemoCases(
  database: Kysely<Database>,
  options: SeedDemoCasesOptions,
): Promise<SeedDemoCasesResult> {
  const db = withCasesTables(database);
  const { jurisdictionId, now } = options;
  const size = options.size ?? DEMO_CASES_PER_YEAR;
  const riderClues = options.riderClues ?? Math.round((DEMO_RIDER_CLUES * size) / DEMO_CASES_PER_YEAR);
  const calendar = options.calendar ?? createWorkingCalendar(CALENDAR_YEARS);
  const started = Date.now();

  const departmentIds = await seedCaseDepartments(database, jurisdictionId);
  const [units, categories, { actors, showcaseGridIds }] = await Promise.all([
    loadUnits(db, jurisdictionId),
    loadCategories(db, jurisdictionId),
    loadActors(db, jurisdictionId),
  ]);
  const ids = await reserveCaseIds(db, size);
  const cases = planDemoCases({
    now,
    seed: options.seed ?? 370681,
    size,
    riderClues,
    ids,
    calendar,
    units,
    categories,
    actors,
    showcaseGridIds,
  });
  const planned = Date.now();

  let timelineEntries = 0;
  let departmentTasks = 0;
  for (let i = 0; i < cases.length; i += BATCH) {
    await insertCases(db, jurisdictionId, cases.slice(i, i + BATCH));
    options.onProgress?.({ step: 'cases', done: Math.min(i + BATCH, cases.length), total: cases.length });
  }
  const someAccount = [actors.hotline, ...actors.riders].find((a) => a?.accountId)?.accountId ?? null;
  const illustrated = options.photosDir
    ? await illustrateDemoCases(db, {
        jurisdictionId,
        photosDir: options.photosDir,
        cases,
        fallbackUploader: (planned) => actors.gridWorker(planned.unit).accountId ?? someAccount,
      })
    : { photos: new Map<number, Map<number, string[]>>(), count: 0 };
  options.onProgress?.({ step: 'case photos', done: illustrated.count, total: illustrated.count });
  let timeline: TimelineRow[] = [];
  let tasks: TaskRow[] = [];
  const flushTimeline = async () => {
    if (timeline.length === 0) return;
    await db.insertInto('case_timeline').values(timeline).execute();
    timelineEntries += timeline.length;
    timeline = [];
  };
  const flushTasks = async () => {
    if (tasks.length === 0) return;
    await db.insertInto('case_department_task').values(tasks).execute();
    departmentTasks += tasks.length;
    tasks = [];
  };
  for (const planned of cases) {
    const photos = illustrated.photos.get(planned.id);
    for (const [index, entry] of planned.timeline.entries()) {
      timeline.push({
        jurisdiction_id: jurisdictionId,
        case_id: planned.id,
        at: entry.at,
        actor_account_id: entry.actor?.accountId ?? null,
        actor_name: entry.actor?.name ?? null,
        actor_role: entry.role,
        event: entry.event,
        department_code: entry.departmentCode,
        from_status: entry.from,
        to_status: entry.to,
        note: entry.note,
        // Recent cases carry their photos (demo-photos.ts); older ones none.
        photo_ids: photos?.get(index) ?? [],
        effects: jsonb(entry.effects),
      });
      if (timeline.length >= BATCH) await flushTimeline();
    }
    for (const task of planned.tasks) {
      const departmentId = departmentIds.get(task.department);
      if (departmentId === undefined) throw new Error(`no department ${task.department}`);
      tasks.push({
        jurisdiction_id: jurisdictionId,
        case_id: planned.id,
        department_id: departmentId,
        status: task.status,
        dispatched_at: task.dispatchedAt,
        acknowledged_at: task.acknowledgedAt,
        reported_back_at: task.reportedBackAt,
        closed_at: task.closedAt,
        acknowledge_late_at: task.acknowledgeLateAt,
        report_back_late_at: task.reportBackLateAt,
      });
      if (tasks.length >= BATCH) await flushTasks();
    }
  }
  await flushTimeline();
  await flushTasks();
  options.onProgress?.({ step: 'case timelines', done: timelineEntries, total: timelineEntries });

  options.onProgress?.({ step: 'case measures', done: 0, total: cases.length });
  await rebuildCaseMeasures(db, jurisdictionId, { calendar });

  await recordAudit(
    database,
    { id: 'seed' },
    {
      jurisdictionId,
      action: 'cases.seed_demo',
      subjectType: 'case',
      details: {
        cases: cases.length,
        timelineEntries,
        departmentTasks,
        riderClues,
        photos: illustrated.count,
      },
    },
  );
  return {
    cases: cases.length,
    timelineEntries,
    departmentTasks,
    photos: illustrated.count,
    planMs: planned - started,
    writeMs: Date.now() - planned,
  };
}

type TimelineRow = Insertable<CaseTimelineTable>;
type TaskRow = {
  jurisdiction_id: number;
  case_id: number;
  department_id: number;
  status: 'dispatched' | 'acknowledged' | 'reported_back' | 'declined' | 'replaced';
  dispatched_at: Date;
  acknowledged_at: Date | null;
  reported_back_at: Date | null;
  closed_at: Date | null;
  acknowledge_late_at: Date | null;
  report_back_late_at: Date | null;
};

/** Ids from case_record's own identity sequence, so that other writers never collide with them. */
async function reserveCaseIds(db: Db, count: number): Promise<number[]> {
  if (count === 0) return [];
  const result = await sql<{ id: string | number }>`
    select nextval(pg_get_serial_sequence('case_record', 'id')) as id from generate_series(1, ${count})
  `.execute(db);
  return result.rows.map((row) => Number(row.id)).sort((a, b) => a - b);
}

/** One multi-row INSERT with the reserved ids (`overriding system value`: the column is an identity). */
async function insertCases(db: Db, jurisdictionId: number, cases: readonly PlannedCase[]): Promise<void> {
  const compiled = db
    .insertInto('case_record')
    .values(
      cases.map((c) => {
        const first = firstDue(c.clocks);
        return {
          jurisdiction_id: jurisdictionId,
          id: c.id as never,
          tracking_code: newTrackingCode(),
          category_code: c.category.code,
          description: c.description,
          lng: c.point[0],
          lat: c.point[1],
          address: c.address,
          unit_id: c.unit.unitId,
          grid_id: c.unit.gridId,
          community_id: c.unit.communityId,
          subdistrict_id: c.unit.subdistrictId,
          status: c.state.status,
          state: jsonb(c.state),
          reporter_account_id: c.reporter?.accountId ?? null,
          anonymous: c.anonymous,
          channel: c.channel,
          rating: c.rating,
          clocks: jsonb(c.clocks),
          step: first?.step ?? null,
          step_department: first?.department ?? null,
          step_unit: first?.unit ?? null,
          step_started_at: first ? new Date(first.startedAt) : null,
          step_yellow_at: first ? new Date(first.yellowAt) : null,
          step_deadline: first ? new Date(first.deadline) : null,
          reported_at: c.reportedAt,
          updated_at: c.updatedAt,
          closed_at: c.closedAt,
          version: c.version,
        };
      }),
    )
    .compile();
  const text = compiled.sql.replace(/\) values \(/, ') overriding system value values (');
  if (text === compiled.sql) throw new Error('could not add overriding system value');
  await db.executeQuery({ ...compiled, sql: text });
}

function firstDue(clocks: readonly CaseClockData[]): CaseClockData | null {
  let first: CaseClockData | null = null;
  for (const clock of clocks) if (!first || clock.deadline < first.deadline) first = clock;
  return first;
}

// ---- inputs ---------------------------------------------------------------------------------------

/** Community kinds: older (legacy) communities report more per building than new builds. */
const KIND_WEIGHT: Record<string, number> = { legacy: 1.3, new_build: 0.8, seasonal: 0.6, work_unit: 1 };

async function loadUnits(db: Db, jurisdictionId: number): Promise<DemoUnit[]> {
  const [places, buildings] = await Promise.all([
    db
      .selectFrom('territory_place')
      .select(['id', 'level', 'name', 'grid_id', 'community_id', 'subdistrict_id', 'community_kind'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('valid_to', 'is', null)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('territory_building')
      .select(['unit_id', 'lng', 'lat'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .orderBy('id')
      .execute(),
  ]);
  const byId = new Map(places.map((p) => [p.id, p]));
  const points = new Map<number, [number, number][]>();
  for (const b of buildings) {
    const list = points.get(b.unit_id) ?? [];
    list.push([b.lng, b.lat]);
    points.set(b.unit_id, list);
  }
  const units: DemoUnit[] = [];
  for (const place of places) {
    if (place.level !== 'unit' || place.grid_id === null || place.community_id === null) continue;
    const unitPoints = points.get(place.id);
    if (!unitPoints) continue;
    const grid = byId.get(place.grid_id);
    const community = byId.get(place.community_id);
    units.push({
      unitId: place.id,
      gridId: place.grid_id,
      communityId: place.community_id,
      subdistrictId: place.subdistrict_id ?? place.community_id,
      gridName: grid?.name ?? '网格',
      communityName: community?.name ?? '社区',
      points: unitPoints,
      weight: unitPoints.length * (KIND_WEIGHT[community?.community_kind ?? ''] ?? 1),
    });
  }
  return units;
}

async function loadCategories(db: Db, jurisdictionId: number) {
  const rows = await db
    .selectFrom('case_category')
    .select(['code', 'name', 'major_code', 'department_code', 'urgent', 'limits'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('active', '=', true)
    .orderBy('code')
    .execute();
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    majorCode: row.major_code,
    department: row.department_code,
    urgent: row.urgent,
    limits: row.limits as StepLimits,
  }));
}

/**
 * Who acts: the demo's accounts where they are posted (grid1's grid, the demo community, subdistrict
 * and department, the riders), elsewhere a named role on the timeline without an account; and the
 * grids of the demo's grid-worker logins, which get recent cases to work on (the plan's showcase).
 */
async function loadActors(
  db: Db,
  jurisdictionId: number,
): Promise<{ actors: DemoActors; showcaseGridIds: number[] }> {
  const [accounts, departments, subdistricts] = await Promise.all([
    db
      .selectFrom('account')
      .select(['id', 'display_name', 'role', 'scope_id', 'is_demo'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('status', '=', 'active')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('department')
      .select(['id', 'code', 'name'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .execute(),
    db
      .selectFrom('territory_place')
      .select(['id', 'name'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('level', '=', 'subdistrict')
      .execute(),
  ]);
  const account = (a: (typeof accounts)[number]): DemoActor => ({ accountId: a.id, name: a.display_name });
  const byScope = (role: string) => {
    const map = new Map<number, DemoActor>();
    for (const a of accounts)
      if (a.role === role && a.scope_id !== null && !map.has(a.scope_id)) map.set(a.scope_id, account(a));
    return map;
  };
  const gridWorkers = byScope('grid_worker');
  const communityStaff = byScope('community_staff');
  const subdistrictStaff = byScope('subdistrict_staff');
  const departmentStaff = byScope('department_staff');
  const departmentByCode = new Map(departments.map((d) => [d.code, d]));
  const subdistrictNames = new Map(subdistricts.map((s) => [s.id, s.name]));
  const admin = accounts.find((a) => a.role === 'admin');
  const showcaseGridIds = [
    ...new Set(
      accounts.flatMap((a) =>
        a.is_demo && a.role === 'grid_worker' && a.scope_id !== null ? [a.scope_id] : [],
      ),
    ),
  ];
  const actors: DemoActors = {
    hotline: admin ? account(admin) : null,
    riders: accounts.filter((a) => a.role === 'part_time_worker').map(account),
    gridWorker: (unit) =>
      gridWorkers.get(unit.gridId) ?? { accountId: null, name: `网格员（${unit.gridName}）` },
    communityStaff: (unit) =>
      communityStaff.get(unit.communityId) ?? { accountId: null, name: `${unit.communityName}工作人员` },
    subdistrictStaff: (unit) =>
      subdistrictStaff.get(unit.subdistrictId) ?? {
        accountId: null,
        name: `${subdistrictNames.get(unit.subdistrictId) ?? '街道'}工作人员`,
      },
    departmentStaff: (code) => {
      const department = departmentByCode.get(code);
      return (
        (department ? departmentStaff.get(department.id) : undefined) ?? {
          accountId: null,
          name: `${department?.name ?? code}工作人员`,
        }
      );
    },
  };
  return { actors, showcaseGridIds };
}
