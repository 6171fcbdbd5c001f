import { z } from 'zod';
import { Author, ContentId, ContentState, Cursor, learnerText, PageLimit } from './content';
import { ItemKeySchema as ItemKey } from './item-key-schema';
import { ClientWriteId, ItemTitle } from './ratings';

export const COMMENT_BODY_MAX_LENGTH = 10_000;
/** Replies delivered with each comment by `comments.list`; `comments.replies` pages the rest. */
export const REPLIES_PER_THREAD = 20;

/** Markdown source, stored as written (line endings normalised); never HTML from the server. */
export const CommentBody = learnerText(COMMENT_BODY_MAX_LENGTH);

export const CreateCommentInput = z.object({
  item: ItemKey,
  /** A top-level comment of the same item to reply to; absent/null for a new thread. */
  parentId: ContentId.nullish(),
  body: CommentBody,
  itemTitle: ItemTitle.optional(),
  clientId: ClientWriteId,
});
export type CreateCommentInput = z.input<typeof CreateCommentInput>;

export const EditCommentInput = z.object({
  id: ContentId,
  body: CommentBody,
  clientId: ClientWriteId,
});
export type EditCommentInput = z.input<typeof EditCommentInput>;

export const DeleteCommentInput = z.object({
  id: ContentId,
  clientId: ClientWriteId,
});
export type DeleteCommentInput = z.infer<typeof DeleteCommentInput>;

export const CommentSort = z.enum(['top', 'newest']);
export type CommentSort = z.infer<typeof CommentSort>;

export const ListCommentsInput = z.object({
  item: ItemKey,
  /** top (default): most helpful first, then newest; newest. Replies are always oldest first. */
  sort: CommentSort.default('top'),
  cursor: Cursor.nullish(),
  limit: PageLimit.optional(),
});
export type ListCommentsInput = z.input<typeof ListCommentsInput>;

export const ListRepliesInput = z.object({
  parentId: ContentId,
  cursor: Cursor.nullish(),
  limit: PageLimit.optional(),
});
export type ListRepliesInput = z.input<typeof ListRepliesInput>;

export const Comment = z.object({
  id: ContentId,
  item: ItemKey,
  /** The top-level comment this replies to; null for a top-level comment. */
  parentId: ContentId.nullable(),
  /** Markdown source; null when deleted. */
  body: z.string().nullable(),
  /** Soft-deleted: a placeholder kept so the thread's replies stay readable. */
  deleted: z.boolean(),
  /** ISO-8601 of the author's last edit; null if never edited. */
  editedAt: z.string().nullable(),
  helpfulCount: z.number().int().min(0),
  votedByMe: z.boolean(),
  /** Null when deleted. */
  author: Author.nullable(),
  isMine: z.boolean(),
  state: ContentState,
  createdAt: z.string(),
});
export type Comment = z.infer<typeof Comment>;

export const CommentThread = Comment.extend({
  /** The first replies, oldest first (at most REPLIES_PER_THREAD). */
  replies: z.array(Comment),
  /** More replies than `replies` holds: page them with `comments.replies`. */
  hasMoreReplies: z.boolean(),
});
export type CommentThread = z.infer<typeof CommentThread>;

export const CommentPage = z.object({
  comments: z.array(CommentThread),
  nextCursor: z.string().nullable(),
});
export type CommentPage = z.infer<typeof CommentPage>;

export const ReplyPage = z.object({
  replies: z.array(Comment),
  nextCursor: z.string().nullable(),
});
export type ReplyPage = z.infer<typeof ReplyPage>;
