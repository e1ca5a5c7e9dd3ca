import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/access.ts';
import { toErrorResponse } from '../../platform/error-handler.ts';
import { AppError } from '../../platform/errors.ts';
import type { Open311Module } from './open311.module.ts';
import {
  createdXml,
  discoveryXml,
  errorsXml,
  requestsXml,
  serviceDefinitionXml,
  servicesXml,
  tokensXml,
} from './open311.presenter.ts';
import {
  Open311ApiKeyQuery,
  Open311Created,
  Open311Discovery,
  type Open311Error,
  Open311Errors,
  type Open311Format,
  Open311JurisdictionQuery,
  Open311PostBody,
  Open311Request,
  Open311RequestsQuery,
  Open311Service,
  Open311ServiceDefinition,
  Open311Token,
} from './open311.schemas.ts';
import {
  discovery,
  findPublicRequests,
  getPublicRequest,
  getServiceDefinition,
  listServices,
  postRequest,
  requestFilterOf,
  resolveToken,
} from './open311.service.ts';

const tags = ['open311 GeoReport v2'];
const PUBLIC = {
  public: 'Open311 GeoReport v2: public service list and request status, no personal data',
} as const;
const POST_ACCESS = {
  public:
    'Open311 GeoReport v2 POST: no session; the api_key is checked by the service (403 without a valid one)',
} as const;
const FORMATS: readonly Open311Format[] = ['json', 'xml'];
const CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};
const errors = { 400: Open311Errors, 403: Open311Errors, 404: Open311Errors, 422: Open311Errors };
const IdempotencyKey = /^[\w.:-]{8,100}$/;

/** JSON routes answer through their schema; XML routes answer the same data written as XML. */
function answer<T>(reply: FastifyReply, format: Open311Format, data: T, toXml: (data: T) => string) {
  void reply.type(CONTENT_TYPES[format]);
  return reply.send(format === 'json' ? data : toXml(data));
}

function formatOf(request: FastifyRequest): Open311Format {
  return (request.url.split('?')[0] ?? '').endsWith('.xml') ? 'xml' : 'json';
}

function sendErrors(reply: FastifyReply, format: Open311Format, status: number, list: Open311Error[]) {
  void reply.status(status).type(CONTENT_TYPES[format]);
  return reply.send(format === 'json' ? list : errorsXml(list));
}

/** A form-encoded body as an object; a repeated field keeps its last value (`name[]` fields keep all). */
export function parseForm(body: string): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (key.endsWith('[]')) {
      const list = result[key];
      result[key] = Array.isArray(list) ? [...list, value] : [value];
    } else {
      result[key] = value;
    }
  }
  return result;
}

/**
 * Open311 GeoReport v2 at /open311/v2 and the discovery document at /open311/discovery.{json,xml}.
 * Its own encapsulated error and not-found handlers answer the standard's `[{ code, description }]`
 * (code = HTTP status) in the format of the URL, instead of the app's `{ error: … }`.
 */
export function open311Routes(open311: Open311Module): FastifyPluginAsyncZod {
  return async (app) => {
    const { db, territory } = open311;
    await app.register(
      async (plain) => {
        const scope = plain.withTypeProvider<ZodTypeProvider>();
        scope.setErrorHandler((error, request, reply) => {
          const response = toErrorResponse(error);
          if (response.status >= 500) request.log.error({ err: error }, 'request failed');
          else request.log.info({ code: response.code }, response.message);
          const details = Array.isArray(response.details)
            ? (response.details as { field?: string; message?: string }[])
            : [];
          const list: Open311Error[] =
            response.code === 'platform.validation_failed' && details.length > 0
              ? details.map((d) => ({
                  code: response.status,
                  description: `${d.field ?? 'request'}: ${d.message ?? 'invalid'} (${response.code})`,
                }))
              : [{ code: response.status, description: `${response.message} (${response.code})` }];
          return sendErrors(reply, formatOf(request), response.status, list);
        });
        scope.setNotFoundHandler((request, reply) =>
          sendErrors(reply, formatOf(request), 404, [
            {
              code: 404,
              description: `No route ${request.method} ${request.url.split('?')[0]}: formats are .json and .xml (platform.not_found)`,
            },
          ]),
        );
        scope.addContentTypeParser(
          'application/x-www-form-urlencoded',
          { parseAs: 'string' },
          (_request, body, done) => done(null, parseForm(body as string)),
        );

        for (const format of ['json', 'xml'] as const) {
          scope.get(
            `/discovery.${format}`,
            {
              config: {
                access: { public: 'Open311 service discovery: where the endpoint is and its formats' },
              },
              schema: {
                tags,
                summary: `Service discovery (${format}): the GeoReport v2 endpoint and its formats`,
                ...(format === 'json' ? { response: { 200: Open311Discovery } } : {}),
              },
            },
            async (request, reply) =>
              answer(
                reply,
                format,
                discovery(`${request.protocol}://${request.host}`, open311.demoMode),
                discoveryXml,
              ),
          );
        }

        for (const format of FORMATS) {
          const json = format === 'json';
          scope.get(
            `/v2/services.${format}`,
            {
              config: { access: PUBLIC },
              schema: {
                tags,
                summary: `Services (${format}): the public case categories (部件, 事件); 网格事项 are not public`,
                querystring: Open311JurisdictionQuery,
                ...(json ? { response: { 200: z.array(Open311Service), ...errors } } : {}),
              },
            },
            async (request, reply) => {
              const jurisdictionId = await territory.resolveJurisdictionId(request.query.jurisdiction_id);
              return answer(reply, format, await listServices(db, jurisdictionId), servicesXml);
            },
          );

          scope.get(
            `/v2/services/:service_code.${format}`,
            {
              config: { access: PUBLIC },
              schema: {
                tags,
                summary: `Service definition (${format}): no extra attributes (metadata false)`,
                params: z.object({ service_code: z.string().max(40) }),
                querystring: Open311JurisdictionQuery,
                ...(json ? { response: { 200: Open311ServiceDefinition, ...errors } } : {}),
              },
            },
            async (request, reply) => {
              const jurisdictionId = await territory.resolveJurisdictionId(request.query.jurisdiction_id);
              const definition = await getServiceDefinition(db, jurisdictionId, request.params.service_code);
              return answer(reply, format, definition, serviceDefinitionXml);
            },
          );

          scope.get(
            `/v2/requests.${format}`,
            {
              config: { access: PUBLIC },
              schema: {
                tags,
                summary: `Service requests (${format}), newest first, at most 1000; the last 90 days by default. No description, photos or reporter; the place is the grid's centroid and names`,
                querystring: Open311RequestsQuery,
                ...(json ? { response: { 200: z.array(Open311Request), ...errors } } : {}),
              },
            },
            async (request, reply) => {
              const jurisdictionId = await territory.resolveJurisdictionId(request.query.jurisdiction_id);
              const filter = requestFilterOf(request.query, open311.cases.clock.now());
              return answer(reply, format, await findPublicRequests(db, jurisdictionId, filter), requestsXml);
            },
          );

          scope.post(
            `/v2/requests.${format}`,
            {
              config: { access: POST_ACCESS, rateLimit: { max: 300, timeWindow: '1 minute' } },
              schema: {
                tags,
                summary: `Post a service request (${format}; form-encoded or JSON): api_key, service_code, lat and long (WGS-84), description. Becomes a case (channel api) in the grid of the point. media_url is refused; contact details are not kept. Idempotency-Key header optional`,
                querystring: Open311ApiKeyQuery,
                body: Open311PostBody,
                ...(json ? { response: { 200: z.array(Open311Created), ...errors } } : {}),
              },
            },
            async (request, reply) => {
              const header = request.headers['idempotency-key'];
              const idempotencyKey = typeof header === 'string' ? header.trim() : undefined;
              if (idempotencyKey !== undefined && !IdempotencyKey.test(idempotencyKey)) {
                throw new AppError(
                  'georeport.invalid_request',
                  'Idempotency-Key: 8 to 100 letters, digits, . _ : -',
                );
              }
              const body = request.body ?? {};
              const apiKey = typeof body.api_key === 'string' ? body.api_key : request.query.api_key;
              const created = await postRequest(open311, {
                apiKey: apiKey?.trim() || undefined,
                body,
                idempotencyKey,
                actor: { requestId: request.id, ip: actorOf(request).ip },
              });
              return answer(reply, format, created, createdXml);
            },
          );

          scope.get(
            `/v2/requests/:service_request_id.${format}`,
            {
              config: { access: PUBLIC },
              schema: {
                tags,
                summary: `One service request (${format}), as a list of one`,
                params: z.object({ service_request_id: z.string().max(40) }),
                querystring: Open311JurisdictionQuery,
                ...(json ? { response: { 200: z.array(Open311Request), ...errors } } : {}),
              },
            },
            async (request, reply) => {
              const jurisdictionId = await territory.resolveJurisdictionId(request.query.jurisdiction_id);
              const found = await getPublicRequest(db, jurisdictionId, request.params.service_request_id);
              return answer(reply, format, found, requestsXml);
            },
          );

          scope.get(
            `/v2/tokens/:token.${format}`,
            {
              config: { access: PUBLIC },
              schema: {
                tags,
                summary: `The service request id of a token (${format}); the token is the case's tracking code`,
                params: z.object({ token: z.string().max(40) }),
                querystring: Open311JurisdictionQuery,
                ...(json ? { response: { 200: z.array(Open311Token), ...errors } } : {}),
              },
            },
            async (request, reply) => {
              const jurisdictionId = await territory.resolveJurisdictionId(request.query.jurisdiction_id);
              return answer(
                reply,
                format,
                await resolveToken(db, jurisdictionId, request.params.token),
                tokensXml,
              );
            },
          );
        }
      },
      { prefix: '/open311' },
    );
  };
}
