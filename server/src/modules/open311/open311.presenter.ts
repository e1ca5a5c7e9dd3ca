import type { AreaGeometry, CaseStatus } from '#contracts';
import { CLOSED_STATUSES, type RequestRow, type ServiceRow } from './open311.repository.ts';
import type {
  Open311Created,
  Open311Discovery,
  Open311Error,
  Open311Request,
  Open311Service,
  Open311ServiceDefinition,
  Open311Token,
} from './open311.schemas.ts';
import { fieldsOf, node, type XmlNode, xmlDocument } from './xml.ts';

/** Rows → GeoReport v2 records, and the same records as XML documents. */

// ---- time and place ----------------------------------------------------------------------------

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** An instant in ISO 8601 with the Shanghai offset, to the second: `2026-12-02T09:00:00+08:00`. */
export function toOffsetIso(instant: Date): string {
  return `${new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/**
 * The area-weighted centroid of a polygon or multipolygon (holes subtracted), in its own
 * coordinates (WGS-84 here; planar on a grid's few hundred metres). Falls back to the mean of the
 * outer rings' vertices for a degenerate shape. Rounded to 5 decimals (about a metre).
 */
export function centroidOf(geometry: AreaGeometry): { lng: number; lat: number } | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let area = 0;
  let cx = 0;
  let cy = 0;
  let sumX = 0;
  let sumY = 0;
  let count = 0;
  for (const polygon of polygons) {
    polygon.forEach((ring, index) => {
      // Outer rings add, holes subtract, whatever their winding.
      let ringArea = 0;
      let ringX = 0;
      let ringY = 0;
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x0 = 0, y0 = 0] = ring[i] ?? [];
        const [x1 = 0, y1 = 0] = ring[i + 1] ?? [];
        const cross = x0 * y1 - x1 * y0;
        ringArea += cross;
        ringX += (x0 + x1) * cross;
        ringY += (y0 + y1) * cross;
        if (index === 0) {
          sumX += x0;
          sumY += y0;
          count += 1;
        }
      }
      const sign = (index === 0 ? 1 : -1) * Math.sign(ringArea);
      area += sign * (ringArea / 2);
      cx += sign * (ringX / 6);
      cy += sign * (ringY / 6);
    });
  }
  const round = (v: number) => Math.round(v * 1e5) / 1e5;
  if (Math.abs(area) > 1e-14) return { lng: round(cx / area), lat: round(cy / area) };
  return count > 0 ? { lng: round(sumX / count), lat: round(sumY / count) } : null;
}

// ---- services ----------------------------------------------------------------------------------

const KIND_LABELS: Record<string, string> = { component: '部件', event: '事件' };

export function presentService(row: ServiceRow): Open311Service {
  const kind = KIND_LABELS[row.kind] ?? row.kind;
  return {
    service_code: row.code,
    service_name: row.name,
    description: `${row.major_name} · ${row.name}（${kind}${row.urgent ? '，紧急' : ''}）`,
    // No extra fields: a category needs only the place and a description.
    metadata: false,
    type: 'realtime',
    keywords: [row.major_name, kind, row.urgent ? '紧急' : null].filter(Boolean).join(','),
    group: row.major_name,
  };
}

export function presentServiceDefinition(row: ServiceRow): Open311ServiceDefinition {
  return { service_code: row.code, attributes: [] };
}

// ---- requests ----------------------------------------------------------------------------------

/** What the public is told about each status, in Chinese and English. */
const STATUS_NOTES: Record<CaseStatus, string> = {
  reported: '已上报，待网格受理 (reported, awaiting the grid)',
  accepted: '网格已受理 (accepted by the grid)',
  rejected: '不予受理 (not accepted as a valid report)',
  merged: '与其他案件合并 (merged with another request about the same problem)',
  in_progress: '网格处置中 (being handled by the grid)',
  escalated_community: '已上报社区 (escalated to the community)',
  escalated_subdistrict: '已上报街道 (escalated to the subdistrict)',
  dispatched: '已派遣至职能部门 (dispatched to the responsible department)',
  acknowledged: '部门已报到处置中 (the department has taken it on)',
  reported_back: '部门已反馈，待核查 (handled by the department, awaiting verification)',
  resolved_by_grid: '网格已处置，待核查 (handled by the grid, awaiting verification)',
  verified: '已核查 (verified on site)',
  rated: '已评价，待结案 (rated, about to be closed)',
  closed: '已结案 (closed)',
  reopened: '重新办理 (reopened)',
};

export function open311Status(status: CaseStatus): 'open' | 'closed' {
  return CLOSED_STATUSES.includes(status) ? 'closed' : 'open';
}

/** Who holds the case now: the department(s) it is dispatched to, or the grid, community or subdistrict. */
function agencyOf(row: RequestRow, departments: readonly string[]): string {
  if (departments.length > 0) return departments.join('、');
  if (row.status === 'escalated_community') return row.community_name;
  if (row.status === 'escalated_subdistrict') return row.subdistrict_name;
  return `${row.community_name} ${row.grid_name}`;
}

export interface RequestContext {
  departments: ReadonlyMap<number, string[]>;
  centroids: ReadonlyMap<number, { lng: number; lat: number } | null>;
}

/** The public view of a case: the grid's centroid and names stand for the point and the address. */
export function presentRequest(row: RequestRow, context: RequestContext): Open311Request {
  const status = open311Status(row.status);
  const centroid = context.centroids.get(row.grid_id) ?? null;
  return {
    service_request_id: String(row.id),
    status,
    status_notes: STATUS_NOTES[row.status],
    service_name: row.category_name,
    service_code: row.category_code,
    description: null,
    agency_responsible: agencyOf(row, context.departments.get(row.id) ?? []),
    service_notice: null,
    requested_datetime: toOffsetIso(row.reported_at),
    updated_datetime: toOffsetIso(status === 'closed' ? (row.closed_at ?? row.updated_at) : row.updated_at),
    expected_datetime: null,
    // Most specific first, as the standard asks.
    address: `${row.grid_name}, ${row.community_name}, ${row.subdistrict_name}, 龙口市`,
    address_id: null,
    zipcode: null,
    lat: centroid?.lat ?? null,
    long: centroid?.lng ?? null,
    media_url: null,
  };
}

export function serviceNotice(trackingCode: string): string {
  return `已受理登记，由所在网格在时限内处置；查询码 ${trackingCode}。Received: the grid of this place will handle it within its time limit; tracking code ${trackingCode}.`;
}

// ---- XML ---------------------------------------------------------------------------------------

type Flat = Record<string, string | number | boolean | null | undefined>;

export function servicesXml(services: readonly Open311Service[]): string {
  return xmlDocument(
    node(
      'services',
      services.map((s) => node('service', fieldsOf(s))),
    ),
  );
}

export function serviceDefinitionXml(definition: Open311ServiceDefinition): string {
  const attributes = definition.attributes.map((attribute) => {
    const { values, ...scalars } = attribute;
    return node('attribute', [
      ...fieldsOf(scalars),
      ...(values
        ? [
            node(
              'values',
              values.map((v) => node('value', fieldsOf({ key: v.key, name: v.name }))),
            ),
          ]
        : []),
    ]);
  });
  return xmlDocument(
    node('service_definition', [
      node('service_code', definition.service_code),
      node('attributes', attributes),
    ]),
  );
}

function requestList(records: readonly Flat[]): string {
  return xmlDocument(
    node(
      'service_requests',
      records.map((r) => node('request', fieldsOf(r))),
    ),
  );
}

export const requestsXml = (requests: readonly Open311Request[]): string => requestList(requests);
export const createdXml = (created: readonly Open311Created[]): string => requestList(created);
export const tokensXml = (tokens: readonly Open311Token[]): string => requestList(tokens);

export function errorsXml(errors: readonly Open311Error[]): string {
  return xmlDocument(
    node(
      'errors',
      errors.map((e) => node('error', fieldsOf(e))),
    ),
  );
}

export function discoveryXml(discovery: Open311Discovery): string {
  const endpoints: XmlNode[] = discovery.endpoints.map((endpoint) =>
    node('endpoint', [
      node('specification', endpoint.specification),
      node('url', endpoint.url),
      node('changeset', endpoint.changeset),
      node('type', endpoint.type),
      node(
        'formats',
        endpoint.formats.map((format) => node('format', format)),
      ),
    ]),
  );
  return xmlDocument(
    node('discovery', [
      node('changeset', discovery.changeset),
      node('contact', discovery.contact),
      node('key_service', discovery.key_service),
      node('endpoints', endpoints),
    ]),
  );
}
