import type { OrderedWrite } from '../../db/ordered-writes.ts';
import { CALENDAR_YEARS } from '../../platform/working-calendar.data.ts';
import { createWorkingCalendar, type WorkingCalendar } from '../../platform/working-calendar.ts';
import {
  type CaseMeasureFacts,
  deriveCaseMeasureFacts,
  type MeasureContext,
  type MeasureDeltas,
  type MeasuredCase,
  type MeasuredEntry,
  measureDeltas,
} from './case.measures.ts';
import type { Db } from './case.table.ts';
import {
  addToRollups,
  deleteMeasures,
  findCategoryLimits,
  findDepartmentIds,
  findMeasuredCasePage,
  findMeasuredCases,
  findMeasuredTimelines,
  lockCaseFacts,
  lockMeasureTables,
  newCaseFactWrites,
  rollUpFacts,
  rollupWrites,
  saveCaseFacts,
} from './case-measures.repository.ts';
import type { StepLimits } from './data/categories.ts';

/**
 * Keeps the measures (docs/measures.md) in step with the cases: after an intake or a move, in the
 * same transaction, each changed case's facts are derived again from its record and timeline, and
 * the roll-ups get contribution(after) − contribution(before). The rebuild derives every case's
 * facts from the same tables and sums them into fresh roll-ups.
 */

/** A case whose record or timeline was just written. */
export interface CaseMeasureChange {
  jurisdictionId: number;
  caseId: number;
}

export interface MeasureOptions {
  /** The calendar the case's clocks ran on (default: the years in working-calendar.data.ts). */
  calendar?: WorkingCalendar;
}

let defaultCalendar: WorkingCalendar | null = null;
function calendarOf(options: MeasureOptions): WorkingCalendar {
  if (options.calendar) return options.calendar;
  defaultCalendar ??= createWorkingCalendar(CALENDAR_YEARS);
  return defaultCalendar;
}

/** Facts of some cases of one jurisdiction, from their records and timelines. */
async function deriveFacts(
  db: Db,
  jurisdictionId: number,
  records: readonly MeasuredCase[],
  calendar: WorkingCalendar,
  departments?: Map<string, number>,
): Promise<CaseMeasureFacts[]> {
  const timelines = await findMeasuredTimelines(
    db,
    jurisdictionId,
    records.map((r) => r.id),
  );
  const codes = new Set(records.map((r) => r.categoryCode));
  for (const entries of timelines.values()) for (const code of categoriesSetIn(entries)) codes.add(code);
  const limits = new Map<string, StepLimits>(
    (await findCategoryLimits(db, jurisdictionId, [...codes])).map((row) => [row.code, row.limits]),
  );
  const departmentIds =
    departments ?? new Map((await findDepartmentIds(db, jurisdictionId)).map((d) => [d.code, d.id]));
  const context: MeasureContext = {
    calendar,
    limitsOf: (code) => limits.get(code),
    departmentIdOf: (code) => departmentIds.get(code),
  };
  return records.map((record) => deriveCaseMeasureFacts(record, timelines.get(record.id) ?? [], context));
}

function categoriesSetIn(entries: readonly MeasuredEntry[]): string[] {
  const codes: string[] = [];
  for (const entry of entries) {
    for (const effect of entry.effects) {
      const { kind, categoryCode } = (effect ?? {}) as { kind?: unknown; categoryCode?: unknown };
      if (kind === 'set_category' && typeof categoryCode === 'string') codes.push(categoryCode);
    }
  }
  return codes;
}

/** A case just reported, with all its measures need (a batched intake has it in memory). */
export interface NewlyReportedCase {
  record: MeasuredCase;
  timeline: readonly MeasuredEntry[];
  limits: StepLimits;
  /** The calendar its clocks run on. */
  calendar: WorkingCalendar;
}

/**
 * The measures of cases just reported, as writes to run in the intake's statement with others
 * (`executeInOrder`): nothing to read (they have no facts yet, and their record, first timeline
 * entry and category are in memory), so only the facts and the roll-ups are written, the roll-ups
 * last. Gives the same figures as `applyCaseMeasureChanges` would.
 */
export function newCaseMeasureWrites(cases: readonly NewlyReportedCase[]): OrderedWrite[] {
  const after = cases.map((c) =>
    deriveCaseMeasureFacts(c.record, c.timeline, {
      calendar: c.calendar,
      limitsOf: (code) => (code === c.record.categoryCode ? c.limits : undefined),
      departmentIdOf: () => undefined,
    }),
  );
  const deltas = measureDeltas(after.map((facts) => ({ before: null, after: facts })));
  return [...newCaseFactWrites(after), ...rollupWrites(deltas)];
}

/**
 * Brings the measures of these cases up to date, in the caller's transaction: stored facts locked
 * and read (before), derived again (after), stored, and the difference of their contributions
 * added to the roll-ups in primary-key order (one row per key, however many cases share it), so
 * concurrent writers cannot deadlock and a case is never counted twice. Batched intake calls it
 * once for all its new cases. Returns the deltas applied.
 */
export async function applyCaseMeasureChanges(
  trx: Db,
  changes: readonly CaseMeasureChange[],
  options: MeasureOptions = {},
): Promise<MeasureDeltas> {
  const calendar = calendarOf(options);
  const byJurisdiction = new Map<number, Set<number>>();
  for (const change of changes) {
    const ids = byJurisdiction.get(change.jurisdictionId) ?? new Set<number>();
    ids.add(change.caseId);
    byJurisdiction.set(change.jurisdictionId, ids);
  }
  const pairs: { before: CaseMeasureFacts | null; after: CaseMeasureFacts | null }[] = [];
  const saved: CaseMeasureFacts[] = [];
  for (const jurisdictionId of [...byJurisdiction.keys()].sort((a, b) => a - b)) {
    const caseIds = [...(byJurisdiction.get(jurisdictionId) ?? [])].sort((a, b) => a - b);
    const before = await lockCaseFacts(trx, jurisdictionId, caseIds);
    const records = await findMeasuredCases(trx, jurisdictionId, caseIds);
    const after = await deriveFacts(trx, jurisdictionId, records, calendar);
    for (const facts of after) {
      pairs.push({ before: before.get(facts.caseId) ?? null, after: facts });
      saved.push(facts);
    }
  }
  await saveCaseFacts(trx, saved);
  const deltas = measureDeltas(pairs);
  await addToRollups(trx, deltas);
  return deltas;
}

export interface RebuildResult {
  cases: number;
}

/**
 * Derives the facts of every case of a jurisdiction from `case_record`, `case_timeline` and
 * `case_department_task` alone, and sums them into fresh roll-ups: after a bulk load (the demo), or
 * to repair. The measure tables are locked meanwhile, so intakes and moves wait for it.
 */
export async function rebuildCaseMeasures(
  db: Db,
  jurisdictionId: number,
  options: MeasureOptions & { batchSize?: number } = {},
): Promise<RebuildResult> {
  const calendar = calendarOf(options);
  const batchSize = options.batchSize ?? 2000;
  const run = async (trx: Db): Promise<RebuildResult> => {
    await lockMeasureTables(trx);
    await deleteMeasures(trx, jurisdictionId);
    const departments = new Map((await findDepartmentIds(trx, jurisdictionId)).map((d) => [d.code, d.id]));
    let afterId = 0;
    let cases = 0;
    for (;;) {
      const records = await findMeasuredCasePage(trx, jurisdictionId, afterId, batchSize);
      const last = records.at(-1);
      if (!last) break;
      const facts = await deriveFacts(trx, jurisdictionId, records, calendar, departments);
      await saveCaseFacts(trx, facts, { fresh: true });
      cases += records.length;
      afterId = last.id;
    }
    await rollUpFacts(trx, jurisdictionId);
    return { cases };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
