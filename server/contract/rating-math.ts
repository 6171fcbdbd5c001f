import type { ItemSummary } from './items';

/**
 * What an item's summary becomes when the caller sets their stars, before the server confirms it:
 * the widget shows it at once, and the extension keeps it while the write waits in its outbox.
 * zod-free and pure: the content script and the background both use it.
 */
export function withOwnRating(summary: ItemSummary | null, item: string, stars: number): ItemSummary {
  const count = summary?.count ?? 0;
  const total = (summary?.average ?? 0) * count;
  const mine = summary?.mine ?? null;
  const newCount = mine === null ? count + 1 : count;
  const histogram = [...(summary?.histogram ?? [0, 0, 0, 0, 0])];
  if (mine !== null) histogram[mine - 1] = Math.max(0, histogram[mine - 1]! - 1);
  histogram[stars - 1] = histogram[stars - 1]! + 1;
  return {
    item,
    count: newCount,
    average: Math.round(((total - (mine ?? 0) + stars) / newCount) * 100) / 100,
    histogram,
    score: summary?.score ?? null,
    mine: stars,
    reviewCount: summary?.reviewCount ?? 0,
    commentCount: summary?.commentCount ?? 0,
    contributionCount: summary?.contributionCount ?? 0,
    postCount: summary?.postCount ?? 0,
    revision: summary?.revision ?? 0,
  };
}
