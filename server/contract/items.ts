import { z } from 'zod';
import { ItemKeySchema as ItemKey } from './item-key-schema';
import { MAX_ITEMS_PER_REQUEST, Stars } from './ratings';

export const ItemSummariesInput = z.object({
  items: z.array(ItemKey).min(1).max(MAX_ITEMS_PER_REQUEST),
});
export type ItemSummariesInput = z.infer<typeof ItemSummariesInput>;

/**
 * Everything a tile or an item page shows about one item, answered from write-time aggregates.
 * Supersedes `RatingSummary` (kept unchanged for older extensions).
 */
export const ItemSummary = z.object({
  item: ItemKey,
  /** Mean of all ratings (star-only and reviews), 2 decimals; null when nobody has rated. */
  average: z.number().min(1).max(5).nullable(),
  count: z.number().int().min(0),
  /** Ratings per star: index 0 is 1★ … index 4 is 5★. Sums to `count`. */
  histogram: z.array(z.number().int().min(0)).length(5),
  /**
   * Ranking score: a Bayesian average that pulls few ratings towards the tenant's mean, so one 5★
   * does not outrank a hundred 4.6★. 3 decimals; null when nobody has rated. Sort by it, don't show it.
   */
  score: z.number().min(1).max(5).nullable(),
  /** The caller's own stars, or null. */
  mine: Stars.nullable(),
  /** Reviews (ratings with text) everyone can see. */
  reviewCount: z.number().int().min(0),
  /** Comments and replies everyone can see (not deleted, not hidden). */
  commentCount: z.number().int().min(0),
  /** Contributions (links, files, tips) everyone can see (not hidden or pending). */
  contributionCount: z.number().int().min(0),
  /** Published posts about the item that everyone can see (not hidden or pending). */
  postCount: z.number().int().min(0),
  /**
   * Grows with every change to the figures above. A summary with a lower revision than one already
   * shown was read before a change and is dropped (0: the item has no figures yet).
   */
  revision: z.number().int().min(0),
});
export type ItemSummary = z.infer<typeof ItemSummary>;
