import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type {
  AuditPage,
  ContentKind,
  ModerateInput as ModerateSchema,
  ModerateResult,
  PageInput as PageSchema,
  QueueEntry,
  QueuePage,
  ReportInput as ReportSchema,
  ReportResult,
} from '../contract';
import type { Database } from '../db/schema';
import { authorOf } from './authors';
import { canSee, findContent, isPublic, logModeration, notFound, resolveReports, type ContentRow } from './content';
import { softDeleteComment } from './comments';
import { afterKey, decodeCursor, encodeCursor, pageLimit, takePage, type SortKey } from './pagination';
import { applyContentCountDelta, lockItem } from './ratings';
import { removeReview } from './reviews';
import { getTenantSettings } from './tenant-settings';
import type { AuthenticatedUser } from './users';
import { runLearnerWrite, type RateLimits } from './writes';

type Report = z.output<typeof ReportSchema>;
type Moderate = z.output<typeof ModerateSchema>;
type Page = z.output<typeof PageSchema>;
export type ModerationVerb = 'hide' | 'restore' | 'delete';

const TABLES = { review: 'reviews', comment: 'comments' } as const;
const countKey = (kind: ContentKind) => (kind === 'review' ? 'reviews' : 'comments');

/**
 * A learner reports a review or comment they can see (not their own), once. When the content's
 * open reports reach the tenant's threshold it is hidden as `pending` for a moderator, and the
 * automatic hide is written to the audit log.
 */
export async function reportContent(db: Kysely<Database>, actor: AuthenticatedUser, limits: RateLimits, input: Report): Promise<ReportResult> {
  return runLearnerWrite(
    db,
    actor,
    { kind: 'report', clientId: input.clientId, limits },
    async (trx, now) => {
      const target = await findContent(trx, actor.tenantId, input.kind, input.id);
      if (!target || target.deleted || !canSee(actor, target)) throw notFound(input.kind);
      if (target.user_id === actor.userId) {
        throw new TRPCError({ code: 'FORBIDDEN', message: `You cannot report your own ${input.kind}` });
      }
      const inserted = await trx
        .insertInto('content_reports')
        .values({
          id: randomUUID(),
          tenant_id: actor.tenantId,
          target_kind: input.kind,
          target_id: input.id,
          user_id: actor.userId,
          reason: input.reason,
          note: input.note ?? null,
          resolved: 0,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'target_kind', 'target_id', 'user_id']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
        throw new TRPCError({ code: 'CONFLICT', message: `You have already reported this ${input.kind}` });
      }

      await lockItem(trx, actor.tenantId, target.item_key, now);
      const counted = await trx
        .updateTable(TABLES[input.kind])
        .set((eb) => ({ open_report_count: eb('open_report_count', '+', 1), last_reported_at: now }))
        .where('tenant_id', '=', actor.tenantId)
        .where('id', '=', input.id)
        .returning(['open_report_count', 'state'])
        .executeTakeFirstOrThrow();
      const { reportThreshold } = await getTenantSettings(trx, actor.tenantId);
      if (counted.state === 'visible' && counted.open_report_count >= reportThreshold) {
        await setState(trx, actor.tenantId, target, 'pending');
        await logModeration(trx, {
          tenantId: actor.tenantId,
          kind: input.kind,
          targetId: input.id,
          item: target.item_key,
          action: 'auto-hide',
          actorId: null,
          note: `${counted.open_report_count} reports`,
          now,
        });
      }
      return { targetId: input.id, result: { kind: input.kind, id: input.id, reportedByMe: true as const } };
    },
    async () => ({ kind: input.kind, id: input.id, reportedByMe: true as const }),
  );
}

/** Changes the state and keeps the item's public count right. The caller holds the item lock. */
async function setState(trx: Transaction<Database>, tenantId: string, target: ContentRow, state: ContentRow['state']) {
  await trx.updateTable(TABLES[target.kind]).set({ state }).where('tenant_id', '=', tenantId).where('id', '=', target.id).execute();
  const change = Number(isPublic({ state, deleted: target.deleted ? 1 : 0 })) - Number(isPublic({ state: target.state, deleted: target.deleted ? 1 : 0 }));
  if (change !== 0) await applyContentCountDelta(trx, tenantId, target.item_key, { [countKey(target.kind)]: change });
}

/**
 * A moderator hides, restores or deletes any review or comment of the tenant. Every action
 * resolves the open reports (restoring visible content thus dismisses them) and is audited.
 * Deleting a review removes its text (the author's stars stay); deleting a comment leaves the
 * placeholder its author's delete leaves.
 */
export async function moderateContent(db: Kysely<Database>, moderator: AuthenticatedUser, verb: ModerationVerb, input: Moderate): Promise<ModerateResult> {
  return runLearnerWrite(
    db,
    moderator,
    { kind: `moderation.${verb}`, clientId: input.clientId, limits: null },
    async (trx, now) => {
      const target = await findContent(trx, moderator.tenantId, input.kind, input.id);
      if (!target || target.deleted) throw notFound(input.kind);
      await lockItem(trx, moderator.tenantId, target.item_key, now);
      if (verb === 'delete') {
        if (target.kind === 'review') {
          await removeReview(trx, moderator.tenantId, { id: target.id, state: target.state, item_key: target.item_key });
        } else {
          await softDeleteComment(trx, moderator.tenantId, { ...target, deleted: 0 }, now);
        }
      } else {
        await setState(trx, moderator.tenantId, target, verb === 'hide' ? 'hidden' : 'visible');
        await resolveReports(trx, moderator.tenantId, target.kind, target.id);
      }
      await logModeration(trx, {
        tenantId: moderator.tenantId,
        kind: target.kind,
        targetId: target.id,
        item: target.item_key,
        action: verb,
        actorId: moderator.userId,
        note: input.note ?? null,
        now,
      });
      return { targetId: target.id, result: await moderationState(trx, moderator.tenantId, input.kind, input.id) };
    },
    (trx, id) => moderationState(trx, moderator.tenantId, input.kind, id),
  );
}

async function moderationState(trx: Transaction<Database>, tenantId: string, kind: ContentKind, id: string): Promise<ModerateResult> {
  const row = await findContent(trx, tenantId, kind, id);
  // A deleted review no longer exists; its last state does not matter any more.
  return { kind, id, state: row?.state ?? 'hidden', deleted: row ? row.deleted : true };
}

const QUEUE_KEYS = (table: 'reviews' | 'comments'): SortKey[] => [
  { column: `${table}.last_reported_at`, direction: 'desc' },
  { column: `${table}.id`, direction: 'desc' },
];
const QUEUE_CURSOR = z.tuple([z.string(), z.string()]);
const NOTES_PER_ENTRY = 5;

/** Content with open reports (pending or still visible), most recently reported first. */
export async function moderationQueue(db: Kysely<Database>, moderator: AuthenticatedUser, input: Page): Promise<QueuePage> {
  const after = decodeCursor(input.cursor, 'mq', QUEUE_CURSOR);
  const limit = pageLimit(input.limit);

  let reviews = db
    .selectFrom('reviews')
    .innerJoin('users', 'users.id', 'reviews.user_id')
    .select(['reviews.id', 'reviews.item_key', 'reviews.user_id', 'reviews.state', 'reviews.title', 'reviews.body', 'reviews.stars'])
    .select(['reviews.open_report_count', 'reviews.last_reported_at', 'reviews.created_at', 'users.display_name'])
    .where('reviews.tenant_id', '=', moderator.tenantId)
    .where('reviews.open_report_count', '>', 0);
  if (after) reviews = reviews.where((eb) => afterKey(eb, QUEUE_KEYS('reviews'), after));
  let comments = db
    .selectFrom('comments')
    .innerJoin('users', 'users.id', 'comments.user_id')
    .select(['comments.id', 'comments.item_key', 'comments.user_id', 'comments.state', 'comments.body', 'comments.parent_id'])
    .select(['comments.open_report_count', 'comments.last_reported_at', 'comments.created_at', 'users.display_name'])
    .where('comments.tenant_id', '=', moderator.tenantId)
    .where('comments.open_report_count', '>', 0);
  if (after) comments = comments.where((eb) => afterKey(eb, QUEUE_KEYS('comments'), after));

  const [reviewRows, commentRows] = [
    await reviews.orderBy('reviews.last_reported_at', 'desc').orderBy('reviews.id', 'desc').limit(limit + 1).execute(),
    await comments.orderBy('comments.last_reported_at', 'desc').orderBy('comments.id', 'desc').limit(limit + 1).execute(),
  ];
  const merged = [
    ...reviewRows.map((row) => ({ kind: 'review' as const, ...row, parent_id: null })),
    ...commentRows.map((row) => ({ kind: 'comment' as const, ...row, title: null, stars: null })),
  ].sort((a, b) => compareDesc(a.last_reported_at ?? '', b.last_reported_at ?? '') || compareDesc(a.id, b.id));
  const { page, more } = takePage(merged, limit);

  const settings = await getTenantSettings(db, moderator.tenantId);
  const reports =
    page.length === 0
      ? []
      : await db
          .selectFrom('content_reports')
          .select(['target_id', 'reason', 'note', 'created_at'])
          .where('tenant_id', '=', moderator.tenantId)
          .where('resolved', '=', 0)
          .where('target_id', 'in', page.map((row) => row.id))
          .orderBy('created_at', 'desc')
          .execute();
  const entries: QueueEntry[] = page.map((row) => {
    const open = reports.filter((report) => report.target_id === row.id);
    const reasons = { spam: 0, abuse: 0, 'off-topic': 0, other: 0 };
    for (const report of open) reasons[report.reason] += 1;
    return {
      kind: row.kind,
      id: row.id,
      item: row.item_key,
      state: row.state,
      title: row.title,
      body: row.body ?? '',
      stars: row.stars,
      parentId: row.parent_id,
      author: authorOf(settings, row.user_id, row.display_name),
      openReports: row.open_report_count,
      reasons,
      notes: open.flatMap((report) => (report.note ? [report.note] : [])).slice(0, NOTES_PER_ENTRY),
      lastReportedAt: row.last_reported_at ?? row.created_at,
      createdAt: row.created_at,
    };
  });
  const last = page.at(-1);
  return { entries, nextCursor: more && last ? encodeCursor('mq', [last.last_reported_at ?? '', last.id]) : null };
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

/** The tenant's moderation actions and automatic hides, newest first. */
export async function moderationAuditLog(db: Kysely<Database>, moderator: AuthenticatedUser, input: Page): Promise<AuditPage> {
  const after = decodeCursor(input.cursor, 'ml', z.tuple([z.number().int()]));
  const limit = pageLimit(input.limit);
  let query = db
    .selectFrom('moderation_log')
    .leftJoin('users', 'users.id', 'moderation_log.actor_id')
    .select([
      'moderation_log.id',
      'moderation_log.target_kind',
      'moderation_log.target_id',
      'moderation_log.item_key',
      'moderation_log.action',
      'moderation_log.note',
      'moderation_log.created_at',
      'users.display_name',
    ])
    .where('moderation_log.tenant_id', '=', moderator.tenantId);
  if (after) query = query.where('moderation_log.id', '<', after[0]);
  const rows = await query.orderBy('moderation_log.id', 'desc').limit(limit + 1).execute();
  const { page, more } = takePage(rows, limit);
  const last = page.at(-1);
  return {
    entries: page.map((row) => ({
      id: row.id,
      kind: row.target_kind,
      targetId: row.target_id,
      item: row.item_key,
      action: row.action,
      actor: row.display_name,
      note: row.note,
      createdAt: row.created_at,
    })),
    nextCursor: more && last ? encodeCursor('ml', [last.id]) : null,
  };
}
