import type { ItemSummary } from '../../server/contract/items';
import type { RippleDb } from './db';

/** Enough for every item a learner meets in months; beyond it the least recently read go first. */
export const SUMMARY_CACHE_CAP = 5_000;

export async function readCachedSummaries(db: RippleDb, items: string[]): Promise<ItemSummary[]> {
  const rows = await db.summaries.bulkGet(items);
  const found = rows.filter((row) => row !== undefined);
  if (found.length > 0) {
    const usedAt = Date.now();
    // Recency bookkeeping must not delay the answer the widget is waiting for.
    void db.summaries.bulkUpdate(found.map((row) => ({ key: row.item, changes: { usedAt } }))).catch(() => {});
  }
  return found.map((row) => row.summary);
}

type ChangeListener = (summaries: ItemSummary[]) => void;
const changeListeners = new Set<ChangeListener>();

/** Called with summaries that changed because of a write (this learner's, or a colleague's seen live). */
export function onSummariesChanged(listener: ChangeListener): void {
  changeListeners.add(listener);
}

/**
 * Keeps summaries in the cache. `changed`: they changed because of a write, so every open tab
 * showing these items should update (page reads just refresh the cache).
 */
export async function storeSummaries(db: RippleDb, received: ItemSummary[], options: { changed?: boolean } = {}): Promise<void> {
  let summaries = received;
  if (options.changed) {
    // Changes come by several roads (a write's answer, a live refresh, the outbox); one read
    // before a change already stored here is dropped rather than shown. Page reads are not
    // filtered: they are the server's word now, even after a restored backup lowered revisions.
    const cached = await db.summaries.bulkGet(received.map((summary) => summary.item));
    summaries = received.filter((summary, index) => summary.revision >= (cached[index]?.summary.revision ?? 0));
    if (summaries.length === 0) return;
    for (const listener of changeListeners) listener(summaries);
  }
  const now = Date.now();
  await db.summaries.bulkPut(summaries.map((summary) => ({ item: summary.item, summary, fetchedAt: now, usedAt: now })));
  const overflow = (await db.summaries.count()) - SUMMARY_CACHE_CAP;
  if (overflow > 0) {
    const oldest = await db.summaries.orderBy('usedAt').limit(overflow).primaryKeys();
    await db.summaries.bulkDelete(oldest);
  }
}
