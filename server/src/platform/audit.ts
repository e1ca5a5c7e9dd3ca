import type { ColumnType, Generated, Kysely } from 'kysely';
import { sql } from 'kysely';
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
}

export interface AuditTables {
  audit_event: AuditEventTable;
}

/** Who is acting: an account once sign-in exists; until then the channel (api, cli, seed). */
export interface Actor {
  id: string;
  requestId?: string | undefined;
}

export const systemActor: Actor = { id: 'system' };

export interface AuditEntry {
  jurisdictionId: number | null;
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  details?: Record<string, unknown>;
}

/** Writes an audit event; call it inside the transaction of the change it records. */
export async function recordAudit(trx: Kysely<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_event')
    .values({
      jurisdiction_id: entry.jurisdictionId,
      actor: actor.id,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId == null ? null : String(entry.subjectId),
      request_id: actor.requestId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/** A JSON value as a jsonb parameter that both engines read the same way (sent as text, cast in SQL). */
export function jsonb(value: unknown) {
  return sql<string>`cast(${JSON.stringify(value)} as jsonb)`;
}
