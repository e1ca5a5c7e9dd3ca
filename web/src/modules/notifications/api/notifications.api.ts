import type { NotificationPage, UnreadCount } from '#contracts';
import { apiGet, apiRequest } from '../../../app/api.ts';

/** The notifications routes (contract: contracts/src/notifications.ts, server: server/src/modules/notifications). */

export const NOTIFICATION_STREAM_URL = '/api/notifications/stream';

export const fetchNotifications = (
  paging: { limit: number; offset: number; unread?: boolean },
  signal?: AbortSignal,
): Promise<NotificationPage> =>
  apiGet<NotificationPage>(
    '/api/notifications',
    {
      limit: paging.limit,
      offset: paging.offset,
      unread: paging.unread === undefined ? undefined : String(paging.unread),
    },
    signal,
  );

export const markNotificationRead = (id: number): Promise<UnreadCount> =>
  apiRequest<UnreadCount>(`/api/notifications/${id}/read`, { method: 'POST' });

export const markAllNotificationsRead = (): Promise<UnreadCount> =>
  apiRequest<UnreadCount>('/api/notifications/read-all', { method: 'POST' });
