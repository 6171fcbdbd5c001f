import type { Kysely } from 'kysely';
import { parseItemKey, type ItemKey, type RatingSummary, type SetRatingInput, type Stars } from '../contract';
import type { Database } from '../db/schema';
import { averageRating, ratingStatsDelta, type RatingStats } from './rating-stats';
import { recordRatingSignal } from './signals';
import { publishAfter } from '../live';

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
  const now = new Date().toISOString();

  return publishAfter(db, tenantId, input.item, 'summary', () => db.transaction().execute(async (trx) => {
    await lockItem(trx, tenantId, input.item, now);

    const previous = await trx
      .selectFrom('ratings')
      .select(['stars', 'client_id'])
      .where('tenant_id', '=', tenantId)
      .where('item_key', '=', input.item)
      .where('user_id', '=', userId)
      .executeTakeFirst();

    if (previous?.client_id !== input.clientId) {
      if (input.title !== undefined) await setItemTitle(trx, tenantId, input.item, input.title, now);
      await writeRating(trx, tenantId, userId, input.item, input.stars, input.clientId, previous?.stars ?? null, now);
    }

    const [summary] = await getSummaries(trx, tenantId, userId, [input.item]);
    if (!summary) throw new Error('getSummaries returned nothing for the item just rated');
    return summary;
  }));
}

/**
 * Creates the item row when missing, with a no-op update when it exists: that write takes the
 * item row's lock (PostgreSQL) or the database write lock (SQLite) until commit, so concurrent
 * writes about one item queue here and reads after it always see the latest committed state.
 * Every write transaction about an item starts with it.
 */
export async function lockItem(db: Kysely<Database>, tenantId: string, item: ItemKey, now: string): Promise<void> {
  const parts = parseItemKey(item);
  if (!parts) throw new Error('lockItem needs a valid ItemKey; validate input first');
  await db
    .insertInto('items')
    .values({ tenant_id: tenantId, item_key: item, title: null, lms: parts.lms, kind: parts.kind, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'item_key']).doUpdateSet((eb) => ({ updated_at: eb.ref('items.updated_at') })),
    )
    .execute();
}

export async function setItemTitle(db: Kysely<Database>, tenantId: string, item: ItemKey, title: string, now: string) {
  await db
    .updateTable('items')
    .set({ title, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('item_key', '=', item)
    .execute();
}

/**
 * Writes the learner's stars (replacing `previous`), keeps the stars copied on their review (if
 * any) equal, and moves the item's and the tenant's aggregates once. The caller holds the item
 * lock (`lockItem`) and has read `previous` under it.
 */
export async function writeRating(
  db: Kysely<Database>,
  tenantId: string,
  userId: string,
  item: ItemKey,
  stars: Stars,
  clientId: string,
  previous: Stars | null,
  now: string,
): Promise<void> {
  await db
    .insertInto('ratings')
    .values({ tenant_id: tenantId, item_key: item, user_id: userId, stars, client_id: clientId, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'item_key', 'user_id']).doUpdateSet((eb) => ({
        stars: eb.ref('excluded.stars'),
        client_id: eb.ref('excluded.client_id'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
  if (previous !== null && previous !== stars) {
    await db
      .updateTable('reviews')
      .set({ stars, updated_at: now })
      .where('tenant_id', '=', tenantId)
      .where('item_key', '=', item)
      .where('user_id', '=', userId)
      .execute();
  }
  const delta = ratingStatsDelta(previous, stars);
  await applyStatsDelta(db, tenantId, item, delta);
  // Rating is engagement too: a 'rate' popularity signal of the day (deduplicated per day).
  await recordRatingSignal(db, tenantId, userId, item, now);
  if (delta.rating_count !== 0 || delta.rating_sum !== 0) {
    await db
      .insertInto('tenant_stats')
      .values({ tenant_id: tenantId, rating_count: delta.rating_count, rating_sum: delta.rating_sum })
      .onConflict((oc) =>
        oc.column('tenant_id').doUpdateSet((eb) => ({
          rating_count: eb('tenant_stats.rating_count', '+', eb.ref('excluded.rating_count')),
          rating_sum: eb('tenant_stats.rating_sum', '+', eb.ref('excluded.rating_sum')),
        })),
      )
      .execute();
  }
}

/** Adds `delta` to the item's aggregates, creating the row on the item's first rating. */
async function applyStatsDelta(db: Kysely<Database>, tenantId: string, item: ItemKey, delta: RatingStats) {
  await db
    .insertInto('item_stats')
    .values({ tenant_id: tenantId, item_key: item, ...delta, revision: 1 })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'item_key']).doUpdateSet((eb) => ({
        revision: eb('item_stats.revision', '+', 1),
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

/** Changes to an item's public counts: reviews, comments, contributions and posts everyone can see. */
export interface ContentCountDelta {
  reviews?: number;
  comments?: number;
  contributions?: number;
  posts?: number;
}

/** Adds to the item's public content counts (creating its stats row if needed). */
export async function applyContentCountDelta(db: Kysely<Database>, tenantId: string, item: ItemKey, delta: ContentCountDelta): Promise<void> {
  const counts = {
    review_count: delta.reviews ?? 0,
    comment_count: delta.comments ?? 0,
    contribution_count: delta.contributions ?? 0,
    post_count: delta.posts ?? 0,
  };
  if (Object.values(counts).every((change) => change === 0)) return;
  await db
    .insertInto('item_stats')
    .values({
      tenant_id: tenantId,
      item_key: item,
      rating_count: 0,
      rating_sum: 0,
      stars_1: 0,
      stars_2: 0,
      stars_3: 0,
      stars_4: 0,
      stars_5: 0,
      ...counts,
      revision: 1,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'item_key']).doUpdateSet((eb) => ({
        revision: eb('item_stats.revision', '+', 1),
        review_count: eb('item_stats.review_count', '+', eb.ref('excluded.review_count')),
        comment_count: eb('item_stats.comment_count', '+', eb.ref('excluded.comment_count')),
        contribution_count: eb('item_stats.contribution_count', '+', eb.ref('excluded.contribution_count')),
        post_count: eb('item_stats.post_count', '+', eb.ref('excluded.post_count')),
      })),
    )
    .execute();
}
