import crypto from 'node:crypto';
import { CaseReportRequest } from '#contracts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { type ReportCaseOptions, reportCase } from '../cases/index.ts';
import { type ApiClient, authenticateApiKey } from './api-keys.ts';
import type { Open311Module } from './open311.module.ts';
import {
  centroidOf,
  presentRequest,
  presentService,
  presentServiceDefinition,
  serviceNotice,
  toOffsetIso,
} from './open311.presenter.ts';
import {
  findCurrentDepartments,
  findGridGeometries,
  findRequestIdByToken,
  findRequests,
  findService,
  findServices,
  type RequestFilter,
} from './open311.repository.ts';
import type {
  Open311Created,
  Open311Discovery,
  Open311PostBody,
  Open311Request,
  Open311RequestsQuery,
  Open311Service,
  Open311ServiceDefinition,
  Open311Token,
} from './open311.schemas.ts';
import type { Db } from './open311.table.ts';

/** The GeoReport v2 use cases: public reads of services and requests, and POST through the cases intake. */

/** At most this many requests per answer (the standard leaves it to the server). */
export const MAX_REQUESTS = 1000;
/** Without dates, requests of the last 90 days (the standard's default window). */
export const DEFAULT_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

const invalid = (description: string) => new AppError('georeport.invalid_request', description);

export async function listServices(db: Db, jurisdictionId: number): Promise<Open311Service[]> {
  return (await findServices(db, jurisdictionId)).map(presentService);
}

export async function getServiceDefinition(
  db: Db,
  jurisdictionId: number,
  serviceCode: string,
): Promise<Open311ServiceDefinition> {
  const row = await findService(db, jurisdictionId, serviceCode);
  if (!row) throw new AppError('georeport.service_not_found', `No service with service_code ${serviceCode}`);
  return presentServiceDefinition(row);
}

/** `2026-12-01` (midnight in Shanghai) or a date-time with `Z` or an offset (Shanghai time without one). */
export function parseOpen311Date(value: string, name: string): Date {
  const match =
    /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(value);
  if (!match) throw invalid(`${name} must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00+08:00`);
  const [, date, time = '00:00:00', zone] = match;
  const offset = !zone
    ? '+08:00'
    : zone.toUpperCase() === 'Z'
      ? 'Z'
      : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const parsed = new Date(`${date}T${time.length === 5 ? `${time}:00` : time}${offset}`);
  if (Number.isNaN(parsed.getTime())) throw invalid(`${name} is not a valid date-time: ${value}`);
  return parsed;
}

/** The query of GET requests as a filter, with the default window and the standard's precedence. */
export function requestFilterOf(query: Open311RequestsQuery, now: Date): RequestFilter {
  if (query.service_request_id) {
    const parts = query.service_request_id
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (parts.length > MAX_REQUESTS) throw invalid(`At most ${MAX_REQUESTS} service_request_id at once`);
    // An id that cannot be one of ours is simply not found, as an unknown one.
    const ids = parts.filter((s) => /^\d{1,15}$/.test(s)).map(Number);
    return { ids };
  }
  const to = query.end_date ? parseOpen311Date(query.end_date, 'end_date') : undefined;
  const from = query.start_date ? parseOpen311Date(query.start_date, 'start_date') : undefined;
  const end = to ?? (from ? new Date(from.getTime() + DEFAULT_WINDOW_DAYS * DAY_MS) : now);
  const start = from ?? new Date(end.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS);
  if (start > end) throw invalid('start_date is after end_date');
  let status: RequestFilter['status'];
  if (query.status) {
    const wanted = new Set(query.status.split(',').map((s) => s.trim().toLowerCase()));
    for (const s of wanted)
      if (s !== 'open' && s !== 'closed') throw invalid('status must be open or closed');
    status = wanted.size === 1 ? ([...wanted][0] as 'open' | 'closed') : undefined;
  }
  const serviceCodes = query.service_code
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    from: start,
    to: end,
    ...(status ? { status } : {}),
    ...(serviceCodes && serviceCodes.length > 0 ? { serviceCodes } : {}),
  };
}

export async function findPublicRequests(
  db: Db,
  jurisdictionId: number,
  filter: RequestFilter,
): Promise<Open311Request[]> {
  const rows = await findRequests(db, jurisdictionId, filter, MAX_REQUESTS);
  const gridIds = [...new Set(rows.map((row) => row.grid_id))];
  const openIds = rows.filter((row) => ['dispatched', 'acknowledged', 'reported_back'].includes(row.status));
  const [geometries, departments] = await Promise.all([
    findGridGeometries(db, jurisdictionId, gridIds),
    findCurrentDepartments(
      db,
      jurisdictionId,
      openIds.map((row) => row.id),
    ),
  ]);
  const centroids = new Map([...geometries].map(([id, geometry]) => [id, centroidOf(geometry)]));
  return rows.map((row) => presentRequest(row, { departments, centroids }));
}

export async function getPublicRequest(
  db: Db,
  jurisdictionId: number,
  id: string,
): Promise<Open311Request[]> {
  const found = /^\d{1,15}$/.test(id)
    ? await findPublicRequests(db, jurisdictionId, { ids: [Number(id)] })
    : [];
  if (found.length === 0) throw new AppError('georeport.request_not_found', `No service request ${id}`);
  return found;
}

export async function resolveToken(db: Db, jurisdictionId: number, token: string): Promise<Open311Token[]> {
  const id = /^[0-9A-Z]{1,40}$/i.test(token)
    ? await findRequestIdByToken(db, jurisdictionId, token.toUpperCase())
    : undefined;
  if (id === undefined)
    throw new AppError('georeport.request_not_found', `No service request for token ${token}`);
  return [{ service_request_id: String(id), token: token.toUpperCase() }];
}

// ---- POST requests -----------------------------------------------------------------------------

const text = (value: string | number | undefined): string | undefined => {
  if (value === undefined) return undefined;
  const s = String(value).trim();
  return s === '' ? undefined : s;
};

function coordinate(value: string | number | undefined, name: 'lat' | 'long'): number | undefined {
  const s = text(value);
  if (s === undefined) return undefined;
  const n = Number(s);
  const limit = name === 'lat' ? 90 : 180;
  if (!Number.isFinite(n) || Math.abs(n) > limit) {
    throw invalid(`${name} must be a number between -${limit} and ${limit} (WGS-84 degrees)`);
  }
  return n;
}

export interface PostRequestOptions {
  /** The api_key from the body or, failing that, the query string. */
  apiKey: string | undefined;
  body: Open311PostBody;
  /** An Idempotency-Key header, when the client sends one: a retry then answers the same request. */
  idempotencyKey: string | undefined;
  actor: Omit<Actor, 'id' | 'role'>;
}

/**
 * A new service request: the key, then the parameters, then the point's grid (before the
 * transaction), then the cases intake with channel `api` in one transaction. Contact details
 * are not kept.
 */
export async function postRequest(
  module: Open311Module,
  options: PostRequestOptions,
): Promise<Open311Created[]> {
  const { db, territory, cases } = module;
  let client: ApiClient;
  try {
    client = await authenticateApiKey(db, territory, options.apiKey, { demoMode: module.demoMode });
  } catch (error) {
    // Refused keys are audited (等保: denials), in their own write since the request fails.
    if (error instanceof AppError) {
      await recordAudit(
        module.baseDb,
        { ...options.actor, id: 'anonymous' },
        {
          jurisdictionId: null,
          action: 'georeport.api_key_refused',
          subjectType: 'open311_api_key',
          subjectId: null,
          result: 'denied',
          details: { reason: error.message },
        },
      );
    }
    throw error;
  }
  const { principal } = client;
  const body = options.body ?? {};
  const jurisdictionCode = text(body.jurisdiction_id);
  if (
    jurisdictionCode &&
    (await territory.resolveJurisdictionId(jurisdictionCode)) !== principal.jurisdictionId
  ) {
    throw invalid('jurisdiction_id is not the jurisdiction of this api_key');
  }
  if (text(body.media_url)) {
    throw new AppError(
      'georeport.media_not_accepted',
      'media_url is not accepted: photos are taken only through the Jingzhi app; send the request without media_url',
    );
  }
  const serviceCode = text(body.service_code);
  if (!serviceCode) throw invalid('service_code is required');
  const service = await findService(db, principal.jurisdictionId, serviceCode);
  if (!service) throw invalid(`Unknown service_code ${serviceCode}`);
  const lat = coordinate(body.lat, 'lat');
  const lng = coordinate(body.long, 'long');
  if (lat === undefined || lng === undefined) {
    throw new AppError(
      'georeport.location_required',
      text(body.address_string) || text(body.address_id)
        ? 'lat and long (WGS-84) are required: an address_string alone cannot be placed in a grid'
        : 'lat and long (WGS-84) are required',
    );
  }
  const parsed = CaseReportRequest.safeParse({
    categoryCode: service.code,
    description: text(body.description) ?? service.name,
    point: { lng, lat },
    crs: 'wgs84',
    ...(text(body.address_string) ? { address: text(body.address_string) } : {}),
    anonymous: false,
    photoIds: [],
  });
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const field = issue?.path[0] === 'address' ? 'address_string' : String(issue?.path[0] ?? 'body');
    throw invalid(`${field}: ${issue?.message ?? 'invalid'}`);
  }
  const located = await territory.locate(principal.jurisdictionId, lng, lat, 'wgs84');
  const idempotencyKey = options.idempotencyKey ?? `open311-${crypto.randomUUID()}`;
  const calendar = await cases.calendarFor(principal.jurisdictionId);
  const result = await cases.db.transaction().execute((trx) => {
    // `channel` is taken by the intake once it accepts one (see README: open311-cases-channel.patch);
    // until then the channel follows the key's account role.
    const intake: ReportCaseOptions & { channel: 'api' } = {
      principal,
      actor: {
        ...options.actor,
        id: `${principal.username} (Open311 ${client.label})`,
        role: principal.role,
      },
      calendar,
      now: cases.clock.now(),
      idempotencyKey,
      request: parsed.data,
      located,
      channel: 'api',
    };
    return reportCase(trx, intake);
  });
  return [
    {
      service_request_id: String(result.body.id),
      token: result.body.trackingCode,
      service_notice: serviceNotice(result.body.trackingCode),
      account_id: null,
    },
  ];
}

// ---- discovery ---------------------------------------------------------------------------------

/** When the interface last changed (GeoReport v2 as built for issue 4). */
const CHANGESET = toOffsetIso(new Date('2026-11-27T06:00:00+08:00'));

export function discovery(baseUrl: string, demoMode: boolean): Open311Discovery {
  return {
    changeset: CHANGESET,
    contact: '龙口市网格化服务管理中心 (Longkou grid governance centre): the platform administrator',
    key_service: 'API keys for POST requests are issued by the platform administrator of the jurisdiction',
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${baseUrl}/open311/v2`,
        changeset: CHANGESET,
        type: demoMode ? 'test' : 'production',
        formats: ['application/json', 'text/xml'],
      },
    ],
  };
}
