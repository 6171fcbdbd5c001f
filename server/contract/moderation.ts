import { z } from 'zod';
import { Author, ContentId, ContentKind, ContentState, Cursor, learnerLine, PageLimit } from './content';
import { ItemKeySchema as ItemKey } from './item-key-schema';
import { ClientWriteId } from './ratings';

export const REPORT_NOTE_MAX_LENGTH = 500;

export const ReportReason = z.enum(['spam', 'abuse', 'off-topic', 'other']);
export type ReportReason = z.infer<typeof ReportReason>;

export const ModerationNote = learnerLine(REPORT_NOTE_MAX_LENGTH);

/**
 * Any learner reports a review, comment, contribution or post they can see (not their own) once;
 * the tenant's threshold of reports hides it (`pending`) until a moderator acts.
 */
export const ReportInput = z.object({
  kind: ContentKind,
  id: ContentId,
  reason: ReportReason,
  note: ModerationNote.nullish(),
  clientId: ClientWriteId,
});
export type ReportInput = z.input<typeof ReportInput>;

export const ReportResult = z.object({
  kind: ContentKind,
  id: ContentId,
  reportedByMe: z.literal(true),
});
export type ReportResult = z.infer<typeof ReportResult>;

/**
 * moderation.hide / restore / delete, of any kind. Restoring visible content dismisses its open
 * reports. Deleting removes a review, contribution (with its file when no other uses it) or post,
 * and leaves a comment's placeholder.
 */
export const ModerateInput = z.object({
  kind: ContentKind,
  id: ContentId,
  note: ModerationNote.nullish(),
  clientId: ClientWriteId,
});
export type ModerateInput = z.input<typeof ModerateInput>;

export const ModerateResult = z.object({
  kind: ContentKind,
  id: ContentId,
  /** After the action; deleted content no longer exists (or is a comment placeholder): `deleted: true`. */
  state: ContentState,
  deleted: z.boolean(),
});
export type ModerateResult = z.infer<typeof ModerateResult>;

export const PageInput = z.object({
  cursor: Cursor.nullish(),
  limit: PageLimit.optional(),
});
export type PageInput = z.input<typeof PageInput>;

export const ReasonCounts = z.object({
  spam: z.number().int().min(0),
  abuse: z.number().int().min(0),
  'off-topic': z.number().int().min(0),
  other: z.number().int().min(0),
});
export type ReasonCounts = z.infer<typeof ReasonCounts>;

/** Content with open (not yet handled) reports, most recently reported first. */
export const QueueEntry = z.object({
  kind: ContentKind,
  id: ContentId,
  /** The item it is on; for a post, the first item it is about (null when about none). */
  item: ItemKey.nullable(),
  state: ContentState,
  /** Review title (if any), link title, file name, or post title. */
  title: z.string().nullable(),
  /** Review text, comment or post markdown source, tip, or why a link helps ('' when none). */
  body: z.string(),
  /** Link contributions only: where it points. */
  url: z.string().nullable(),
  /** Reviews only. */
  stars: z.number().int().min(1).max(5).nullable(),
  /** Comments only: the comment it replies to. */
  parentId: ContentId.nullable(),
  author: Author,
  openReports: z.number().int().min(1),
  reasons: ReasonCounts,
  /** Notes of the open reports, newest first (at most 5). */
  notes: z.array(z.string()),
  lastReportedAt: z.string(),
  createdAt: z.string(),
});
export type QueueEntry = z.infer<typeof QueueEntry>;

export const QueuePage = z.object({
  entries: z.array(QueueEntry),
  nextCursor: z.string().nullable(),
});
export type QueuePage = z.infer<typeof QueuePage>;

export const ModerationAction = z.enum(['auto-hide', 'hide', 'restore', 'delete']);
export type ModerationAction = z.infer<typeof ModerationAction>;

export const AuditEntry = z.object({
  /** Increasing: newer entries have larger ids. */
  id: z.number().int(),
  kind: ContentKind,
  targetId: ContentId,
  /** As QueueEntry.item: null for a post about no item. */
  item: ItemKey.nullable(),
  action: ModerationAction,
  /** The moderator (display name, never a pseudonym); null for an automatic hide. */
  actor: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  nextCursor: z.string().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;
