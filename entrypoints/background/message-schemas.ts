import { z } from 'zod';
import { ItemKeySchema } from '../../server/contract/item-key-schema';
import { MAX_ITEMS_PER_REQUEST, ItemTitle } from '../../server/contract/ratings';
import { DisplayName, TeamName } from '../../server/contract/auth';
import { ReviewSort, REVIEW_TEXT_MAX_LENGTH, REVIEW_TITLE_MAX_LENGTH } from '../../server/contract/reviews';
import { CommentSort, COMMENT_BODY_MAX_LENGTH } from '../../server/contract/comments';
import { ContentId, ContentKind, Cursor } from '../../server/contract/content';
import { ReportReason, REPORT_NOTE_MAX_LENGTH } from '../../server/contract/moderation';
import {
  CONTRIBUTION_TEXT_MAX_LENGTH,
  CONTRIBUTION_TITLE_MAX_LENGTH,
  CONTRIBUTION_URL_MAX_LENGTH,
  POST_BODY_MAX_LENGTH,
  POST_ITEMS_MAX,
  POST_TITLE_MAX_LENGTH,
} from '../../server/contract/contributions';
import type { MessageType } from './protocol';

/**
 * The largest file a page may hand over, as base64: well above the server's default 10 MB limit
 * (admins may raise it; the server refuses what is over its own), under Chrome's 64 MiB message cap.
 */
export const MAX_UPLOAD_BASE64_LENGTH = 48 * 1024 * 1024;

/** Receipt-side validation of every protocol message: pages are not trusted to send good data. */
const items = z.object({ items: z.array(ItemKeySchema).min(1).max(MAX_ITEMS_PER_REQUEST) });
const pageContext = z.object({
  lms: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
  site: z.string().min(1).max(300),
  kind: z.enum(['course', 'section', 'activity', 'listing', 'dashboard', 'other']),
  item: ItemKeySchema.optional(),
});
const empty = z.object({}).strict();

export const messageSchemas = {
  'summaries.cached': items,
  'summaries.fresh': items.extend({ page: pageContext.optional() }),
  'signals.record': z.object({
    events: z
      .array(z.object({ item: ItemKeySchema, kind: z.enum(['view', 'complete']), itemTitle: ItemTitle.optional() }))
      .min(1)
      .max(MAX_ITEMS_PER_REQUEST),
  }),
  'signals.setPaused': z.object({ paused: z.boolean() }),
  'rating.set': z.object({ item: ItemKeySchema, stars: z.number().int().min(1).max(5), title: ItemTitle.optional() }),
  // Text limits are checked again by the server, which also refuses control characters.
  'reviews.list': z.object({ item: ItemKeySchema, sort: ReviewSort, cursor: Cursor.optional() }),
  'reviews.upsert': z.object({
    item: ItemKeySchema,
    stars: z.number().int().min(1).max(5),
    title: z.string().max(REVIEW_TITLE_MAX_LENGTH).optional(),
    text: z.string().max(REVIEW_TEXT_MAX_LENGTH),
    completed: z.boolean(),
    itemTitle: ItemTitle.optional(),
  }),
  'reviews.delete': z.object({ item: ItemKeySchema }),
  'comments.list': z.object({ item: ItemKeySchema, sort: CommentSort, cursor: Cursor.optional() }),
  'comments.replies': z.object({ parentId: ContentId, cursor: Cursor.optional() }),
  'comments.create': z.object({
    item: ItemKeySchema,
    parentId: ContentId.optional(),
    body: z.string().max(COMMENT_BODY_MAX_LENGTH),
    itemTitle: ItemTitle.optional(),
  }),
  'comments.edit': z.object({ id: ContentId, body: z.string().max(COMMENT_BODY_MAX_LENGTH) }),
  'comments.delete': z.object({ id: ContentId }),
  'content.vote': z.object({ kind: z.enum(['review', 'comment', 'contribution']), id: ContentId, helpful: z.boolean() }),
  'contributions.list': z.object({ item: ItemKeySchema, cursor: Cursor.optional() }),
  'contributions.mine': z.object({ cursor: Cursor.optional() }),
  'contributions.create': z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('link'),
      item: ItemKeySchema,
      title: z.string().max(CONTRIBUTION_TITLE_MAX_LENGTH),
      url: z.string().max(CONTRIBUTION_URL_MAX_LENGTH),
      why: z.string().max(CONTRIBUTION_TEXT_MAX_LENGTH).optional(),
      itemTitle: ItemTitle.optional(),
    }),
    z.object({ kind: z.literal('tip'), item: ItemKeySchema, text: z.string().max(CONTRIBUTION_TEXT_MAX_LENGTH), itemTitle: ItemTitle.optional() }),
  ]),
  'contributions.upload': z.object({ item: ItemKeySchema, name: z.string().min(1).max(255), base64: z.string().min(1).max(MAX_UPLOAD_BASE64_LENGTH) }),
  'contributions.download': z.object({ id: ContentId }),
  'contributions.delete': z.object({ id: ContentId }),
  'posts.forItem': z.object({ item: ItemKeySchema, cursor: Cursor.optional() }),
  'posts.feed': z.object({ scope: z.enum(['company', 'team', 'mine']), cursor: Cursor.optional() }),
  'posts.save': z.object({
    id: ContentId.optional(),
    title: z.string().max(POST_TITLE_MAX_LENGTH),
    body: z.string().max(POST_BODY_MAX_LENGTH),
    items: z.array(ItemKeySchema).max(POST_ITEMS_MAX),
    status: z.enum(['draft', 'published']),
  }),
  'posts.delete': z.object({ id: ContentId }),
  'follows.get': z.object({ item: ItemKeySchema }),
  'follows.set': z.object({ item: ItemKeySchema, following: z.boolean() }),
  'notifications.list': z.object({ cursor: Cursor.optional() }),
  'notifications.unread': empty,
  'notifications.markRead': z.union([z.object({ ids: z.array(ContentId).min(1).max(100) }).strict(), z.object({ all: z.literal(true) }).strict()]),
  'items.urls': z.object({ items: z.array(ItemKeySchema).max(MAX_ITEMS_PER_REQUEST) }),
  'items.recent': z.object({}),
  'me.export': empty,
  'me.deleteAccount': z.object({ confirm: z.literal(true) }),
  'content.report': z.object({ kind: ContentKind, id: ContentId, reason: ReportReason, note: z.string().max(REPORT_NOTE_MAX_LENGTH).optional() }),
  'content.moderate': z.object({ kind: ContentKind, id: ContentId, action: z.enum(['hide', 'restore', 'delete']) }),
  'moderation.queue': z.object({ cursor: Cursor.optional() }),
  'session.role': empty,
  'drafts.get': z.object({ key: z.string().max(700) }),
  'drafts.set': z.object({ key: z.string().max(700), text: z.string().max(COMMENT_BODY_MAX_LENGTH), title: z.string().max(REVIEW_TITLE_MAX_LENGTH).optional() }),
  'page.item': z.object({ key: ItemKeySchema, title: z.string().max(500), completed: z.boolean() }),
  'panel.open': empty,
  'panel.load': empty,
  'panel.current': z.object({ tabId: z.number().int().min(0) }),
  'session.get': empty,
  'session.signIn': z.object({ serverUrl: z.string().max(2048), displayName: DisplayName, team: TeamName }),
  'session.signOut': empty,
  'session.signInSso': empty,
} satisfies Record<MessageType, z.ZodType>;

/** Messages only the extension's own pages may send, never a content script in an LMS page. */
export const extensionPageOnly: ReadonlySet<MessageType> = new Set([
  'session.get',
  'session.signIn',
  'session.signOut',
  'panel.current',
  'signals.setPaused',
  'session.signInSso',
  // Where the learner has been, the learner's whole data and the account: extension pages only.
  'items.urls',
  'items.recent',
  'moderation.queue',
  'me.export',
  'me.deleteAccount',
]);

export const envelopeSchema = z.object({
  ripple: z.literal(1),
  type: z.enum(Object.keys(messageSchemas) as [MessageType, ...MessageType[]]),
  data: z.unknown(),
});
