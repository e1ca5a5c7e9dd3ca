import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ErrorBody,
  PublicCaseMap,
  PublicCaseTracking,
  PublicGridOutlines,
  PublicMapQuery,
  publicLimits,
  TrackingCodeParams,
} from '#contracts';
import { AppError } from '../../platform/errors.ts';
import type { CasesModule } from './cases.module.ts';
import { publicCaseMap, trackCase } from './public-tracking.service.ts';

const tags = ['public 公开'];
const DAY_MS = 24 * 60 * 60_000;
const publicErrors = { 400: ErrorBody, 404: ErrorBody, 429: ErrorBody };

/** Per client address (the socket's, or the trusted proxy's X-Forwarded-For). */
const perAddress = (max: number) => ({
  max,
  timeWindow: 60_000,
  errorResponseBuilder: (_request: unknown, context: { ttl: number }) =>
    new AppError('cases.too_many_lookups', 'Too many public lookups from this address', {
      retryAfterS: Math.ceil(context.ttl / 1000),
    }),
});

/**
 * Public tracking (查询进度) and the public map: no session, no personal data, rate-limited per
 * address. The map counts per grid at the grid's centroid and draws simplified grid outlines.
 */
export function publicCaseRoutes(cases: CasesModule): FastifyPluginAsyncZod {
  return async (app) => {
    const { db, territory, clock } = cases;

    app.get(
      '/api/public/cases/map',
      {
        config: {
          access: { public: 'public map: case counts per grid at its centroid, no case points' },
          rateLimit: perAddress(publicLimits.mapRequestsPerMinute),
        },
        schema: {
          tags,
          summary:
            'Cases reported in a period (default: the last 365 days) per grid by public status group (待受理, 办理中, 已处置待核查, 已结案), at each grid’s centroid; 部件 and 事件 only',
          querystring: PublicMapQuery,
          response: { 200: PublicCaseMap, ...publicErrors },
        },
      },
      async (request, reply) => {
        const { query } = request;
        const to = query.to ? new Date(query.to) : clock.now();
        const from = query.from ? new Date(query.from) : new Date(to.getTime() - 365 * DAY_MS);
        if (from >= to || to.getTime() - from.getTime() > publicLimits.maxMapDays * DAY_MS) {
          throw new AppError('platform.validation_failed', 'from must be before to, at most a year apart', [
            { field: 'querystring.from', message: `before to, at most ${publicLimits.maxMapDays} days` },
          ]);
        }
        const jurisdictionId = await territory.resolveJurisdictionId(query.jurisdiction);
        const { grids } = await territory.publicGrids(jurisdictionId);
        void reply.header('cache-control', 'public, max-age=60');
        return publicCaseMap(db, { jurisdictionId, from, to, grids });
      },
    );

    app.get(
      '/api/public/cases/map/grids',
      {
        config: {
          access: { public: 'public map: simplified grid outlines with names' },
          rateLimit: perAddress(publicLimits.mapRequestsPerMinute),
        },
        schema: {
          tags,
          summary: 'The current grids’ outlines, simplified to a few metres, with their names and centroids',
          querystring: PublicMapQuery.pick({ jurisdiction: true }),
          response: { 200: PublicGridOutlines, ...publicErrors },
        },
      },
      async (request, reply) => {
        const jurisdictionId = await territory.resolveJurisdictionId(request.query.jurisdiction);
        const { geometryVersion, grids } = await territory.publicGrids(jurisdictionId);
        void reply.header('cache-control', 'public, max-age=300');
        return {
          geometryVersion,
          grids: grids
            .filter((grid) => grid.current)
            .map(({ id, name, communityName, centroid, geometry }) => ({
              id,
              name,
              communityName,
              centroid,
              geometry,
            })),
        };
      },
    );

    app.get(
      '/api/public/cases/:trackingCode',
      {
        config: {
          access: { public: 'public tracking by code: status and timeline, no personal data' },
          rateLimit: perAddress(publicLimits.lookupsPerMinute),
        },
        schema: {
          tags,
          summary:
            'A case by its tracking code (查询进度): status, category, grid and community, times, and each step with the kind of office that made it — no names, notes, photos, points or reporter. Unknown codes: 404',
          params: TrackingCodeParams,
          response: { 200: PublicCaseTracking, ...publicErrors },
        },
      },
      async (request, reply) => {
        void reply.header('cache-control', 'no-store');
        return trackCase(db, { trackingCode: request.params.trackingCode });
      },
    );
  };
}
