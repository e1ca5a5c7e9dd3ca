import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Task } from '#contracts/accountability.ts';
import {
  Bulletin,
  BulletinGenerate,
  BulletinList,
  BulletinRemarks,
  DecisionDone,
  DispatchMeeting,
  DispatchMeetingCreate,
  DispatchMeetingList,
  DutyRecord,
  DutyRecordUnits,
  FlagInbox,
  SubscriptionList,
  SubscriptionSet,
  TaskPlaces,
  TaskStatusChange,
  WeeklyReportList,
} from '#contracts/accountability-dispatch.ts';
import { Id } from '#contracts/territory.ts';
import { actorOf, requirePrincipal } from '../../platform/access.ts';
import { errorResponses, IdParams } from '../../platform/route-schemas.ts';
import type { AccountabilityModule } from './accountability.module.ts';
import { accountabilityPermission } from './accountability.policy.ts';
import { presentWeeklyReport } from './accountability.presenter.ts';
import {
  editBulletinRemarks,
  findBulletins,
  generateBulletin,
  getBulletin,
  publishBulletin,
} from './bulletin.service.ts';
import { bulletinWorkbook } from './bulletin.xlsx.ts';
import { findTaskPlaceRows, findTaskReportRows } from './dispatch.repository.ts';
import {
  findDutyRecordUnits,
  findInbox,
  findSubscriptions,
  getDutyRecord,
  readNotice,
  setSubscriptions,
} from './duty-record.service.ts';
import { completeDecision, createMeeting, findMeetings, getMeeting } from './meeting.service.ts';
import { changeTaskStatus } from './task-status.service.ts';

const tags = ['accountability 挂图作战'];
const errors = errorResponses;
const read = { access: { permission: accountabilityPermission('accountability.read') } };
const report = { access: { permission: accountabilityPermission('accountability.report') } };
const manage = { access: { permission: accountabilityPermission('accountability.manage') } };
const subscribe = { access: { permission: accountabilityPermission('accountability.subscribe') } };

/**
 * Task status, meetings (调度会), the monthly bulletin (月通报), subscriptions, the flag inbox and the
 * duty record (履职档案). Thin routes: validate, authenticate, open the transaction for writes.
 */
export function dispatchRoutes(accountability: AccountabilityModule): FastifyPluginAsyncZod {
  return async (app) => {
    const { db, clock } = accountability;

    app.post(
      '/api/accountability/tasks/:id/status',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Complete, suspend or resume a task, with a reason (audited)',
          params: IdParams,
          body: TaskStatusChange,
          response: { 200: Task, ...errors },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          changeTaskStatus(trx, {
            principal: requirePrincipal(request),
            id: request.params.id,
            request: request.body,
            actor: actorOf(request),
            now: clock.now(),
          }),
        ),
    );

    app.get(
      '/api/accountability/tasks/:id/reports',
      {
        config: read,
        schema: {
          tags,
          summary: 'A task’s Monday reports, newest first',
          params: IdParams,
          response: { 200: WeeklyReportList, ...errors },
        },
      },
      async (request) => {
        const rows = await findTaskReportRows(db, {
          jurisdictionId: requirePrincipal(request).jurisdictionId,
          taskId: request.params.id,
        });
        return { reports: rows.map(presentWeeklyReport) };
      },
    );

    app.get(
      '/api/accountability/task-places',
      {
        config: read,
        schema: {
          tags,
          summary: 'Tasks that have a place, for the board’s map',
          response: { 200: TaskPlaces, ...errors },
        },
      },
      async (request) => {
        const rows = await findTaskPlaceRows(db, requirePrincipal(request).jurisdictionId);
        return {
          places: rows.map((r) => ({
            taskId: r.task_id,
            placeId: r.place_id,
            placeName: r.place_name,
            lng: Number(r.lng),
            lat: Number(r.lat),
          })),
        };
      },
    );

    app.get(
      '/api/accountability/meetings',
      {
        config: read,
        schema: {
          tags,
          summary: 'Dispatch meetings (调度会), newest first',
          response: { 200: DispatchMeetingList, ...errors },
        },
      },
      async (request) => findMeetings(db, { principal: requirePrincipal(request), now: clock.now() }),
    );

    app.get(
      '/api/accountability/meetings/:id',
      {
        config: read,
        schema: {
          tags,
          summary: 'A meeting with its decisions',
          params: IdParams,
          response: { 200: DispatchMeeting, ...errors },
        },
      },
      async (request) =>
        getMeeting(db, { principal: requirePrincipal(request), id: request.params.id, now: clock.now() }),
    );

    app.post(
      '/api/accountability/meetings',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Record a meeting with decisions assigned to units with due dates',
          body: DispatchMeetingCreate,
          response: { 201: DispatchMeeting, ...errors },
        },
      },
      async (request, reply) => {
        const meeting = await db.transaction().execute((trx) =>
          createMeeting(trx, {
            principal: requirePrincipal(request),
            request: request.body,
            actor: actorOf(request),
            now: clock.now(),
          }),
        );
        return reply.status(201).send(meeting);
      },
    );

    app.post(
      '/api/accountability/meetings/:id/decisions/:decisionId/done',
      {
        config: report,
        schema: {
          tags,
          summary: 'A decision done, by its unit or an administrator',
          params: z.object({ id: Id, decisionId: Id }),
          body: DecisionDone,
          response: { 200: DispatchMeeting, ...errors },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          completeDecision(trx, {
            principal: requirePrincipal(request),
            meetingId: request.params.id,
            decisionId: request.params.decisionId,
            request: request.body,
            actor: actorOf(request),
            now: clock.now(),
          }),
        ),
    );

    app.get(
      '/api/accountability/bulletins',
      {
        config: read,
        schema: {
          tags,
          summary: 'Monthly bulletins (月通报), newest first',
          response: { 200: BulletinList, ...errors },
        },
      },
      async (request) => findBulletins(db, { principal: requirePrincipal(request) }),
    );

    app.get(
      '/api/accountability/bulletins/:id',
      {
        config: read,
        schema: {
          tags,
          summary: 'A bulletin: per unit, per task, the month’s changes',
          params: IdParams,
          response: { 200: Bulletin, ...errors },
        },
      },
      async (request) => getBulletin(db, { principal: requirePrincipal(request), id: request.params.id }),
    );

    app.get(
      '/api/accountability/bulletins/:id/xlsx',
      {
        config: read,
        schema: {
          tags,
          summary: 'A bulletin as an Excel workbook (the same rows: per unit, per task, changes)',
          params: IdParams,
        },
      },
      async (request, reply) => {
        const bulletin = await getBulletin(db, {
          principal: requirePrincipal(request),
          id: request.params.id,
        });
        const body = await bulletinWorkbook(bulletin);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="bulletin-${bulletin.month}.xlsx"`)
          .send(body);
      },
    );

    app.post(
      '/api/accountability/bulletins',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Generate the month’s bulletin as a draft (or regenerate the draft; remarks stay)',
          body: BulletinGenerate,
          response: { 200: Bulletin, ...errors },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          generateBulletin(trx, {
            principal: requirePrincipal(request),
            month: request.body.month,
            actor: actorOf(request),
            now: clock.now(),
          }),
        ),
    );

    app.put(
      '/api/accountability/bulletins/:id/remarks',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Edit a draft’s remarks (overall and per unit)',
          params: IdParams,
          body: BulletinRemarks,
          response: { 200: Bulletin, ...errors },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          editBulletinRemarks(trx, {
            principal: requirePrincipal(request),
            id: request.params.id,
            request: request.body,
            actor: actorOf(request),
          }),
        ),
    );

    app.post(
      '/api/accountability/bulletins/:id/publish',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Publish a draft; the units it names go into their duty records',
          params: IdParams,
          response: { 200: Bulletin, ...errors },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          publishBulletin(trx, {
            principal: requirePrincipal(request),
            id: request.params.id,
            actor: actorOf(request),
            now: clock.now(),
          }),
        ),
    );

    app.get(
      '/api/accountability/subscriptions',
      {
        config: subscribe,
        schema: {
          tags,
          summary: 'The units the caller subscribes to',
          response: { 200: SubscriptionList, ...errors },
        },
      },
      async (request) => findSubscriptions(db, { principal: requirePrincipal(request) }),
    );

    app.put(
      '/api/accountability/subscriptions',
      {
        config: subscribe,
        schema: {
          tags,
          summary: 'Replace the caller’s subscriptions (their published flags are delivered to them)',
          body: SubscriptionSet,
          response: { 200: SubscriptionList, ...errors },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          setSubscriptions(trx, {
            principal: requirePrincipal(request),
            departmentIds: request.body.departmentIds,
            actor: actorOf(request),
            now: clock.now(),
          }),
        ),
    );

    app.get(
      '/api/accountability/inbox',
      {
        config: subscribe,
        schema: {
          tags,
          summary: 'Published flags delivered to the caller',
          response: { 200: FlagInbox, ...errors },
        },
      },
      async (request) => findInbox(db, { principal: requirePrincipal(request) }),
    );

    app.post(
      '/api/accountability/inbox/:id/read',
      {
        config: subscribe,
        schema: {
          tags,
          summary: 'Mark a delivered flag read',
          params: IdParams,
          response: { 200: FlagInbox, ...errors },
        },
      },
      async (request) =>
        db.transaction().execute((trx) =>
          readNotice(trx, {
            principal: requirePrincipal(request),
            id: request.params.id,
            now: clock.now(),
          }),
        ),
    );

    app.get(
      '/api/accountability/duty-records',
      {
        config: read,
        schema: {
          tags,
          summary: 'Duty records (履职档案) by unit, with flag counts',
          response: { 200: DutyRecordUnits, ...errors },
        },
      },
      async (request) => findDutyRecordUnits(db, { principal: requirePrincipal(request) }),
    );

    app.get(
      '/api/accountability/duty-records/:id',
      {
        config: read,
        schema: {
          tags,
          summary: 'A unit’s duty record: every flag, override and bulletin mention over time',
          params: IdParams,
          response: { 200: DutyRecord, ...errors },
        },
      },
      async (request) =>
        getDutyRecord(db, { principal: requirePrincipal(request), departmentId: request.params.id }),
    );
  };
}
