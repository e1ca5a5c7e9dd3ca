import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Drawer, Empty, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Notification } from '#contracts';
import { isAbortError } from '../../../app/api.ts';
import { useI18n } from '../../../app/i18n.ts';
import { navigate } from '../../../app/router.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';
import {
  fetchNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from '../api/notifications.api.ts';
import { useNotificationFeed } from '../hooks/useNotificationFeed.ts';

const PAGE = 20;

/**
 * The header's bell: the unread count as a badge, kept live by the notification stream; a click
 * opens the list (newest first), where a notification opens its page and is marked read.
 */
export function NotificationBell() {
  const { t, locale } = useI18n();
  const { notification: toast } = App.useApp();
  const isMobile = useIsMobile();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Notification[] | null>(null);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);

  const openLink = useCallback((item: Notification) => {
    if (item.link) navigate(item.link);
    setOpen(false);
  }, []);

  const feed = useNotificationFeed(
    useCallback(
      (item: Notification) => {
        setItems((current) =>
          current && !current.some((n) => n.id === item.id) ? [item, ...current] : current,
        );
        setTotal((n) => n + 1);
        toast.open({
          title: item.title,
          description: item.body,
          icon: <BellOutlined style={{ color: '#1d5fbf' }} />,
          placement: 'bottomRight',
          duration: 6,
          onClick: () => {
            if (item.link) navigate(item.link);
          },
        });
      },
      [toast],
    ),
  );
  const { setUnread } = feed;

  const load = useCallback(
    async (offset: number, signal?: AbortSignal) => {
      setLoading(true);
      setFailed(false);
      try {
        const page = await fetchNotifications({ limit: PAGE, offset }, signal);
        setItems((current) =>
          offset === 0 ? page.notifications : [...(current ?? []), ...page.notifications],
        );
        setTotal(page.total);
        setUnread(page.unread);
      } catch (error) {
        if (!isAbortError(error)) setFailed(true);
      } finally {
        setLoading(false);
      }
    },
    [setUnread],
  );

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    void load(0, controller.signal);
    return () => controller.abort();
  }, [open, load]);

  const markRead = async (item: Notification) => {
    if (item.readAt) return;
    const now = new Date().toISOString();
    setItems((current) => current?.map((n) => (n.id === item.id ? { ...n, readAt: now } : n)) ?? null);
    try {
      setUnread((await markNotificationRead(item.id)).unread);
    } catch {
      // The list shows it read; the badge follows the server at the next event.
    }
  };

  const readAll = async () => {
    const now = new Date().toISOString();
    setItems((current) => current?.map((n) => (n.readAt ? n : { ...n, readAt: now })) ?? null);
    try {
      setUnread((await markAllNotificationsRead()).unread);
    } catch {
      void load(0);
    }
  };

  return (
    <>
      <Button
        type="text"
        className="jz-header-button jz-bell"
        data-testid="notification-bell"
        aria-label={t('notifications.open', { count: feed.unread })}
        onClick={() => setOpen(true)}
        icon={
          <Badge count={feed.unread} size="small" overflowCount={99} data-testid="notification-badge">
            <BellOutlined className="jz-bell-icon" />
          </Badge>
        }
      />
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="right"
        size={isMobile ? '100%' : 420}
        title={t('notifications.title')}
        extra={
          <Button
            size="small"
            onClick={() => void readAll()}
            disabled={feed.unread === 0}
            data-testid="notifications-read-all"
          >
            {t('notifications.readAll')}
          </Button>
        }
        styles={{ body: { padding: 0 } }}
      >
        <div data-testid="notification-list">
          {feed.mode === 'polling' ? (
            <Typography.Paragraph type="secondary" className="jz-notification-note">
              {t('notifications.polling')}
            </Typography.Paragraph>
          ) : null}
          {items === null ? (
            failed ? (
              <Typography.Paragraph type="danger" className="jz-notification-note">
                {t('notifications.failed')}
              </Typography.Paragraph>
            ) : (
              <Spin className="jz-page-spin" />
            )
          ) : items.length === 0 ? (
            <Empty description={t('notifications.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <>
              <ul className="jz-notifications">
                {items.map((item) => (
                  <li
                    key={item.id}
                    className={item.readAt ? 'jz-notification' : 'jz-notification jz-notification-unread'}
                    data-testid={`notification-${item.id}`}
                  >
                    <button
                      type="button"
                      className="jz-notification-open"
                      onClick={() => {
                        void markRead(item);
                        openLink(item);
                      }}
                    >
                      <span className="jz-notification-title">
                        {item.readAt ? null : <Badge status="processing" />}
                        {item.title}
                      </span>
                      {item.body ? <span className="jz-notification-body">{item.body}</span> : null}
                      <span className="jz-notification-time">{formatDateTime(locale, item.createdAt)}</span>
                    </button>
                    {item.readAt ? null : (
                      <Button type="link" size="small" onClick={() => void markRead(item)}>
                        {t('notifications.markRead')}
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
              {items.length < total ? (
                <div className="jz-notification-more">
                  <Button onClick={() => void load(items.length)} loading={loading}>
                    {t('notifications.more')}
                  </Button>
                </div>
              ) : null}
            </>
          )}
        </div>
      </Drawer>
    </>
  );
}
