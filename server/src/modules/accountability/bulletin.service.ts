import type {
  Bulletin,
  BulletinChange,
  BulletinList,
  BulletinRemarks,
  BulletinTaskRow,
} from '#contracts/accountability-dispatch.ts';
import type { Principal } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findMilestoneRows, findReportWeeks, findTaskRows } from './accountability.repository.ts';
import type { Db } from './accountability.table.ts';
import {
  type BulletinTaskFacts,
  classifyMonth,
  monthBounds,
  monthChanges,
  previousMonth,
  unitRows,
} from './bulletin.ts';
import {
  type BulletinRow,
  findBulletinRow,
  findBulletinRows,
  markBulletinPublished,
  updateBulletinRemarks,
  upsertBulletinDraft,
} from './dispatch.repository.ts';
import { recordBulletinMentions } from './duty-record.service.ts';
import { addDays, shanghaiDate } from './task-flags.ts';

/** 月通报: generated for a month as a draft, remarks edited by an administrator, then published. */

interface BulletinContent {
  tasks: BulletinTaskRow[];
  changes: BulletinChange[];
}

function presentBulletin(row: BulletinRow): Bulletin {
  const content = row.content as BulletinContent;
  return {
    id: row.id,
    month: row.month,
    asOf: row.as_of,
    status: row.published_at === null ? 'draft' : 'published',
    remarks: row.remarks,
    tasks: content.tasks,
    units: unitRows(content.tasks, row.unit_remarks),
    changes: content.changes,
    generatedBy: row.generated_by,
    generatedAt: row.generated_at.toISOString(),
    publishedBy: row.published_by,
    publishedAt: row.published_at?.toISOString() ?? null,
  };
}

/** The month's rows as the rule gives them now (what a draft snapshots). */
export async function computeBulletinContent(
  db: Db,
  options: { jurisdictionId: number; month: string; now: Date },
): Promise<{ asOf: string; content: BulletinContent }> {
  const { jurisdictionId, month } = options;
  const today = shanghaiDate(options.now);
  const prev = previousMonth(month);
  const tasks = await findTaskRows(db, { jurisdictionId });
  const milestones = await findMilestoneRows(db, { jurisdictionId, taskIds: tasks.map((t) => t.id) });
  const reports = await findReportWeeks(db, {
    jurisdictionId,
    from: monthBounds(prev).first,
    to: addDays(monthBounds(month).last, 0),
  });
  const facts: BulletinTaskFacts[] = tasks.map((t) => ({
    id: t.id,
    title: t.title,
    status: t.status,
    leadDepartmentId: t.lead_department_id,
    departmentName: t.lead_department_name,
    responsiblePerson: t.responsible_person,
    startsOn: t.starts_on,
    endedOn: t.ended_on,
    milestones: milestones
      .filter((m) => m.task_id === t.id)
      .map((m) => ({ title: m.title, dueOn: m.due_on, doneOn: m.done_on, weight: m.weight })),
  }));
  const current = classifyMonth({ month, today, tasks: facts, reports });
  const previous = classifyMonth({ month: prev, today, tasks: facts, reports });
  const changes = monthChanges({
    month,
    asOf: current.asOf,
    tasks: facts,
    current: current.tasks,
    previous: previous.tasks,
  });
  return { asOf: current.asOf, content: { tasks: current.tasks, changes } };
}

export async function findBulletins(db: Db, options: { principal: Principal }): Promise<BulletinList> {
  const rows = await findBulletinRows(db, options.principal.jurisdictionId);
  return {
    bulletins: rows.map((r) => {
      const b = presentBulletin(r);
      return {
        id: b.id,
        month: b.month,
        asOf: b.asOf,
        status: b.status,
        generatedAt: b.generatedAt,
        publishedAt: b.publishedAt,
      };
    }),
  };
}

export async function getBulletin(db: Db, options: { principal: Principal; id: number }): Promise<Bulletin> {
  const row = await findBulletinRow(db, { jurisdictionId: options.principal.jurisdictionId, id: options.id });
  if (!row) throw notFound('Bulletin');
  return presentBulletin(row);
}

function refusePublished(row: BulletinRow): void {
  if (row.published_at !== null)
    throw new AppError('accountability.bulletin_published', 'The bulletin is published', {
      month: row.month,
    });
}

/** Generates the month's draft, or regenerates it (its remarks stay); audited. */
export async function generateBulletin(
  trx: Db,
  options: { principal: Principal; month: string; actor: Actor; now: Date },
): Promise<Bulletin> {
  const { principal, month } = options;
  const jurisdictionId = principal.jurisdictionId;
  const existing = await findBulletinRow(trx, { jurisdictionId, month, forUpdate: true });
  if (existing) refusePublished(existing);
  const { asOf, content } = await computeBulletinContent(trx, { jurisdictionId, month, now: options.now });
  const id = await upsertBulletinDraft(trx, {
    jurisdictionId,
    month,
    asOf,
    content,
    generatedBy: options.actor.id,
    now: options.now,
  });
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'accountability.bulletin_generated',
    subjectType: 'accountability_bulletin',
    subjectId: id,
    details: { month, asOf, tasks: content.tasks.length },
  });
  return getBulletin(trx, { principal, id });
}

/** The administrator's remarks on a draft: overall and per unit. */
export async function editBulletinRemarks(
  trx: Db,
  options: { principal: Principal; id: number; request: BulletinRemarks; actor: Actor },
): Promise<Bulletin> {
  const { principal } = options;
  const jurisdictionId = principal.jurisdictionId;
  const row = await findBulletinRow(trx, { jurisdictionId, id: options.id, forUpdate: true });
  if (!row) throw notFound('Bulletin');
  refusePublished(row);
  const unitRemarks = Object.fromEntries(
    Object.entries({ ...row.unit_remarks, ...options.request.unitRemarks }).filter(([, v]) => v !== ''),
  );
  await updateBulletinRemarks(trx, {
    jurisdictionId,
    id: row.id,
    remarks: options.request.remarks,
    unitRemarks,
  });
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'accountability.bulletin_edited',
    subjectType: 'accountability_bulletin',
    subjectId: row.id,
    details: { month: row.month, units: Object.keys(options.request.unitRemarks).length },
  });
  return getBulletin(trx, { principal, id: row.id });
}

/**
 * Publishes a draft: it no longer changes, and every unit it names as late or not reported gets a
 * bulletin mention in its duty record (履职档案). Audited.
 */
export async function publishBulletin(
  trx: Db,
  options: { principal: Principal; id: number; actor: Actor; now: Date },
): Promise<Bulletin> {
  const { principal } = options;
  const jurisdictionId = principal.jurisdictionId;
  const row = await findBulletinRow(trx, { jurisdictionId, id: options.id, forUpdate: true });
  if (!row) throw notFound('Bulletin');
  refusePublished(row);
  await markBulletinPublished(trx, { jurisdictionId, id: row.id, by: options.actor.id, now: options.now });
  const bulletin = await getBulletin(trx, { principal, id: row.id });
  const mentions = await recordBulletinMentions(trx, { jurisdictionId, bulletin, now: options.now });
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'accountability.bulletin_published',
    subjectType: 'accountability_bulletin',
    subjectId: row.id,
    details: { month: row.month, mentions },
  });
  return bulletin;
}
