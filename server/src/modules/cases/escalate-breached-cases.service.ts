import type { Principal } from '../../platform/access.ts';
import { type Actor, systemActor } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { WorkingCalendar } from '../../platform/working-calendar.ts';
import type { CaseClockData } from './case.clocks.ts';
import type { CaseStatus, CaseStep } from './case.lifecycle.ts';
import type { Db } from './case.table.ts';
import { moveCase } from './move-case.service.ts';

/**
 * The breach job (定时任务, issue 4 §4): escalates open cases whose grid-level step is past its
 * deadline, and urges (督办) cases whose departments are late to acknowledge (报到) or to report
 * back, flagging each late department task once. Every change is a normal move made by `system`
 * (timeline + audit in the same transaction).
 *
 * Safe to run twice and on two servers at once: each batch is claimed with
 * `SELECT … FOR UPDATE SKIP LOCKED` (a row another run holds is skipped, a row it has just moved no
 * longer matches once re-read), and `moveCase` writes at the version it read (a stale one is 409,
 * counted as `skipped`). One transaction per batch, so a failure loses at most one batch's work,
 * which the next run picks up.
 */

export interface EscalateBreachedCasesOptions {
  /** Only this jurisdiction's cases (default: every jurisdiction the instance serves). */
  jurisdictionId?: number;
  now: Date;
  /** One calendar, or each jurisdiction's (`CasesModule.calendarFor`). */
  calendar: WorkingCalendar | ((jurisdictionId: number) => Promise<WorkingCalendar>);
  /** Cases claimed per transaction. */
  batchSize?: number;
  actor?: Actor;
}

export interface BreachRunResult {
  /** Case ids escalated by this run. */
  escalated: number[];
  /** Case ids urged for late departments by this run. */
  urged: number[];
  /** Claimed but not moved (the machine refused, or the case changed meanwhile). */
  skipped: number[];
}

/** The steps whose breach the job answers by escalating, and the statuses they run in. */
const ESCALATING_STEPS: ReadonlySet<CaseStep> = new Set(['accept', 'grid_handle', 'community_response']);
const ESCALATING_STATUSES: readonly CaseStatus[] = [
  'reported',
  'accepted',
  'in_progress',
  'reopened',
  'escalated_community',
];

export async function escalateBreachedCases(
  db: Db,
  options: EscalateBreachedCasesOptions,
): Promise<BreachRunResult> {
  const result: BreachRunResult = { escalated: [], urged: [], skipped: [] };
  const resolved: Resolved = { ...options, calendarOf: await resolveCalendars(db, options) };
  await escalateBreaches(db, resolved, result);
  await urgeLateDepartments(db, resolved, result);
  await urgeLateSubdistricts(db, resolved, result);
  return result;
}

const breached = (clock: CaseClockData, now: Date): boolean => new Date(clock.deadline) < now;

/** The options with each jurisdiction's calendar at hand (read before any transaction: PGlite has one connection). */
type Resolved = Omit<EscalateBreachedCasesOptions, 'calendar'> & {
  calendarOf: (jurisdictionId: number) => WorkingCalendar;
};

export async function resolveCalendars(
  db: Db,
  options: Pick<EscalateBreachedCasesOptions, 'calendar' | 'jurisdictionId'>,
): Promise<(jurisdictionId: number) => WorkingCalendar> {
  const { calendar } = options;
  if (typeof calendar !== 'function') return () => calendar;
  const ids =
    options.jurisdictionId !== undefined
      ? [options.jurisdictionId]
      : (await db.selectFrom('jurisdiction').select('id').execute()).map((row) => row.id);
  const calendars = new Map<number, WorkingCalendar>();
  for (const id of ids) calendars.set(id, await calendar(id));
  return (jurisdictionId) => {
    const found = calendars.get(jurisdictionId);
    if (!found) throw new Error(`no calendar for jurisdiction ${jurisdictionId}`);
    return found;
  };
}

async function escalateBreaches(db: Db, options: Resolved, result: BreachRunResult) {
  const { now } = options;
  const batchSize = options.batchSize ?? 20;
  const seen: number[] = [];
  for (;;) {
    const claimed = await db.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom('case_record')
        .select(['jurisdiction_id', 'id', 'version', 'status', 'clocks'])
        .where('status', 'in', ESCALATING_STATUSES)
        .where('step_deadline', '<', now)
        .orderBy('step_deadline')
        .orderBy('id')
        .limit(batchSize)
        .forUpdate()
        .skipLocked();
      if (seen.length > 0) query = query.where('id', 'not in', seen);
      if (options.jurisdictionId !== undefined)
        query = query.where('jurisdiction_id', '=', options.jurisdictionId);
      const rows = await query.execute();
      for (const row of rows) {
        seen.push(row.id);
        const late = row.clocks.find((clock) => ESCALATING_STEPS.has(clock.step) && breached(clock, now));
        if (!late) {
          result.skipped.push(row.id);
          continue;
        }
        const moved = await systemMove(trx, options, row, {
          type: 'escalate',
          reason: `超时自动上报：${stepName(late.step)}时限 ${late.deadline} 已过`,
        });
        (moved ? result.escalated : result.skipped).push(row.id);
      }
      return rows.length;
    });
    if (claimed < batchSize) return;
  }
}

async function urgeLateDepartments(db: Db, options: Resolved, result: BreachRunResult) {
  const { now } = options;
  const batchSize = options.batchSize ?? 20;
  const seen: number[] = [];
  for (;;) {
    const claimed = await db.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom('case_department_task as t')
        .innerJoin('department as d', (join) =>
          join.onRef('d.jurisdiction_id', '=', 't.jurisdiction_id').onRef('d.id', '=', 't.department_id'),
        )
        .innerJoin('case_record as c', (join) =>
          join.onRef('c.jurisdiction_id', '=', 't.jurisdiction_id').onRef('c.id', '=', 't.case_id'),
        )
        .select([
          't.id as task_id',
          't.status as task_status',
          'd.code as department_code',
          'c.jurisdiction_id',
          'c.id',
          'c.version',
          'c.status',
          'c.clocks',
        ])
        .where('t.closed_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb.and([eb('t.status', '=', 'dispatched'), eb('t.acknowledge_late_at', 'is', null)]),
            eb.and([eb('t.status', '=', 'acknowledged'), eb('t.report_back_late_at', 'is', null)]),
          ]),
        )
        .where('c.step_deadline', '<', now)
        .orderBy('c.id')
        .orderBy('t.id')
        .limit(batchSize)
        .forUpdate(['t', 'c'])
        .skipLocked();
      if (seen.length > 0) query = query.where('t.id', 'not in', seen);
      if (options.jurisdictionId !== undefined)
        query = query.where('c.jurisdiction_id', '=', options.jurisdictionId);
      const rows = await query.execute();
      const lateByCase = new Map<number, { row: (typeof rows)[number]; departments: string[] }>();
      for (const row of rows) {
        seen.push(row.task_id);
        const step: CaseStep = row.task_status === 'dispatched' ? 'acknowledge' : 'department_handle';
        const clock = row.clocks.find((c) => c.step === step && c.department === row.department_code);
        if (!clock || !breached(clock, now)) continue;
        await trx
          .updateTable('case_department_task')
          .set(step === 'acknowledge' ? { acknowledge_late_at: now } : { report_back_late_at: now })
          .where('jurisdiction_id', '=', row.jurisdiction_id)
          .where('id', '=', row.task_id)
          .execute();
        const entry = lateByCase.get(row.id) ?? { row, departments: [] };
        entry.departments.push(
          `${row.department_code}${step === 'acknowledge' ? ' 未按时报到' : ' 未按时反馈'}`,
        );
        lateByCase.set(row.id, entry);
      }
      for (const { row, departments } of lateByCase.values()) {
        const moved = await systemMove(trx, options, row, {
          type: 'urge',
          note: `超时督办：${departments.join('；')}`,
        });
        (moved ? result.urged : result.skipped).push(row.id);
      }
      return rows.length;
    });
    if (claimed < batchSize) return;
  }
}

/**
 * A subdistrict past its response limit has nobody above it in the ladder to escalate to: `system`
 * urges it (督办), once per breach — a case already urged by `system` since the step started is left.
 */
async function urgeLateSubdistricts(db: Db, options: Resolved, result: BreachRunResult) {
  const { now } = options;
  const batchSize = options.batchSize ?? 20;
  const seen: number[] = [];
  for (;;) {
    const claimed = await db.transaction().execute(async (trx) => {
      let query = trx
        .selectFrom('case_record as c')
        .select(['c.jurisdiction_id', 'c.id', 'c.version', 'c.step_deadline'])
        .where('c.status', '=', 'escalated_subdistrict')
        .where('c.step', '=', 'subdistrict_response')
        .where('c.step_deadline', '<', now)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('case_timeline as t')
                .select('t.id')
                .whereRef('t.jurisdiction_id', '=', 'c.jurisdiction_id')
                .whereRef('t.case_id', '=', 'c.id')
                .where('t.event', '=', 'urge')
                .where('t.actor_role', '=', 'system')
                .whereRef('t.at', '>=', 'c.step_started_at'),
            ),
          ),
        )
        .orderBy('c.id')
        .limit(batchSize)
        .forUpdate()
        .skipLocked();
      if (seen.length > 0) query = query.where('c.id', 'not in', seen);
      if (options.jurisdictionId !== undefined)
        query = query.where('c.jurisdiction_id', '=', options.jurisdictionId);
      const rows = await query.execute();
      for (const row of rows) {
        seen.push(row.id);
        const moved = await systemMove(trx, options, row, {
          type: 'urge',
          note: `超时督办：街道响应时限 ${row.step_deadline?.toISOString()} 已过`,
        });
        (moved ? result.urged : result.skipped).push(row.id);
      }
      return rows.length;
    });
    if (claimed < batchSize) return;
  }
}

/**
 * One move by `system` at the version just read under the row lock. A refusal by the machine or a
 * lost version is not an error of the job: the case is left for a person (or the next run).
 */
export async function systemMove(
  trx: Db,
  options: Pick<Resolved, 'actor' | 'now' | 'calendarOf'>,
  row: { jurisdiction_id: number; id: number; version: number },
  event: { type: 'escalate'; reason: string } | { type: 'urge'; note: string } | { type: 'close' },
): Promise<boolean> {
  try {
    await moveCase(trx, {
      principal: systemPrincipal(row.jurisdiction_id),
      actor: options.actor ?? systemActor,
      calendar: options.calendarOf(row.jurisdiction_id),
      now: options.now,
      caseId: row.id,
      version: row.version,
      event,
      system: true,
    });
    return true;
  } catch (error) {
    // The machine's refusals and version conflicts are thrown before anything is written.
    if (error instanceof AppError) return false;
    throw error;
  }
}

/** Carries the jurisdiction (and reads the answer as an administrator would); never signs in. */
export function systemPrincipal(jurisdictionId: number): Principal {
  return {
    accountId: 0,
    jurisdictionId,
    username: 'system',
    displayName: '系统',
    role: 'admin',
    scope: { level: 'jurisdiction', id: null },
    scopeChain: [],
    csrfToken: '',
    sessionId: '',
    mustChangePassword: false,
    mustSetUpTotp: false,
  };
}

function stepName(step: CaseStep): string {
  switch (step) {
    case 'accept':
      return '受理';
    case 'grid_handle':
      return '网格处置';
    case 'community_response':
      return '社区响应';
    case 'subdistrict_response':
      return '街道响应';
    case 'acknowledge':
      return '部门报到';
    case 'department_handle':
      return '部门处置';
    case 'verify':
      return '核查';
    case 'rate':
      return '评价';
    default: {
      const unknown: never = step;
      throw new RangeError(`unknown step ${String(unknown)}`);
    }
  }
}
