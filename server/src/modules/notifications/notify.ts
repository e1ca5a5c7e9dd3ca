import type { Expression, RawBuilder } from 'kysely';
import { sql } from 'kysely';
import { executeInOrder, type OrderedWrite } from '../../db/ordered-writes.ts';
import {
  type Db,
  notificationRowsToSelectedWrite,
  notificationRowsWrite,
} from './notifications.repository.ts';

/**
 * Writing notifications: rows in the caller's transaction, whose insert makes the database send a
 * signal on its channel (the notification_signal trigger). PostgreSQL delivers a NOTIFY only when its transaction commits (and
 * drops it on rollback), so an app server never pushes news of a change that did not happen, and
 * every app server on the database hears it, whichever one made the change.
 */

/** The database channel every app server listens on (also named in the notification_signal trigger). */
export const NOTIFICATION_CHANNEL = 'jingzhi_notification';

/** What is announced; the same message goes to every recipient. */
export interface NotificationMessage {
  topic: string;
  title: string;
  body?: string;
  /** Where the web app opens it (`/cases/42`). */
  link?: string | null;
  subjectType?: string | null;
  subjectId?: string | number | null;
  /** When it happened (the caller's clock); now by default. */
  at?: Date;
}

export interface Recipients {
  jurisdictionId: number;
  accountIds: readonly number[];
}

/**
 * NOTIFY payloads stay well under PostgreSQL's 8000 bytes: at most this many accounts per signal
 * (as in the notification_signal trigger).
 */
const ACCOUNTS_PER_SIGNAL = 500;

/**
 * Notifies accounts (each once, whatever the duplicates in `accountIds`), in the caller's
 * transaction: nothing is written or pushed unless it commits.
 */
export async function notify(trx: Db, recipients: Recipients, message: NotificationMessage): Promise<void> {
  await notifyEach(trx, [{ recipients, message }]);
}

/**
 * Many messages, each to its own recipients, in one statement whatever their number (a batched
 * intake tells each new case's grid workers at once). The database signals the app servers (a
 * trigger on the table: one signal per jurisdiction and 500 accounts).
 */
export async function notifyEach(
  trx: Db,
  deliveries: readonly { recipients: Recipients; message: NotificationMessage }[],
): Promise<void> {
  await executeInOrder(trx, notificationWrites(deliveries));
}

/** What `notifyEach` writes, to run with others in one statement (`executeInOrder`). */
export function notificationWrites(
  deliveries: readonly { recipients: Recipients; message: NotificationMessage }[],
): OrderedWrite[] {
  const rows = deliveries.flatMap(({ recipients, message }) =>
    [...new Set(recipients.accountIds)].map((accountId) => ({
      jurisdictionId: recipients.jurisdictionId,
      accountId,
      ...messageFields(message),
    })),
  );
  return rows.length === 0 ? [] : [notificationRowsWrite(rows)];
}

/**
 * Messages to the accounts that `recipients` selects in the statement itself, over each message's
 * jurisdiction and place (a subquery giving a JSON array of account ids; the account that acted is
 * left out): a write for `executeInOrder`, with no read of the accounts before it.
 */
export function notificationToPlaceWrites(
  deliveries: readonly {
    jurisdictionId: number;
    placeId: number;
    exceptAccountId: number | null;
    message: NotificationMessage;
  }[],
  recipients: (message: {
    jurisdictionId: Expression<number>;
    placeId: Expression<number>;
  }) => RawBuilder<number[]>,
): OrderedWrite[] {
  if (deliveries.length === 0) return [];
  return [
    notificationRowsToSelectedWrite(
      deliveries.map(({ jurisdictionId, placeId, exceptAccountId, message }) => ({
        jurisdictionId,
        placeId,
        exceptAccountId,
        ...messageFields(message),
      })),
      recipients,
    ),
  ];
}

/** A message as the stored fields of each of its notifications (defaults filled in). */
function messageFields(message: NotificationMessage) {
  return {
    topic: message.topic,
    title: message.title,
    body: message.body ?? '',
    link: message.link ?? null,
    subjectType: message.subjectType ?? null,
    subjectId:
      message.subjectId === null || message.subjectId === undefined ? null : String(message.subjectId),
    createdAt: message.at ?? new Date(),
  };
}

/**
 * Tells the app servers that these accounts have news (new or newly read notifications): sent
 * with the caller's transaction, or at once outside one.
 */
export async function signalAccounts(
  db: Db,
  jurisdictionId: number,
  accountIds: readonly number[],
): Promise<void> {
  for (let start = 0; start < accountIds.length; start += ACCOUNTS_PER_SIGNAL) {
    const payload = accountsSignal(jurisdictionId, accountIds.slice(start, start + ACCOUNTS_PER_SIGNAL));
    await sql`select pg_notify(${NOTIFICATION_CHANNEL}, ${payload})`.execute(db);
  }
}

/** Tells the app servers that a session ended: its streams close. */
export async function signalSessionEnded(db: Db, sessionId: string): Promise<void> {
  await sql`select pg_notify(${NOTIFICATION_CHANNEL}, ${`end:${sessionId}`})`.execute(db);
}

export type Signal =
  | { kind: 'accounts'; jurisdictionId: number; accountIds: number[] }
  | { kind: 'session_ended'; sessionId: string };

function accountsSignal(jurisdictionId: number, accountIds: readonly number[]): string {
  return `n:${jurisdictionId}:${accountIds.join(',')}`;
}

/** A payload heard on the channel; null for anything else. */
export function parseSignal(payload: string): Signal | null {
  if (payload.startsWith('end:')) {
    const sessionId = payload.slice(4);
    return sessionId ? { kind: 'session_ended', sessionId } : null;
  }
  const match = /^n:(\d+):(\d+(?:,\d+)*)$/.exec(payload);
  if (!match?.[1] || !match[2]) return null;
  return {
    kind: 'accounts',
    jurisdictionId: Number(match[1]),
    accountIds: match[2].split(',').map(Number),
  };
}
