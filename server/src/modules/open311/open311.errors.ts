import { defineErrorCodes } from '../../platform/errors.ts';

/**
 * The Open311 module’s error codes, under `georeport.` (codes name their module in lower-case letters only). On the wire they are the standard's `[{ code, description }]`
 * (code = the HTTP status, description ending with this code in brackets), in JSON or XML as asked.
 */
export const open311Errors = defineErrorCodes('georeport', {
  'georeport.invalid_api_key': {
    status: 403,
    description:
      'POST requests needs a valid `api_key` (form field, JSON field or query parameter): missing, unknown, revoked, or its account disabled. The demo key works in demo mode only.',
  },
  'georeport.invalid_request': {
    status: 400,
    description:
      'A parameter is missing or wrong (service_code, dates, status, description too long …); the description names it.',
  },
  'georeport.location_required': {
    status: 400,
    description:
      'A new request needs `lat` and `long` (WGS-84): an address_string or address_id alone cannot be placed in a grid (no geocoder).',
  },
  'georeport.media_not_accepted': {
    status: 400,
    description:
      '`media_url` is not accepted: photos are taken only through the Jingzhi app, which strips their metadata. Send the request without it.',
  },
  'georeport.service_not_found': {
    status: 404,
    description: 'No public service (case category) with this service_code.',
  },
  'georeport.request_not_found': {
    status: 404,
    description: 'No public service request with this id, or no request for this token.',
  },
});
