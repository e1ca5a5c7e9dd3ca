import crypto from 'node:crypto';
import type { CaseDetail, CaseReportRequest, LocateResult, Role } from '#contracts';
import { authorize, type Principal } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { WorkingCalendar } from '../../platform/working-calendar.ts';
import { startClock } from './case.clocks.ts';
import { initialCaseState, runningClocks } from './case.lifecycle.ts';
import {
  attachPhotos,
  claimIdempotencyKey,
  completeIdempotencyKey,
  findCase,
  findCategory,
  findIdempotencyKey,
  insertCase,
  insertTimelineEntry,
} from './case.repository.ts';
import type { Db, ReportChannel } from './case.table.ts';
import { presentCase } from './find-cases.service.ts';
import { applyCaseMeasureChanges } from './maintain-case-measures.service.ts';

/**
 * Intake (随手拍): a report becomes a case in its grid's queue, with its first deadline, a timeline
 * entry and an audit event, all in the caller's transaction. An Idempotency-Key makes retries safe:
 * the key is claimed by inserting it first, so ten parallel copies of one report make one case.
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

export async function reportCase(trx: Db, options: ReportCaseOptions): Promise<ReportCaseResult> {
  const { principal, request, located, now } = options;
  authorize(principal, 'cases.report', null);
  const jurisdictionId = principal.jurisdictionId;
  const key = { jurisdictionId, accountId: principal.accountId, key: options.idempotencyKey };
  const requestHash = hashRequest(request);
  if (!(await claimIdempotencyKey(trx, { ...key, requestHash, now }))) {
    const existing = await findIdempotencyKey(trx, key);
    if (!existing || existing.request_hash !== requestHash) {
      throw new AppError(
        'cases.idempotency_mismatch',
        'This Idempotency-Key was used for a different report; use a new key',
      );
    }
    if (existing.response === null) throw new AppError('cases.conflict', 'The first request is not finished');
    return { body: existing.response as CaseDetail, replayed: true };
  }

  const category = await findCategory(trx, jurisdictionId, request.categoryCode);
  if (!category?.active) {
    throw new AppError('cases.unknown_category', `No case category ${request.categoryCode}`, {
      categoryCode: request.categoryCode,
    });
  }
  const channel = options.channel ?? channelOf(principal.role);
  const state = initialCaseState({
    ratingExpected: !request.anonymous && (channel === 'resident' || channel === 'rider'),
  });
  const clocks = runningClocks(state).map((clock) =>
    startClock(options.calendar, category.limits, clock, now),
  );
  const caseId = await insertCase(trx, {
    jurisdictionId,
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
  });
  const unusable = await attachPhotos(trx, {
    jurisdictionId,
    caseId,
    accountId: principal.accountId,
    photoIds: request.photoIds,
  });
  if (unusable.length > 0) {
    throw new AppError('cases.photo_not_usable', 'Some photos cannot be attached', { photoIds: unusable });
  }
  await insertTimelineEntry(trx, {
    jurisdictionId,
    caseId,
    at: now,
    actorAccountId: principal.accountId,
    actorName: principal.displayName,
    actorRole: principal.role,
    event: 'report',
    departmentCode: null,
    from: null,
    to: state.status,
    note: null,
    photoIds: request.photoIds,
    effects: [
      { kind: 'set_category', categoryCode: category.code }, // the first category, for the measures
      ...clocks.map((clock) => ({ kind: 'start_clock', step: clock.step, department: clock.department })),
      { kind: 'notify', to: { kind: 'grid' }, about: 'action_needed' },
    ],
  });
  await applyCaseMeasureChanges(trx, [{ jurisdictionId, caseId }], { calendar: options.calendar });
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'cases.report',
    subjectType: 'case',
    subjectId: caseId,
    details: {
      categoryCode: category.code,
      channel,
      anonymous: request.anonymous,
      gridId: located.grid.id,
      photos: request.photoIds.length,
    },
  });
  const row = await findCase(trx, jurisdictionId, caseId);
  if (!row) throw new Error('the new case is missing');
  const body = await presentCase(trx, { principal, calendar: options.calendar, now, row, tasks: [] });
  await completeIdempotencyKey(trx, { ...key, caseId, response: body });
  return { body, replayed: false };
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
