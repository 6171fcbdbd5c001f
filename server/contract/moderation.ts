import { z } from 'zod';
import { Author, ContentId, ContentKind, ContentState, Cursor, learnerLine, PageLimit } from './content';
import { ItemKeySchema as ItemKey } from './item-key-schema';
import { ClientWriteId } from './ratings';

export const REPORT_NOTE_MAX_LENGTH = 500;

export const ReportReason = z.enum(['spam', 'abuse', 'off-topic', 'other']);
export type ReportReason = z.infer<typeof ReportReason>;

export const ModerationNote = learnerLine(REPORT_NOTE_MAX_LENGTH);

/** Any learner reports a review or comment once; the tenant's threshold of reports hides it. */
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

/** moderation.hide / restore / delete. Restoring visible content dismisses its open reports. */
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
  /** After the action; a deleted review no longer exists and reads `deleted: true`. */
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
  item: ItemKey,
  state: ContentState,
  /** Review title, if any. */
  title: z.string().nullable(),
  /** Review text or comment markdown source. */
  body: z.string(),
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
  item: ItemKey,
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
