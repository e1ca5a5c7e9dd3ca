import { useEffect, useRef, useState } from 'react';
import type { Notification } from '#contracts';
import { fetchNotifications, NOTIFICATION_STREAM_URL } from '../api/notifications.api.ts';

/** How the badge is kept current: pushed by the server, or asked for once a minute. */
export type FeedMode = 'connecting' | 'live' | 'polling';

const POLL_MS = 60_000;
/** After falling back to polling, the stream is tried again this much later. */
const RETRY_STREAM_MS = 120_000;

export interface NotificationFeed {
  unread: number;
  setUnread: (unread: number) => void;
  mode: FeedMode;
}

/**
 * The unread count, live: an EventSource on the notification stream gets `unread` and
 * `notification` events (the browser reconnects by itself after a dropped connection, sending
 * Last-Event-ID so nothing is missed). When the stream cannot be opened at all (a proxy that
 * refuses it, the server away) the count is asked for once a minute instead, quietly, and the
 * stream tried again later. A session that ends closes the stream; the next request then finds
 * the session gone and the app returns to sign-in.
 */
export function useNotificationFeed(onNotification: (notification: Notification) => void): NotificationFeed {
  const [unread, setUnread] = useState(0);
  const [mode, setMode] = useState<FeedMode>('connecting');
  const onNotificationRef = useRef(onNotification);
  onNotificationRef.current = onNotification;

  useEffect(() => {
    let source: EventSource | null = null;
    let pollTimer: number | undefined;
    let retryTimer: number | undefined;
    let stopped = false;
    const controller = new AbortController();

    const poll = () => {
      fetchNotifications({ limit: 1, offset: 0 }, controller.signal).then(
        (page) => setUnread(page.unread),
        () => undefined,
      );
    };
    const startPolling = () => {
      setMode('polling');
      poll();
      window.clearInterval(pollTimer);
      pollTimer = window.setInterval(poll, POLL_MS);
      window.clearTimeout(retryTimer);
      retryTimer = window.setTimeout(open, RETRY_STREAM_MS);
    };
    const open = () => {
      if (stopped) return;
      if (typeof EventSource === 'undefined') {
        startPolling();
        return;
      }
      source?.close();
      const current = new EventSource(NOTIFICATION_STREAM_URL, { withCredentials: true });
      source = current;
      current.addEventListener('open', () => {
        setMode('live');
        window.clearInterval(pollTimer);
        pollTimer = undefined;
      });
      current.addEventListener('unread', (event) => {
        setUnread((JSON.parse((event as MessageEvent<string>).data) as { unread: number }).unread);
      });
      current.addEventListener('notification', (event) => {
        onNotificationRef.current(JSON.parse((event as MessageEvent<string>).data) as Notification);
      });
      current.addEventListener('end', (event) => {
        const { reason } = JSON.parse((event as MessageEvent<string>).data) as { reason: string };
        if (reason === 'session_ended') {
          // Not reconnected: one request tells the app that the session is gone.
          current.close();
          poll();
        }
      });
      current.addEventListener('error', () => {
        // CONNECTING: the browser is reconnecting by itself. CLOSED: it gave up (not a stream).
        if (current.readyState === EventSource.CLOSED && source === current) {
          current.close();
          startPolling();
        }
      });
    };

    open();
    return () => {
      stopped = true;
      controller.abort();
      source?.close();
      window.clearInterval(pollTimer);
      window.clearTimeout(retryTimer);
    };
  }, []);

  return { unread, setUnread, mode };
}
