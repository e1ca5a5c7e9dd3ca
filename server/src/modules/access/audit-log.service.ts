import type { z } from 'zod';
import type { AuditEntry, AuditQuery } from '#contracts';
import type { Db } from './access.repository.ts';

/** The audit log browser: filter by actor, action, subject and time, newest first. */
export async function findAuditEntries(
  db: Db,
  options: { jurisdictionId: number; query: z.infer<typeof AuditQuery> },
): Promise<{ total: number; entries: AuditEntry[] }> {
  const { query } = options;
  let base = db
    .selectFrom('audit_event')
    .where((eb) =>
      eb.or([eb('jurisdiction_id', '=', options.jurisdictionId), eb('jurisdiction_id', 'is', null)]),
    );
  if (query.actor) base = base.where('actor', '=', query.actor);
  if (query.action)
    base = base.where('action', 'like', `${query.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (query.subjectType) base = base.where('subject_type', '=', query.subjectType);
  if (query.subjectId) base = base.where('subject_id', '=', query.subjectId);
  if (query.from) base = base.where('at', '>=', new Date(query.from));
  if (query.to) base = base.where('at', '<', new Date(query.to));
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base
    .select([
      'id',
      'at',
      'actor',
      'role',
      'action',
      'subject_type',
      'subject_id',
      'result',
      'ip',
      'request_id',
      'details',
    ])
    .orderBy('id', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return {
    total: Number(total?.n ?? 0),
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actor,
      role: r.role,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      result: r.result,
      ip: r.ip,
      requestId: r.request_id,
      details: r.details,
    })),
  };
}
