import { z } from 'zod';

/**
 * What crosses the wire at /open311: the GeoReport v2 shapes (JSON; the XML carries the same
 * fields) and the parameters. Kept in this module, not in contracts/: the web app never calls it.
 * The standard's JSON Schemas (copied into `testing/georeport-v2/`) are the reference; a test validates
 * every JSON answer against them.
 */

export const Open311Format = z.enum(['json', 'xml']);
export type Open311Format = z.infer<typeof Open311Format>;

export const Open311Service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string().nullable(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string().nullable(),
  group: z.string().nullable(),
});
export type Open311Service = z.infer<typeof Open311Service>;

export const Open311ServiceDefinition = z.object({
  service_code: z.string(),
  attributes: z.array(
    z.object({
      variable: z.boolean(),
      code: z.string(),
      datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
      required: z.boolean(),
      datatype_description: z.string().nullable(),
      order: z.number().int().nullable(),
      description: z.string().nullable(),
      values: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
    }),
  ),
});
export type Open311ServiceDefinition = z.infer<typeof Open311ServiceDefinition>;

/**
 * A service request as the public sees it: no description (residents write names and phone numbers
 * into it), no photos, no reporter; the place is the grid's (centroid and names), not the point.
 */
export const Open311Request = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string().nullable(),
  service_code: z.string(),
  description: z.null(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string().nullable(),
  expected_datetime: z.null(),
  address: z.string().nullable(),
  address_id: z.null(),
  zipcode: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.null(),
});
export type Open311Request = z.infer<typeof Open311Request>;

export const Open311Created = z.object({
  service_request_id: z.string(),
  /** The case's public tracking code; GET tokens/{token} resolves it to the id. */
  token: z.string(),
  service_notice: z.string(),
  account_id: z.null(),
});
export type Open311Created = z.infer<typeof Open311Created>;

export const Open311Token = z.object({ service_request_id: z.string(), token: z.string() });
export type Open311Token = z.infer<typeof Open311Token>;

export const Open311Error = z.object({ code: z.number().int(), description: z.string() });
export type Open311Error = z.infer<typeof Open311Error>;
export const Open311Errors = z.array(Open311Error);

export const Open311Discovery = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.object({
      specification: z.string(),
      url: z.string(),
      changeset: z.string(),
      type: z.enum(['production', 'test']),
      formats: z.array(z.string()),
    }),
  ),
});
export type Open311Discovery = z.infer<typeof Open311Discovery>;

// ---- parameters ------------------------------------------------------------------------------

/** `jurisdiction_id` (the division code) on every call; the instance's first jurisdiction without it. */
const JurisdictionParam = z.string().trim().max(40).optional();

export const Open311JurisdictionQuery = z.object({ jurisdiction_id: JurisdictionParam });

export const Open311RequestsQuery = z.object({
  jurisdiction_id: JurisdictionParam,
  /** Comma-separated ids; when given, the other filters are ignored (as the standard says). */
  service_request_id: z.string().trim().max(20_000).optional(),
  /** One service code, or several separated by commas. */
  service_code: z.string().trim().max(2_000).optional(),
  start_date: z.string().trim().max(40).optional(),
  end_date: z.string().trim().max(40).optional(),
  /** `open`, `closed` or `open,closed`. */
  status: z.string().trim().max(20).optional(),
});
export type Open311RequestsQuery = z.infer<typeof Open311RequestsQuery>;

/** A form field or JSON member: the form gives strings, JSON may give numbers. */
const Field = z.union([z.string().max(10_000), z.number()]).optional();

/**
 * POST requests, form-encoded or JSON. Loose on purpose: the api_key is checked before anything
 * else, so a wrong key is 403 whatever the body; the service validates the rest and answers the
 * standard's errors. Contact details (email, phone, names, device_id, account_id) are taken and
 * dropped: there is no place for them in a case, and nothing personal is kept that is not needed.
 */
export const Open311PostBody = z
  .looseObject({
    api_key: Field,
    jurisdiction_id: Field,
    service_code: Field,
    lat: Field,
    long: Field,
    address_string: Field,
    address_id: Field,
    description: Field,
    media_url: Field,
    email: Field,
    phone: Field,
    first_name: Field,
    last_name: Field,
    device_id: Field,
    account_id: Field,
  })
  .optional();
export type Open311PostBody = z.infer<typeof Open311PostBody>;

export const Open311ApiKeyQuery = z.looseObject({ api_key: z.string().max(200).optional() });
