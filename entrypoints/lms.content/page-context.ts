import type { PageModel } from './adapters/types';
import type { PageContext } from '../background/protocol';
import { parseItemKey } from '../../server/contract/item-key';
import { sendToBackground } from '../background/protocol';

/** What the background needs to know about the page to answer for it in one request. */
export function pageContextOf(page: PageModel): PageContext {
  const lms = (page.item && parseItemKey(page.item.key)?.lms) ?? (page.tiles[0] && parseItemKey(page.tiles[0].item.key)?.lms) ?? page.adapter;
  return { lms, site: page.site, kind: page.kind, ...(page.item ? { item: page.item.key } : {}) };
}

/** Tells the background what the learner opened or completed here (it batches, dedups and may drop). */
export function recordSignals(events: { item: string; kind: 'view' | 'complete'; itemTitle?: string }[]): void {
  if (events.length === 0) return;
  void sendToBackground('signals.record', { events: events.slice(0, 500) }).catch(() => {});
}
