import { useState } from 'preact/hooks';
import type { Notification } from '../../server/contract/contributions';
import { ShowMore } from './ShowMore';
import { failureText, usePanelApi } from './panel-api';
import { usePagedList } from './use-paged-list';
import { useItemUrls } from './use-item-urls';
import { ErrorAlert } from '../ErrorAlert';

/** Keys of the sentence each kind of notification reads as: "Ann replied to your comment on …". */
const SENTENCES: Record<Notification['kind'], string> = {
  reply: 'notifyReply',
  'helpful-vote': 'notifyHelpful',
  'new-review': 'notifyNewReview',
  'new-comment': 'notifyNewComment',
  'new-contribution': 'notifyNewContribution',
};

/** The learner's notifications, newest first; unread ones stand out until marked read. */
export function NotificationsView({ onUnread }: { onUnread: (unread: number) => void }) {
  const { ask, t } = usePanelApi();
  const { items: list, setItems: setList, error: loadError, more } = usePagedList<Notification>(async (cursor) => {
    const answer = await ask('notifications.list', cursor ? { cursor } : {});
    return answer.ok ? { ok: true, items: answer.page.notifications, nextCursor: answer.page.nextCursor } : answer;
  }, []);
  const [error, setError] = useState<string>();

  const markRead = async (input: { ids: string[] } | { all: true }) => {
    const answer = await ask('notifications.markRead', input);
    if (!answer.ok) return setError(failureText(t, answer));
    onUnread(answer.unread);
    const ids = 'ids' in input ? new Set(input.ids) : null;
    setList((current) => current && current.map((n) => (!ids || ids.has(n.id) ? { ...n, read: true } : n)));
  };

  const unread = list?.filter((n) => !n.read).length ?? 0;
  const urls = useItemUrls(list?.flatMap((n) => (n.item ? [n.item] : [])) ?? []);
  return (
    <section class="view" aria-labelledby="ripple-notifications-title">
      <div class="form-row">
        <h2 id="ripple-notifications-title">{t('notificationsTitle')}</h2>
        {unread > 0 && (
          <button type="button" class="link" onClick={() => void markRead({ all: true })}>
            {t('markAllRead')}
          </button>
        )}
      </div>
      <ErrorAlert message={error ?? loadError} />
      {list?.length === 0 && <p class="muted">{t('noNotifications')}</p>}
      <ul class="notifications">
        {list?.map((notification) => (
          <li key={notification.id} class={notification.read ? 'notification' : 'notification unread'}>
            <p>
              {!notification.read && <span class="visually-hidden">{t('unread')} </span>}
              {t(SENTENCES[notification.kind], [notification.actor?.name ?? t('formerColleague'), notification.itemTitle ?? t('anItem')])}
              {notification.item && urls[notification.item] && (
                <>
                  {' '}
                  <a
                    href={urls[notification.item]}
                    target="_blank"
                    rel="noopener"
                    onClick={() => !notification.read && void markRead({ ids: [notification.id] })}
                  >
                    {t('openItem', notification.itemTitle ?? t('anItem'))}
                  </a>
                </>
              )}
            </p>
            <p class="meta">
              <time dateTime={notification.createdAt}>{new Date(notification.createdAt).toLocaleString()}</time>
              {!notification.read && (
                <>
                  {' · '}
                  <button type="button" class="link" onClick={() => void markRead({ ids: [notification.id] })}>
                    {t('markRead')}
                  </button>
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
      {more && <ShowMore onMore={more} />}
    </section>
  );
}
