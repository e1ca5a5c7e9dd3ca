/** Notifications in the app (通知): the header's bell with its live badge and list. */
export { NotificationBell } from './components/NotificationBell.tsx';
