import { TRPCError } from '@trpc/server';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { ContentKind, ContentState } from '../contract';
import type { Database } from '../db/schema';
import type { AuthenticatedUser } from './users';

/** Moderators and admins may act on any review or comment of their tenant. */
export function isModerator(user: AuthenticatedUser): boolean {
  return user.role === 'moderator' || user.role === 'admin';
}

/**
 * Who sees content that is not `visible` (pending or hidden): its author (with its state) and
 * moderators. For everyone else it is left out of every list, and answers NOT_FOUND to votes,
 * replies and reports, as if it did not exist.
 */
export function visibleTo(eb: ExpressionBuilder<any, any>, table: 'reviews' | 'comments', viewer: AuthenticatedUser): Expression<SqlBool> {
  // A bound `true` is not portable (SQLite binds no booleans).
  if (isModerator(viewer)) return sql<SqlBool>`1 = 1`;
  return eb.or([eb(eb.ref(`${table}.state`), '=', 'visible'), eb(eb.ref(`${table}.user_id`), '=', viewer.userId)]);
}

export function canSee(viewer: AuthenticatedUser, row: { state: ContentState; user_id: string }): boolean {
  return row.state === 'visible' || row.user_id === viewer.userId || isModerator(viewer);
}

export function notFound(kind: ContentKind): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: kind === 'review' ? 'No such review' : 'No such comment' });
}

/** Counts toward the item's public review/comment counts: visible and not deleted. */
export function isPublic(row: { state: ContentState; deleted?: number }): boolean {
  return row.state === 'visible' && !row.deleted;
}

/** Marks the open reports of some content handled (it leaves the moderation queue). */
export async function resolveReports(trx: Transaction<Database> | Kysely<Database>, tenantId: string, kind: ContentKind, id: string) {
  await trx
    .updateTable('content_reports')
    .set({ resolved: 1 })
    .where('tenant_id', '=', tenantId)
    .where('target_kind', '=', kind)
    .where('target_id', '=', id)
    .where('resolved', '=', 0)
    .execute();
  await trx
    .updateTable(kind === 'review' ? 'reviews' : 'comments')
    .set({ open_report_count: 0 })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** Appends to the tenant's moderation audit log; `actorId` null for the automatic hide. */
export async function logModeration(
  trx: Transaction<Database>,
  entry: { tenantId: string; kind: ContentKind; targetId: string; item: string; action: 'auto-hide' | 'hide' | 'restore' | 'delete'; actorId: string | null; note: string | null; now: string },
) {
  await trx
    .insertInto('moderation_log')
    .values({
      tenant_id: entry.tenantId,
      target_kind: entry.kind,
      target_id: entry.targetId,
      item_key: entry.item,
      action: entry.action,
      actor_id: entry.actorId,
      note: entry.note,
      created_at: entry.now,
    })
    .execute();
}

/** The moderation-relevant fields of a review or comment, alike for both kinds. */
export interface ContentRow {
  kind: ContentKind;
  id: string;
  item_key: string;
  user_id: string;
  state: ContentState;
  /** Comments only: soft-deleted. Reviews are removed when deleted. */
  deleted: boolean;
  parent_id: string | null;
}

export async function findContent(
  db: Transaction<Database> | Kysely<Database>,
  tenantId: string,
  kind: ContentKind,
  id: string,
): Promise<ContentRow | null> {
  if (kind === 'review') {
    const row = await db
      .selectFrom('reviews')
      .select(['id', 'item_key', 'user_id', 'state'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? { kind, ...row, deleted: false, parent_id: null } : null;
  }
  const row = await db
    .selectFrom('comments')
    .select(['id', 'item_key', 'user_id', 'state', 'deleted', 'parent_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { kind, ...row, deleted: row.deleted === 1 } : null;
}
