import type {
  ServiceRequest,
  ServiceRequestCreate,
  ServiceRequestPage,
  ServiceRequestStatus,
} from '#contracts/services.ts';
import { authorize, type Principal } from '../../platform/access.ts';
import { type Actor, jsonb, recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { WorkingCalendar } from '../../platform/working-calendar.ts';
import { findItemRow, findSiteRow } from './catalogue.repository.ts';
import { findRequestEvents, findRequestRow, findRequestRows, findResidentRef } from './request.repository.ts';
import { nextStatus, type ServiceRequestMove } from './service-request.lifecycle.ts';
import { servicesPermission } from './services.policy.ts';
import { presentRequest, presentRequestSummary } from './services.presenter.ts';
import type { Db, ServiceRequestEventTable } from './services.table.ts';
import { canHandleRequest, canSeeRequest, chainOf, worksAt } from './services-scope.ts';

/**
 * One-window intake (一窗受理、全科服务): any worker at any window takes a request for any item, for
 * any resident; it is routed at once to whoever handles the item (a site, possibly of another
 * community, or a department), with a deadline of the item's promised working days; the handler
 * accepts and completes it; the resident rates it. Every hand is on the timeline.
 */

interface Moving {
  principal: Principal;
  actor: Actor;
  now: Date;
}

type NewEvent = Omit<ServiceRequestEventTable, 'id' | 'jurisdiction_id' | 'request_id' | 'at'>;

async function addEvent(trx: Db, jurisdictionId: number, requestId: number, at: Date, event: NewEvent) {
  await trx
    .insertInto('service_request_event')
    .values({ jurisdiction_id: jurisdictionId, request_id: requestId, at, ...event })
    .execute();
}

export async function takeServiceRequest(
  trx: Db,
  options: Moving & { calendar: WorkingCalendar; request: ServiceRequestCreate },
): Promise<ServiceRequest> {
  const { principal, request, now } = options;
  const { jurisdictionId } = principal;
  authorize(principal, servicesPermission('services.intake'), null);
  const site = await findSiteRow(trx, jurisdictionId, request.siteId);
  if (!site) throw notFound('Service site');
  if (!worksAt(principal, site))
    throw new AppError('access.forbidden', 'Requests are taken at the account’s own sites');
  const item = await findItemRow(trx, jurisdictionId, request.itemId);
  if (!item?.active) throw notFound('Service item');
  const resident = await findResidentRef(trx, jurisdictionId, request.residentId);
  if (!resident) throw notFound('Resident');
  const handlerSite =
    item.handler_site_id !== null ? await findSiteRow(trx, jurisdictionId, item.handler_site_id) : undefined;
  const deadline = options.calendar.addWorkingDays(now, item.promised_days);
  const { id } = await trx
    .insertInto('service_request')
    .values({
      jurisdiction_id: jurisdictionId,
      item_id: item.id,
      resident_id: resident.id,
      intake_site_id: site.id,
      intake_chain: chainOf(site),
      handler_site_id: item.handler_site_id,
      handler_department_id: item.handler_department_id,
      handler_chain: handlerSite ? chainOf(handlerSite) : [],
      status: 'routed',
      materials: jsonb([...new Set(request.materials)]),
      note: request.note || null,
      received_at: now,
      deadline: deadline.at,
      deadline_uncertain: deadline.uncertain,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const by = { actor_account_id: principal.accountId, actor_name: principal.displayName };
  await addEvent(trx, jurisdictionId, id, now, {
    type: 'received',
    ...by,
    site_id: site.id,
    department_id: null,
    note: request.note || null,
  });
  await addEvent(trx, jurisdictionId, id, now, {
    type: 'routed',
    ...by,
    site_id: item.handler_site_id,
    department_id: item.handler_department_id,
    note: null,
  });
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'services.request_taken',
    subjectType: 'service_request',
    subjectId: id,
    details: {
      itemId: item.id,
      siteId: site.id,
      handlerSiteId: item.handler_site_id,
      handlerDepartmentId: item.handler_department_id,
    },
  });
  return getServiceRequest(trx, { principal, requestId: id, now });
}

async function moveRequest(
  trx: Db,
  options: Moving & {
    requestId: number;
    move: ServiceRequestMove;
    set: Record<string, unknown>;
    note: string | null;
  },
): Promise<ServiceRequest> {
  const { principal, now, move } = options;
  const { jurisdictionId } = principal;
  const row = await findRequestRow(trx, jurisdictionId, options.requestId, { lock: true });
  const where = row && {
    intakeChain: row.intake_chain,
    handlerChain: row.handler_chain,
    handlerDepartmentId: row.handler_department_id,
    residentAccountId: row.resident_account_id,
  };
  if (!row || !where || !canSeeRequest(principal, where)) throw notFound('Service request');
  const allowed =
    move === 'rated' ? row.resident_account_id === principal.accountId : canHandleRequest(principal, where);
  if (!allowed)
    throw new AppError(
      'access.forbidden',
      `Only the ${move === 'rated' ? 'resident' : 'handler'} may do this`,
    );
  const next = nextStatus(row.status, move);
  if (!next) {
    throw new AppError('services.invalid_transition', `A ${row.status} request cannot be ${move}`, {
      status: row.status,
    });
  }
  await trx
    .updateTable('service_request')
    .set({ status: next, updated_at: now, ...options.set })
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', row.id)
    .execute();
  await addEvent(trx, jurisdictionId, row.id, now, {
    type: move,
    actor_account_id: principal.accountId,
    actor_name: principal.displayName,
    site_id: move === 'rated' ? null : row.handler_site_id,
    department_id: move === 'rated' ? null : row.handler_department_id,
    note: options.note,
  });
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: `services.request_${move}`,
    subjectType: 'service_request',
    subjectId: row.id,
  });
  return getServiceRequest(trx, { principal, requestId: row.id, now });
}

export function acceptServiceRequest(
  trx: Db,
  options: Moving & { requestId: number; note?: string | undefined },
) {
  authorize(options.principal, servicesPermission('services.handle'), null);
  return moveRequest(trx, { ...options, move: 'accepted', set: {}, note: options.note || null });
}

export function completeServiceRequest(trx: Db, options: Moving & { requestId: number; result: string }) {
  authorize(options.principal, servicesPermission('services.handle'), null);
  return moveRequest(trx, {
    ...options,
    move: 'done',
    set: { result: options.result, done_at: options.now },
    note: options.result,
  });
}

export function rateServiceRequest(
  trx: Db,
  options: Moving & { requestId: number; rating: number; comment?: string | undefined },
) {
  authorize(options.principal, servicesPermission('services.rate'), null);
  return moveRequest(trx, {
    ...options,
    move: 'rated',
    set: { rating: options.rating, rating_comment: options.comment || null },
    note: options.comment || null,
  });
}

/** One request with its timeline; outside the viewer's scope it does not exist (404). */
export async function getServiceRequest(
  db: Db,
  options: { principal: Principal; requestId: number; now: Date },
): Promise<ServiceRequest> {
  const { principal } = options;
  authorize(principal, servicesPermission('services.read'), null);
  const row = await findRequestRow(db, principal.jurisdictionId, options.requestId);
  if (
    !row ||
    !canSeeRequest(principal, {
      intakeChain: row.intake_chain,
      handlerChain: row.handler_chain,
      handlerDepartmentId: row.handler_department_id,
      residentAccountId: row.resident_account_id,
    })
  ) {
    throw notFound('Service request');
  }
  const events = await findRequestEvents(db, principal.jurisdictionId, row.id);
  return presentRequest(row, events, options.now);
}

export async function findServiceRequests(
  db: Db,
  options: {
    principal: Principal;
    now: Date;
    query: { status?: ServiceRequestStatus | undefined; limit: number; offset: number };
  },
): Promise<ServiceRequestPage> {
  const { rows, total } = await findRequestRows(db, options.principal, options.query);
  return { total, requests: rows.map((row) => presentRequestSummary(row, options.now)) };
}
