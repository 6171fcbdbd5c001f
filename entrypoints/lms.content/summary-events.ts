import { browser } from 'wxt/browser';
import type { ItemSummary } from '../../server/contract/items';
import type { SummariesChangedMessage } from '../background/protocol';

type Listener = (summary: ItemSummary) => void;
const listeners = new Map<string, Set<Listener>>();
let listening = false;

/**
 * Calls `listener` when the background says an item's summary changed (a rating in another tab,
 * a write sent from the outbox, a colleague's seen live), until `signal` aborts.
 */
export function onSummaryChanged(item: string, listener: Listener, signal: AbortSignal): void {
  if (!listening) {
    listening = true;
    browser.runtime.onMessage.addListener((message: unknown, sender) => {
      if (sender.id !== browser.runtime.id) return;
      const changed = message as Partial<SummariesChangedMessage>;
      if (changed?.ripple !== 1 || changed.type !== 'summaries.changed' || !Array.isArray(changed.summaries)) return;
      for (const summary of changed.summaries) for (const notify of listeners.get(summary.item) ?? []) notify(summary);
    });
  }
  const set = listeners.get(item) ?? new Set();
  set.add(listener);
  listeners.set(item, set);
  signal.addEventListener('abort', () => set.delete(listener), { once: true });
}
