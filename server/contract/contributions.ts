import { z } from 'zod';
import { Author, ContentId, ContentState, Cursor, learnerLine, learnerText, PageLimit } from './content';
import { ItemKeySchema as ItemKey } from './item-key-schema';
import { ClientWriteId, ItemTitle } from './ratings';

import {
  CONTRIBUTION_TEXT_MAX_LENGTH,
  CONTRIBUTION_TITLE_MAX_LENGTH,
  CONTRIBUTION_URL_MAX_LENGTH,
  POST_BODY_MAX_LENGTH,
  POST_ITEMS_MAX,
  POST_TITLE_MAX_LENGTH,
} from './limits';

export { CONTRIBUTION_TEXT_MAX_LENGTH, CONTRIBUTION_TITLE_MAX_LENGTH, CONTRIBUTION_URL_MAX_LENGTH, POST_BODY_MAX_LENGTH, POST_ITEMS_MAX, POST_TITLE_MAX_LENGTH };
/** Default largest upload; the server's `uploadLimitBytes` (env RIPPLE_UPLOAD_LIMIT_BYTES) changes it. */
export const DEFAULT_UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** Types an upload may have, decided from its bytes (never from its name or content-type). */
export const UploadType = z.enum(['pdf', 'png', 'jpeg', 'gif', 'webp', 'txt', 'csv', 'docx', 'xlsx', 'pptx']);
export type UploadType = z.infer<typeof UploadType>;

/** An absolute http(s) URL, at most 2000 characters. */
export const ContributionUrl = z
  .string()
  .trim()
  .max(CONTRIBUTION_URL_MAX_LENGTH)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'Must be an http(s) URL');

export const CreateContributionInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('link'),
    item: ItemKey,
    title: learnerLine(CONTRIBUTION_TITLE_MAX_LENGTH),
    url: ContributionUrl,
    /** Why it helps. */
    why: learnerText(CONTRIBUTION_TEXT_MAX_LENGTH).optional(),
    itemTitle: ItemTitle.optional(),
    clientId: ClientWriteId,
  }),
  z.object({
    kind: z.literal('tip'),
    item: ItemKey,
    text: learnerText(CONTRIBUTION_TEXT_MAX_LENGTH),
    itemTitle: ItemTitle.optional(),
    clientId: ClientWriteId,
  }),
]);
export type CreateContributionInput = z.input<typeof CreateContributionInput>;

export const Contribution = z.object({
  id: ContentId,
  item: ItemKey,
  kind: z.enum(['link', 'file', 'tip']),
  /** link: its title; file: its (sanitized) name; tip: null. */
  title: z.string().nullable(),
  /** link only. */
  url: z.string().nullable(),
  /** link: why it helps (or null); tip: the tip; file: null. */
  text: z.string().nullable(),
  /** file only: download with `GET /uploads/:id` and the bearer token. */
  file: z.object({ type: UploadType, size: z.number().int().min(0), downloadPath: z.string() }).nullable(),
  helpfulCount: z.number().int().min(0),
  votedByMe: z.boolean(),
  author: Author,
  isMine: z.boolean(),
  state: ContentState,
  createdAt: z.string(),
});
export type Contribution = z.infer<typeof Contribution>;

export const ListContributionsInput = z.object({
  item: ItemKey,
  cursor: Cursor.nullish(),
  limit: PageLimit.optional(),
});
export type ListContributionsInput = z.input<typeof ListContributionsInput>;

/** contributions.mine: the caller's own contributions on every item, newest first, in every state. */
export const ListMyContributionsInput = z.object({ cursor: Cursor.nullish(), limit: PageLimit.optional() }).optional();
export type ListMyContributionsInput = z.input<typeof ListMyContributionsInput>;

export const ContributionPage = z.object({
  contributions: z.array(Contribution),
  nextCursor: z.string().nullable(),
});
export type ContributionPage = z.infer<typeof ContributionPage>;

export const ContributionVoteInput = z.object({ id: ContentId, helpful: z.boolean(), clientId: ClientWriteId });
export const DeleteContributionInput = z.object({ id: ContentId, clientId: ClientWriteId });
export const DeletedResult = z.object({ id: ContentId, deleted: z.literal(true) });

export const SetFollowInput = z.object({ item: ItemKey, following: z.boolean() });
export const FollowState = z.object({ item: ItemKey, following: z.boolean() });

export const NotificationKind = z.enum(['reply', 'helpful-vote', 'new-review', 'new-comment', 'new-contribution']);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const Notification = z.object({
  id: ContentId,
  kind: NotificationKind,
  item: ItemKey.nullable(),
  itemTitle: z.string().nullable(),
  /** What it is about: `review`, `comment` or `contribution`, and its id. */
  target: z.object({ kind: z.enum(['review', 'comment', 'contribution']), id: ContentId }),
  /** Who did it (pseudonym under the tenant's policy); null when no longer known. */
  actor: Author.nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof Notification>;

export const ListNotificationsInput = z.object({ cursor: Cursor.nullish(), limit: PageLimit.optional() }).optional();
export const NotificationPage = z.object({ notifications: z.array(Notification), nextCursor: z.string().nullable() });
export type NotificationPage = z.infer<typeof NotificationPage>;

export const MarkReadInput = z.union([
  z.object({ ids: z.array(ContentId).min(1).max(100) }),
  z.object({ all: z.literal(true) }),
]);
export type MarkReadInput = z.infer<typeof MarkReadInput>;


export const PostStatus = z.enum(['draft', 'published']);
export type PostStatus = z.infer<typeof PostStatus>;

const PostFields = {
  title: learnerLine(POST_TITLE_MAX_LENGTH),
  /** Markdown source, stored as written (line endings normalised). */
  body: learnerText(POST_BODY_MAX_LENGTH),
  /** Items the post is about (deduplicated, order kept). */
  items: z.array(ItemKey).max(POST_ITEMS_MAX).default([]),
  status: PostStatus.default('published'),
};

export const CreatePostInput = z.object({ ...PostFields, clientId: ClientWriteId });
export type CreatePostInput = z.input<typeof CreatePostInput>;
export const UpdatePostInput = z.object({
  id: ContentId,
  title: PostFields.title.optional(),
  body: PostFields.body.optional(),
  items: z.array(ItemKey).max(POST_ITEMS_MAX).optional(),
  status: PostStatus.optional(),
  clientId: ClientWriteId,
});
export type UpdatePostInput = z.input<typeof UpdatePostInput>;

export const Post = z.object({
  id: ContentId,
  title: z.string(),
  body: z.string(),
  items: z.array(ItemKey),
  /** The same items with the titles the LMS gives them (null when no learner's page told it yet). */
  about: z.array(z.object({ item: ItemKey, title: z.string().nullable() })),
  status: PostStatus,
  author: Author,
  isMine: z.boolean(),
  /** Moderation: only the author (and moderators) receive a post that is not `visible`. */
  state: ContentState,
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type Post = z.infer<typeof Post>;

export const PostPage = z.object({ posts: z.array(Post), nextCursor: z.string().nullable() });
export type PostPage = z.infer<typeof PostPage>;

export const ListPostsForItemInput = z.object({ item: ItemKey, cursor: Cursor.nullish(), limit: PageLimit.optional() });
/**
 * `company` (default): published posts of everyone in the company (tenant), own included;
 * `team`: those by the learner's team (own included); `mine`: the learner's own, drafts included.
 */
export const FeedInput = z
  .object({ scope: z.enum(['company', 'team', 'mine']).default('company'), cursor: Cursor.nullish(), limit: PageLimit.optional() })
  .optional();
