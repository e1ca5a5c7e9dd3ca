import type {
  DecisionDone,
  DispatchMeeting,
  DispatchMeetingCreate,
  DispatchMeetingList,
} from '#contracts/accountability-dispatch.ts';
import { authorize, type Principal } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { accountabilityPermission } from './accountability.policy.ts';
import { findDepartmentIds } from './accountability.repository.ts';
import type { Db } from './accountability.table.ts';
import {
  type DecisionRow,
  findDecisionRows,
  findMeetingRows,
  insertMeeting,
  type MeetingRow,
  markDecisionDone,
} from './dispatch.repository.ts';
import { shanghaiDate } from './task-flags.ts';

/** 调度会: meeting records, with decisions assigned to units with due dates, and their done state. */

function presentMeeting(row: MeetingRow, decisions: readonly DecisionRow[], today: string): DispatchMeeting {
  return {
    id: row.id,
    heldOn: row.held_on,
    title: row.title,
    chairedBy: row.chaired_by,
    attendees: row.attendees,
    summary: row.summary,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    decisions: decisions
      .filter((d) => d.meeting_id === row.id)
      .map((d) => ({
        id: d.id,
        meetingId: d.meeting_id,
        content: d.content,
        departmentId: d.department_id,
        departmentName: d.department_name,
        dueOn: d.due_on,
        doneOn: d.done_on,
        doneNote: d.done_note,
        late: d.done_on !== null ? d.done_on > d.due_on : today > d.due_on,
      })),
  };
}

export async function findMeetings(
  db: Db,
  options: { principal: Principal; now: Date },
): Promise<DispatchMeetingList> {
  const jurisdictionId = options.principal.jurisdictionId;
  const rows = await findMeetingRows(db, { jurisdictionId });
  const decisions = await findDecisionRows(db, { jurisdictionId, meetingIds: rows.map((r) => r.id) });
  const today = shanghaiDate(options.now);
  return { meetings: rows.map((r) => presentMeeting(r, decisions, today)) };
}

export async function getMeeting(
  db: Db,
  options: { principal: Principal; id: number; now: Date },
): Promise<DispatchMeeting> {
  const jurisdictionId = options.principal.jurisdictionId;
  const [row] = await findMeetingRows(db, { jurisdictionId, id: options.id });
  if (!row) throw notFound('Meeting');
  const decisions = await findDecisionRows(db, { jurisdictionId, meetingIds: [row.id] });
  return presentMeeting(row, decisions, shanghaiDate(options.now));
}

/** Records a meeting with its decisions (administrators); audited. */
export async function createMeeting(
  trx: Db,
  options: { principal: Principal; request: DispatchMeetingCreate; actor: Actor; now: Date },
): Promise<DispatchMeeting> {
  const { principal, request } = options;
  const jurisdictionId = principal.jurisdictionId;
  const wanted = [...new Set(request.decisions.map((d) => d.departmentId))];
  const known = await findDepartmentIds(trx, { jurisdictionId, ids: wanted });
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new AppError('accountability.unknown_department', 'Unknown department', { departmentIds: unknown });
  const id = await insertMeeting(trx, {
    jurisdictionId,
    heldOn: request.heldOn,
    title: request.title,
    chairedBy: request.chairedBy,
    attendees: request.attendees,
    summary: request.summary,
    createdBy: options.actor.id,
    now: options.now,
    decisions: request.decisions,
  });
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'accountability.meeting_recorded',
    subjectType: 'accountability_meeting',
    subjectId: id,
    details: { heldOn: request.heldOn, decisions: request.decisions.length },
  });
  return getMeeting(trx, { principal, id, now: options.now });
}

/** A decision done, by its unit (department scope) or an administrator; audited. */
export async function completeDecision(
  trx: Db,
  options: {
    principal: Principal;
    meetingId: number;
    decisionId: number;
    request: DecisionDone;
    actor: Actor;
    now: Date;
  },
): Promise<DispatchMeeting> {
  const { principal } = options;
  const jurisdictionId = principal.jurisdictionId;
  const decisions = await findDecisionRows(trx, { jurisdictionId, meetingIds: [options.meetingId] });
  const decision = decisions.find((d) => d.id === options.decisionId);
  if (!decision) throw notFound('Decision');
  authorize(principal, accountabilityPermission('accountability.report'), {
    departmentId: decision.department_id,
  });
  if (decision.done_on !== null)
    throw new AppError('accountability.decision_done', 'The decision is already done', {
      doneOn: decision.done_on,
    });
  await markDecisionDone(trx, {
    jurisdictionId,
    meetingId: options.meetingId,
    id: decision.id,
    doneOn: options.request.doneOn,
    note: options.request.note,
  });
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'accountability.decision_done',
    subjectType: 'accountability_meeting',
    subjectId: options.meetingId,
    details: { decisionId: decision.id, doneOn: options.request.doneOn },
  });
  return getMeeting(trx, { principal, id: options.meetingId, now: options.now });
}
