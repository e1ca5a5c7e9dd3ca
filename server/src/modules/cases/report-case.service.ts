import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { CaseDetail, CaseReportRequest, LocateResult, Role } from '#contracts';
import { IdReserve } from '../../db/id-reserve.ts';
import { executeInOrder, WriteShortfall } from '../../db/ordered-writes.ts';
import { authorize, type Principal } from '../../platform/access.ts';
import { type Actor, auditWrites } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { WorkingCalendar } from '../../platform/working-calendar.ts';
import { startClock } from './case.clocks.ts';
import { initialCaseState, runningClocks } from './case.lifecycle.ts';
import {
  type CaseRow,
  type CategoryRow,
  findIdempotencyKeys,
  findUnattachedPhotos,
  type IdempotencyKeyRef,
  type IntakeRows,
  idempotencyKeyId,
  intakeCaseRow,
  intakeEntryRow,
  intakeWrites,
  type NewCaseWithEntry,
  photoAttachmentWrites,
} from './case.repository.ts';
import type { CaseTimelineTable, Db, ReportChannel } from './case.table.ts';
import { type CategorySource, categoriesFromDatabase } from './case-category-cache.ts';
import { measuredCaseOf, measuredEntryOf } from './case-measures.repository.ts';
import { ownDepartmentOf, presentContext } from './find-cases.service.ts';
import { newCaseMeasureWrites } from './maintain-case-measures.service.ts';
import { intakeNotificationWrites } from './notify-case.service.ts';

/**
 * Intake (随手拍): a report becomes a case in its grid's queue, with its first deadline, a timeline
 * entry and an audit event, written together or not at all. An Idempotency-Key makes retries safe:
 * the key is claimed by inserting it with the case, so ten parallel copies of one report make one
 * case. Reports come in batches (`reportCases`, fed by the intake batcher's group commit): a batch
 * is one statement, whose audit events go last so that the audit chain's lock is held only until
 * its commit.
 */

export interface ReportCaseOptions {
  principal: Principal;
  actor: Actor;
  calendar: WorkingCalendar;
  now: Date;
  idempotencyKey: string;
  request: CaseReportRequest;
  /** Where the point lies (TerritoryModule.locate, before the transaction): WGS-84 and its places. */
  located: LocateResult;
  /** How the report came in, when not from the reporter's role (Open311: `api`). */
  channel?: ReportChannel;
}

export interface ReportCaseResult {
  body: CaseDetail;
  /** The answer of an earlier request with the same key and body. */
  replayed: boolean;
}

export type IntakeOutcome = { ok: true; result: ReportCaseResult } | { ok: false; error: AppError };

export interface IntakeOptions {
  /** Where the categories come from (default: read in the transaction; the app: its cache). */
  categories?: CategorySource;
  /** Where the ids come from (default: the sequences, as many as the batch needs; the app: its reserves). */
  ids?: IntakeIdReserves;
}

/** One report, in the caller's transaction if `db` is one: `reportCases` with a batch of one. */
export async function reportCase(db: Db, options: ReportCaseOptions): Promise<ReportCaseResult> {
  const [outcome] = await reportCases(db, [options]);
  if (!outcome) throw new Error('no intake outcome');
  if (!outcome.ok) throw outcome.error;
  return outcome.result;
}

interface Pending {
  options: ReportCaseOptions;
  index: number;
  keyId: string;
  requestHash: string;
}

/** A report whose category passed the check, with the ids its case and first entry will have. */
interface Checked {
  pending: Pending;
  category: CategoryRow;
  caseId: number;
  entryId: number;
}

/** The rows written for a report, and its answer. */
interface Written extends Checked {
  rows: IntakeRows;
  row: CaseRow;
  entry: Selectable<CaseTimelineTable>;
  body: CaseDetail;
}

/** Sends a batch again after finding out which of its reports must not go (a race lost each time). */
const MAX_ATTEMPTS = 3;

/** Ids of new cases and of their first timeline entries, taken ahead of the statement that writes them. */
export interface IntakeIdReserves {
  cases: IdReserve;
  entries: IdReserve;
}

/** Reserves for one database (the cases module keeps one pair; a lone report takes just its own). */
export function intakeIdReserves(block?: number): IntakeIdReserves {
  return { cases: new IdReserve('case_record', block), entries: new IdReserve('case_timeline', block) };
}

/**
 * Many reports as one statement — one round trip and, outside a transaction, one commit — whatever
 * their count (group commit: the intake batcher sends concurrent requests here together). The ids
 * are taken in advance, so that everything is built before: each report's Idempotency-Key with its
 * answer, case, first timeline entry, photo links, the first handlers' notifications (the
 * statement selects the accounts), the measures' facts and roll-ups, and last the audit events.
 * The statement claims every key and attaches every photo or writes nothing; when it writes
 * nothing, the batch's keys and photos are read to answer the retries and refuse the reports that
 * must be, and the rest is sent again. Each report gets its own outcome; a refused one leaves
 * nothing behind and does not stop the others. Inside a caller's transaction the statement runs
 * under a savepoint, so that a statement that wrote nothing leaves the transaction usable.
 */
export async function reportCases(
  db: Db,
  batch: readonly ReportCaseOptions[],
  options: IntakeOptions = {},
): Promise<IntakeOutcome[]> {
  const categorySource = options.categories ?? categoriesFromDatabase;
  const ids = options.ids ?? intakeIdReserves(0);
  const outcomes: (IntakeOutcome | undefined)[] = new Array(batch.length);
  const fail = (index: number, error: unknown) => {
    if (!(error instanceof AppError)) throw error;
    outcomes[index] = { ok: false, error };
  };

  // One owner per key; later copies in the batch get the owner's answer (or its refusal).
  const owners = new Map<string, Pending>();
  const copies: Pending[] = [];
  for (const [index, options] of batch.entries()) {
    try {
      authorize(options.principal, 'cases.report', null);
    } catch (error) {
      fail(index, error);
      continue;
    }
    const { jurisdictionId, accountId } = options.principal;
    const pending: Pending = {
      options,
      index,
      keyId: idempotencyKeyId(jurisdictionId, accountId, options.idempotencyKey),
      requestHash: hashRequest(options.request),
    };
    if (owners.has(pending.keyId)) copies.push(pending);
    else owners.set(pending.keyId, pending);
  }

  // Categories and photos used twice in the batch first: a report refused here claims nothing.
  const refusals = new Map<Pending, AppError>();
  const checked: Omit<Checked, 'caseId' | 'entryId'>[] = [];
  for (const [jurisdictionId, group] of groupBy(owners.values(), (p) => p.options.principal.jurisdictionId)) {
    const categories = await categorySource(
      db,
      jurisdictionId,
      group.map((p) => p.options.request.categoryCode),
    );
    const taken = new Set<string>();
    for (const pending of group) {
      const { request } = pending.options;
      const category = categories.get(request.categoryCode);
      if (!category?.active) {
        refusals.set(pending, unknownCategory(request.categoryCode));
        continue;
      }
      const twice = request.photoIds.filter((id) => taken.has(id));
      if (twice.length > 0) {
        refusals.set(pending, photosNotUsable(twice));
        continue;
      }
      for (const id of request.photoIds) taken.add(id);
      checked.push({ pending, category });
    }
  }
  // A fixed order of keys, so that concurrent batches claim them in the same order.
  checked.sort((a, b) =>
    a.pending.keyId < b.pending.keyId ? -1 : a.pending.keyId > b.pending.keyId ? 1 : 0,
  );
  const [newCaseIds, newEntryIds] = [
    await ids.cases.take(db, checked.length),
    await ids.entries.take(db, checked.length),
  ];
  let ready: Checked[] = checked.map((report, i) => ({
    ...report,
    caseId: newCaseIds[i] as number,
    entryId: newEntryIds[i] as number,
  }));

  // Department staff see their own department in the answer.
  const departments = new Map<number, Awaited<ReturnType<typeof ownDepartmentOf>>>();
  for (const { pending } of ready) {
    const { principal } = pending.options;
    if (!departments.has(principal.accountId)) {
      departments.set(principal.accountId, await ownDepartmentOf(db, principal));
    }
  }

  let created: Written[] = [];
  const notCreated: Pending[] = [...refusals.keys()];
  for (let attempt = 1; ready.length > 0; attempt++) {
    const written = ready.map((report) => writtenReport(report, departments));
    try {
      await inSavepointIfInTransaction(db, () => executeInOrder(db, intakeStatement(db, written)));
      created = written;
      break;
    } catch (error) {
      if (!(error instanceof WriteShortfall)) throw error;
    }
    // Some key is taken already or some photo not usable: find which, and send the rest again.
    const stopped = await reportsThatCannotGo(db, ready);
    for (const [pending, refusal] of stopped) {
      if (refusal) refusals.set(pending, refusal);
      notCreated.push(pending);
    }
    ready = ready.filter((report) => !stopped.has(report.pending));
    if (attempt === MAX_ATTEMPTS && ready.length > 0) {
      for (const { pending } of ready) fail(pending.index, conflict());
      ready = [];
    }
  }
  for (const { pending, body } of created) {
    outcomes[pending.index] = { ok: true, result: { body, replayed: false } };
  }

  // A key already stored answers with its first answer — also for a report refused above, which may
  // be the retry of one that was accepted (its photos are attached since).
  const stored = await findIdempotencyKeys(db, notCreated.map(keyOf));
  for (const pending of notCreated) {
    if (outcomes[pending.index]) continue;
    const existing = stored.get(pending.keyId);
    if (!existing) fail(pending.index, refusals.get(pending) ?? conflict());
    else if (existing.request_hash !== pending.requestHash) fail(pending.index, mismatch());
    else if (existing.response === null) fail(pending.index, conflict());
    else {
      outcomes[pending.index] = {
        ok: true,
        result: { body: existing.response as CaseDetail, replayed: true },
      };
    }
  }

  for (const copy of copies) {
    const owner = owners.get(copy.keyId) as Pending;
    const first = outcomes[owner.index];
    if (copy.requestHash !== owner.requestHash) fail(copy.index, mismatch());
    else if (first?.ok)
      outcomes[copy.index] = { ok: true, result: { body: first.result.body, replayed: true } };
    else if (first) outcomes[copy.index] = first;
  }
  return outcomes.map((outcome) => {
    if (!outcome) throw new Error('an intake has no outcome');
    return outcome;
  });
}

/** A report's rows and its answer, built before anything is written (pure). */
function writtenReport(
  report: Checked,
  departments: ReadonlyMap<number, Awaited<ReturnType<typeof ownDepartmentOf>>>,
): Written {
  const { pending, category, caseId, entryId } = report;
  const { principal, located, request, calendar, now } = pending.options;
  const rows: IntakeRows = {
    ...planIntake(pending, category),
    caseId,
    entryId,
    key: keyOf(pending),
    requestHash: pending.requestHash,
    response: null,
  };
  const row = intakeCaseRow(rows);
  const entry = intakeEntryRow(rows);
  const body = presentContext(
    {
      row,
      category,
      places: new Map(
        [located.unit, located.grid, located.community, located.subdistrict].map((p) => [p.id, p]),
      ),
      tasks: [],
      timeline: [{ ...entry, actor_display_name: principal.displayName }],
      photoIds: [...request.photoIds],
      reporterName: principal.displayName,
    },
    principal,
    departments.get(principal.accountId) ?? null,
    { calendar, now },
  );
  return { ...report, rows: { ...rows, response: body }, row, entry, body };
}

/**
 * The batch's statement, in this order: the keys with their answers (every one claimed, or nothing
 * is written), the cases and first entries, the photos (every one attached, or nothing), the first
 * handlers' notifications, the measures (docs/measures.md: facts, then the roll-up rows that
 * concurrent batches and moves share) and last the audit events, so that the audit chain's lock is
 * held only until the commit.
 */
function intakeStatement(db: Db, written: readonly Written[]) {
  return [
    ...intakeWrites(written.map((w) => w.rows)),
    ...photoAttachmentWrites(
      db,
      written.map(({ pending, row }) => ({
        jurisdictionId: row.jurisdiction_id,
        caseId: row.id,
        accountId: pending.options.principal.accountId,
        photoIds: pending.options.request.photoIds,
      })),
    ),
    ...intakeNotificationWrites(
      written.map(({ pending, category, row }) => ({
        row,
        category,
        actorAccountId: pending.options.principal.accountId,
        now: pending.options.now,
      })),
    ),
    ...newCaseMeasureWrites(
      written.map(({ pending, category, row, entry }) => ({
        record: measuredCaseOf(row),
        timeline: [measuredEntryOf(entry)],
        limits: category.limits,
        calendar: pending.options.calendar,
      })),
    ),
    ...auditWrites(
      written.map(({ pending: { options }, row }) => ({
        actor: options.actor,
        entry: {
          jurisdictionId: row.jurisdiction_id,
          action: 'cases.report',
          subjectType: 'case',
          subjectId: row.id,
          details: {
            categoryCode: row.category_code,
            channel: row.channel,
            anonymous: row.anonymous,
            gridId: row.grid_id,
            photos: options.request.photoIds.length,
          },
        },
      })),
    ),
  ];
}

/**
 * Of a batch whose statement wrote nothing, the reports that must not go again: those whose key is
 * stored already (answered from it afterwards: null here) and those with a photo not usable (their
 * refusal). Read, not locked: the next statement checks again.
 */
async function reportsThatCannotGo(
  db: Db,
  reports: readonly Checked[],
): Promise<Map<Pending, AppError | null>> {
  const stopped = new Map<Pending, AppError | null>();
  const stored = await findIdempotencyKeys(
    db,
    reports.map((report) => keyOf(report.pending)),
  );
  const rest = reports.filter((report) => {
    if (!stored.has(report.pending.keyId)) return true;
    stopped.set(report.pending, null);
    return false;
  });
  for (const [jurisdictionId, group] of groupBy(rest, (r) => r.pending.options.principal.jurisdictionId)) {
    const photos = await findUnattachedPhotos(
      db,
      jurisdictionId,
      group.flatMap((report) => report.pending.options.request.photoIds),
    );
    for (const { pending } of group) {
      const { request, principal } = pending.options;
      const unusable = request.photoIds.filter((id) => photos.get(id) !== principal.accountId);
      if (unusable.length > 0) stopped.set(pending, photosNotUsable(unusable));
    }
  }
  return stopped;
}

/** Runs `write` under a savepoint when `db` is a transaction: a failed statement then leaves it usable. */
async function inSavepointIfInTransaction(db: Db, write: () => Promise<void>): Promise<void> {
  if (!db.isTransaction) return write();
  await sql`savepoint intake`.execute(db);
  try {
    await write();
  } catch (error) {
    await sql`rollback to savepoint intake`.execute(db);
    throw error;
  }
  await sql`release savepoint intake`.execute(db);
}

/** What one report writes: its state, first clocks and timeline entry (pure). */
function planIntake(pending: Pending, category: CategoryRow): NewCaseWithEntry {
  const { principal, request, located, now, calendar } = pending.options;
  const channel = pending.options.channel ?? channelOf(principal.role);
  const state = initialCaseState({
    ratingExpected: !request.anonymous && (channel === 'resident' || channel === 'rider'),
  });
  const clocks = runningClocks(state).map((clock) => startClock(calendar, category.limits, clock, now));
  return {
    jurisdictionId: principal.jurisdictionId,
    trackingCode: newTrackingCode(),
    categoryCode: category.code,
    description: request.description,
    lng: located.point.lng,
    lat: located.point.lat,
    address: request.address || null,
    unitId: located.unit.id,
    gridId: located.grid.id,
    communityId: located.community.id,
    subdistrictId: located.subdistrict.id,
    state,
    reporterAccountId: principal.accountId,
    anonymous: request.anonymous,
    channel,
    clocks,
    now,
    entry: {
      jurisdictionId: principal.jurisdictionId,
      at: now,
      actorAccountId: principal.accountId,
      actorName: principal.displayName,
      actorRole: principal.role,
      event: 'report',
      departmentCode: null,
      from: null,
      to: state.status,
      note: null,
      photoIds: [...request.photoIds],
      effects: [
        { kind: 'set_category', categoryCode: category.code }, // the first category, for the measures
        ...clocks.map((clock) => ({ kind: 'start_clock', step: clock.step, department: clock.department })),
        { kind: 'notify', to: { kind: 'grid' }, about: 'action_needed' },
      ],
    },
  };
}

function keyOf(pending: Pending): IdempotencyKeyRef {
  const { principal, idempotencyKey } = pending.options;
  return { jurisdictionId: principal.jurisdictionId, accountId: principal.accountId, key: idempotencyKey };
}

function groupBy<T, K>(items: Iterable<T>, keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function conflict(): AppError {
  return new AppError('cases.conflict', 'The first request with this Idempotency-Key is not finished');
}

function photosNotUsable(photoIds: readonly string[]): AppError {
  return new AppError('cases.photo_not_usable', 'Some photos cannot be attached', { photoIds });
}

function mismatch(): AppError {
  return new AppError(
    'cases.idempotency_mismatch',
    'This Idempotency-Key was used for a different report; use a new key',
  );
}

function unknownCategory(code: string): AppError {
  return new AppError('cases.unknown_category', `No case category ${code}`, { categoryCode: code });
}

/** How a report came in, from the reporter's role. */
export function channelOf(role: Role): ReportChannel {
  switch (role) {
    case 'resident':
      return 'resident';
    case 'part_time_worker':
      return 'rider';
    case 'grid_worker':
    case 'grid_assistant':
    case 'steward':
      return 'grid_worker';
    case 'admin':
    case 'city_leader':
    case 'subdistrict_staff':
    case 'community_secretary':
    case 'community_staff':
    case 'department_staff':
      return 'hotline';
    default: {
      const unknown: never = role;
      throw new RangeError(`unknown role ${String(unknown)}`);
    }
  }
}

/** The SHA-256 of a request body with its keys sorted, so that key order does not matter. */
export function hashRequest(body: unknown): string {
  return crypto.createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Crockford base32 without I, L, O, U: easy to read out on the phone. */
const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const TRACKING_CODE_LENGTH = 10;

/**
 * Random bytes drawn 4 KiB at a time and used once each: one draw from the system's generator costs
 * about as much for 4,096 bytes as for 10 (as `crypto.randomUUID` buffers its own).
 */
let randomPool = Buffer.alloc(0);
let randomAt = 0;

/** A public tracking code: 10 random characters (50 bits), unguessable and short enough to type. */
export function newTrackingCode(): string {
  if (randomAt + TRACKING_CODE_LENGTH > randomPool.length) {
    randomPool = crypto.randomBytes(4096);
    randomAt = 0;
  }
  let code = '';
  for (let i = 0; i < TRACKING_CODE_LENGTH; i++)
    code += TRACKING_ALPHABET[(randomPool[randomAt + i] as number) & 31];
  randomAt += TRACKING_CODE_LENGTH;
  return code;
}
