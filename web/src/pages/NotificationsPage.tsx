import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get, messageOf, type Notification, type NotificationPage, post } from '../api.ts';
import { useFormat } from '../format.ts';
import { useSession } from '../session.tsx';

/** The caller's notifications, newest first, with "load more" and mark read. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { setUnread } = useSession();
  const [items, setItems] = useState<Notification[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function load(cursor: string | null) {
    try {
      const page = await get<NotificationPage>('/api/notifications', { limit: 30, cursor });
      setItems((before) => (cursor ? [...before, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
      setUnread(page.unreadCount);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads the first page once
  useEffect(() => {
    void load(null);
  }, []);

  async function markRead(id: string) {
    try {
      const updated = await post<Notification>(`/api/notifications/${id}/read`);
      setItems((before) => before.map((n) => (n.id === id ? updated : n)));
      const page = await get<NotificationPage>('/api/notifications', { limit: 1 });
      setUnread(page.unreadCount);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  async function markAll() {
    try {
      await post('/api/notifications/read-all');
      setUnread(0);
      await load(null);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <section aria-labelledby="notifications-title">
      <h1 id="notifications-title">{t('notifications.title')}</h1>
      <button type="button" onClick={() => void markAll()} data-testid="mark-all-read">
        {t('notifications.markAll')}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {items.length === 0 && <p className="muted">{t('notifications.none')}</p>}
      <ul className="plain">
        {items.map((n) => (
          <li key={n.id} className={`card ${n.readAt ? '' : 'unread'}`} data-testid="notification">
            <div>
              <strong>{t(`notificationType.${n.type}`, { defaultValue: n.type })}</strong>{' '}
              <span className="muted">{format.dateTime(n.createdAt)}</span>
            </div>
            {typeof n.data.title === 'string' && <div className="wrap">{format.taskTitle(n.data.title)}</div>}
            {typeof n.data.leadName === 'string' && <div className="wrap">{n.data.leadName}</div>}
            {typeof n.data.dueAt === 'string' && (
              <div className="muted">{t('tasks.due', { when: format.dateTime(n.data.dueAt) })}</div>
            )}
            <div className="row">
              {n.leadId && <Link to={`/leads/${n.leadId}`}>{t('notifications.openLead')}</Link>}
              {!n.readAt && (
                <button type="button" onClick={() => void markRead(n.id)}>
                  {t('notifications.markRead')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {nextCursor && (
        <button type="button" onClick={() => void load(nextCursor)}>
          {t('leads.loadMore')}
        </button>
      )}
    </section>
  );
}
