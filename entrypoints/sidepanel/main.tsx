import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { PanelApiContext, type Ask, type PanelApi } from '../../components/panel/panel-api';
import { FeedView } from '../../components/panel/FeedView';
import { MineView } from '../../components/panel/MineView';
import { NotificationsView } from '../../components/panel/NotificationsView';
import { ModerationView } from '../../components/panel/ModerationView';
import { PANEL_STYLES, WIDGET_STYLES } from '../../components/widget-styles';
import { sendToBackground } from '../background/protocol';
import { ThisPage } from './ThisPage';
import { t } from './i18n';

const ask: Ask = async (type, data) => {
  try {
    return await sendToBackground(type, data);
  } catch {
    return { ok: false, reason: 'offline' };
  }
};
const api: PanelApi = { ask, t };

type View = 'page' | 'feed' | 'mine' | 'notifications' | 'moderation';
const VIEWS: readonly View[] = ['page', 'feed', 'mine', 'notifications', 'moderation'];

/** The Ripple panel: this page's item, the feed, the learner's own contributions, notifications. */
function SidePanel() {
  // `#feed`, `#mine`, `#notifications` open that view (links from elsewhere, and tests).
  const [view, setView] = useState<View>(VIEWS.find((id) => `#${id}` === location.hash) ?? 'page');
  const [unread, setUnread] = useState(0);
  const [canModerate, setCanModerate] = useState(false);
  useEffect(() => {
    void ask('notifications.unread', {}).then((answer) => 'unread' in answer && setUnread(answer.unread));
    void ask('session.role', {}).then((answer) => setCanModerate('role' in answer && (answer.role === 'moderator' || answer.role === 'admin')));
  }, [view]);
  const labels: Record<View, string> = {
    page: t('viewPage'),
    feed: t('viewFeed'),
    mine: t('viewMine'),
    notifications: unread > 0 ? t('viewNotificationsUnread', String(unread)) : t('viewNotifications'),
    moderation: t('viewModeration'),
  };
  // The moderation view only for moderators (the server refuses the queue to anyone else anyway).
  const shown = VIEWS.filter((id) => id !== 'moderation' || canModerate);
  return (
    <PanelApiContext.Provider value={api}>
      <nav aria-label={t('extName')}>
        <ul class="views">
          {shown.map((id) => (
            <li key={id}>
              <button type="button" class="link" aria-current={view === id ? 'page' : undefined} onClick={() => setView(id)}>
                {labels[id]}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main>
        {view === 'page' && <ThisPage />}
        {view === 'feed' && <FeedView canModerate={canModerate} />}
        {view === 'mine' && <MineView />}
        {view === 'notifications' && <NotificationsView onUnread={setUnread} />}
        {view === 'moderation' && canModerate && <ModerationView />}
      </main>
    </PanelApiContext.Provider>
  );
}

// The same styles as the in-page widgets; here the page is ours, so no shadow root is needed.
const style = document.createElement('style');
style.textContent = WIDGET_STYLES.replace(':host', ':root') + PANEL_STYLES;
document.head.append(style);
document.documentElement.lang = browser.i18n.getUILanguage();
render(<SidePanel />, document.getElementById('app')!);
