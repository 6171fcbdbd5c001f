import type { RippleDb } from './db';

/** The most items remembered; the oldest visits go first. */
export const VISITED_CAP = 2_000;

/**
 * Where the learner opened an item, as the browser reported the page's address (not as the page
 * said): kept in the extension's own database, never sent anywhere, so the side panel can link a
 * notification or a post back to the item in the LMS.
 */
export async function rememberVisit(db: RippleDb, item: string, url: string | undefined, title?: string): Promise<void> {
  if (!url || !/^https?:\/\//i.test(url)) return;
  const named = title?.trim();
  await db.visited.put({ item, url, at: Date.now(), ...(named ? { title: named } : {}) });
  const extra = (await db.visited.count()) - VISITED_CAP;
  if (extra > 0) await db.visited.orderBy('at').limit(extra).delete();
}

/** The known address of each of `items` that the learner has opened. */
export async function visitedUrls(db: RippleDb, items: readonly string[]): Promise<Record<string, string>> {
  const rows = await db.visited.bulkGet([...new Set(items)]);
  return Object.fromEntries(rows.flatMap((row) => (row ? [[row.item, row.url]] : [])));
}

/** The items the learner opened last, newest first, those with a title only. */
export async function recentVisits(db: RippleDb, limit: number): Promise<{ item: string; title: string }[]> {
  const rows = await db.visited.orderBy('at').reverse().filter((row) => !!row.title).limit(limit).toArray();
  return rows.map((row) => ({ item: row.item, title: row.title! }));
}

export async function forgetVisits(db: RippleDb): Promise<void> {
  await db.visited.clear();
}
