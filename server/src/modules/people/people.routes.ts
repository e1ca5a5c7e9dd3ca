import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  HouseholdDetail,
  MovePostingRequest,
  PartyQuery,
  PartyStructure,
  PeopleSummary,
  Resident,
  ResidentCreate,
  ResidentPage,
  ResidentQuery,
  ResidentSearch,
  SelfExport,
  StaffMember,
  StaffPage,
  StaffQuery,
  UnmaskRequest,
  UnmaskResult,
} from '#contracts';
import { actorOf, requirePrincipal } from '../../platform/access.ts';
import { notFound } from '../../platform/errors.ts';
import { errorResponses, IdParams } from '../../platform/route-schemas.ts';
import { getPartyStructure } from './party.service.ts';
import type { PeopleModule } from './people.module.ts';
import {
  createResident,
  findResidents,
  getHousehold,
  getResident,
  unmaskResident,
} from './resident.service.ts';
import { exportOwnData, getOwnRecord } from './self-service.service.ts';
import { findStaff, moveStaffPosting } from './staff.service.ts';
import { getPeopleSummary } from './summary.service.ts';

const tags = ['people 队伍与居民'];
const errors = errorResponses;

/** Thin routes: validate, authenticate, call one service, return what it presents. */
export function peopleRoutes(people: PeopleModule): FastifyPluginAsyncZod {
  return async (app) => {
    const { db, cipher, clock } = people;

    app.get(
      '/api/people/summary',
      {
        config: { access: { permission: 'people.read' } },
        schema: {
          tags,
          summary: 'Staff, party units, residents and households in the viewer’s scope, counted',
          response: { 200: PeopleSummary, ...errors },
        },
      },
      async (request) => getPeopleSummary(db, { principal: requirePrincipal(request) }),
    );

    app.get(
      '/api/people/staff',
      {
        config: { access: { permission: 'people.read' } },
        schema: {
          tags,
          summary: 'Staff directory by territory, with postings (phones masked)',
          querystring: StaffQuery,
          response: { 200: StaffPage, ...errors },
        },
      },
      async (request) =>
        findStaff(db, { principal: requirePrincipal(request), cipher, query: request.query }),
    );

    app.post(
      '/api/people/staff/:id/postings',
      {
        config: { access: { permission: 'people.write' } },
        schema: {
          tags,
          summary:
            'Move a staff member to another place: closes the current posting, opens the new one, moves the account’s scope',
          params: IdParams,
          body: MovePostingRequest,
          response: { 201: StaffMember, ...errors },
        },
      },
      async (request, reply) => {
        const staff = await db.transaction().execute((trx) =>
          moveStaffPosting(trx, {
            principal: requirePrincipal(request),
            cipher,
            staffId: request.params.id,
            request: request.body,
            actor: actorOf(request),
            now: clock.now(),
          }),
        );
        return reply.status(201).send(staff);
      },
    );

    app.get(
      '/api/people/residents',
      {
        config: { access: { permission: 'residents.read' } },
        schema: {
          tags,
          summary:
            'Residents in the viewer’s scope by name, tag, household, place, exact phone or ID number (masked)',
          querystring: ResidentQuery,
          response: { 200: ResidentPage, ...errors },
        },
      },
      async (request) =>
        findResidents(db, { principal: requirePrincipal(request), cipher, query: request.query }),
    );

    app.post(
      '/api/people/residents/search',
      {
        config: { access: { permission: 'residents.read' } },
        schema: {
          tags,
          summary:
            'Residents in the viewer’s scope by exact phone or ID number (keyed hash), and the other filters',
          body: ResidentSearch,
          response: { 200: ResidentPage, ...errors },
        },
      },
      async (request) =>
        findResidents(db, { principal: requirePrincipal(request), cipher, query: request.body }),
    );

    app.get(
      '/api/people/residents/:id',
      {
        config: { access: { permission: 'residents.read' } },
        schema: {
          tags,
          summary: 'One resident (personal data masked)',
          params: IdParams,
          response: { 200: Resident, ...errors },
        },
      },
      async (request) =>
        getResident(db, { principal: requirePrincipal(request), cipher, residentId: request.params.id }),
    );

    app.post(
      '/api/people/residents',
      {
        config: { access: { permission: 'residents.write' } },
        schema: {
          tags,
          summary: 'Register a resident in a household (the ID number’s check digit is verified)',
          body: ResidentCreate,
          response: { 201: Resident, ...errors },
        },
      },
      async (request, reply) => {
        const resident = await db.transaction().execute((trx) =>
          createResident(trx, {
            principal: requirePrincipal(request),
            cipher,
            request: request.body,
            actor: actorOf(request),
            now: clock.now(),
          }),
        );
        return reply.status(201).send(resident);
      },
    );

    app.post(
      '/api/people/residents/:id/unmask',
      {
        config: { access: { permission: 'residents.unmask' } },
        schema: {
          tags,
          summary: 'Reveal one resident’s phone and ID number, with a reason (audited, refusals too)',
          params: IdParams,
          body: UnmaskRequest,
          response: { 200: UnmaskResult, ...errors },
        },
      },
      async (request) => {
        const result = await db.transaction().execute((trx) =>
          unmaskResident(trx, {
            principal: requirePrincipal(request),
            cipher,
            residentId: request.params.id,
            reason: request.body.reason,
            actor: actorOf(request),
          }),
        );
        // The refusal was audited in the committed transaction; it answers as if there were no such resident.
        if (!result) throw notFound('Resident');
        return result;
      },
    );

    app.get(
      '/api/people/households/:id',
      {
        config: { access: { permission: 'residents.read' } },
        schema: {
          tags,
          summary: 'A household with its residents (personal data masked)',
          params: IdParams,
          response: { 200: HouseholdDetail, ...errors },
        },
      },
      async (request) =>
        getHousehold(db, { principal: requirePrincipal(request), cipher, householdId: request.params.id }),
    );

    app.get(
      '/api/people/party',
      {
        config: { access: { permission: 'party.read' } },
        schema: {
          tags,
          summary: 'A grid’s party branch, building party groups and anchor households (党员联四邻)',
          querystring: PartyQuery,
          response: { 200: PartyStructure, ...errors },
        },
      },
      async (request) =>
        getPartyStructure(db, { principal: requirePrincipal(request), gridId: request.query.gridId }),
    );

    app.get(
      '/api/people/me',
      {
        config: { access: { permission: 'self.read' } },
        schema: {
          tags,
          summary: 'The signed-in resident’s own record, in full',
          response: { 200: Resident, ...errors },
        },
      },
      async (request) => getOwnRecord(db, { principal: requirePrincipal(request), cipher }),
    );

    app.get(
      '/api/people/me/export',
      {
        config: { access: { permission: 'self.read' } },
        schema: {
          tags,
          summary: 'Download everything held about the signed-in resident, and who unmasked it (audited)',
          response: { 200: SelfExport, ...errors },
        },
      },
      async (request, reply) => {
        const data = await db.transaction().execute((trx) =>
          exportOwnData(trx, {
            principal: requirePrincipal(request),
            cipher,
            actor: actorOf(request),
            now: clock.now(),
          }),
        );
        void reply.header('content-disposition', 'attachment; filename="my-data.json"');
        return data;
      },
    );
  };
}
