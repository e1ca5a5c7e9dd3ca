import { z } from 'zod';
import { notificationsLimits } from './limits.ts';

/**
 * Notifications in the app (通知): a badge and a list, pushed live over server-sent events by
 * `GET /api/notifications/stream` (events `unread` and `notification`, heartbeat comments).
 */

export const Notification = z.object({
  id: z.number().int(),
  /** What kind of news: e.g. `action_needed` (待您处理), `status_changed`, `urged`, `reassigned`. */
  topic: z.string(),
  title: z.string(),
  body: z.string(),
  /** Where the web app opens it, e.g. `/cases/42`; null when there is nothing to open. */
  link: z.string().nullable(),
  /** What it is about, e.g. `case` and `42`. */
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationListQuery = z.object({
  /** Only the unread ones. */
  unread: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(notificationsLimits.maxPageSize).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

/** Newest first, with the account's unread count (the badge). */
export const NotificationPage = z.object({
  total: z.number().int(),
  unread: z.number().int(),
  notifications: z.array(Notification),
});
export type NotificationPage = z.infer<typeof NotificationPage>;

/** The answer of marking read, and the data of the stream's `unread` event. */
export const UnreadCount = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;
