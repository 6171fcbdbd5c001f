import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { deleteContributionRows, FORMER_COLLEAGUE, hashStillUsed } from './contributions';
import { lockItem } from './ratings';
import { removeReview } from './reviews';
import { softDeleteComment } from './comments';
import { CONTENT_TABLES } from './content';
import { deletePostRows } from './posts';
import type { AuthenticatedUser } from './users';

/**
 * Everything Ripple holds about the caller, as plain rows (ids, item keys, texts, timestamps):
 * profile, ratings, reviews, comments, helpful votes, reports made, contributions (metadata, not
 * file bytes), posts, follows, notifications and popularity rows (item_learners).
 */
export async function exportMyData(db: Kysely<Database>, me: AuthenticatedUser) {
  const mine = <T extends keyof Database>(table: T) =>
    db
      .selectFrom(table as 'ratings')
      .selectAll()
      .where('tenant_id', '=', me.tenantId)
      .where('user_id', '=', me.userId)
      .execute();
  const profile = await db
    .selectFrom('users')
    .innerJoin('tenants', 'tenants.id', 'users.tenant_id')
    .select(['users.id', 'users.display_name', 'users.team', 'users.unit', 'users.role', 'users.created_at', 'tenants.slug as tenant', 'tenants.name as tenant_name'])
    .where('users.tenant_id', '=', me.tenantId)
    .where('users.id', '=', me.userId)
    .executeTakeFirstOrThrow();
  const [ratings, reviews, comments, helpfulVotes, reports, contributions, contributionVotes, posts, follows, notifications, itemLearners] = await Promise.all([
    mine('ratings'),
    mine('reviews'),
    mine('comments'),
    mine('helpful_votes'),
    mine('content_reports'),
    db
      .selectFrom('contributions')
      .select(['id', 'item_key', 'kind', 'title', 'url', 'body', 'file_type', 'file_size', 'file_sha256', 'state', 'helpful_count', 'created_at'])
      .where('tenant_id', '=', me.tenantId)
      .where('user_id', '=', me.userId)
      .execute(),
    mine('contribution_votes'),
    mine('posts'),
    mine('follows'),
    mine('notifications'),
    mine('item_learners'),
  ]);
  const postItems = posts.length
    ? await db.selectFrom('post_items').selectAll().where('tenant_id', '=', me.tenantId).where(
        'post_id',
        'in',
        posts.map((post) => (post as unknown as { id: string }).id),
      ).execute()
    : [];
  return {
    exportedAt: new Date().toISOString(),
    profile,
    ratings,
    reviews,
    comments,
    votes: { helpful: helpfulVotes, contributions: contributionVotes },
    reportsMade: reports,
    contributions,
    posts: posts.map((post) => ({ ...post, items: postItems.filter((row) => row.post_id === (post as unknown as { id: string }).id).map((row) => row.item_key) })),
    follows,
    notifications,
    itemLearners,
  };
}

export type AccountDeletePolicy = 'remove' | 'anonymize';

/**
 * Deletes the caller's account in one transaction. Their user row goes (so every token of theirs
 * answers UNAUTHORIZED) with everything personal: follows, notifications, write receipts,
 * popularity rows, sessions. What they wrote follows the tenant's `on_account_delete` policy:
 *  - anonymize (default): reviews, comments, ratings, votes, reports, contributions and posts are
 *    kept and re-owned by a new "Former colleague" user of the tenant that cannot sign in (one
 *    per deleted account, so "one vote per learner" still holds); aggregates do not move.
 *  - remove: ratings are removed with the item and tenant aggregates updated; reviews removed;
 *    comments soft-deleted (placeholders kept, owned by the former-colleague row, only when
 *    others replied); votes taken back and reports withdrawn with the counts they fed; their
 *    contributions and posts removed.
 * Returns the file hashes no contribution uses any more, for the caller to remove after commit.
 */
export async function deleteAccount(db: Kysely<Database>, me: AuthenticatedUser): Promise<{ policy: AccountDeletePolicy; orphanHashes: string[] }> {
  return db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    const t = me.tenantId;
    const u = me.userId;
    const settings = await trx.selectFrom('tenant_settings').select('on_account_delete').where('tenant_id', '=', t).executeTakeFirst();
    const policy: AccountDeletePolicy = settings?.on_account_delete ?? 'anonymize';

    const ghost = randomUUID();
    await trx
      .insertInto('users')
      .values({ id: ghost, tenant_id: t, subject: `former:${ghost}`, display_name: FORMER_COLLEAGUE, team: '', unit: null, role: 'learner', created_at: now })
      .execute();
    const files = await trx.selectFrom('contributions').select('file_sha256').where('tenant_id', '=', t).where('user_id', '=', u).where('file_sha256', 'is not', null).execute();

    if (policy === 'remove') await removeContent(trx, t, u, now);

    // What is left of theirs (everything under anonymize; comment placeholders under remove).
    for (const table of ['ratings', 'reviews', 'comments', 'helpful_votes', 'content_reports', 'contributions', 'contribution_votes', 'posts'] as const) {
      await trx.updateTable(table as 'ratings').set({ user_id: ghost }).where('tenant_id', '=', t).where('user_id', '=', u).execute();
    }
    await trx.updateTable('notifications').set({ actor_id: ghost }).where('tenant_id', '=', t).where('actor_id', '=', u).execute();
    await trx.updateTable('moderation_log').set({ actor_id: ghost }).where('tenant_id', '=', t).where('actor_id', '=', u).execute();
    for (const table of ['follows', 'notifications', 'client_writes', 'item_learners', 'signal_dedup'] as const) {
      await trx.deleteFrom(table as 'follows').where('tenant_id', '=', t).where('user_id', '=', u).execute();
    }
    await sql`delete from refresh_tokens where session_id in (select id from auth_sessions where user_id = ${u})`.execute(trx);
    await sql`delete from auth_sessions where user_id = ${u}`.execute(trx);
    await trx.deleteFrom('users').where('tenant_id', '=', t).where('id', '=', u).execute();

    const orphanHashes: string[] = [];
    for (const hash of new Set(files.map((file) => file.file_sha256!))) if (!(await hashStillUsed(trx, hash))) orphanHashes.push(hash);
    return { policy, orphanHashes };
  });
}

async function removeContent(trx: Transaction<Database>, t: string, u: string, now: string) {
  // Ratings, with the item's and the tenant's aggregates.
  const ratings = await trx.selectFrom('ratings').select(['item_key', 'stars']).where('tenant_id', '=', t).where('user_id', '=', u).execute();
  for (const rating of ratings) {
    await lockItem(trx, t, rating.item_key, now);
    const column = `stars_${rating.stars}` as 'stars_1';
    await trx
      .updateTable('item_stats')
      .set((eb) => ({ rating_count: eb('rating_count', '-', 1), rating_sum: eb('rating_sum', '-', rating.stars), [column]: eb(column, '-', 1), revision: eb('revision', '+', 1) }))
      .where('tenant_id', '=', t)
      .where('item_key', '=', rating.item_key)
      .execute();
    await trx
      .updateTable('tenant_stats')
      .set((eb) => ({ rating_count: eb('rating_count', '-', 1), rating_sum: eb('rating_sum', '-', rating.stars) }))
      .where('tenant_id', '=', t)
      .execute();
  }
  await trx.deleteFrom('ratings').where('tenant_id', '=', t).where('user_id', '=', u).execute();

  const reviews = await trx.selectFrom('reviews').select(['id', 'state', 'item_key']).where('tenant_id', '=', t).where('user_id', '=', u).execute();
  for (const review of reviews) {
    await lockItem(trx, t, review.item_key, now);
    await removeReview(trx, t, review);
  }

  const comments = await trx
    .selectFrom('comments')
    .select(['id', 'item_key', 'parent_id', 'state', 'deleted', 'reply_count'])
    .where('tenant_id', '=', t)
    .where('user_id', '=', u)
    .orderBy('parent_id', 'desc')
    .execute();
  for (const comment of comments) {
    if (comment.deleted === 0) await softDeleteComment(trx, t, comment, now);
    await trx.deleteFrom('helpful_votes').where('tenant_id', '=', t).where('target_kind', '=', 'comment').where('target_id', '=', comment.id).execute();
    await trx.updateTable('comments').set({ helpful_count: 0 }).where('tenant_id', '=', t).where('id', '=', comment.id).execute();
  }

  // Votes they cast and reports they made, with the counts those fed.
  const votes = await trx.selectFrom('helpful_votes').select(['target_kind', 'target_id']).where('tenant_id', '=', t).where('user_id', '=', u).execute();
  for (const vote of votes) {
    const table = vote.target_kind === 'review' ? 'reviews' : 'comments';
    await trx.updateTable(table).set((eb) => ({ helpful_count: eb('helpful_count', '-', 1) })).where('tenant_id', '=', t).where('id', '=', vote.target_id).execute();
  }
  await trx.deleteFrom('helpful_votes').where('tenant_id', '=', t).where('user_id', '=', u).execute();
  const reports = await trx.selectFrom('content_reports').select(['target_kind', 'target_id']).where('tenant_id', '=', t).where('user_id', '=', u).where('resolved', '=', 0).execute();
  for (const report of reports) {
    await trx
      .updateTable(CONTENT_TABLES[report.target_kind])
      .set((eb) => ({ open_report_count: eb('open_report_count', '-', 1) }))
      .where('tenant_id', '=', t)
      .where('id', '=', report.target_id)
      .execute();
  }
  await trx.deleteFrom('content_reports').where('tenant_id', '=', t).where('user_id', '=', u).execute();

  const contributionVotes = await trx.selectFrom('contribution_votes').select('contribution_id').where('tenant_id', '=', t).where('user_id', '=', u).execute();
  for (const vote of contributionVotes) {
    await trx.updateTable('contributions').set((eb) => ({ helpful_count: eb('helpful_count', '-', 1) })).where('tenant_id', '=', t).where('id', '=', vote.contribution_id).execute();
  }
  await trx.deleteFrom('contribution_votes').where('tenant_id', '=', t).where('user_id', '=', u).execute();
  const contributions = await trx.selectFrom('contributions').select('id').where('tenant_id', '=', t).where('user_id', '=', u).execute();
  await deleteContributionRows(trx, t, contributions.map((row) => row.id));
  const posts = await trx.selectFrom('posts').select('id').where('tenant_id', '=', t).where('user_id', '=', u).execute();
  await deletePostRows(trx, t, posts.map((row) => row.id));
}
