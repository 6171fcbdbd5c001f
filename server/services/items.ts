import type { Kysely } from 'kysely';
import type { ItemKey, ItemSummary } from '../contract';
import type { Database } from '../db/schema';
import { averageRating } from './rating-stats';
import { bayesianScore, priorMean } from './score';

/**
 * Summaries of a page's items, from write-time aggregates only: the items' stats rows, the
 * caller's own ratings and the tenant's totals (the score's prior). Input order, no duplicates.
 */
export async function getItemSummaries(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  keys: readonly ItemKey[],
): Promise<ItemSummary[]> {
  const items = [...new Set(keys)];
  if (items.length === 0) return [];

  const [stats, mine, tenant] = await Promise.all([
    db.selectFrom('item_stats').selectAll().where('tenant_id', '=', tenantId).where('item_key', 'in', items).execute(),
    db
      .selectFrom('ratings')
      .select(['item_key', 'stars'])
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('item_key', 'in', items)
      .execute(),
    db.selectFrom('tenant_stats').select(['rating_count', 'rating_sum']).where('tenant_id', '=', tenantId).executeTakeFirst(),
  ]);

  const prior = priorMean(tenant?.rating_count ?? 0, tenant?.rating_sum ?? 0);
  const statsByItem = new Map(stats.map((row) => [row.item_key, row]));
  const mineByItem = new Map(mine.map((row) => [row.item_key, row.stars]));
  return items.map((item) => {
    const row = statsByItem.get(item);
    const count = row?.rating_count ?? 0;
    const sum = row?.rating_sum ?? 0;
    return {
      item,
      average: averageRating(count, sum),
      count,
      histogram: row ? [row.stars_1, row.stars_2, row.stars_3, row.stars_4, row.stars_5] : [0, 0, 0, 0, 0],
      score: bayesianScore(count, sum, prior),
      mine: mineByItem.get(item) ?? null,
      reviewCount: row?.review_count ?? 0,
      commentCount: row?.comment_count ?? 0,
      contributionCount: row?.contribution_count ?? 0,
      postCount: row?.post_count ?? 0,
      revision: row?.revision ?? 0,
    };
  });
}

export async function getItemSummary(db: Kysely<Database>, tenantId: string, userId: string, item: ItemKey): Promise<ItemSummary> {
  const [summary] = await getItemSummaries(db, tenantId, userId, [item]);
  if (!summary) throw new Error('getItemSummaries returned nothing for one item');
  return summary;
}
