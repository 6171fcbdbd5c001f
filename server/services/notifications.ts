import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import type { MarkReadInput, NotificationKind, NotificationPage } from '../contract/contributions';
import type { Database } from '../db/schema';
import { noteNotified } from '../live';
import { authorOf } from './authors';
import { decodeCursor, encodeCursor, pageLimit, takePage } from './pagination';
import { getTenantSettings } from './tenant-settings';
import type { AuthenticatedUser } from './users';

type Db = Kysely<Database> | Transaction<Database>;

/** Most followers one event notifies (the earliest followers first); the rest are not told. */
export const MAX_FOLLOWERS_NOTIFIED = 500;

export interface NotificationEvent {
  tenantId: string;
  kind: NotificationKind;
  item: string | null;
  targetKind: 'review' | 'comment' | 'contribution';
  targetId: string;
  actorId: string;
  now: string;
}

/**
 * Tells one learner (never the actor themself), in the caller's transaction; their open pages
 * hear of it live once that transaction commits (see publishNotificationsAfter, run by every
 * learner write).
 */
export async function notifyUser(trx: Db, userId: string, event: NotificationEvent): Promise<void> {
  if (userId === event.actorId) return;
  await trx
    .insertInto('notifications')
    .values({
      id: randomUUID(),
      tenant_id: event.tenantId,
      user_id: userId,
      kind: event.kind,
      item_key: event.item,
      target_kind: event.targetKind,
      target_id: event.targetId,
      actor_id: event.actorId,
      read: 0,
      created_at: event.now,
    })
    .execute();
  noteNotified(event.tenantId, userId);
}

/**
 * Who follows an item. Follows are derived lazily: a learner follows an item they set to followed
 * (`follows.set`), or one they reviewed, commented or contributed on, unless they unfollowed it
 * (an explicit `following = 0` row wins). Nothing has to hook the review and comment writers.
 */
export async function followersOf(db: Db, tenantId: string, item: string, limit = MAX_FOLLOWERS_NOTIFIED): Promise<string[]> {
  const { rows } = await sql<{ user_id: string }>`
    select user_id from (
      select user_id from follows where tenant_id = ${tenantId} and item_key = ${item} and following = 1
      union select user_id from reviews where tenant_id = ${tenantId} and item_key = ${item}
      union select user_id from comments where tenant_id = ${tenantId} and item_key = ${item}
      union select user_id from contributions where tenant_id = ${tenantId} and item_key = ${item}
    ) candidates
    where user_id not in (select user_id from follows where tenant_id = ${tenantId} and item_key = ${item} and following = 0)
    order by user_id
    limit ${limit}`.execute(db);
  return rows.map((row) => row.user_id);
}

/** Whether a learner follows an item (explicitly, or by having written there). */
export async function isFollowing(db: Db, tenantId: string, userId: string, item: string): Promise<boolean> {
  const explicit = await db
    .selectFrom('follows')
    .select('following')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('item_key', '=', item)
    .executeTakeFirst();
  if (explicit) return explicit.following === 1;
  const { rows } = await sql<{ found: number }>`
    select 1 as found from reviews where tenant_id = ${tenantId} and item_key = ${item} and user_id = ${userId}
    union select 1 from comments where tenant_id = ${tenantId} and item_key = ${item} and user_id = ${userId}
    union select 1 from contributions where tenant_id = ${tenantId} and item_key = ${item} and user_id = ${userId}`.execute(db);
  return rows.length > 0;
}

/** Tells an item's followers (at most MAX_FOLLOWERS_NOTIFIED, never the actor) of something new on it. */
export async function notifyFollowers(trx: Db, event: NotificationEvent & { item: string }): Promise<void> {
  const followers = await followersOf(trx, event.tenantId, event.item, MAX_FOLLOWERS_NOTIFIED + 1);
  for (const userId of followers.filter((id) => id !== event.actorId).slice(0, MAX_FOLLOWERS_NOTIFIED)) {
    await notifyUser(trx, userId, event);
  }
}

export async function setFollow(db: Kysely<Database>, user: AuthenticatedUser, item: string, following: boolean) {
  await db
    .insertInto('follows')
    .values({ tenant_id: user.tenantId, user_id: user.userId, item_key: item, following: following ? 1 : 0, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'item_key']).doUpdateSet({ following: following ? 1 : 0 }))
    .execute();
  return { item, following };
}

const CURSOR = z.tuple([z.string(), z.string()]);

export async function listNotifications(db: Kysely<Database>, user: AuthenticatedUser, input: { cursor?: string | null; limit?: number } | undefined): Promise<NotificationPage> {
  const after = decodeCursor(input?.cursor, 'nt', CURSOR);
  const limit = pageLimit(input?.limit);
  let query = db
    .selectFrom('notifications')
    .leftJoin('users', 'users.id', 'notifications.actor_id')
    .leftJoin('items', (join) => join.onRef('items.tenant_id', '=', 'notifications.tenant_id').onRef('items.item_key', '=', 'notifications.item_key'))
    .selectAll('notifications')
    .select(['users.display_name', 'items.title as item_title'])
    .where('notifications.tenant_id', '=', user.tenantId)
    .where('notifications.user_id', '=', user.userId);
  if (after) {
    const [createdAt, id] = after;
    query = query.where((eb) =>
      eb.or([eb('notifications.created_at', '<', createdAt), eb.and([eb('notifications.created_at', '=', createdAt), eb('notifications.id', '<', id)])]),
    );
  }
  const rows = await query.orderBy('notifications.created_at', 'desc').orderBy('notifications.id', 'desc').limit(limit + 1).execute();
  const { page, more } = takePage(rows, limit);
  const settings = await getTenantSettings(db, user.tenantId);
  const last = page.at(-1);
  return {
    notifications: page.map((row) => ({
      id: row.id,
      kind: row.kind as NotificationKind,
      item: row.item_key,
      itemTitle: row.item_title ?? null,
      target: { kind: row.target_kind as 'review' | 'comment' | 'contribution', id: row.target_id },
      actor: row.actor_id && row.display_name ? authorOf(settings, row.actor_id, row.display_name) : null,
      read: row.read === 1,
      createdAt: row.created_at,
    })),
    nextCursor: more && last ? encodeCursor('nt', [last.created_at, last.id]) : null,
  };
}

export async function unreadCount(db: Kysely<Database>, user: AuthenticatedUser): Promise<{ unread: number }> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', user.tenantId)
    .where('user_id', '=', user.userId)
    .where('read', '=', 0)
    .executeTakeFirst();
  return { unread: Number(row?.n ?? 0) };
}

export async function markRead(db: Kysely<Database>, user: AuthenticatedUser, input: MarkReadInput): Promise<{ unread: number }> {
  let query = db.updateTable('notifications').set({ read: 1 }).where('tenant_id', '=', user.tenantId).where('user_id', '=', user.userId);
  if ('ids' in input) query = query.where('id', 'in', input.ids);
  await query.execute();
  return unreadCount(db, user);
}

/**
 * Hooks for the review, comment and vote writers, to call inside their transaction after a
 * successful write (not yet wired: see the report / README of this feature):
 *  - comments.ts createComment, after the insert: `await notifyNewComment(trx, actor, { id, item: input.item, parentId }, now)`
 *  - reviews.ts upsertReview, when a review is created (not edited): `await notifyNewReview(trx, actor, { id, item: input.item }, now)`
 *  - votes.ts castHelpfulVote, when `change === 1`: `await notifyHelpfulVote(trx, voter, kind, target, now)`
 * Followers are derived (see followersOf), so the writers need no auto-follow code.
 */
export async function notifyNewComment(
  trx: Db,
  actor: { tenantId: string; userId: string },
  comment: { id: string; item: string; parentId: string | null },
  now: string,
): Promise<void> {
  const base = { tenantId: actor.tenantId, item: comment.item, targetKind: 'comment' as const, targetId: comment.id, actorId: actor.userId, now };
  let parentAuthor: string | null = null;
  if (comment.parentId) {
    const parent = await trx.selectFrom('comments').select('user_id').where('tenant_id', '=', actor.tenantId).where('id', '=', comment.parentId).executeTakeFirst();
    parentAuthor = parent?.user_id ?? null;
    if (parentAuthor) await notifyUser(trx, parentAuthor, { ...base, kind: 'reply' });
  }
  const followers = await followersOf(trx, actor.tenantId, comment.item, MAX_FOLLOWERS_NOTIFIED + 2);
  for (const userId of followers.filter((id) => id !== actor.userId && id !== parentAuthor).slice(0, MAX_FOLLOWERS_NOTIFIED)) {
    await notifyUser(trx, userId, { ...base, kind: 'new-comment' });
  }
}

export async function notifyNewReview(trx: Db, actor: { tenantId: string; userId: string }, review: { id: string; item: string }, now: string): Promise<void> {
  await notifyFollowers(trx, { tenantId: actor.tenantId, kind: 'new-review', item: review.item, targetKind: 'review', targetId: review.id, actorId: actor.userId, now });
}

export async function notifyHelpfulVote(
  trx: Db,
  voter: { tenantId: string; userId: string },
  kind: 'review' | 'comment',
  target: { id: string; item_key: string; user_id: string },
  now: string,
): Promise<void> {
  await notifyUser(trx, target.user_id, { tenantId: voter.tenantId, kind: 'helpful-vote', item: target.item_key, targetKind: kind, targetId: target.id, actorId: voter.userId, now });
}
