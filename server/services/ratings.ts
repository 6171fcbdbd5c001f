import type { Kysely } from 'kysely';
import { parseItemKey, type ItemKey, type RatingSummary, type SetRatingInput } from '../contract';
import type { Database } from '../db/schema';
import { averageRating, ratingStatsDelta, type RatingStats } from './rating-stats';

/**
 * Rating summaries for a page's items: one query on the aggregates and one for the caller's own
 * stars, never a scan of everyone's ratings. Results follow the input order, duplicates dropped.
 */
export async function getSummaries(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  keys: readonly ItemKey[],
): Promise<RatingSummary[]> {
  const items = [...new Set(keys)];
  if (items.length === 0) return [];

  const [stats, mine] = await Promise.all([
    db
      .selectFrom('item_stats')
      .select(['item_key', 'rating_count', 'rating_sum'])
      .where('tenant_id', '=', tenantId)
      .where('item_key', 'in', items)
      .execute(),
    db
      .selectFrom('ratings')
      .select(['item_key', 'stars'])
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('item_key', 'in', items)
      .execute(),
  ]);

  const statsByItem = new Map(stats.map((row) => [row.item_key, row]));
  const mineByItem = new Map(mine.map((row) => [row.item_key, row.stars]));
  return items.map((item) => {
    const row = statsByItem.get(item);
    const count = row?.rating_count ?? 0;
    return {
      item,
      average: averageRating(count, row?.rating_sum ?? 0),
      count,
      mine: mineByItem.get(item) ?? null,
    };
  });
}

/**
 * Sets the caller's rating of an item (replacing any earlier one) and returns the item's fresh
 * summary. One transaction: the rating, the item's title and the aggregates move together.
 * A retry of a write already applied (same clientId as the caller's current rating) changes
 * nothing.
 */
export async function setRating(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  input: SetRatingInput,
): Promise<RatingSummary> {
  const parts = parseItemKey(input.item);
  if (!parts) throw new Error('setRating needs a valid ItemKey; validate input first');
  const now = new Date().toISOString();

  return db.transaction().execute(async (trx) => {
    // Upsert the item first, with a no-op update when it exists: that write takes the item row's
    // lock (PostgreSQL) or the database write lock (SQLite) until commit, so concurrent ratings of
    // one item queue here and the read below always sees the latest committed rating.
    await trx
      .insertInto('items')
      .values({
        tenant_id: tenantId,
        item_key: input.item,
        title: input.title ?? null,
        lms: parts.lms,
        kind: parts.kind,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'item_key']).doUpdateSet((eb) => ({ updated_at: eb.ref('items.updated_at') })),
      )
      .execute();

    const previous = await trx
      .selectFrom('ratings')
      .select(['stars', 'client_id'])
      .where('tenant_id', '=', tenantId)
      .where('item_key', '=', input.item)
      .where('user_id', '=', userId)
      .executeTakeFirst();

    if (previous?.client_id !== input.clientId) {
      if (input.title !== undefined) {
        await trx
          .updateTable('items')
          .set({ title: input.title, updated_at: now })
          .where('tenant_id', '=', tenantId)
          .where('item_key', '=', input.item)
          .execute();
      }
      await trx
        .insertInto('ratings')
        .values({
          tenant_id: tenantId,
          item_key: input.item,
          user_id: userId,
          stars: input.stars,
          client_id: input.clientId,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'item_key', 'user_id']).doUpdateSet((eb) => ({
            stars: eb.ref('excluded.stars'),
            client_id: eb.ref('excluded.client_id'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
      await applyStatsDelta(trx, tenantId, input.item, ratingStatsDelta(previous?.stars ?? null, input.stars));
    }

    const [summary] = await getSummaries(trx, tenantId, userId, [input.item]);
    if (!summary) throw new Error('getSummaries returned nothing for the item just rated');
    return summary;
  });
}

/** Adds `delta` to the item's aggregates, creating the row on the item's first rating. */
async function applyStatsDelta(db: Kysely<Database>, tenantId: string, item: ItemKey, delta: RatingStats) {
  await db
    .insertInto('item_stats')
    .values({ tenant_id: tenantId, item_key: item, ...delta })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'item_key']).doUpdateSet((eb) => ({
        rating_count: eb('item_stats.rating_count', '+', eb.ref('excluded.rating_count')),
        rating_sum: eb('item_stats.rating_sum', '+', eb.ref('excluded.rating_sum')),
        stars_1: eb('item_stats.stars_1', '+', eb.ref('excluded.stars_1')),
        stars_2: eb('item_stats.stars_2', '+', eb.ref('excluded.stars_2')),
        stars_3: eb('item_stats.stars_3', '+', eb.ref('excluded.stars_3')),
        stars_4: eb('item_stats.stars_4', '+', eb.ref('excluded.stars_4')),
        stars_5: eb('item_stats.stars_5', '+', eb.ref('excluded.stars_5')),
      })),
    )
    .execute();
}
