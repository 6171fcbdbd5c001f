import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { RippleDb } from '../../entrypoints/background/db';
import { onSummariesChanged, readCachedSummaries, storeSummaries, SUMMARY_CACHE_CAP } from '../../entrypoints/background/summary-cache';

const key = (n: number) => `moodle:lms.example:course:${n}`;
const summary = (n: number) => ({ item: key(n), average: 4, count: 2, histogram: [0, 0, 0, 2, 0], score: 3.8, mine: null, reviewCount: 0, commentCount: 1, contributionCount: 0, postCount: 0, revision: n });

describe('summary cache (Dexie)', () => {
  let db: RippleDb;
  afterEach(async () => {
    await db.delete();
  });

  it('answers only what it holds, in the order asked', async () => {
    db = new RippleDb(`cache-${Math.random()}`);
    await storeSummaries(db, [summary(1), summary(3)]);
    expect(await readCachedSummaries(db, [key(3), key(2), key(1)])).toEqual([summary(3), summary(1)]);
  });

  it('drops a change read before one it already holds, and tells tabs only of newer ones', async () => {
    db = new RippleDb(`cache-${Math.random()}`);
    const told: number[] = [];
    onSummariesChanged((summaries) => told.push(...summaries.map((s) => s.commentCount)));
    const at = (revision: number, commentCount: number) => ({ ...summary(7), revision, commentCount });
    await storeSummaries(db, [at(5, 2)], { changed: true });
    // A live refresh fetched before the comment that made revision 5 lands after it.
    await storeSummaries(db, [at(4, 1)], { changed: true });
    expect(await readCachedSummaries(db, [key(7)])).toEqual([at(5, 2)]);
    await storeSummaries(db, [at(6, 3)], { changed: true });
    expect(told).toEqual([2, 3]);
    // A page read is the server's word now, whatever the revision (a restored backup lowers them).
    await storeSummaries(db, [at(1, 0)]);
    expect(await readCachedSummaries(db, [key(7)])).toEqual([at(1, 0)]);
  });

  it('evicts the least recently read entries beyond the cap', async () => {
    db = new RippleDb(`cache-${Math.random()}`);
    const all = Array.from({ length: SUMMARY_CACHE_CAP }, (_, n) => summary(n));
    await storeSummaries(db, all);
    // Make entry 0 the most recently used, then push the cache over its cap by two.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await db.summaries.update(key(0), { usedAt: Date.now() + 1000 });
    await storeSummaries(db, [summary(SUMMARY_CACHE_CAP), summary(SUMMARY_CACHE_CAP + 1)]);
    expect(await db.summaries.count()).toBe(SUMMARY_CACHE_CAP);
    expect(await db.summaries.get(key(0))).toBeDefined();
    expect(await db.summaries.get(key(SUMMARY_CACHE_CAP + 1))).toBeDefined();
  });
});
