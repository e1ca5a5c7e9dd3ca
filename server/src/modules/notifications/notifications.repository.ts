import { type Expression, type Kysely, type RawBuilder, type Selectable, sql } from 'kysely';
import { jsonRecords, recordsInsert } from '../../db/json-records.ts';
import type { OrderedWrite } from '../../db/ordered-writes.ts';
import type { Database } from '../../db/schema.ts';
import type { NotificationTable } from './notifications.table.ts';

/** Queries of `notification` (db or trx first). */

export type Db = Kysely<Database>;
export type NotificationRow = Selectable<NotificationTable>;

export interface Recipient {
  jurisdictionId: number;
  accountId: number;
}

export interface NewNotification {
  jurisdictionId: number;
  accountId: number;
  topic: string;
  title: string;
  body: string;
  link: string | null;
  subjectType: string | null;
  subjectId: string | null;
  createdAt: Date;
}

/**
 * New notifications as a write (`executeInOrder`: alone or with others in one statement). The
 * database's trigger signals the app servers when the transaction commits.
 */
export function notificationRowsWrite(rows: readonly NewNotification[]): OrderedWrite {
  return insertNotifications(
    rows.map((row) => ({
      jurisdiction_id: row.jurisdictionId,
      account_id: row.accountId,
      ...messageRecord(row),
    })),
  );
}

/** A message to the accounts a subquery selects for its place (`notificationRowsToSelectedWrite`). */
export interface NewNotificationToPlace extends Omit<NewNotification, 'accountId'> {
  placeId: number;
  /** Never told, though selected (who acted). */
  exceptAccountId: number | null;
}

/**
 * Messages whose recipients the statement itself selects — `recipients` gives, over a message's
 * jurisdiction and place, the JSON array of the accounts to tell — as a write for `executeInOrder`:
 * no read of the accounts before it.
 */
export function notificationRowsToSelectedWrite(
  rows: readonly NewNotificationToPlace[],
  recipients: (message: {
    jurisdictionId: Expression<number>;
    placeId: Expression<number>;
  }) => RawBuilder<number[]>,
): OrderedWrite {
  const records = rows.map((row) => ({
    jurisdiction_id: row.jurisdictionId,
    place_id: row.placeId,
    except_account_id: row.exceptAccountId,
    ...messageRecord(row),
  }));
  const selected = recipients({
    jurisdictionId: sql.ref('r.jurisdiction_id'),
    placeId: sql.ref('r.place_id'),
  });
  return (after) => sql`
    insert into notification (jurisdiction_id, account_id, topic, title, body, link, subject_type, subject_id, created_at)
    select r.jurisdiction_id, a.id::bigint, r.topic, r.title, r.body, r.link, r.subject_type, r.subject_id, r.created_at
    from ${jsonRecords(records, MESSAGE_TO_PLACE_COLUMNS, 'r')}
    cross join lateral json_array_elements_text(${selected}) as a(id)
    where a.id::bigint is distinct from r.except_account_id and ${after}`;
}

/** What a notification says, as its columns (the same for every recipient). */
function messageRecord(row: Omit<NewNotification, 'jurisdictionId' | 'accountId'>) {
  return {
    topic: row.topic,
    title: row.title,
    body: row.body,
    link: row.link,
    subject_type: row.subjectType,
    subject_id: row.subjectId,
    created_at: row.createdAt,
  };
}

const MESSAGE_COLUMNS = {
  topic: 'text',
  title: 'text',
  body: 'text',
  link: 'text',
  subject_type: 'text',
  subject_id: 'text',
  created_at: 'timestamptz',
} as const;

const insertNotifications = recordsInsert('notification', {
  jurisdiction_id: 'bigint',
  account_id: 'bigint',
  ...MESSAGE_COLUMNS,
});

const MESSAGE_TO_PLACE_COLUMNS = {
  jurisdiction_id: 'bigint',
  place_id: 'bigint',
  except_account_id: 'bigint',
  ...MESSAGE_COLUMNS,
} as const;

/** One account's notifications, newest first. */
export function findNotificationPage(
  db: Db,
  who: Recipient,
  options: { unreadOnly: boolean; limit: number; offset: number },
): Promise<NotificationRow[]> {
  let query = db
    .selectFrom('notification')
    .selectAll()
    .where('jurisdiction_id', '=', who.jurisdictionId)
    .where('account_id', '=', who.accountId);
  if (options.unreadOnly) query = query.where('read_at', 'is', null);
  return query.orderBy('id', 'desc').limit(options.limit).offset(options.offset).execute();
}

export async function countNotifications(db: Db, who: Recipient): Promise<{ total: number; unread: number }> {
  const row = await db
    .selectFrom('notification')
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) filter (where read_at is null))::int`.as('unread'),
    ])
    .where('jurisdiction_id', '=', who.jurisdictionId)
    .where('account_id', '=', who.accountId)
    .executeTakeFirstOrThrow();
  return { total: row.total, unread: row.unread };
}

export async function countUnread(db: Db, who: Recipient): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select(sql<number>`count(*)::int`.as('unread'))
    .where('jurisdiction_id', '=', who.jurisdictionId)
    .where('account_id', '=', who.accountId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.unread;
}

/**
 * The account's notifications after `afterId`, oldest first (what a stream has not sent yet): the
 * first `limit` of them, or with `newest` the last `limit` (a replay after a reconnection).
 */
export async function findNotificationsAfter(
  db: Db,
  who: Recipient,
  afterId: number,
  limit: number,
  options: { newest?: boolean } = {},
): Promise<NotificationRow[]> {
  const rows = await db
    .selectFrom('notification')
    .selectAll()
    .where('jurisdiction_id', '=', who.jurisdictionId)
    .where('account_id', '=', who.accountId)
    .where('id', '>', afterId)
    .orderBy('id', options.newest ? 'desc' : 'asc')
    .limit(limit)
    .execute();
  return options.newest ? rows.reverse() : rows;
}

/** The account's newest notification id (0 without any). */
export async function findLastNotificationId(db: Db, who: Recipient): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select('id')
    .where('jurisdiction_id', '=', who.jurisdictionId)
    .where('account_id', '=', who.accountId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? 0;
}

/** Marks one of the account's notifications read; false when the account has no such notification. */
export async function markNotificationRead(trx: Db, who: Recipient, id: number, now: Date): Promise<boolean> {
  const row = await trx
    .updateTable('notification')
    .set({ read_at: sql<Date>`coalesce(read_at, ${now})` })
    .where('jurisdiction_id', '=', who.jurisdictionId)
    .where('account_id', '=', who.accountId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function markAllNotificationsRead(trx: Db, who: Recipient, now: Date): Promise<number> {
  const result = await trx
    .updateTable('notification')
    .set({ read_at: now })
    .where('jurisdiction_id', '=', who.jurisdictionId)
    .where('account_id', '=', who.accountId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows ?? 0);
}
