import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { db, openOrRebuild } from './db';
import { Session } from './session';
import { Ratings } from './ratings';
import { Outbox, OUTBOX_ALARM } from './outbox';
import { LiveUpdates } from './live';
import { SignalQueue, SIGNALS_ALARM, SIGNALS_PERIOD_MINUTES } from './signals';
import { routeMessage, type Handlers } from './message-router';
import { normaliseServerUrl } from './settings';
import { classifyFailure } from './api-client';
import { TRPCClientError } from '@trpc/client';
import { discussionHandlers } from './discussion-api';
import { callWithSession } from './session-call';
import { readDraft, writeDraft } from './drafts';
import { forgetTabItem, rememberTabItem, tabItem } from './tab-items';
import { pageConfigFrom, readPolicy, type Policy } from './policy';
import { syncLmsHosts } from './lms-hosts';
import { readSetting, writeSetting } from './settings';
import { PAGE_CONFIG_KEY, type SessionState, type SummariesChangedMessage } from './protocol';
import { onSummariesChanged } from './summary-cache';
import { producerHandlers } from './producer-api';
import { forgetVisits, recentVisits, rememberVisit, visitedUrls } from './visited-items';
import { NotificationBadge, NOTIFICATIONS_ALARM, NOTIFICATIONS_PERIOD_MINUTES } from './notification-badge';

/** How many recently opened items a new post offers to be about. */
const RECENT_ITEMS_OFFERED = 8;

const KILL_SWITCH_ALARM = 'ripple-kill-switch';

export default defineBackground(() => {
  // First of all: a database this version cannot open is rebuilt from the server, not left broken.
  void openOrRebuild(db);
  const tenant = async () => (await readSetting(db, 'policy'))?.tenant ?? 'demo';
  const session = new Session(db, tenant, {
    redirectUri: browser.identity.getRedirectURL(),
    launch: (url, interactive) =>
      browser.identity.launchWebAuthFlow({ url, interactive }).then((answer) => {
        if (!answer) throw new Error('Sign-in was cancelled');
        return answer;
      }),
  });
  const outbox = new Outbox(db, session, (when) => {
    // The alarm survives the worker stopping; Chrome fires it 30 s from now at the soonest.
    void browser.alarms.create(OUTBOX_ALARM, { when: Math.max(when, Date.now() + 30_000) });
  });
  const ratings = new Ratings(db, session, outbox);
  // One SSE subscription for the items open tabs show; pages hear of changes via onLiveEvent (live.ts).
  const live = new LiveUpdates(db, session);
  const signals = new SignalQueue(db, session);
  const badge = new NotificationBadge(session, (key, substitutions) => browser.i18n.getMessage(key as never, substitutions));
  // What arrived while the browser was closed shows as soon as it starts; then live, or every few minutes.
  void badge.refresh();
  void browser.alarms.create(NOTIFICATIONS_ALARM, { periodInMinutes: NOTIFICATIONS_PERIOD_MINUTES });
  live.onNotification(() => void badge.refresh());
  void browser.alarms.create(SIGNALS_ALARM, { periodInMinutes: SIGNALS_PERIOD_MINUTES });

  // Enterprise policy: applied when it arrives (the first read can take seconds), never waited
  // for by widgets, which use the last policy seen until then.
  let hostsToAllow: string[] = [];
  const applyPolicy = async (policy: Policy) => {
    await writeSetting(db, 'policy', policy);
    const kill = await readSetting(db, 'killSwitch');
    await browser.storage.local.set({ [PAGE_CONFIG_KEY]: pageConfigFrom(policy, kill) });
    hostsToAllow = await syncLmsHosts(policy.lmsHosts ?? []).catch(() => hostsToAllow);
  };
  const refreshPolicy = () =>
    void readPolicy().then(async (policy) => {
      await applyPolicy(policy);
      // A server named by policy has its own kill switch.
      if (policy.serverUrl) void refreshKillSwitch();
    });
  refreshPolicy();
  // The server's kill switch for this version, asked at start and every few minutes.
  const refreshKillSwitch = async () => {
    try {
      const kill = await (await session.api()).meta.killSwitch.query({ version: browser.runtime.getManifest().version });
      await writeSetting(db, 'killSwitch', kill);
      await applyPolicy((await readSetting(db, 'policy')) ?? {});
    } catch {
      // Server unreachable: keep the last answer.
    }
  };
  void refreshKillSwitch();
  void browser.alarms.create(KILL_SWITCH_ALARM, { periodInMinutes: 5 });
  browser.storage.onChanged.addListener((_changes, area) => area === 'managed' && refreshPolicy());
  browser.permissions.onAdded.addListener(refreshPolicy);
  browser.permissions.onRemoved.addListener(refreshPolicy);
  const sessionState = async (): Promise<SessionState> => {
    const policy = (await readSetting(db, 'policy')) ?? {};
    const { adapterError } = pageConfigFrom(policy);
    return {
      ...(await session.state()),
      policy: { serverUrl: policy.serverUrl, lmsHosts: policy.lmsHosts, ...(adapterError ? { adapterError } : {}) },
      hostsToAllow,
      signalsPaused: (await readSetting(db, 'signalsPaused')) ?? false,
      tenant: await tenant(),
      sso: await session.usesProvider(),
    };
  };
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void outbox.flush();
    if (alarm.name === SIGNALS_ALARM) void signals.flush();
    if (alarm.name === KILL_SWITCH_ALARM) void refreshKillSwitch();
    if (alarm.name === NOTIFICATIONS_ALARM) void badge.refresh();
  });
  // Each start of the worker (browser start, wake-up) sends what an earlier one left queued.
  void outbox.flush();

  const handlers: Handlers = {
    'summaries.cached': async ({ items }) => ({ summaries: await ratings.cached(items) }),
    'summaries.fresh': ({ items, page }, sender) => {
      live.watchTab(sender.tab?.id, items);
      return ratings.fresh(items, page);
    },
    'signals.record': async ({ events }) => {
      await signals.record(events);
      return { ok: true };
    },
    'signals.setPaused': async ({ paused }) => {
      await signals.setPaused(paused);
      return { ok: true };
    },
    'rating.set': ({ item, stars, title }) => ratings.set(item, stars, title),
    ...discussionHandlers(db, session, outbox),
    ...producerHandlers(session, outbox, badge),
    'me.deleteAccount': async () => {
      const answer = await callWithSession(session, (api) => api.me.deleteAccount.mutate({ confirm: true }));
      if (!answer.ok) return answer;
      // The account is gone: so are its session, its cached figures and its badge.
      await session.forget();
      await forgetVisits(db);
      await badge.show(0);
      return { ok: true, policy: answer.policy };
    },
    // Asked fresh: an admin may have made the learner a moderator since they signed in.
    'session.role': async () => {
      const me = await callWithSession(session, async (api) => ({ profile: await api.auth.me.query() }));
      return { role: me.ok ? me.profile.role : ((await session.state()).profile?.role ?? null) };
    },
    'drafts.get': ({ key }) => readDraft(db, key),
    'drafts.set': async ({ key, text, title }) => {
      await writeDraft(db, key, text, title);
      return { ok: true };
    },
    'page.item': async ({ key, title, completed }, sender) => {
      if (sender.tab?.id !== undefined) await rememberTabItem(sender.tab.id, { item: { key, title }, completed });
      // The address as the browser knows it for the sending frame, not as the page could claim.
      await rememberVisit(db, key, sender.url, title);
      return { ok: true };
    },
    'panel.open': async (_data, sender) => {
      if (sender.tab?.id === undefined || !browser.sidePanel) return { ok: false };
      // Allowed because the learner's click in the widget started this message.
      await browser.sidePanel.open({ tabId: sender.tab.id });
      return { ok: true };
    },
    'panel.load': async (_data, sender) => {
      if (sender.tab?.id === undefined) return { ok: false };
      await browser.scripting.executeScript({
        target: { tabId: sender.tab.id, frameIds: [sender.frameId ?? 0] },
        files: ['/content-scripts/item-panel.js'],
      });
      return { ok: true };
    },
    'items.urls': async ({ items }) => ({ urls: await visitedUrls(db, items) }),
    'items.recent': async () => ({ items: await recentVisits(db, RECENT_ITEMS_OFFERED) }),
    'panel.current': async ({ tabId }) => (await tabItem(tabId)) ?? { item: null, completed: false },
    'session.get': () => sessionState(),
    'session.signIn': async ({ serverUrl, displayName, team }) => {
      // A server set by policy is not the learner's to change.
      const locked = (await readSetting(db, 'policy'))?.serverUrl;
      const url = normaliseServerUrl(locked ?? serverUrl);
      if (!url) return { ok: false, reason: 'rejected', message: browser.i18n.getMessage('errorServerUrl') };
      try {
        await session.signIn(url, displayName, team);
        // A new sign-in (maybe to another server) asks again about signals and the kill switch.
        await writeSetting(db, 'signalsDisabled', false);
        await refreshKillSwitch();
        void badge.refresh();
        return { ok: true, state: await sessionState() };
      } catch (error) {
        return { ok: false, ...classifyFailure(error) };
      }
    },
    'session.signInSso': async () => {
      try {
        await session.signInWithProvider(true);
        await writeSetting(db, 'signalsDisabled', false);
        await refreshKillSwitch();
        return { ok: true, state: await sessionState() };
      } catch (error) {
        // The provider's or the flow's own words (cancelled, wrong state…) are the clearest message.
        if (error instanceof TRPCClientError) return { ok: false, ...classifyFailure(error) };
        return { ok: false, reason: 'rejected', message: error instanceof Error ? error.message : String(error) };
      }
    },
    'session.signOut': async () => {
      await session.forget();
      await forgetVisits(db);
      await badge.show(0);
      return sessionState();
    },
  };

  // The toolbar button opens the Ripple panel (Chrome and Edge side panel API).
  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => {});
  browser.tabs.onRemoved.addListener((tabId) => {
    void forgetTabItem(tabId);
    live.forgetTab(tabId);
  });

  // Several tabs of the LMS stay consistent: a change made in one (or seen live) reaches all.
  onSummariesChanged((summaries) => {
    const message: SummariesChangedMessage = { ripple: 1, type: 'summaries.changed', summaries };
    void browser.tabs.query({}).then((tabs) => {
      for (const tab of tabs) if (tab.id !== undefined) void browser.tabs.sendMessage(tab.id, message).catch(() => {});
    });
  });

  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    routeMessage(message, sender, handlers, extensionOrigin, browser.runtime.id)
      .then(sendResponse)
      .catch((error: unknown) => {
        console.error('[ripple] message failed', error);
        sendResponse({ ok: false, reason: 'error' });
      });
    // Keeps the channel open for the asynchronous answer.
    return true;
  });
});
