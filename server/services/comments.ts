import { randomUUID } from 'node:crypto';
import { notifyNewComment } from './notifications';
import { TRPCError } from '@trpc/server';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import {
  REPLIES_PER_THREAD,
  type Comment,
  type CommentPage,
  type CommentSort,
  type CommentThread,
  type CreateCommentInput as CreateCommentSchema,
  type DeleteCommentInput,
  type EditCommentInput as EditCommentSchema,
  type HelpfulVoteResult,
  type ListCommentsInput as ListCommentsSchema,
  type ListRepliesInput as ListRepliesSchema,
  type ReplyPage,
  type VoteInput,
} from '../contract';
import type { CommentsTable, Database } from '../db/schema';
import { authorOf } from './authors';
import { canSee, isPublic, notFound, resolveReports, visibleTo } from './content';
import { afterKey, decodeCursor, encodeCursor, pageLimit, takePage, type SortKey } from './pagination';
import { applyContentCountDelta, lockItem, setItemTitle } from './ratings';
import { getTenantSettings } from './tenant-settings';
import { publishAfter } from '../live';
import type { AuthenticatedUser } from './users';
import { castHelpfulVote, currentVote, votedByViewer } from './votes';
import { runLearnerWrite, type RateLimits } from './writes';

type CreateComment = z.output<typeof CreateCommentSchema>;
type EditComment = z.output<typeof EditCommentSchema>;
type ListComments = z.output<typeof ListCommentsSchema>;
type ListReplies = z.output<typeof ListRepliesSchema>;
type CommentRow = CommentsTable & { display_name: string };

/**
 * Starts a thread on an item, or replies to one. Replies go one level deep: the parent must be a
 * top-level comment of the same item that the author can see and that is not deleted.
 */
export async function createComment(db: Kysely<Database>, actor: AuthenticatedUser, limits: RateLimits, input: CreateComment): Promise<Comment> {
  return publishAfter(db, actor.tenantId, input.item, 'comment', () =>
    runLearnerWrite(
    db,
    actor,
    { kind: 'comment.create', clientId: input.clientId, limits },
    async (trx, now) => {
      await lockItem(trx, actor.tenantId, input.item, now);
      if (input.itemTitle !== undefined) await setItemTitle(trx, actor.tenantId, input.item, input.itemTitle, now);
      const parentId = input.parentId ?? null;
      if (parentId !== null) {
        const parent = await trx
          .selectFrom('comments')
          .select(['item_key', 'parent_id', 'deleted', 'state', 'user_id'])
          .where('tenant_id', '=', actor.tenantId)
          .where('id', '=', parentId)
          .executeTakeFirst();
        if (!parent || parent.deleted === 1 || !canSee(actor, parent)) throw notFound('comment');
        if (parent.item_key !== input.item) {
          throw new TRPCError({ code: 'BAD_REQUEST', message: 'The comment replied to belongs to another item' });
        }
        if (parent.parent_id !== null) {
          throw new TRPCError({ code: 'BAD_REQUEST', message: 'Replies go one level deep: reply to the comment that started the thread' });
        }
      }
      const id = randomUUID();
      await trx
        .insertInto('comments')
        .values({
          id,
          tenant_id: actor.tenantId,
          item_key: input.item,
          user_id: actor.userId,
          parent_id: parentId,
          body: input.body,
          deleted: 0,
          state: 'visible',
          helpful_count: 0,
          reply_count: 0,
          open_report_count: 0,
          last_reported_at: null,
          created_at: now,
          updated_at: now,
          edited_at: null,
          deleted_at: null,
        })
        .execute();
      if (parentId !== null) await changeReplyCount(trx, actor.tenantId, parentId, 1);
      await applyContentCountDelta(trx, actor.tenantId, input.item, { comments: 1 });
      // The parent's author hears of the reply, the item's followers of the comment.
      await notifyNewComment(trx, actor, { id, item: input.item, parentId }, now);
      return { targetId: id, result: await readBack(trx, actor, id) };
    },
    (trx, id) => readBack(trx, actor, id),
  ));
}

/** The author changes their comment's text; it is marked edited. Deleted comments are gone. */
export async function editComment(db: Kysely<Database>, actor: AuthenticatedUser, limits: RateLimits, input: EditComment): Promise<Comment> {
  return publishAfter(db, actor.tenantId, (comment) => comment.item, 'comment', () =>
    runLearnerWrite(
    db,
    actor,
    { kind: 'comment.edit', clientId: input.clientId, limits },
    async (trx, now) => {
      const comment = await ownComment(trx, actor, input.id);
      if (comment.deleted === 1) throw notFound('comment');
      await trx
        .updateTable('comments')
        .set({ body: input.body, edited_at: now, updated_at: now })
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', input.id)
        .execute();
      return { targetId: input.id, result: await readBack(trx, actor, input.id) };
    },
    (trx, id) => readBack(trx, actor, id),
  ));
}

/** The author deletes their comment: a placeholder stays so its replies keep their thread. */
export async function deleteOwnComment(
  db: Kysely<Database>,
  actor: AuthenticatedUser,
  limits: RateLimits,
  input: DeleteCommentInput,
): Promise<Comment> {
  return publishAfter(db, actor.tenantId, (comment) => comment.item, 'comment', () =>
    runLearnerWrite(
    db,
    actor,
    { kind: 'comment.delete', clientId: input.clientId, limits },
    async (trx, now) => {
      const comment = await ownComment(trx, actor, input.id);
      // Deleting what is already deleted (another device got there first) changes nothing.
      if (comment.deleted === 0) await softDeleteComment(trx, actor.tenantId, comment, now);
      return { targetId: input.id, result: await readBack(trx, actor, input.id) };
    },
    (trx, id) => readBack(trx, actor, id),
  ));
}

async function ownComment(trx: Transaction<Database>, actor: AuthenticatedUser, id: string) {
  const comment = await trx.selectFrom('comments').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
  if (!comment || !canSee(actor, comment)) throw notFound('comment');
  if (comment.user_id !== actor.userId) throw new TRPCError({ code: 'FORBIDDEN', message: 'Only the author can change a comment' });
  return comment;
}

/**
 * Soft delete (by its author or a moderator): text gone, row kept as a placeholder; the item's
 * public count, the parent's reply count and open reports follow, in the caller's transaction.
 */
export async function softDeleteComment(
  trx: Transaction<Database>,
  tenantId: string,
  comment: Pick<CommentsTable, 'id' | 'item_key' | 'parent_id' | 'state' | 'deleted'>,
  now: string,
): Promise<void> {
  await lockItem(trx, tenantId, comment.item_key, now);
  await trx
    .updateTable('comments')
    .set({ body: null, deleted: 1, deleted_at: now, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', comment.id)
    .execute();
  await resolveReports(trx, tenantId, 'comment', comment.id);
  if (comment.parent_id !== null) await changeReplyCount(trx, tenantId, comment.parent_id, -1);
  if (isPublic(comment)) await applyContentCountDelta(trx, tenantId, comment.item_key, { comments: -1 });
}

async function changeReplyCount(trx: Transaction<Database>, tenantId: string, parentId: string, change: number) {
  await trx
    .updateTable('comments')
    .set((eb) => ({ reply_count: eb('reply_count', '+', change) }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', parentId)
    .execute();
}

async function readBack(trx: Transaction<Database>, viewer: AuthenticatedUser, id: string): Promise<Comment> {
  const row = await selectComments(trx).where('comments.tenant_id', '=', viewer.tenantId).where('comments.id', '=', id).executeTakeFirst();
  if (!row) throw new Error(`Comment ${id} vanished`);
  const [comment] = await toComments(trx, viewer, [row]);
  return comment!;
}

const SORTS: Record<CommentSort, { tag: string; keys: SortKey[]; shape: z.ZodTuple }> = {
  top: {
    tag: 'ct',
    keys: [
      { column: 'comments.helpful_count', direction: 'desc' },
      { column: 'comments.created_at', direction: 'desc' },
      { column: 'comments.id', direction: 'desc' },
    ],
    shape: z.tuple([z.number().int(), z.string(), z.string()]),
  },
  newest: {
    tag: 'cn',
    keys: [
      { column: 'comments.created_at', direction: 'desc' },
      { column: 'comments.id', direction: 'desc' },
    ],
    shape: z.tuple([z.string(), z.string()]),
  },
};

const REPLY_KEYS: SortKey[] = [
  { column: 'comments.created_at', direction: 'asc' },
  { column: 'comments.id', direction: 'asc' },
];
const REPLY_CURSOR = z.tuple([z.string(), z.string()]);

/**
 * One page of an item's threads: top-level comments in the chosen order, each with its first
 * replies (oldest first). Left out: others' hidden or pending comments (with their replies), and
 * deleted comments with no replies left. Deleted comments with replies appear as placeholders.
 */
export async function listComments(db: Kysely<Database>, viewer: AuthenticatedUser, input: ListComments): Promise<CommentPage> {
  const sort = SORTS[input.sort];
  const after = decodeCursor(input.cursor, sort.tag, sort.shape);
  const limit = pageLimit(input.limit);
  let query = selectComments(db)
    .where('comments.tenant_id', '=', viewer.tenantId)
    .where('comments.item_key', '=', input.item)
    .where('comments.parent_id', 'is', null)
    .where((eb) => eb.or([eb('comments.deleted', '=', 0), eb('comments.reply_count', '>', 0)]))
    .where((eb) => visibleTo(eb, 'comments', viewer));
  if (after) query = query.where((eb) => afterKey(eb, sort.keys, after as (string | number)[]));
  for (const key of sort.keys) query = query.orderBy(key.column as 'comments.id', key.direction);
  const rows = await query.limit(limit + 1).execute();
  const { page, more } = takePage(rows, limit);

  const replyRows = await firstReplies(db, viewer, page.map((row) => row.id));
  const all = await toComments(db, viewer, [...page, ...replyRows]);
  const byId = new Map(all.map((comment) => [comment.id, comment]));
  const threads: CommentThread[] = page.map((row) => {
    const replies = replyRows.filter((reply) => reply.parent_id === row.id).map((reply) => byId.get(reply.id)!);
    return { ...byId.get(row.id)!, replies: replies.slice(0, REPLIES_PER_THREAD), hasMoreReplies: replies.length > REPLIES_PER_THREAD };
  });
  const last = page.at(-1);
  const nextCursor = more && last ? encodeCursor(sort.tag, input.sort === 'top' ? [last.helpful_count, last.created_at, last.id] : [last.created_at, last.id]) : null;
  return { comments: threads, nextCursor };
}

/** Up to REPLIES_PER_THREAD + 1 visible replies of each parent, oldest first (one query). */
async function firstReplies(db: Kysely<Database>, viewer: AuthenticatedUser, parentIds: string[]): Promise<CommentRow[]> {
  if (parentIds.length === 0) return [];
  const ranked = selectComments(db)
    .select((eb) =>
      eb.fn
        .agg<number>('row_number')
        .over((over) => over.partitionBy('comments.parent_id').orderBy('comments.created_at').orderBy('comments.id'))
        .as('reply_rank'),
    )
    .where('comments.tenant_id', '=', viewer.tenantId)
    .where('comments.parent_id', 'in', parentIds)
    .where('comments.deleted', '=', 0)
    .where((eb) => visibleTo(eb, 'comments', viewer));
  const rows = await db
    .selectFrom(ranked.as('ranked'))
    .selectAll()
    .where('reply_rank', '<=', REPLIES_PER_THREAD + 1)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(({ reply_rank: _rank, ...row }) => row);
}

/** The replies of one thread after its first ones, oldest first. */
export async function listReplies(db: Kysely<Database>, viewer: AuthenticatedUser, input: ListReplies): Promise<ReplyPage> {
  const parent = await db
    .selectFrom('comments')
    .select(['parent_id', 'state', 'user_id'])
    .where('tenant_id', '=', viewer.tenantId)
    .where('id', '=', input.parentId)
    .executeTakeFirst();
  if (!parent || parent.parent_id !== null || !canSee(viewer, parent)) throw notFound('comment');
  const after = decodeCursor(input.cursor, 'cr', REPLY_CURSOR);
  const limit = pageLimit(input.limit);
  let query = selectComments(db)
    .where('comments.tenant_id', '=', viewer.tenantId)
    .where('comments.parent_id', '=', input.parentId)
    .where('comments.deleted', '=', 0)
    .where((eb) => visibleTo(eb, 'comments', viewer));
  if (after) query = query.where((eb) => afterKey(eb, REPLY_KEYS, after));
  const rows = await query.orderBy('comments.created_at').orderBy('comments.id').limit(limit + 1).execute();
  const { page, more } = takePage(rows, limit);
  const last = page.at(-1);
  return { replies: await toComments(db, viewer, page), nextCursor: more && last ? encodeCursor('cr', [last.created_at, last.id]) : null };
}

function selectComments(db: Kysely<Database>) {
  return db.selectFrom('comments').innerJoin('users', 'users.id', 'comments.user_id').selectAll('comments').select('users.display_name');
}

async function toComments(db: Kysely<Database>, viewer: AuthenticatedUser, rows: CommentRow[]): Promise<Comment[]> {
  if (rows.length === 0) return [];
  const settings = await getTenantSettings(db, viewer.tenantId);
  const voted = await votedByViewer(db, viewer, 'comment', rows.map((row) => row.id));
  return rows.map((row) => {
    const deleted = row.deleted === 1;
    return {
      id: row.id,
      item: row.item_key,
      parentId: row.parent_id,
      body: deleted ? null : row.body,
      deleted,
      editedAt: deleted ? null : row.edited_at,
      helpfulCount: row.helpful_count,
      votedByMe: voted.has(row.id),
      author: deleted ? null : authorOf(settings, row.user_id, row.display_name),
      isMine: row.user_id === viewer.userId,
      state: row.state,
      createdAt: row.created_at,
    };
  });
}

/** Marks a comment helpful (or takes the vote back). Never one's own: FORBIDDEN. */
export async function voteComment(db: Kysely<Database>, actor: AuthenticatedUser, limits: RateLimits, input: VoteInput): Promise<HelpfulVoteResult> {
  return runLearnerWrite(
    db,
    actor,
    { kind: 'comment.vote', clientId: input.clientId, limits },
    async (trx, now) => ({ targetId: input.id, result: await castHelpfulVote(trx, actor, 'comment', input.id, input.helpful, now) }),
    (trx, id) => currentVote(trx, actor, 'comment', id),
  );
}
