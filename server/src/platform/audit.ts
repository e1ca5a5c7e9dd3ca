import type { ColumnType, Generated, Kysely } from 'kysely';
import { sql } from 'kysely';
import { recordsInsert } from '../db/json-records.ts';
import { executeInOrder, type OrderedWrite } from '../db/ordered-writes.ts';
import type { Database } from '../db/schema.ts';

export interface AuditEventTable {
  jurisdiction_id: number | null;
  id: Generated<number>;
  at: ColumnType<Date, never, never>;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  request_id: string | null;
  details: ColumnType<unknown, string, never>;
  role: string | null;
  result: ColumnType<string, string | undefined, never>;
  ip: string | null;
  /** Set by the database's chain trigger, never by the application: the entry's place in the chain. */
  seq: ColumnType<number, never, never>;
  prev_hash: ColumnType<string | null, never, never>;
  hash: ColumnType<string, never, never>;
}

export interface AuditTables {
  audit_event: AuditEventTable;
}

/** Who is acting: an account's username, or a channel (cli, seed, system) for work without one. */
export interface Actor {
  id: string;
  role?: string | undefined;
  requestId?: string | undefined;
  ip?: string | undefined;
}

export const systemActor: Actor = { id: 'system' };

export interface AuditEntry {
  jurisdictionId: number | null;
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  /** ok (default), denied, failed. */
  result?: 'ok' | 'denied' | 'failed';
  details?: Record<string, unknown>;
}

/**
 * Writes an audit event; call it inside the transaction of the change it records, so that there is
 * never one without the other. The database chains and hashes it and refuses any later change.
 */
export async function recordAudit(trx: Kysely<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
  await recordAudits(trx, [{ actor, entry }]);
}

/** Many audit events in one statement (a batch of changes in one transaction), chained in the order given. */
export async function recordAudits(
  trx: Kysely<Database>,
  events: readonly { actor: Actor; entry: AuditEntry }[],
): Promise<void> {
  await executeInOrder(trx, auditWrites(events));
}

/**
 * The write of `recordAudits`, to run with others in one statement (`executeInOrder`); put it last:
 * the chain's lock is then held only until the commit.
 */
export function auditWrites(events: readonly { actor: Actor; entry: AuditEntry }[]): OrderedWrite[] {
  if (events.length === 0) return [];
  // Selected in the order given: the chain trigger links them in that order.
  return [
    insertAuditEvents(
      events.map(({ actor, entry }) => ({
        jurisdiction_id: entry.jurisdictionId,
        actor: actor.id,
        action: entry.action,
        subject_type: entry.subjectType,
        subject_id: entry.subjectId == null ? null : String(entry.subjectId),
        request_id: actor.requestId ?? null,
        role: actor.role ?? null,
        ip: actor.ip ?? null,
        result: entry.result ?? 'ok',
        details: entry.details ?? {},
      })),
    ),
  ];
}

const insertAuditEvents = recordsInsert('audit_event', {
  jurisdiction_id: 'bigint',
  actor: 'text',
  action: 'text',
  subject_type: 'text',
  subject_id: 'text',
  request_id: 'text',
  role: 'text',
  ip: 'text',
  result: 'text',
  details: 'jsonb',
});

/** A JSON value as a jsonb parameter that both engines read the same way (sent as text, cast in SQL). */
export function jsonb(value: unknown) {
  return sql<string>`cast(${JSON.stringify(value)} as jsonb)`;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  /** The first entry whose digest or link does not match, and why. */
  firstBroken: { id: number; reason: 'content_changed' | 'link_broken' } | null;
}

/** Recomputes every entry's digest in order and reports the first that does not match. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerification> {
  const result = await sql<{ id: number; content_ok: boolean; link_ok: boolean; total: number }>`
    with chain as (
      select e.id, e.seq, e.hash, e.prev_hash,
             lag(e.hash) over (order by e.seq) as previous_hash,
             audit_event_digest(e, e.prev_hash) as digest
      from audit_event e
    )
    select id, hash = digest as content_ok, prev_hash is not distinct from previous_hash as link_ok,
           (select count(*) from chain) as total
    from chain
    where hash <> digest or prev_hash is distinct from previous_hash
    order by seq
    limit 1`.execute(db);
  const broken = result.rows[0];
  const total = broken
    ? Number(broken.total)
    : Number((await sql<{ n: number }>`select count(*) as n from audit_event`.execute(db)).rows[0]?.n ?? 0);
  return {
    ok: !broken,
    checked: total,
    firstBroken: broken
      ? { id: broken.id, reason: broken.content_ok ? 'link_broken' : 'content_changed' }
      : null,
  };
}
