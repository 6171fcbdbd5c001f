import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { z } from 'zod';
import type { CreatePostInput, FeedInput, ListPostsForItemInput, Post, PostPage, UpdatePostInput } from '../contract/contributions';
import type { ContentStateValue, Database, PostsTable } from '../db/schema';
import { publishEach } from '../live';
import { authorOf } from './authors';
import { canSee, resolveReportsOf, visibleTo } from './content';
import { decodeCursor, encodeCursor, pageLimit, takePage } from './pagination';
import { applyContentCountDelta, lockItem } from './ratings';
import { getTenantSettings } from './tenant-settings';
import type { AuthenticatedUser } from './users';
import { runLearnerWrite, type RateLimits } from './writes';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Selectable<PostsTable> & { display_name: string };

const notFound = () => new TRPCError({ code: 'NOT_FOUND', message: 'No such post' });

export async function createPost(db: Kysely<Database>, actor: AuthenticatedUser, limits: RateLimits, input: z.output<typeof CreatePostInput>): Promise<Post> {
  let changedItems: string[] = [];
  const post = await runLearnerWrite(
    db,
    actor,
    { kind: 'post.create', clientId: input.clientId, limits },
    async (trx, now) => {
      const id = randomUUID();
      await trx
        .insertInto('posts')
        .values({
          id,
          tenant_id: actor.tenantId,
          user_id: actor.userId,
          title: input.title,
          body: input.body,
          status: input.status,
          created_at: now,
          updated_at: now,
          published_at: input.status === 'published' ? now : null,
        })
        .execute();
      await setItems(trx, actor.tenantId, id, input.items, now);
      changedItems = await countedItems(trx, actor.tenantId, id);
      await moveItemCounts(trx, actor.tenantId, [], changedItems);
      return { targetId: id, result: await readPost(trx, actor, id) };
    },
    (trx, id) => readPost(trx, actor, id),
  );
  await publishEach(db, actor.tenantId, changedItems, 'post');
  return post;
}

export async function updatePost(db: Kysely<Database>, actor: AuthenticatedUser, limits: RateLimits, input: z.output<typeof UpdatePostInput>): Promise<Post> {
  let changedItems: string[] = [];
  const post = await runLearnerWrite(
    db,
    actor,
    { kind: 'post.update', clientId: input.clientId, limits },
    async (trx, now) => {
      const row = await ownPost(trx, actor, input.id);
      const countedBefore = await countedItems(trx, actor.tenantId, input.id);
      const publishing = input.status === 'published' && row.published_at === null;
      await trx
        .updateTable('posts')
        .set({
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.body !== undefined ? { body: input.body } : {}),
          ...(input.status !== undefined ? { status: input.status } : {}),
          ...(publishing ? { published_at: now } : {}),
          updated_at: now,
        })
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', input.id)
        .execute();
      if (input.items !== undefined) await setItems(trx, actor.tenantId, input.id, input.items, now);
      const countedAfter = await countedItems(trx, actor.tenantId, input.id);
      await moveItemCounts(trx, actor.tenantId, countedBefore, countedAfter);
      // Pages of items it was or is shown on refresh; a draft's changes concern its author only.
      changedItems = [...countedBefore, ...countedAfter];
      return { targetId: input.id, result: await readPost(trx, actor, input.id) };
    },
    (trx, id) => readPost(trx, actor, id),
  );
  await publishEach(db, actor.tenantId, changedItems, 'post');
  return post;
}

export async function deletePost(db: Kysely<Database>, actor: AuthenticatedUser, limits: RateLimits, input: { id: string; clientId: string }) {
  let changedItems: string[] = [];
  const result = await runLearnerWrite(
    db,
    actor,
    { kind: 'post.delete', clientId: input.clientId, limits },
    async (trx) => {
      await ownPost(trx, actor, input.id);
      changedItems = await countedItems(trx, actor.tenantId, input.id);
      await deletePostRows(trx, actor.tenantId, [input.id]);
      return { targetId: input.id, result: { id: input.id, deleted: true as const } };
    },
    async (_trx, id) => ({ id, deleted: true as const }),
  );
  await publishEach(db, actor.tenantId, changedItems, 'post');
  return result;
}

/** Removes posts with their item links; open reports are resolved and the items' post counts follow. */
export async function deletePostRows(trx: Db, tenantId: string, ids: string[]) {
  if (ids.length === 0) return;
  for (const id of ids) await moveItemCounts(trx, tenantId, await countedItems(trx, tenantId, id), []);
  await resolveReportsOf(trx, tenantId, 'post', ids);
  await trx.deleteFrom('post_items').where('tenant_id', '=', tenantId).where('post_id', 'in', ids).execute();
  await trx.deleteFrom('posts').where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
}

/** The caller's own post, row-locked until commit (see lockPost). */
async function ownPost(trx: Transaction<Database>, actor: AuthenticatedUser, id: string) {
  const row = await lockPost(trx, actor.tenantId, id);
  if (!row || !mayRead(actor, row)) throw notFound();
  if (row.user_id !== actor.userId) throw new TRPCError({ code: 'FORBIDDEN', message: 'Only the author can change a post' });
  return row;
}

/**
 * Reads a post and holds its row lock until commit (a no-op update: portable, unlike SELECT …
 * FOR UPDATE), so its author's changes and a moderator's action run one after the other and the
 * items' post counts move once per change.
 */
export async function lockPost(trx: Transaction<Database>, tenantId: string, id: string) {
  return trx
    .updateTable('posts')
    .set((eb) => ({ state: eb.ref('state') }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

async function setItems(trx: Transaction<Database>, tenantId: string, postId: string, items: string[], now: string) {
  await trx.deleteFrom('post_items').where('tenant_id', '=', tenantId).where('post_id', '=', postId).execute();
  const unique = [...new Set(items)];
  // Items locked in one global order, so two posts naming the same items cannot deadlock.
  for (const item of [...unique].sort()) await lockItem(trx, tenantId, item, now);
  for (const [position, item] of unique.entries()) {
    await trx.insertInto('post_items').values({ tenant_id: tenantId, post_id: postId, item_key: item, position }).execute();
  }
}

/** Counts toward its items' public post counts: published, and not hidden or pending. */
export function isPublicPost(row: { status: PostsTable['status']; state: ContentStateValue }): boolean {
  return row.status === 'published' && row.state === 'visible';
}

/** The items whose public post count includes this post (none unless it is public). */
export async function countedItems(trx: Db, tenantId: string, postId: string): Promise<string[]> {
  const post = await trx.selectFrom('posts').select(['status', 'state']).where('tenant_id', '=', tenantId).where('id', '=', postId).executeTakeFirst();
  if (!post || !isPublicPost(post)) return [];
  const rows = await trx.selectFrom('post_items').select('item_key').where('tenant_id', '=', tenantId).where('post_id', '=', postId).execute();
  return rows.map((row) => row.item_key);
}

/** Moves the items' post counts from a post counted on `before` to one counted on `after`. */
export async function moveItemCounts(trx: Db, tenantId: string, before: readonly string[], after: readonly string[]): Promise<void> {
  const was = new Set(before);
  const is = new Set(after);
  for (const item of [...new Set([...before, ...after])].sort()) {
    const change = Number(is.has(item)) - Number(was.has(item));
    if (change !== 0) await applyContentCountDelta(trx as Kysely<Database>, tenantId, item, { posts: change });
  }
}

function selectPosts(db: Db) {
  return db.selectFrom('posts').innerJoin('users', 'users.id', 'posts.user_id').selectAll('posts').select('users.display_name');
}

async function readPost(db: Db, viewer: AuthenticatedUser, id: string): Promise<Post> {
  const row = await selectPosts(db).where('posts.tenant_id', '=', viewer.tenantId).where('posts.id', '=', id).executeTakeFirst();
  if (!row || !mayRead(viewer, row)) throw notFound();
  return (await toPosts(db, viewer, [row]))[0]!;
}

/**
 * Drafts are their author's only; hidden and pending posts their author's (who sees the state)
 * and moderators'. Everyone else gets NOT_FOUND, as if they did not exist.
 */
function mayRead(viewer: AuthenticatedUser, row: { status: PostsTable['status']; state: ContentStateValue; user_id: string }): boolean {
  if (row.user_id === viewer.userId) return true;
  return row.status === 'published' && canSee(viewer, row);
}

/** A post: drafts only to their author, hidden or pending ones to their author and moderators. */
export const getPost = (db: Kysely<Database>, viewer: AuthenticatedUser, id: string) => readPost(db, viewer, id);

export async function toPosts(db: Db, viewer: AuthenticatedUser, rows: Row[]): Promise<Post[]> {
  if (rows.length === 0) return [];
  const settings = await getTenantSettings(db as Kysely<Database>, viewer.tenantId);
  // With the titles the LMS gave the items, so a feed can say what each post is about.
  const items = await db
    .selectFrom('post_items')
    .leftJoin('items', (join) => join.onRef('items.tenant_id', '=', 'post_items.tenant_id').onRef('items.item_key', '=', 'post_items.item_key'))
    .select(['post_items.post_id', 'post_items.item_key', 'items.title'])
    .where('post_items.tenant_id', '=', viewer.tenantId)
    .where(
      'post_items.post_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('post_items.position')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    body: row.body,
    items: items.filter((item) => item.post_id === row.id).map((item) => item.item_key),
    about: items.filter((item) => item.post_id === row.id).map((item) => ({ item: item.item_key, title: item.title })),
    status: row.status,
    author: authorOf(settings, row.user_id, row.display_name),
    isMine: row.user_id === viewer.userId,
    state: row.state,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
  }));
}

const CURSOR = z.tuple([z.string(), z.string()]);

/**
 * Newest first: published posts (by publication) or, for `mine`, own posts by last change, in any
 * state. Others' hidden and pending posts are left out (moderators see them with their state).
 */
export async function feed(db: Kysely<Database>, viewer: AuthenticatedUser, input: z.output<typeof FeedInput>): Promise<PostPage> {
  const scope = input?.scope ?? 'company';
  const column = scope === 'mine' ? 'posts.updated_at' : 'posts.published_at';
  const after = decodeCursor(input?.cursor, `pf-${scope}`, CURSOR);
  const limit = pageLimit(input?.limit);
  let query = selectPosts(db).where('posts.tenant_id', '=', viewer.tenantId);
  if (scope === 'mine') query = query.where('posts.user_id', '=', viewer.userId);
  else query = query.where('posts.status', '=', 'published').where((eb) => visibleTo(eb, 'posts', viewer));
  if (scope === 'team') {
    const me = await db.selectFrom('users').select('team').where('id', '=', viewer.userId).executeTakeFirstOrThrow();
    query = query.where('users.team', '=', me.team);
  }
  if (after) {
    const [at, id] = after;
    query = query.where((eb) => eb.or([eb(column, '<', at), eb.and([eb(column, '=', at), eb('posts.id', '<', id)])]));
  }
  const rows = await query.orderBy(column, 'desc').orderBy('posts.id', 'desc').limit(limit + 1).execute();
  const { page, more } = takePage(rows, limit);
  const last = page.at(-1);
  const lastKey = last ? (scope === 'mine' ? last.updated_at : last.published_at!) : null;
  return { posts: await toPosts(db, viewer, page), nextCursor: more && last && lastKey ? encodeCursor(`pf-${scope}`, [lastKey, last.id]) : null };
}

/** Published posts about an item (plus the viewer's own drafts about it), newest first; others' hidden ones left out. */
export async function listPostsForItem(db: Kysely<Database>, viewer: AuthenticatedUser, input: z.output<typeof ListPostsForItemInput>): Promise<PostPage> {
  const after = decodeCursor(input.cursor, 'pi', CURSOR);
  const limit = pageLimit(input.limit);
  let query = selectPosts(db)
    .innerJoin('post_items', 'post_items.post_id', 'posts.id')
    .where('post_items.tenant_id', '=', viewer.tenantId)
    .where('post_items.item_key', '=', input.item)
    .where((eb) => eb.or([eb('posts.status', '=', 'published'), eb('posts.user_id', '=', viewer.userId)]))
    .where((eb) => visibleTo(eb, 'posts', viewer));
  if (after) {
    const [at, id] = after;
    query = query.where((eb) => eb.or([eb('posts.updated_at', '<', at), eb.and([eb('posts.updated_at', '=', at), eb('posts.id', '<', id)])]));
  }
  const rows = await query.orderBy('posts.updated_at', 'desc').orderBy('posts.id', 'desc').limit(limit + 1).execute();
  const { page, more } = takePage(rows, limit);
  const last = page.at(-1);
  return { posts: await toPosts(db, viewer, page), nextCursor: more && last ? encodeCursor('pi', [last.updated_at, last.id]) : null };
}
