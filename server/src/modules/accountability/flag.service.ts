import type { FlagList, FlagOverride, FlagRule, UnitFlag } from '#contracts/accountability.ts';
import type { Principal } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { presentFlag, presentFlags } from './accountability.presenter.ts';
import {
  findFlagRow,
  findFlagRows,
  findMilestoneRows,
  findReportWeeks,
  findTaskRows,
  overrideFlag,
  publishFlags,
  upsertComputedFlags,
} from './accountability.repository.ts';
import type { Db } from './accountability.table.ts';
import { recordPublishedFlags } from './duty-record.service.ts';
import { computeUnitFlags, quarterBounds, shanghaiDate } from './task-flags.ts';

/** The quarterly flags (季挂牌): computed by the rule, overridden with a reason, published. */

export async function findFlags(
  db: Db,
  options: { principal: Principal; quarter: string },
): Promise<FlagList> {
  const rows = await findFlagRows(db, {
    jurisdictionId: options.principal.jurisdictionId,
    quarter: options.quarter,
  });
  return presentFlags(options.quarter, rows);
}

async function refuseWhenPublished(trx: Db, jurisdictionId: number, quarter: string): Promise<void> {
  const rows = await findFlagRows(trx, { jurisdictionId, quarter });
  if (rows.some((r) => r.published_at !== null))
    throw new AppError('accountability.flags_published', 'The quarter’s flags are published');
}

/** Computes every lead unit's flag for the quarter as of now by the rule; overrides stand. Audited. */
export async function computeFlags(
  trx: Db,
  options: { principal: Principal; quarter: string; rule: FlagRule; actor: Actor; now: Date },
): Promise<FlagList> {
  const { principal, quarter } = options;
  const jurisdictionId = principal.jurisdictionId;
  await refuseWhenPublished(trx, jurisdictionId, quarter);
  const bounds = quarterBounds(quarter);
  const tasks = await findTaskRows(trx, { jurisdictionId });
  const milestones = await findMilestoneRows(trx, { jurisdictionId, taskIds: tasks.map((t) => t.id) });
  const reports = await findReportWeeks(trx, { jurisdictionId, from: bounds.first, to: bounds.last });
  const results = computeUnitFlags({
    rule: options.rule,
    quarter,
    today: shanghaiDate(options.now),
    tasks: tasks.map((t) => ({
      id: t.id,
      leadDepartmentId: t.lead_department_id,
      startsOn: t.starts_on,
      endedOn: t.ended_on,
      milestones: milestones
        .filter((m) => m.task_id === t.id)
        .map((m) => ({ dueOn: m.due_on, doneOn: m.done_on, weight: m.weight })),
    })),
    reports,
  });
  await upsertComputedFlags(trx, {
    jurisdictionId,
    quarter,
    rule: options.rule,
    now: options.now,
    flags: results,
  });
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'accountability.flags_computed',
    subjectType: 'accountability_flag',
    subjectId: quarter,
    details: { rule: options.rule, units: results.length },
  });
  return findFlags(trx, { principal, quarter });
}

/** An administrator's override of a unit's flag, with a reason; audited with the colour before and after. */
export async function overrideUnitFlag(
  trx: Db,
  options: { principal: Principal; id: number; request: FlagOverride; actor: Actor; now: Date },
): Promise<UnitFlag> {
  const { principal } = options;
  const jurisdictionId = principal.jurisdictionId;
  const row = await findFlagRow(trx, { jurisdictionId, id: options.id, forUpdate: true });
  if (!row) throw notFound('Flag');
  if (row.published_at !== null)
    throw new AppError('accountability.flags_published', 'The quarter’s flags are published');
  await overrideFlag(trx, {
    jurisdictionId,
    id: row.id,
    colour: options.request.colour,
    reason: options.request.reason,
    by: options.actor.id,
    now: options.now,
  });
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'accountability.flag_overridden',
    subjectType: 'accountability_flag',
    subjectId: row.id,
    details: {
      quarter: row.quarter,
      departmentId: row.department_id,
      computedColour: row.computed_colour,
      from: row.colour,
      to: options.request.colour,
      reason: options.request.reason,
    },
  });
  const updated = await findFlagRow(trx, { jurisdictionId, id: row.id });
  if (!updated) throw notFound('Flag');
  return presentFlag(updated);
}

/** Publishes the quarter's flags; after this they no longer change. Audited. */
export async function publishQuarterFlags(
  trx: Db,
  options: { principal: Principal; quarter: string; actor: Actor; now: Date },
): Promise<FlagList> {
  const { principal, quarter } = options;
  const jurisdictionId = principal.jurisdictionId;
  const rows = await findFlagRows(trx, { jurisdictionId, quarter });
  if (rows.length === 0) throw new AppError('accountability.no_flags', 'No flags computed for the quarter');
  if (rows.some((r) => r.published_at !== null))
    throw new AppError('accountability.flags_published', 'The quarter’s flags are published');
  const count = await publishFlags(trx, { jurisdictionId, quarter, now: options.now });
  // Delivered to the subscribed leaders and written into the duty records (履职档案).
  const recorded = await recordPublishedFlags(trx, { jurisdictionId, quarter, now: options.now });
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'accountability.flags_published',
    subjectType: 'accountability_flag',
    subjectId: quarter,
    details: { units: count, ...recorded },
  });
  return findFlags(trx, { principal, quarter });
}
