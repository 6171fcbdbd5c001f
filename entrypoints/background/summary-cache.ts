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

export async function storeSummaries(db: RippleDb, summaries: ItemSummary[]): Promise<void> {
  const now = Date.now();
  await db.summaries.bulkPut(summaries.map((summary) => ({ item: summary.item, summary, fetchedAt: now, usedAt: now })));
  const overflow = (await db.summaries.count()) - SUMMARY_CACHE_CAP;
  if (overflow > 0) {
    const oldest = await db.summaries.orderBy('usedAt').limit(overflow).primaryKeys();
    await db.summaries.bulkDelete(oldest);
  }
}
