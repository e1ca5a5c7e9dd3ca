import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CaseDetail,
  CaseFollowRequest,
  CaseFollowResult,
  CaseListQuery,
  CaseMapQuery,
  CaseMapResponse,
  CaseMoveRequest,
  CasePage,
  CasePhoto,
  CaseReportRequest,
  casesLimits,
  ErrorBody,
  IdempotencyHeaders,
  IfMatchHeaders,
  PhotoId,
  PossibleDuplicates,
  PossibleDuplicatesQuery,
} from '#contracts';
import { actorOf, requirePrincipal } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { errorResponses, IdParams } from '../../platform/route-schemas.ts';
import { toWgs84 } from '../territory/index.ts';
import { caseCategoryRoutes } from './case-categories.routes.ts';
import { caseMeasuresRoutes } from './case-measures.routes.ts';
import { readPhoto, uploadPhoto } from './case-photos.service.ts';
import type { CasesModule } from './cases.module.ts';
import { deadlineWarningRoutes } from './deadline-warnings.routes.ts';
import { findCaseMap } from './find-case-map.service.ts';
import { findCases, getCase } from './find-cases.service.ts';
import { findPossibleDuplicates } from './find-possible-duplicates.service.ts';
import { followCase } from './follow-case.service.ts';
import { caseImportRoutes } from './hotline-import/case-import.routes.ts';
import { moveCase } from './move-case.service.ts';
import { publicCaseRoutes } from './public-cases.routes.ts';

const tags = ['cases 案件'];
const errors = { ...errorResponses, 413: ErrorBody, 415: ErrorBody, 428: ErrorBody };
const PhotoParams = z.object({ id: PhotoId });

/** Thin routes: validate, authenticate, open the transaction, call one service, return what it presents. */
export function casesRoutes(cases: CasesModule): FastifyPluginAsyncZod {
  return async (app) => {
    const { db, territory, clock, photos } = cases;
    await app.register(fastifyMultipart, {
      limits: { fileSize: casesLimits.maxPhotoBytes, files: 1, fields: 0, parts: 1, headerPairs: 100 },
    });
    // 12345 work-order import (its own file: hotline-import/case-import.routes.ts).
    await app.register(caseImportRoutes(cases));
    await app.register(caseMeasuresRoutes(cases));
    await app.register(caseCategoryRoutes(cases));
    await app.register(publicCaseRoutes(cases));
    await app.register(deadlineWarningRoutes(cases));

    app.post(
      '/api/cases',
      {
        config: { access: { permission: 'cases.report' } },
        schema: {
          tags,
          summary:
            'Report a case (随手拍): the point (WGS-84, or GCJ-02 / BD-09 when `crs` says so) lands in its grid’s queue. Idempotency-Key required: the same key and body replay the first answer',
          headers: IdempotencyHeaders,
          body: CaseReportRequest,
          response: { 201: CaseDetail, ...errors },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const { body } = request;
        const located = await territory.locate(
          principal.jurisdictionId,
          body.point.lng,
          body.point.lat,
          body.crs,
        );
        const result = await cases.intake.submit({
          principal,
          actor: actorOf(request),
          calendar: await cases.calendarFor(principal.jurisdictionId),
          now: clock.now(),
          idempotencyKey: request.headers['idempotency-key'],
          request: body,
          located,
        });
        if (result.replayed) void reply.header('idempotent-replayed', 'true');
        return reply.status(201).send(result.body);
      },
    );

    app.get(
      '/api/cases',
      {
        config: { access: { permission: 'cases.read' } },
        schema: {
          tags,
          summary:
            'Cases the viewer sees (queue: a grid worker’s grid, a community’s, a department’s tasks, one’s own reports), due first, with lights',
          querystring: CaseListQuery,
          response: { 200: CasePage, ...errors },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return findCases(db, {
          principal,
          calendar: await cases.calendarFor(principal.jurisdictionId),
          now: clock.now(),
          query: request.query,
        });
      },
    );

    app.get(
      '/api/cases/possible-duplicates',
      {
        config: { access: { permission: 'cases.report' } },
        schema: {
          tags,
          summary:
            'Possible duplicates (疑似重复) of a report about to be made: open cases of the category reported in the last 7 days within the category’s duplicate radius of the point, nearest first, without personal data',
          querystring: PossibleDuplicatesQuery,
          response: { 200: PossibleDuplicates, ...errors },
        },
      },
      async (request) => {
        const { query } = request;
        const [lng, lat] = toWgs84(query.lng, query.lat, query.crs);
        return findPossibleDuplicates(db, {
          principal: requirePrincipal(request),
          now: clock.now(),
          categoryCode: query.categoryCode,
          point: { lng, lat },
          excludeCaseId: query.excludeCaseId,
        });
      },
    );

    app.post(
      '/api/cases/:id/follow',
      {
        config: { access: { permission: 'cases.report' } },
        schema: {
          tags,
          summary:
            '“Me too” (我也遇到): follow a case near you instead of reporting it again; you then read it as its reporter does and hear of its progress. Idempotent; a closed, rejected or merged case answers 409',
          params: IdParams,
          body: CaseFollowRequest,
          response: { 200: CaseFollowResult, ...errors },
        },
      },
      async (request) => {
        const { body } = request;
        const [lng, lat] = toWgs84(body.point.lng, body.point.lat, body.crs);
        return db.transaction().execute((trx) =>
          followCase(trx, {
            principal: requirePrincipal(request),
            actor: actorOf(request),
            now: clock.now(),
            caseId: request.params.id,
            point: { lng, lat },
          }),
        );
      },
    );

    app.get(
      '/api/cases/map',
      {
        config: { access: { permission: 'cases.read' } },
        schema: {
          tags,
          summary:
            'Open cases the viewer sees as compact points `[id, lng, lat, light, categoryCode, status]` (WGS-84), the most urgent first and capped, with counts by light',
          querystring: CaseMapQuery,
          response: { 200: CaseMapResponse, ...errors },
        },
      },
      async (request) =>
        findCaseMap(db, { principal: requirePrincipal(request), now: clock.now(), query: request.query }),
    );

    app.get(
      '/api/cases/:id',
      {
        config: { access: { permission: 'cases.read' } },
        schema: {
          tags,
          summary:
            'One case with its clocks, departments, photos, timeline and the moves the viewer may make',
          params: IdParams,
          response: { 200: CaseDetail, ...errors },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return getCase(db, {
          principal,
          calendar: await cases.calendarFor(principal.jurisdictionId),
          now: clock.now(),
          caseId: request.params.id,
        });
      },
    );

    app.post(
      '/api/cases/:id/moves',
      {
        // Every participant may attempt a move; the service checks the move's own permission and the lifecycle the rest.
        config: { access: { permission: 'cases.read' } },
        schema: {
          tags,
          summary:
            'Move a case through the closed loop (accept, escalate, dispatch, acknowledge, report back, verify, rate, close, urge …) at the version last seen',
          params: IdParams,
          headers: IfMatchHeaders,
          body: CaseMoveRequest,
          response: { 200: CaseDetail, ...errors },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        const { event } = request.body;
        const version = request.body.version ?? parseIfMatch(request.headers['if-match']);
        if (version === undefined) {
          throw new AppError(
            'cases.version_required',
            'Send the version you saw (body `version` or If-Match)',
          );
        }
        const located =
          event.type === 'relocate'
            ? await territory.locate(principal.jurisdictionId, event.point.lng, event.point.lat, event.crs)
            : undefined;
        const calendar = await cases.calendarFor(principal.jurisdictionId);
        return db.transaction().execute((trx) =>
          moveCase(trx, {
            principal,
            actor: actorOf(request),
            calendar,
            now: clock.now(),
            caseId: request.params.id,
            version,
            event,
            ...(located ? { located } : {}),
          }),
        );
      },
    );

    app.post(
      '/api/cases/photos',
      {
        config: { access: { permission: 'cases.read' } },
        schema: {
          tags,
          summary:
            'Upload one photo (multipart field `file`): judged by its content, re-encoded as JPEG without EXIF/GPS, with a thumbnail; attach it by id to a report or a move',
          response: { 201: CasePhoto, ...errors },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const input = await readUpload(request);
        const photo = await uploadPhoto(db, { principal, store: photos, input, now: clock.now() });
        return reply.status(201).send(photo);
      },
    );

    for (const variant of ['image', 'thumbnail'] as const) {
      app.get(
        variant === 'image' ? '/api/cases/photos/:id' : '/api/cases/photos/:id/thumbnail',
        {
          config: { access: { permission: 'cases.read' } },
          schema: {
            tags,
            summary:
              variant === 'image'
                ? 'A photo (JPEG), to whoever sees its case (or its uploader before it is attached)'
                : 'A photo’s thumbnail (JPEG), to whoever sees its case',
            params: PhotoParams,
          },
        },
        async (request, reply) => {
          const file = await readPhoto(db, {
            principal: requirePrincipal(request),
            store: photos,
            photoId: request.params.id,
            variant,
          });
          return reply
            .type(file.mime)
            .header('cache-control', 'private, max-age=86400')
            .header('content-disposition', 'inline')
            .send(file.data);
        },
      );
    }
  };
}

/** `"3"`, `W/"3"` or `3` → 3. */
function parseIfMatch(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  return match?.[1] ? Number(match[1]) : undefined;
}

async function readUpload(request: import('fastify').FastifyRequest): Promise<Buffer> {
  let part: Awaited<ReturnType<typeof request.file>>;
  try {
    part = await request.file();
  } catch (error) {
    throw uploadError(error);
  }
  if (!part) throw new AppError('cases.photo_missing', 'Send one image as the multipart field `file`');
  try {
    return await part.toBuffer();
  } catch (error) {
    throw uploadError(error);
  }
}

function uploadError(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError('cases.photo_too_large', 'The photo is too large', {
      maxBytes: casesLimits.maxPhotoBytes,
    });
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new AppError('cases.photo_missing', 'Send the photo as multipart/form-data');
  }
  return error;
}
