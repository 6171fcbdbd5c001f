import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { ContentKind, ModerateInput as ModerateSchema, ModerateResult, ReportInput as ReportSchema, ReportResult } from '../contract';
import type { Database } from '../db/schema';
import { publishEach } from '../live';
import { softDeleteComment } from './comments';
import { canSee, CONTENT_TABLES, findContent, isPublic, lockContent, logModeration, notFound, resolveReports, type ContentRow } from './content';
import { deleteContributionRows, hashStillUsed } from './contributions';
import { deletePostRows } from './posts';
import { applyContentCountDelta, type ContentCountDelta } from './ratings';
import { removeReview } from './reviews';
import { getTenantSettings } from './tenant-settings';
import { removeBlob, uploadConfigOf } from './uploads';
import type { AuthenticatedUser } from './users';
import { runLearnerWrite, type RateLimits } from './writes';

export { moderationAuditLog, moderationQueue } from './moderation-queue';

type Report = z.output<typeof ReportSchema>;
type Moderate = z.output<typeof ModerateSchema>;
export type ModerationVerb = 'hide' | 'restore' | 'delete';

/** The item count each kind of content feeds while it is public. */
const COUNT_KEYS = { review: 'reviews', comment: 'comments', contribution: 'contributions', post: 'posts' } as const satisfies Record<
  ContentKind,
  keyof ContentCountDelta
>;

/**
 * A learner reports content they can see (not their own), once. When the content's open reports
 * reach the tenant's threshold it is hidden as `pending` for a moderator, and the automatic hide
 * is written to the audit log. Drafts are nobody's to report.
 */
export async function reportContent(db: Kysely<Database>, actor: AuthenticatedUser, limits: RateLimits, input: Report): Promise<ReportResult> {
  let hiddenFrom: string[] = [];
  const result = await runLearnerWrite(
    db,
    actor,
    { kind: 'report', clientId: input.clientId, limits },
    async (trx, now) => {
      const target = await lockContent(trx, actor.tenantId, input.kind, input.id, now);
      if (!target || target.deleted || target.draft || !canSee(actor, target)) throw notFound(input.kind);
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

      const counted = await trx
        .updateTable(CONTENT_TABLES[input.kind])
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
        hiddenFrom = target.items;
      }
      return { targetId: input.id, result: { kind: input.kind, id: input.id, reportedByMe: true as const } };
    },
    async () => ({ kind: input.kind, id: input.id, reportedByMe: true as const }),
  );
  // Open pages of its items drop it.
  await publishEach(db, actor.tenantId, hiddenFrom, input.kind);
  return result;
}

/** Changes the state and keeps its items' public counts right. The caller holds the lock (lockContent). */
async function setState(trx: Transaction<Database>, tenantId: string, target: ContentRow, state: ContentRow['state']) {
  await trx.updateTable(CONTENT_TABLES[target.kind]).set({ state }).where('tenant_id', '=', tenantId).where('id', '=', target.id).execute();
  const change = Number(isPublic({ ...target, state })) - Number(isPublic(target));
  if (change === 0) return;
  for (const item of [...target.items].sort()) await applyContentCountDelta(trx, tenantId, item, { [COUNT_KEYS[target.kind]]: change });
}

/**
 * A moderator hides, restores or deletes any review, comment, contribution or post of the tenant.
 * Every action resolves the open reports (restoring visible content thus dismisses them) and is
 * audited. Deleting a review removes its text (the author's stars stay); deleting a comment leaves
 * the placeholder its author's delete leaves; deleting a contribution removes it (and its stored
 * file, once no contribution uses it); deleting a post removes it.
 */
export async function moderateContent(db: Kysely<Database>, moderator: AuthenticatedUser, verb: ModerationVerb, input: Moderate): Promise<ModerateResult> {
  let changedItems: string[] = [];
  let orphanHash: string | null = null;
  const result = await runLearnerWrite(
    db,
    moderator,
    { kind: `moderation.${verb}`, clientId: input.clientId, limits: null },
    async (trx, now) => {
      const target = await lockContent(trx, moderator.tenantId, input.kind, input.id, now);
      if (!target || target.deleted) throw notFound(input.kind);
      if (verb === 'delete') {
        orphanHash = await deleteAsModerator(trx, moderator.tenantId, target, now);
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
      changedItems = target.items;
      return { targetId: target.id, result: await moderationState(trx, moderator.tenantId, input.kind, input.id) };
    },
    (trx, id) => moderationState(trx, moderator.tenantId, input.kind, id),
  );
  await publishEach(db, moderator.tenantId, changedItems, input.kind);
  const uploads = uploadConfigOf(db);
  if (orphanHash && uploads) await removeBlob(uploads.dir, orphanHash);
  return result;
}

/** Removes the content in the moderator's transaction; returns a stored file no contribution uses any more. */
async function deleteAsModerator(trx: Transaction<Database>, tenantId: string, target: ContentRow, now: string): Promise<string | null> {
  switch (target.kind) {
    case 'review':
      await removeReview(trx, tenantId, { id: target.id, state: target.state, item_key: target.item_key! });
      return null;
    case 'comment':
      await softDeleteComment(trx, tenantId, { id: target.id, item_key: target.item_key!, parent_id: target.parent_id, state: target.state, deleted: 0 }, now);
      return null;
    case 'contribution': {
      const file = await trx.selectFrom('contributions').select('file_sha256').where('tenant_id', '=', tenantId).where('id', '=', target.id).executeTakeFirst();
      await deleteContributionRows(trx, tenantId, [target.id]);
      const hash = file?.file_sha256 ?? null;
      return hash && !(await hashStillUsed(trx, hash)) ? hash : null;
    }
    case 'post':
      await deletePostRows(trx, tenantId, [target.id]);
      return null;
  }
}

async function moderationState(trx: Transaction<Database>, tenantId: string, kind: ContentKind, id: string): Promise<ModerateResult> {
  const row = await findContent(trx, tenantId, kind, id);
  // Deleted content (other than a comment's placeholder) no longer exists; its last state does not matter.
  return { kind, id, state: row?.state ?? 'hidden', deleted: row ? row.deleted : true };
}
