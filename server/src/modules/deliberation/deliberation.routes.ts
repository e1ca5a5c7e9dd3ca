import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '#contracts';
import {
  BallotRequest,
  DeliberationTemplate,
  GridNoticeBoard,
  Matter,
  MatterCreate,
  MatterPage,
  MatterQuery,
  MatterRecord,
  MyMatters,
  Post,
  PostCreate,
  StepCompletion,
  StepParams,
  TemplateUpdate,
  VoteReceipt,
  VoteRequest,
} from '#contracts/deliberation.ts';
import { Id } from '#contracts/territory.ts';
import { actorOf, requirePrincipal } from '../../platform/access.ts';
import { errorResponses, IdParams } from '../../platform/route-schemas.ts';
import type { DeliberationModule } from './deliberation.module.ts';
import { deliberationPermission } from './deliberation.policy.ts';
import { completeStep, createMatter, findMatters, getMatter, withdrawMatter } from './matter.service.ts';
import {
  commentOnMatter,
  findMyMatters,
  postOnMatter,
  recordBallot,
  voteOnMatter,
} from './participation.service.ts';
import { getGridNoticeBoard, printMatterRecord } from './record.service.ts';
import { getTemplate, updateTemplate } from './template.service.ts';

const tags = ['deliberation 网格善治会'];
const errors = errorResponses;
const read = { access: { permission: deliberationPermission('deliberation.read') } };
const manage = { access: { permission: deliberationPermission('deliberation.manage') } };
const vote = { access: { permission: deliberationPermission('deliberation.vote') } };
const configure = { access: { permission: deliberationPermission('deliberation.configure') } };

/** Thin routes: validate, authenticate, open the transaction for writes, call one service. */
export function deliberationRoutes(deliberation: DeliberationModule): FastifyPluginAsyncZod {
  return async (app) => {
    const { db, clock } = deliberation;

    app.get(
      '/api/deliberation/template',
      {
        config: read,
        schema: {
          tags,
          summary:
            'The jurisdiction’s deliberation template: ordered steps, lines, roles, disclosures, quorum',
          response: { 200: DeliberationTemplate, ...errors },
        },
      },
      async (request) => getTemplate(db, { principal: requirePrincipal(request) }),
    );

    app.put(
      '/api/deliberation/template',
      {
        config: configure,
        schema: {
          tags,
          summary: 'Store a new version of the template; running matters keep the version they started with',
          body: TemplateUpdate,
          response: { 200: DeliberationTemplate, ...errors },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          updateTemplate(trx, {
            principal: requirePrincipal(request),
            request: request.body,
            actor: actorOf(request),
          }),
        ),
    );

    app.get(
      '/api/deliberation/matters',
      {
        config: read,
        schema: {
          tags,
          summary: 'Matters in the viewer’s scope, newest first',
          querystring: MatterQuery,
          response: { 200: MatterPage, ...errors },
        },
      },
      async (request) => findMatters(db, { principal: requirePrincipal(request), query: request.query }),
    );

    app.post(
      '/api/deliberation/matters',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Open a matter in a grid, on the current template version',
          body: MatterCreate,
          response: { 201: Matter, ...errors },
        },
      },
      async (request, reply) => {
        const matter = await db.transaction().execute((trx) =>
          createMatter(trx, {
            principal: requirePrincipal(request),
            request: request.body,
            actor: actorOf(request),
            now: clock.now(),
          }),
        );
        return reply.status(201).send(matter);
      },
    );

    app.get(
      '/api/deliberation/matters/:id',
      {
        config: read,
        schema: {
          tags,
          summary: 'One matter with its steps',
          params: IdParams,
          response: { 200: Matter, ...errors },
        },
      },
      async (request) => getMatter(db, { principal: requirePrincipal(request), matterId: request.params.id }),
    );

    app.post(
      '/api/deliberation/matters/:id/steps/:step',
      {
        config: manage,
        schema: {
          tags,
          summary:
            'Complete step N (1-based) with its record: only the current step, by the roles it names; the vote step is counted, a disclosure step publishes',
          params: StepParams,
          body: StepCompletion,
          response: { 201: Matter, ...errors },
        },
      },
      async (request, reply) => {
        const matter = await db.transaction().execute((trx) =>
          completeStep(trx, {
            principal: requirePrincipal(request),
            matterId: request.params.id,
            stepNumber: request.params.step,
            request: request.body,
            actor: actorOf(request),
            now: clock.now(),
          }),
        );
        return reply.status(201).send(matter);
      },
    );

    app.post(
      '/api/deliberation/matters/:id/withdraw',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Withdraw a matter before its vote is counted',
          params: IdParams,
          response: { 200: Matter, ...errors },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          withdrawMatter(trx, {
            principal: requirePrincipal(request),
            matterId: request.params.id,
            actor: actorOf(request),
            now: clock.now(),
          }),
        ),
    );

    app.post(
      '/api/deliberation/matters/:id/posts',
      {
        config: manage,
        schema: {
          tags,
          summary: 'A staff post on the online line of the current step',
          params: IdParams,
          body: PostCreate,
          response: { 201: Post, ...errors },
        },
      },
      async (request, reply) => {
        const post = await db.transaction().execute((trx) =>
          postOnMatter(trx, {
            principal: requirePrincipal(request),
            matterId: request.params.id,
            request: request.body,
            now: clock.now(),
          }),
        );
        return reply.status(201).send(post);
      },
    );

    app.post(
      '/api/deliberation/matters/:id/ballots',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Record a household’s paper ballot from a meeting (one vote per household)',
          params: IdParams,
          body: BallotRequest,
          response: { 201: VoteReceipt, ...errors },
        },
      },
      async (request, reply) => {
        const receipt = await db.transaction().execute((trx) =>
          recordBallot(trx, {
            principal: requirePrincipal(request),
            matterId: request.params.id,
            request: request.body,
            actor: actorOf(request),
            now: clock.now(),
          }),
        );
        return reply.status(201).send(receipt);
      },
    );

    app.get(
      '/api/deliberation/matters/:id/record',
      {
        config: read,
        schema: {
          tags,
          summary: 'The full record of a matter, step by step, for printing',
          params: IdParams,
          response: { 200: MatterRecord, ...errors },
        },
      },
      async (request) =>
        printMatterRecord(db, {
          principal: requirePrincipal(request),
          matterId: request.params.id,
          now: clock.now(),
        }),
    );

    app.get(
      '/api/deliberation/mine',
      {
        config: vote,
        schema: {
          tags,
          summary: 'A resident’s grid: its matters, and how the household voted',
          response: { 200: MyMatters, ...errors },
        },
      },
      async (request) => findMyMatters(db, { principal: requirePrincipal(request) }),
    );

    app.post(
      '/api/deliberation/matters/:id/comments',
      {
        config: vote,
        schema: {
          tags,
          summary: 'A resident’s comment on the online line of the current step',
          params: IdParams,
          body: PostCreate,
          response: { 201: Post, ...errors },
        },
      },
      async (request, reply) => {
        const post = await db.transaction().execute((trx) =>
          commentOnMatter(trx, {
            principal: requirePrincipal(request),
            matterId: request.params.id,
            request: request.body,
            now: clock.now(),
          }),
        );
        return reply.status(201).send(post);
      },
    );

    app.post(
      '/api/deliberation/matters/:id/votes',
      {
        config: vote,
        schema: {
          tags,
          summary: 'A resident votes for their household, once',
          params: IdParams,
          body: VoteRequest,
          response: { 201: VoteReceipt, ...errors },
        },
      },
      async (request, reply) => {
        const receipt = await db.transaction().execute((trx) =>
          voteOnMatter(trx, {
            principal: requirePrincipal(request),
            matterId: request.params.id,
            choice: request.body.choice,
            actor: actorOf(request),
            now: clock.now(),
          }),
        );
        return reply.status(201).send(receipt);
      },
    );

    app.get(
      '/api/public/grids/:gridId/notices',
      {
        config: { access: { public: 'grid notice board: resolutions and results, no personal data' } },
        schema: {
          tags,
          summary: 'The grid’s public notice board: each matter’s resolution and result, counts only',
          params: z.object({ gridId: Id }),
          response: { 200: GridNoticeBoard, 400: ErrorBody, 404: ErrorBody },
        },
      },
      async (request) => getGridNoticeBoard(db, { gridId: request.params.gridId }),
    );
  };
}
