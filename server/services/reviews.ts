import { randomUUID } from 'node:crypto';
import { notifyNewReview } from './notifications';
import { TRPCError } from '@trpc/server';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type {
  DeleteReviewInput,
  DeleteReviewResult,
  HelpfulVoteResult,
  ItemKey,
  Review,
  ReviewPage,
  ReviewSort,
  UpsertReviewResult,
  VoteInput,
} from '../contract';
import type { ListReviewsInput as ListReviewsSchema, UpsertReviewInput as UpsertReviewSchema } from '../contract';
import type { Database, ReviewsTable } from '../db/schema';
import { authorOf } from './authors';
import { isPublic, resolveReports, visibleTo } from './content';
import { getItemSummary } from './items';
import { afterKey, decodeCursor, encodeCursor, pageLimit, takePage, type SortKey } from './pagination';
import { applyContentCountDelta, lockItem, setItemTitle, writeRating } from './ratings';
import { getTenantSettings, type TenantSettings } from './tenant-settings';
import { castHelpfulVote, currentVote, votedByViewer } from './votes';
import { publishAfter } from '../live';
import type { AuthenticatedUser } from './users';
import { runLearnerWrite, type RateLimits } from './writes';

type UpsertReview = z.output<typeof UpsertReviewSchema>;
type ListReviews = z.output<typeof ListReviewsSchema>;
type ReviewRow = ReviewsTable & { display_name: string };

/**
 * Writes the learner's review of an item: their stars (through the same rating write as
 * `ratings.set`, so the aggregates move exactly once) and their text, replacing any earlier
 * review. An edit keeps the review's id, votes, reports and moderation state; the "completed"
 * badge, once earned, stays.
 */
export async function upsertReview(
  db: Kysely<Database>,
  actor: AuthenticatedUser,
  limits: RateLimits,
  input: UpsertReview,
): Promise<UpsertReviewResult> {
  return publishAfter(db, actor.tenantId, input.item, 'review', () =>
    runLearnerWrite(
    db,
    actor,
    { kind: 'review.upsert', clientId: input.clientId, limits },
    async (trx, now) => {
      await lockItem(trx, actor.tenantId, input.item, now);
      if (input.itemTitle !== undefined) await setItemTitle(trx, actor.tenantId, input.item, input.itemTitle, now);
      const previous = await trx
        .selectFrom('ratings')
        .select('stars')
        .where('tenant_id', '=', actor.tenantId)
        .where('item_key', '=', input.item)
        .where('user_id', '=', actor.userId)
        .executeTakeFirst();
      await writeRating(trx, actor.tenantId, actor.userId, input.item, input.stars, input.clientId, previous?.stars ?? null, now);

      const existing = await trx
        .selectFrom('reviews')
        .select(['id', 'completed'])
        .where('tenant_id', '=', actor.tenantId)
        .where('item_key', '=', input.item)
        .where('user_id', '=', actor.userId)
        .executeTakeFirst();
      let id: string;
      if (existing) {
        id = existing.id;
        await trx
          .updateTable('reviews')
          .set({
            stars: input.stars,
            title: input.title ?? null,
            body: input.text,
            completed: existing.completed === 1 || input.completed ? 1 : 0,
            updated_at: now,
            edited_at: now,
          })
          .where('tenant_id', '=', actor.tenantId)
          .where('id', '=', id)
          .execute();
      } else {
        id = randomUUID();
        await trx
          .insertInto('reviews')
          .values({
            id,
            tenant_id: actor.tenantId,
            item_key: input.item,
            user_id: actor.userId,
            stars: input.stars,
            title: input.title ?? null,
            body: input.text,
            completed: input.completed ? 1 : 0,
            state: 'visible',
            helpful_count: 0,
            open_report_count: 0,
            last_reported_at: null,
            created_at: now,
            updated_at: now,
            edited_at: null,
          })
          .execute();
        // A new review tells the item's followers (an edit does not).
        await notifyNewReview(trx, actor, { id, item: input.item }, now);
        await applyContentCountDelta(trx, actor.tenantId, input.item, { reviews: 1 });
      }
      return { targetId: id, result: await reviewWithSummary(trx, actor, id, input.item) };
    },
    async (trx, id) => {
      const item = await trx.selectFrom('reviews').select('item_key').where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
      if (!item) throw new TRPCError({ code: 'CONFLICT', message: 'This review was deleted after it was written' });
      return reviewWithSummary(trx, actor, id, item.item_key);
    },
  ));
}

async function reviewWithSummary(trx: Transaction<Database>, actor: AuthenticatedUser, id: string, item: ItemKey) {
  const review = await loadReview(trx, actor, id);
  if (!review) throw new Error('A review just written could not be read back');
  return { review, summary: await getItemSummary(trx, actor.tenantId, actor.userId, item) };
}

/**
 * Deletes the learner's review text of an item. Their stars stay, as a star-only rating (shown
 * only in aggregates): deleting what one wrote should not silently change the item's rating,
 * and `ratings.set` changes the stars. Votes on the review go with it; its reports are resolved.
 */
export async function deleteOwnReview(
  db: Kysely<Database>,
  actor: AuthenticatedUser,
  limits: RateLimits,
  input: DeleteReviewInput,
): Promise<DeleteReviewResult> {
  return publishAfter(db, actor.tenantId, input.item, 'review', () =>
    runLearnerWrite(
    db,
    actor,
    { kind: 'review.delete', clientId: input.clientId, limits },
    async (trx, now) => {
      await lockItem(trx, actor.tenantId, input.item, now);
      const review = await trx
        .selectFrom('reviews')
        .select(['id', 'state', 'item_key'])
        .where('tenant_id', '=', actor.tenantId)
        .where('item_key', '=', input.item)
        .where('user_id', '=', actor.userId)
        .executeTakeFirst();
      if (!review) throw new TRPCError({ code: 'NOT_FOUND', message: 'You have not reviewed this item' });
      await removeReview(trx, actor.tenantId, review);
      return { targetId: review.id, result: { summary: await getItemSummary(trx, actor.tenantId, actor.userId, input.item) } };
    },
    async (trx) => ({ summary: await getItemSummary(trx, actor.tenantId, actor.userId, input.item) }),
  ));
}

/** Removes a review row with its votes, resolves its reports, and keeps the item's count right. */
export async function removeReview(
  trx: Transaction<Database>,
  tenantId: string,
  review: { id: string; state: ReviewsTable['state']; item_key: string },
): Promise<void> {
  await resolveReports(trx, tenantId, 'review', review.id);
  await trx.deleteFrom('helpful_votes').where('tenant_id', '=', tenantId).where('target_kind', '=', 'review').where('target_id', '=', review.id).execute();
  await trx.deleteFrom('reviews').where('tenant_id', '=', tenantId).where('id', '=', review.id).execute();
  if (isPublic(review)) await applyContentCountDelta(trx, tenantId, review.item_key, { reviews: -1 });
}

const SORTS: Record<ReviewSort, { tag: string; keys: SortKey[]; shape: z.ZodTuple }> = {
  helpful: {
    tag: 'rh',
    keys: [
      { column: 'reviews.helpful_count', direction: 'desc' },
      { column: 'reviews.created_at', direction: 'desc' },
      { column: 'reviews.id', direction: 'desc' },
    ],
    shape: z.tuple([z.number().int(), z.string(), z.string()]),
  },
  newest: {
    tag: 'rn',
    keys: [
      { column: 'reviews.created_at', direction: 'desc' },
      { column: 'reviews.id', direction: 'desc' },
    ],
    shape: z.tuple([z.string(), z.string()]),
  },
  critical: {
    tag: 'rc',
    keys: [
      { column: 'reviews.stars', direction: 'asc' },
      { column: 'reviews.helpful_count', direction: 'desc' },
      { column: 'reviews.created_at', direction: 'desc' },
      { column: 'reviews.id', direction: 'desc' },
    ],
    shape: z.tuple([z.number().int(), z.number().int(), z.string(), z.string()]),
  },
};

function sortValues(sort: ReviewSort, row: ReviewRow): (string | number)[] {
  if (sort === 'helpful') return [row.helpful_count, row.created_at, row.id];
  if (sort === 'newest') return [row.created_at, row.id];
  return [row.stars, row.helpful_count, row.created_at, row.id];
}

/** One page of an item's reviews (ratings with text) in the chosen order. */
export async function listReviews(db: Kysely<Database>, viewer: AuthenticatedUser, input: ListReviews): Promise<ReviewPage> {
  const sort = SORTS[input.sort];
  const after = decodeCursor(input.cursor, sort.tag, sort.shape);
  const limit = pageLimit(input.limit);
  let query = selectReviews(db)
    .where('reviews.tenant_id', '=', viewer.tenantId)
    .where('reviews.item_key', '=', input.item)
    .where((eb) => visibleTo(eb, 'reviews', viewer));
  if (after) query = query.where((eb) => afterKey(eb, sort.keys, after as (string | number)[]));
  for (const key of sort.keys) query = query.orderBy(key.column as 'reviews.id', key.direction);
  const rows = await query.limit(limit + 1).execute();

  const { page, more } = takePage(rows, limit);
  const reviews = await toReviews(db, viewer, page);
  const last = page.at(-1);
  return { reviews, nextCursor: more && last ? encodeCursor(sort.tag, sortValues(input.sort, last)) : null };
}

function selectReviews(db: Kysely<Database>) {
  return db.selectFrom('reviews').innerJoin('users', 'users.id', 'reviews.user_id').selectAll('reviews').select('users.display_name');
}

/** One review as `viewer` may see it, or null (absent, other tenant, or hidden from them). */
export async function loadReview(db: Kysely<Database>, viewer: AuthenticatedUser, id: string): Promise<Review | null> {
  const row = await selectReviews(db)
    .where('reviews.tenant_id', '=', viewer.tenantId)
    .where('reviews.id', '=', id)
    .where((eb) => visibleTo(eb, 'reviews', viewer))
    .executeTakeFirst();
  if (!row) return null;
  const [review] = await toReviews(db, viewer, [row]);
  return review ?? null;
}

async function toReviews(db: Kysely<Database>, viewer: AuthenticatedUser, rows: ReviewRow[]): Promise<Review[]> {
  if (rows.length === 0) return [];
  const settings: TenantSettings = await getTenantSettings(db, viewer.tenantId);
  const voted = await votedByViewer(db, viewer, 'review', rows.map((row) => row.id));
  return rows.map((row) => ({
    id: row.id,
    item: row.item_key,
    stars: row.stars,
    title: row.title,
    text: row.body,
    completed: row.completed === 1,
    helpfulCount: row.helpful_count,
    votedByMe: voted.has(row.id),
    author: authorOf(settings, row.user_id, row.display_name),
    isMine: row.user_id === viewer.userId,
    state: row.state,
    createdAt: row.created_at,
    editedAt: row.edited_at,
  }));
}

/** Marks a review helpful (or takes the vote back). Never one's own: FORBIDDEN. */
export async function voteReview(db: Kysely<Database>, actor: AuthenticatedUser, limits: RateLimits, input: VoteInput): Promise<HelpfulVoteResult> {
  return runLearnerWrite(
    db,
    actor,
    { kind: `review.vote`, clientId: input.clientId, limits },
    async (trx, now) => ({ targetId: input.id, result: await castHelpfulVote(trx, actor, 'review', input.id, input.helpful, now) }),
    (trx, id) => currentVote(trx, actor, 'review', id),
  );
}
