import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import type { CaseDetail, CaseReportRequest, LocateResult, Role } from '#contracts';
import { executeInOrder } from '../../db/ordered-writes.ts';
import { authorize, type Principal } from '../../platform/access.ts';
import { type Actor, auditWrites } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { WorkingCalendar } from '../../platform/working-calendar.ts';
import { startClock } from './case.clocks.ts';
import { initialCaseState, runningClocks } from './case.lifecycle.ts';
import {
  type CaseRow,
  type CategoryRow,
  claimKeysAndInsertCases,
  findIdempotencyKeys,
  type IdempotencyKeyRef,
  idempotencyAnswerWrites,
  idempotencyKeyId,
  lockUnattachedPhotos,
  type NewCaseWithEntry,
  photoAttachmentWrites,
} from './case.repository.ts';
import type { CaseTimelineTable, Db, ReportChannel } from './case.table.ts';
import { type CategorySource, categoriesFromDatabase } from './case-category-cache.ts';
import { measuredCaseOf, measuredEntryOf } from './case-measures.repository.ts';
import { ownDepartmentOf, presentContext } from './find-cases.service.ts';
import { type NewlyReportedCase, newCaseMeasureWrites } from './maintain-case-measures.service.ts';
import { intakeHandlerQueries, intakeNotificationWrites } from './notify-case.service.ts';

/**
 * Intake (随手拍): a report becomes a case in its grid's queue, with its first deadline, a timeline
 * entry and an audit event, all in the caller's transaction. An Idempotency-Key makes retries safe:
 * the key is claimed by inserting it with the case, so ten parallel copies of one report make one
 * case.
 * Reports come in batches (`reportCases`, fed by the intake batcher's group commit): each step is
 * one statement for the whole batch, and the audit events go last so that the audit chain's lock
 * is held only until the commit.
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
}

/** One report in the caller's transaction: `reportCases` with a batch of one. */
export async function reportCase(trx: Db, options: ReportCaseOptions): Promise<ReportCaseResult> {
  const [outcome] = await reportCases(trx, [options]);
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

/** A report whose category and photos passed the checks. */
interface Checked {
  pending: Pending;
  category: CategoryRow;
}

/** A report whose key this transaction claimed, what it wrote, and who handles the case first. */
interface Created extends Checked {
  row: CaseRow;
  entry: Selectable<CaseTimelineTable>;
  handlerIds: Record<string, number[]>;
}

/**
 * Many reports in one transaction with a fixed number of statements whatever their count (group
 * commit: the intake batcher sends concurrent requests here together). Each report gets its own
 * outcome; a refused one leaves nothing behind and does not stop the others. The caller commits.
 */
export async function reportCases(
  trx: Db,
  batch: readonly ReportCaseOptions[],
  options: IntakeOptions = {},
): Promise<IntakeOutcome[]> {
  const categorySource = options.categories ?? categoriesFromDatabase;
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

  // Categories and photos first: a report refused here claims nothing.
  const refusals = new Map<Pending, AppError>();
  const checked: Checked[] = [];
  for (const [jurisdictionId, group] of groupBy(owners.values(), (p) => p.options.principal.jurisdictionId)) {
    const categories = await categorySource(
      trx,
      jurisdictionId,
      group.map((p) => p.options.request.categoryCode),
    );
    const photos = await lockUnattachedPhotos(
      trx,
      jurisdictionId,
      group.flatMap((p) => p.options.request.photoIds),
    );
    const taken = new Set<string>();
    for (const pending of group) {
      const { request, principal } = pending.options;
      const category = categories.get(request.categoryCode);
      if (!category?.active) {
        refusals.set(pending, unknownCategory(request.categoryCode));
        continue;
      }
      const unusable = request.photoIds.filter(
        (id) => photos.get(id) !== principal.accountId || taken.has(id),
      );
      if (unusable.length > 0) {
        refusals.set(
          pending,
          new AppError('cases.photo_not_usable', 'Some photos cannot be attached', { photoIds: unusable }),
        );
        continue;
      }
      for (const id of request.photoIds) taken.add(id);
      checked.push({ pending, category });
    }
  }

  // The keys claimed (in a fixed order) and the cases of the claimed ones inserted with their first
  // timeline entries: one statement.
  const ordered = checked.sort((a, b) =>
    a.pending.keyId < b.pending.keyId ? -1 : a.pending.keyId > b.pending.keyId ? 1 : 0,
  );
  const planned = ordered.map(({ pending, category }) => ({
    ...planIntake(pending, category),
    key: keyOf(pending),
    requestHash: pending.requestHash,
  }));
  const inserted = await claimKeysAndInsertCases(
    trx,
    planned,
    intakeHandlerQueries(planned.map((plan) => plan.state)),
  );
  const created: Created[] = [];
  const unclaimed: Pending[] = [];
  for (const [i, report] of ordered.entries()) {
    const written = inserted[i];
    if (written) created.push({ ...report, ...written });
    else unclaimed.push(report.pending);
  }

  // A key already stored answers with its first answer — also for a report refused above, which may
  // be the retry of one that was accepted (its photos are attached since).
  const notCreated = [...unclaimed, ...refusals.keys()];
  const stored = await findIdempotencyKeys(trx, notCreated.map(keyOf));
  for (const pending of notCreated) {
    const existing = stored.get(pending.keyId);
    if (!existing) fail(pending.index, refusals.get(pending) ?? mismatch());
    else if (existing.request_hash !== pending.requestHash) fail(pending.index, mismatch());
    else if (existing.response === null) {
      fail(pending.index, new AppError('cases.conflict', 'The first request is not finished'));
    } else {
      outcomes[pending.index] = {
        ok: true,
        result: { body: existing.response as CaseDetail, replayed: true },
      };
    }
  }

  const notifications = intakeNotificationWrites(
    trx,
    created.map(({ pending, category, row, handlerIds }) => ({
      row,
      category,
      handlerIds,
      actorAccountId: pending.options.principal.accountId,
      now: pending.options.now,
    })),
  );

  // The answers, from what is in memory, and the measures (docs/measures.md) of the batch's cases,
  // from the same rows, each on its own calendar.
  const departments = new Map<number, Awaited<ReturnType<typeof ownDepartmentOf>>>();
  const answers: (IdempotencyKeyRef & { caseId: number; response: CaseDetail })[] = [];
  const measured: NewlyReportedCase[] = [];
  for (const { pending, category, row, entry } of created) {
    const { principal, located, request, calendar } = pending.options;
    if (!departments.has(principal.accountId)) {
      departments.set(principal.accountId, await ownDepartmentOf(trx, principal));
    }
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
      { calendar, now: pending.options.now },
    );
    answers.push({ ...keyOf(pending), caseId: row.id, response: body });
    outcomes[pending.index] = { ok: true, result: { body, replayed: false } };
    measured.push({
      record: measuredCaseOf(row),
      timeline: [measuredEntryOf(entry)],
      limits: category.limits,
      calendar,
    });
  }
  // One statement, in this order: the answers (stored with the keys so that a retry replays them),
  // the photos (locked above), the handlers' notifications, the measures, whose roll-up rows
  // concurrent batches and moves share, and last the audit events, so that the audit chain's lock
  // is held only until the commit that follows.
  await executeInOrder(trx, [
    ...idempotencyAnswerWrites(trx, answers),
    ...photoAttachmentWrites(
      trx,
      created.map(({ pending, row }) => ({
        jurisdictionId: row.jurisdiction_id,
        caseId: row.id,
        accountId: pending.options.principal.accountId,
        photoIds: pending.options.request.photoIds,
      })),
    ),
    ...notifications,
    ...newCaseMeasureWrites(trx, measured),
    ...auditWrites(
      trx,
      created.map(({ pending: { options }, row }) => ({
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
  ]);

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

/** A public tracking code: 10 random characters (50 bits), unguessable and short enough to type. */
export function newTrackingCode(): string {
  let code = '';
  for (const byte of crypto.randomBytes(10)) code += TRACKING_ALPHABET[byte & 31];
  return code;
}
