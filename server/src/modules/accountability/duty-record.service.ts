import type { FlagColour } from '#contracts/accountability.ts';
import type {
  Bulletin,
  DutyEntry,
  DutyRecord,
  DutyRecordUnits,
  FlagInbox,
  SubscriptionList,
} from '#contracts/accountability-dispatch.ts';
import type { Principal } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { notifyEach } from '../notifications/index.ts';
import { findDepartmentIds, findDepartmentNames, findFlagRows } from './accountability.repository.ts';
import type { Db } from './accountability.table.ts';
import {
  type DutyEntryRow,
  findDutyEntryRows,
  findFlagNoticeRows,
  findSubscribedDepartments,
  findUnitHeads,
  insertDutyEntries,
  insertFlagDeliveries,
  markNoticeRead,
  replaceSubscriptions,
} from './dispatch.repository.ts';

/**
 * Leaders' subscriptions to lead units, the delivery of published flags to them (their inbox), and
 * the duty record (履职档案) of each unit's responsible head: every flag, override and bulletin mention.
 */

const COLOUR_LABELS: Record<FlagColour, string> = { red: '红牌', yellow: '黄牌', green: '绿牌' };

export async function findSubscriptions(
  db: Db,
  options: { principal: Principal },
): Promise<SubscriptionList> {
  const { principal } = options;
  return {
    departmentIds: await findSubscribedDepartments(db, {
      jurisdictionId: principal.jurisdictionId,
      accountId: principal.accountId,
    }),
  };
}

/** Replaces the caller's subscriptions; audited. */
export async function setSubscriptions(
  trx: Db,
  options: { principal: Principal; departmentIds: readonly number[]; actor: Actor; now: Date },
): Promise<SubscriptionList> {
  const { principal } = options;
  const jurisdictionId = principal.jurisdictionId;
  const wanted = [...new Set(options.departmentIds)];
  const known = await findDepartmentIds(trx, { jurisdictionId, ids: wanted });
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new AppError('accountability.unknown_department', 'Unknown department', { departmentIds: unknown });
  await replaceSubscriptions(trx, {
    jurisdictionId,
    accountId: principal.accountId,
    departmentIds: wanted,
    now: options.now,
  });
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'accountability.subscriptions_set',
    subjectType: 'account',
    subjectId: principal.accountId,
    details: { departmentIds: wanted },
  });
  return findSubscriptions(trx, { principal });
}

/**
 * Delivers a published quarter's flags to the leaders subscribed to each unit: one delivery row per
 * leader and flag (their inbox on the board), and an in-app notice (the bell, pushed live) per
 * leader and flag, in the publishing transaction.
 */
export async function deliverFlagNotices(
  trx: Db,
  options: { jurisdictionId: number; quarter: string; now: Date },
): Promise<number> {
  const delivered = await insertFlagDeliveries(trx, options);
  if (delivered.length === 0) return 0;
  const flags = new Map(
    (await findFlagRows(trx, { jurisdictionId: options.jurisdictionId, quarter: options.quarter })).map(
      (f) => [f.id, f],
    ),
  );
  await notifyEach(
    trx,
    delivered.flatMap((delivery) => {
      const flag = flags.get(delivery.flag_id);
      if (!flag) return [];
      return [
        {
          recipients: { jurisdictionId: options.jurisdictionId, accountIds: [delivery.account_id] },
          message: {
            topic: 'flag_published',
            title: `${options.quarter} 季挂牌：${flag.department_name} ${FLAG_NAMES[flag.colour]}`,
            body: flag.override_reason ? `调整理由：${flag.override_reason}` : '',
            link: '/accountability',
            subjectType: 'accountability_flag',
            subjectId: flag.id,
            at: options.now,
          },
        },
      ];
    }),
  );
  return delivered.length;
}

const FLAG_NAMES: Record<FlagColour, string> = { red: '红牌', yellow: '黄牌', green: '绿牌' };

/**
 * After a quarter's flags are published: deliver them, and write each flag (and each override, with
 * its reason) into the unit's duty record under its responsible heads.
 */
export async function recordPublishedFlags(
  trx: Db,
  options: { jurisdictionId: number; quarter: string; now: Date },
): Promise<{ deliveries: number; entries: number }> {
  const { jurisdictionId, quarter, now } = options;
  const flags = await findFlagRows(trx, { jurisdictionId, quarter });
  const heads = await findUnitHeads(trx, jurisdictionId);
  const headOf = (departmentId: number) => (heads.get(departmentId) ?? []).join('、') || '—';
  const entries = flags.flatMap((f) => {
    const flag = {
      jurisdictionId,
      departmentId: f.department_id,
      head: headOf(f.department_id),
      kind: 'flag' as const,
      period: quarter,
      colour: f.colour,
      summary: `${quarter} 季挂牌：${COLOUR_LABELS[f.colour]}（滞后节点 ${f.late_milestones} 个，缺报 ${f.missed_reports} 次）`,
      sourceId: f.id,
      now,
    };
    if (f.override_reason === null) return [flag];
    return [
      flag,
      {
        ...flag,
        kind: 'override' as const,
        summary: `${quarter} 挂牌调整：按规则为${COLOUR_LABELS[f.computed_colour]}，调整为${COLOUR_LABELS[f.colour]}。理由：${f.override_reason}`,
      },
    ];
  });
  await insertDutyEntries(trx, entries);
  const deliveries = await deliverFlagNotices(trx, { jurisdictionId, quarter, now });
  return { deliveries, entries: entries.length };
}

/** A published bulletin: each unit it names as late or not reported gets a mention. */
export async function recordBulletinMentions(
  trx: Db,
  options: { jurisdictionId: number; bulletin: Bulletin; now: Date },
): Promise<number> {
  const { jurisdictionId, bulletin, now } = options;
  const heads = await findUnitHeads(trx, jurisdictionId);
  const entries = bulletin.units
    .filter((u) => u.late > 0 || u.notReported > 0)
    .map((u) => {
      const named = bulletin.tasks
        .filter(
          (t) =>
            t.departmentId === u.departmentId && (t.category === 'late' || t.category === 'not_reported'),
        )
        .map((t) => `“${t.title}”${t.category === 'late' ? '滞后' : '未报送'}`)
        .join('，');
      return {
        jurisdictionId,
        departmentId: u.departmentId,
        head: (heads.get(u.departmentId) ?? []).join('、') || '—',
        kind: 'bulletin' as const,
        period: bulletin.month,
        colour: null,
        summary: `${bulletin.month} 月通报点名：${named}${u.remark ? `。点评：${u.remark}` : ''}`,
        sourceId: bulletin.id,
        now,
      };
    });
  await insertDutyEntries(trx, entries);
  return entries.length;
}

export async function findInbox(db: Db, options: { principal: Principal }): Promise<FlagInbox> {
  const rows = await findFlagNoticeRows(db, {
    jurisdictionId: options.principal.jurisdictionId,
    accountId: options.principal.accountId,
  });
  return {
    notices: rows.map((r) => ({
      id: r.id,
      flagId: r.flag_id,
      quarter: r.quarter,
      departmentId: r.department_id,
      departmentName: r.department_name,
      colour: r.colour,
      overrideReason: r.override_reason,
      deliveredAt: r.delivered_at.toISOString(),
      readAt: r.read_at?.toISOString() ?? null,
    })),
    unread: rows.filter((r) => r.read_at === null).length,
  };
}

export async function readNotice(
  trx: Db,
  options: { principal: Principal; id: number; now: Date },
): Promise<FlagInbox> {
  const { principal } = options;
  await markNoticeRead(trx, {
    jurisdictionId: principal.jurisdictionId,
    accountId: principal.accountId,
    id: options.id,
    now: options.now,
  });
  return findInbox(trx, { principal });
}

function presentEntry(r: DutyEntryRow): DutyEntry {
  return {
    id: r.id,
    departmentId: r.department_id,
    departmentName: r.department_name,
    head: r.head,
    kind: r.kind,
    period: r.period,
    colour: r.colour,
    summary: r.summary,
    sourceId: r.source_id,
    recordedAt: r.recorded_at.toISOString(),
  };
}

/** The units with a duty record or leading a task, with their counts of flags by colour. */
export async function findDutyRecordUnits(
  db: Db,
  options: { principal: Principal },
): Promise<DutyRecordUnits> {
  const jurisdictionId = options.principal.jurisdictionId;
  const heads = await findUnitHeads(db, jurisdictionId);
  const entries = await findDutyEntryRows(db, { jurisdictionId });
  const names = await findDepartmentNames(db, jurisdictionId);
  const ids = [...new Set([...heads.keys(), ...entries.map((e) => e.department_id)])].sort((a, b) => a - b);
  return {
    units: ids.map((id) => {
      const mine = entries.filter((e) => e.department_id === id);
      const flags = mine.filter((e) => e.kind === 'flag');
      return {
        departmentId: id,
        departmentName: names.get(id) ?? '',
        heads: heads.get(id) ?? [],
        entries: mine.length,
        red: flags.filter((e) => e.colour === 'red').length,
        yellow: flags.filter((e) => e.colour === 'yellow').length,
        green: flags.filter((e) => e.colour === 'green').length,
      };
    }),
  };
}

export async function getDutyRecord(
  db: Db,
  options: { principal: Principal; departmentId: number },
): Promise<DutyRecord> {
  const jurisdictionId = options.principal.jurisdictionId;
  const names = await findDepartmentNames(db, jurisdictionId);
  const name = names.get(options.departmentId);
  if (name === undefined) throw notFound('Department');
  const heads = await findUnitHeads(db, jurisdictionId);
  const entries = await findDutyEntryRows(db, { jurisdictionId, departmentId: options.departmentId });
  return {
    departmentId: options.departmentId,
    departmentName: name,
    heads: heads.get(options.departmentId) ?? [],
    entries: entries.map(presentEntry),
  };
}
