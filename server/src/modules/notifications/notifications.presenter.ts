import type { Notification } from '#contracts';
import type { NotificationRow } from './notifications.repository.ts';

/** Rows → API types: the only way notifications leave the server. */
export function presentNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    topic: row.topic,
    title: row.title,
    body: row.body,
    link: row.link,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}
