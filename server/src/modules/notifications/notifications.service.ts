import type { NotificationListQuery, NotificationPage, UnreadCount } from '#contracts';
import type { Principal } from '../../platform/access.ts';
import { notFound } from '../../platform/errors.ts';
import { presentNotification } from './notifications.presenter.ts';
import {
  countNotifications,
  countUnread,
  type Db,
  findNotificationPage,
  markAllNotificationsRead,
  markNotificationRead,
} from './notifications.repository.ts';
import { signalAccounts } from './notify.ts';

/** An account's own notifications: the list with the badge's count, and marking them read. */

const ownerOf = (principal: Principal) => ({
  jurisdictionId: principal.jurisdictionId,
  accountId: principal.accountId,
});

export async function findNotifications(
  db: Db,
  options: { principal: Principal; query: NotificationListQuery },
): Promise<NotificationPage> {
  const who = ownerOf(options.principal);
  const { query } = options;
  const [rows, counts] = await Promise.all([
    findNotificationPage(db, who, {
      unreadOnly: query.unread === true,
      limit: query.limit,
      offset: query.offset,
    }),
    countNotifications(db, who),
  ]);
  return {
    total: query.unread === true ? counts.unread : counts.total,
    unread: counts.unread,
    notifications: rows.map(presentNotification),
  };
}

/** Marks one read (again is fine); another account's notification answers 404. The account's other streams hear of it. */
export async function readNotification(
  trx: Db,
  options: { principal: Principal; id: number; now: Date },
): Promise<UnreadCount> {
  const who = ownerOf(options.principal);
  if (!(await markNotificationRead(trx, who, options.id, options.now))) throw notFound('Notification');
  await signalAccounts(trx, who.jurisdictionId, [who.accountId]);
  return { unread: await countUnread(trx, who) };
}

export async function readAllNotifications(
  trx: Db,
  options: { principal: Principal; now: Date },
): Promise<UnreadCount> {
  const who = ownerOf(options.principal);
  if ((await markAllNotificationsRead(trx, who, options.now)) > 0) {
    await signalAccounts(trx, who.jurisdictionId, [who.accountId]);
  }
  return { unread: await countUnread(trx, who) };
}
