import { createTRPCClient, httpSubscriptionLink, TRPCClientError, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '../../server/contract';
import type { LiveItemEvent } from '../../server/contract/live';
import type { ItemSummary } from '../../server/contract/items';
import type { RippleDb } from './db';
import type { Session } from './session';
import { callWithSession } from './session-call';
import { storeSummaries } from './summary-cache';
import { readSetting, writeSetting } from './settings';

/** What pages are told: an item changed (`kind`), with its fresh summary when one was fetched. */
export type LiveNotice = ItemEvent & { summary?: ItemSummary };
/** A change about an item; the other live events are the learner's own notifications. */
type ItemEvent = Extract<LiveItemEvent, { item: string }>;
export type LiveCallback = (notice: LiveNotice) => void;

const listeners = new Set<LiveCallback>();

/**
 * Tells `callback` about every live change of a watched item, after its fresh summary is in the
 * cache. Returns the removal. (The background's one LiveUpdates feeds it.)
 */
export function onLiveEvent(callback: LiveCallback): () => void {
  listeners.add(callback);
  return () => listeners.delete(callback);
}

/** Waits before reconnecting after a failure, growing per consecutive failure. */
const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
/** Changes of the watched set within this window give one new subscription, not several. */
const RESUBSCRIBE_DEBOUNCE_MS = 250;
/** Events within this window are refreshed in one batched request. */
const REFRESH_DEBOUNCE_MS = 100;
/** The server accepts at most this many items per subscription. */
const MAX_ITEMS = 500;

export interface LiveOptions {
  /** Node tests pass a polyfill; the service worker has a global EventSource. */
  EventSource?: typeof EventSource;
}

/**
 * Live updates for the items the open tabs show: ONE Server-Sent Events subscription
 * (`live.items`) for all of them. EventSource cannot set headers, so a one-minute stream ticket
 * (`live.ticket`, good for this stream only) travels as tRPC `connectionParams`, in the URL. On
 * each event the item's summary is refetched into the Dexie cache and `onLiveEvent` callbacks are
 * told. A failed connection is retried with backoff, resuming from the
 * last event id (tracked events: tRPC sends `lastEventId`, the server replays what was missed).
 * MV3 workers stop when idle: a new worker subscribes again when pages ask for summaries.
 */
export class LiveUpdates {
  private readonly tabs = new Map<number, string[]>();
  private readonly callbacks = new Set<LiveCallback>();
  private readonly notificationCallbacks = new Set<() => void>();
  private client: TRPCClient<AppRouter> | null = null;
  private clientUrl = '';
  private subscription: { unsubscribe(): void } | null = null;
  private subscribedKey = '';
  private lastEventId: string | undefined;
  private failures = 0;
  private resubscribeTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly pendingRefresh = new Map<string, ItemEvent['kind']>();
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private started = false;

  constructor(
    private readonly db: RippleDb,
    private readonly session: Session,
    private readonly options: LiveOptions = {},
  ) {}

  /** Registers a listener; returns its removal. */
  onLiveEvent(callback: LiveCallback): () => void {
    this.callbacks.add(callback);
    return () => this.callbacks.delete(callback);
  }

  /** Called when a notification for the learner arrives (the stream carries no content). */
  onNotification(callback: () => void): () => void {
    this.notificationCallbacks.add(callback);
    return () => this.notificationCallbacks.delete(callback);
  }

  /** The items a tab shows now (replacing what it showed before). */
  watchTab(tabId: number | undefined, items: string[]): void {
    this.tabs.set(tabId ?? -1, items);
    this.scheduleResubscribe(RESUBSCRIBE_DEBOUNCE_MS);
  }

  forgetTab(tabId: number): void {
    if (this.tabs.delete(tabId)) this.scheduleResubscribe(RESUBSCRIBE_DEBOUNCE_MS);
  }

  /** Every watched item, newest tabs' first, at most MAX_ITEMS. */
  watched(): string[] {
    const all = new Set<string>();
    for (const items of [...this.tabs.values()].reverse()) for (const item of items) all.add(item);
    return [...all].slice(0, MAX_ITEMS);
  }

  /** Whether the subscription is open now (the server accepted it). */
  get connected(): boolean {
    return this.started && this.subscription !== null;
  }

  stop(): void {
    this.stopped = true;
    this.subscription?.unsubscribe();
    this.subscription = null;
    if (this.resubscribeTimer) clearTimeout(this.resubscribeTimer);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
  }

  private scheduleResubscribe(delayMs: number): void {
    if (this.stopped) return;
    if (this.resubscribeTimer) clearTimeout(this.resubscribeTimer);
    this.resubscribeTimer = setTimeout(() => {
      this.resubscribeTimer = null;
      void this.subscribe(false);
    }, delayMs);
  }

  private async subscribe(force: boolean): Promise<void> {
    if (this.stopped) return;
    const items = this.watched();
    const key = items.join('\n');
    if (!force && key === this.subscribedKey && this.subscription) return;
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.started = false;
    this.subscribedKey = key;
    if (items.length === 0) return;
    const current = await this.session.ensure().catch(() => null);
    if (!current) return this.retryLater();
    // The worker may have stopped since the last event: resume from where the previous one was.
    this.lastEventId ??= (await readSetting(this.db, 'liveLastEventId').catch(() => undefined)) ?? undefined;
    const client = this.clientFor(current.serverUrl);
    this.subscription = client.live.items.subscribe(
      { items, ...(this.lastEventId ? { lastEventId: this.lastEventId } : {}) },
      {
        onStarted: () => {
          this.failures = 0;
          this.started = true;
        },
        onData: ({ id, data }) => {
          this.lastEventId = id;
          void writeSetting(this.db, 'liveLastEventId', id).catch(() => {});
          if ('item' in data) this.queueRefresh(data);
          else for (const callback of this.notificationCallbacks) callback();
        },
        onError: (error) => {
          this.subscription = null;
          this.started = false;
          const code = error instanceof TRPCClientError ? (error.data as { code?: string } | undefined)?.code : undefined;
          // An expired token: renew it before the next attempt.
          if (code === 'UNAUTHORIZED') void this.session.expireAccess();
          this.retryLater();
        },
      },
    );
  }

  private retryLater(): void {
    const delay = BACKOFF_MS[Math.min(this.failures, BACKOFF_MS.length - 1)]!;
    this.failures += 1;
    if (this.resubscribeTimer) clearTimeout(this.resubscribeTimer);
    this.resubscribeTimer = setTimeout(() => {
      this.resubscribeTimer = null;
      void this.subscribe(true);
    }, delay);
  }

  private clientFor(serverUrl: string): TRPCClient<AppRouter> {
    if (!this.client || this.clientUrl !== serverUrl) {
      this.client = createTRPCClient<AppRouter>({
        links: [
          httpSubscriptionLink({
            url: `${serverUrl}/trpc`,
            // A fresh one-minute stream ticket at every (re)connect: the URL (where EventSource
            // must carry a credential) never holds the session token itself.
            connectionParams: async () => {
              const answer = await callWithSession(this.session, (api) => api.live.ticket.mutate());
              if (!answer.ok) throw new Error(`No stream ticket: ${answer.reason}`);
              return { ticket: answer.ticket };
            },
            ...(this.options.EventSource ? { EventSource: this.options.EventSource } : {}),
          }),
        ],
      });
      this.clientUrl = serverUrl;
    }
    return this.client;
  }

  private queueRefresh(event: ItemEvent): void {
    this.pendingRefresh.set(event.item, event.kind);
    this.refreshTimer ??= setTimeout(() => {
      this.refreshTimer = null;
      void this.refresh();
    }, REFRESH_DEBOUNCE_MS);
  }

  /** Refetches the changed items' summaries (one request), caches them, then tells listeners. */
  private async refresh(): Promise<void> {
    const events = [...this.pendingRefresh].map(([item, kind]) => ({ item, kind }));
    this.pendingRefresh.clear();
    if (events.length === 0) return;
    const answer = await callWithSession(this.session, async (api) => ({ summaries: await api.items.summaries.query({ items: events.map((e) => e.item) }) }));
    const summaries = new Map<string, ItemSummary>();
    if (answer.ok) {
      // A colleague's write: every open tab showing these items updates (summaries.changed).
      await storeSummaries(this.db, answer.summaries, { changed: true });
      for (const summary of answer.summaries) summaries.set(summary.item, summary);
    }
    for (const event of events) {
      const summary = summaries.get(event.item);
      const notice: LiveNotice = summary ? { ...event, summary } : event;
      for (const callback of [...this.callbacks, ...listeners]) {
        try {
          callback(notice);
        } catch (error) {
          console.warn('Ripple live: a listener failed', error);
        }
      }
    }
  }
}
