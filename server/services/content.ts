import { TRPCError } from '@trpc/server';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { ContentKind, ContentState } from '../contract';
import type { Database } from '../db/schema';
import { lockItem } from './ratings';
import type { AuthenticatedUser } from './users';

type Db = Transaction<Database> | Kysely<Database>;

/** The table of each kind of learner content that can be reported and moderated. */
export const CONTENT_TABLES = { review: 'reviews', comment: 'comments', contribution: 'contributions', post: 'posts' } as const;
export type ContentTable = (typeof CONTENT_TABLES)[ContentKind];

/** Moderators and admins may act on any review, comment, contribution or post of their tenant. */
export function isModerator(user: AuthenticatedUser): boolean {
  return user.role === 'moderator' || user.role === 'admin';
}

/**
 * Who sees content that is not `visible` (pending or hidden): its author (with its state) and
 * moderators. For everyone else it is left out of every list, and answers NOT_FOUND to votes,
 * replies and reports, as if it did not exist.
 */
export function visibleTo(eb: ExpressionBuilder<any, any>, table: ContentTable, viewer: AuthenticatedUser): Expression<SqlBool> {
  // A bound `true` is not portable (SQLite binds no booleans).
  if (isModerator(viewer)) return sql<SqlBool>`1 = 1`;
  return eb.or([eb(eb.ref(`${table}.state`), '=', 'visible'), eb(eb.ref(`${table}.user_id`), '=', viewer.userId)]);
}

export function canSee(viewer: AuthenticatedUser, row: { state: ContentState; user_id: string }): boolean {
  return row.state === 'visible' || row.user_id === viewer.userId || isModerator(viewer);
}

export function notFound(kind: ContentKind): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: `No such ${kind}` });
}

/** Counts toward the item's public counts: visible, not deleted (comments), not a draft (posts). */
export function isPublic(row: { state: ContentState; deleted?: number | boolean; draft?: boolean }): boolean {
  return row.state === 'visible' && !row.deleted && !row.draft;
}

/** Marks the open reports of some content handled (it leaves the moderation queue). */
export async function resolveReports(trx: Db, tenantId: string, kind: ContentKind, id: string) {
  await trx
    .updateTable('content_reports')
    .set({ resolved: 1 })
    .where('tenant_id', '=', tenantId)
    .where('target_kind', '=', kind)
    .where('target_id', '=', id)
    .where('resolved', '=', 0)
    .execute();
  await trx.updateTable(CONTENT_TABLES[kind]).set({ open_report_count: 0 }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Resolves the open reports of content being removed (the rows themselves are going). */
export async function resolveReportsOf(trx: Db, tenantId: string, kind: ContentKind, ids: readonly string[]) {
  if (ids.length === 0) return;
  await trx
    .updateTable('content_reports')
    .set({ resolved: 1 })
    .where('tenant_id', '=', tenantId)
    .where('target_kind', '=', kind)
    .where('target_id', 'in', ids)
    .where('resolved', '=', 0)
    .execute();
}

/** Appends to the tenant's moderation audit log; `actorId` null for the automatic hide. */
export async function logModeration(
  trx: Transaction<Database>,
  entry: {
    tenantId: string;
    kind: ContentKind;
    targetId: string;
    /** Null for a post about no item. */
    item: string | null;
    action: 'auto-hide' | 'hide' | 'restore' | 'delete';
    actorId: string | null;
    note: string | null;
    now: string;
  },
) {
  await trx
    .insertInto('moderation_log')
    .values({
      tenant_id: entry.tenantId,
      target_kind: entry.kind,
      target_id: entry.targetId,
      item_key: entry.item ?? '',
      action: entry.action,
      actor_id: entry.actorId,
      note: entry.note,
      created_at: entry.now,
    })
    .execute();
}

/** The moderation-relevant fields of any kind of content, alike for all kinds. */
export interface ContentRow {
  kind: ContentKind;
  id: string;
  /** The item it is on; a post: the first item it is about, or null. */
  item_key: string | null;
  /** Every item whose page shows it (and whose counts include it when public): a post's items. */
  items: string[];
  user_id: string;
  state: ContentState;
  /** Comments only: soft-deleted. Other kinds are removed when deleted. */
  deleted: boolean;
  parent_id: string | null;
  /** Posts only: a draft, which only its author sees. */
  draft: boolean;
}

export async function findContent(db: Db, tenantId: string, kind: ContentKind, id: string): Promise<ContentRow | null> {
  const base = { kind, deleted: false, parent_id: null, draft: false };
  switch (kind) {
    case 'review': {
      const row = await db.selectFrom('reviews').select(['id', 'item_key', 'user_id', 'state']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row ? { ...base, ...row, items: [row.item_key] } : null;
    }
    case 'comment': {
      const row = await db
        .selectFrom('comments')
        .select(['id', 'item_key', 'user_id', 'state', 'deleted', 'parent_id'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row ? { ...base, ...row, items: [row.item_key], deleted: row.deleted === 1 } : null;
    }
    case 'contribution': {
      const row = await db.selectFrom('contributions').select(['id', 'item_key', 'user_id', 'state']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row ? { ...base, ...row, items: [row.item_key] } : null;
    }
    case 'post': {
      const row = await db.selectFrom('posts').select(['id', 'user_id', 'state', 'status']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      if (!row) return null;
      const items = await db.selectFrom('post_items').select('item_key').where('tenant_id', '=', tenantId).where('post_id', '=', id).orderBy('position').execute();
      const keys = items.map((item) => item.item_key);
      return { ...base, id: row.id, user_id: row.user_id, state: row.state, items: keys, item_key: keys[0] ?? null, draft: row.status === 'draft' };
    }
  }
}

/**
 * Reads content for a write that depends on its state (report, moderation) and holds the lock
 * that serializes such writes until commit: the item's for reviews and comments (as their own
 * writes take it), the row's own for contributions and posts (as their deletes and edits take
 * it). The row is read again under the lock, so the state acted on is the latest committed one.
 */
export async function lockContent(trx: Transaction<Database>, tenantId: string, kind: ContentKind, id: string, now: string): Promise<ContentRow | null> {
  if (kind === 'review' || kind === 'comment') {
    const found = await findContent(trx, tenantId, kind, id);
    if (!found?.item_key) return null;
    await lockItem(trx, tenantId, found.item_key, now);
  } else {
    // A no-op update takes the row lock (portable, unlike SELECT … FOR UPDATE).
    const locked = await trx
      .updateTable(CONTENT_TABLES[kind])
      .set((eb) => ({ state: eb.ref('state') }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(locked.numUpdatedRows) === 0) return null;
  }
  return findContent(trx, tenantId, kind, id);
}
