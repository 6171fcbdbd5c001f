import { browser } from 'wxt/browser';
import type { Session } from './session';
import { callWithSession } from './session-call';

/** How often the count is asked when no live stream tells of new notifications (no LMS tab open). */
export const NOTIFICATIONS_ALARM = 'ripple-notifications';
export const NOTIFICATIONS_PERIOD_MINUTES = 10;

/**
 * The unread count on the toolbar icon. Asked when the worker starts (so what arrived while the
 * browser was closed shows at once), when the live stream says a notification arrived, after
 * "mark read", and every few minutes otherwise. Its tooltip says the count in words, for screen
 * readers that announce the toolbar button.
 */
export class NotificationBadge {
  private last = 0;

  constructor(
    private readonly session: Session,
    private readonly t: (key: string, substitutions?: string) => string,
  ) {}

  get unread(): number {
    return this.last;
  }

  /** Asks the server; keeps the last count when it cannot be reached. */
  async refresh(): Promise<number> {
    // No sign-in attempt from here: a signed-out learner simply has no badge.
    if (!(await this.session.state()).profile) return this.show(0);
    const answer = await callWithSession(this.session, (api) => api.notifications.unreadCount.query());
    return answer.ok ? this.show(answer.unread) : this.last;
  }

  async show(unread: number): Promise<number> {
    this.last = unread;
    const text = unread === 0 ? '' : unread > 99 ? '99+' : String(unread);
    await browser.action.setBadgeText({ text }).catch(() => {});
    await browser.action.setBadgeBackgroundColor({ color: '#1a56db' }).catch(() => {});
    const title = unread === 0 ? this.t('extName') : this.t(unread === 1 ? 'badgeTitleOne' : 'badgeTitleMany', String(unread));
    await browser.action.setTitle({ title }).catch(() => {});
    return unread;
  }
}
