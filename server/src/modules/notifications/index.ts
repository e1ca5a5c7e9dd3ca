/**
 * The notifications module's public surface (通知): rows per recipient written in the caller's
 * transaction, pushed live to the recipients' open streams once it commits. It knows no domain:
 * other modules say whom and what (`notify`).
 */
export { NotificationHub, type StreamSink, sseFrame } from './notification-hub.ts';
export { NotificationsModule, type NotificationsOptions } from './notifications.module.ts';
export { notificationsRoutes } from './notifications.routes.ts';
export type { NotificationsTables } from './notifications.table.ts';
export {
  NOTIFICATION_CHANNEL,
  type NotificationMessage,
  notificationToPlaceWrites,
  notificationWrites,
  notify,
  notifyEach,
  type Recipients,
  signalSessionEnded,
} from './notify.ts';
