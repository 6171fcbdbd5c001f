import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuditPage, ContentKind, ContentState, PageInput as PageSchema, QueueEntry, QueuePage } from '../contract';
import type { Database } from '../db/schema';
import { authorOf } from './authors';
import { afterKey, decodeCursor, encodeCursor, pageLimit, takePage, type SortKey } from './pagination';
import { getTenantSettings } from './tenant-settings';
import type { AuthenticatedUser } from './users';

type Page = z.output<typeof PageSchema>;

const QUEUE_KEYS = (table: 'reviews' | 'comments' | 'contributions' | 'posts'): SortKey[] => [
  { column: `${table}.last_reported_at`, direction: 'desc' },
  { column: `${table}.id`, direction: 'desc' },
];
const QUEUE_CURSOR = z.tuple([z.string(), z.string()]);
const NOTES_PER_ENTRY = 5;

/** One reported piece of content of any kind, as the queue merges them. */
interface ReportedRow {
  kind: ContentKind;
  id: string;
  item_key: string | null;
  user_id: string;
  state: ContentState;
  title: string | null;
  body: string | null;
  stars: number | null;
  parent_id: string | null;
  url: string | null;
  open_report_count: number;
  last_reported_at: string | null;
  created_at: string;
  display_name: string;
}

/**
 * Content with open reports (pending or still visible), most recently reported first: each kind
 * read through its partial index of reported rows (one page + 1 each), then merged.
 */
export async function moderationQueue(db: Kysely<Database>, moderator: AuthenticatedUser, input: Page): Promise<QueuePage> {
  const after = decodeCursor(input.cursor, 'mq', QUEUE_CURSOR);
  const limit = pageLimit(input.limit);
  const tenantId = moderator.tenantId;

  let reviews = db
    .selectFrom('reviews')
    .innerJoin('users', 'users.id', 'reviews.user_id')
    .select(['reviews.id', 'reviews.item_key', 'reviews.user_id', 'reviews.state', 'reviews.title', 'reviews.body', 'reviews.stars'])
    .select(['reviews.open_report_count', 'reviews.last_reported_at', 'reviews.created_at', 'users.display_name'])
    .where('reviews.tenant_id', '=', tenantId)
    .where('reviews.open_report_count', '>', 0);
  if (after) reviews = reviews.where((eb) => afterKey(eb, QUEUE_KEYS('reviews'), after));
  let comments = db
    .selectFrom('comments')
    .innerJoin('users', 'users.id', 'comments.user_id')
    .select(['comments.id', 'comments.item_key', 'comments.user_id', 'comments.state', 'comments.body', 'comments.parent_id'])
    .select(['comments.open_report_count', 'comments.last_reported_at', 'comments.created_at', 'users.display_name'])
    .where('comments.tenant_id', '=', tenantId)
    .where('comments.open_report_count', '>', 0);
  if (after) comments = comments.where((eb) => afterKey(eb, QUEUE_KEYS('comments'), after));
  let contributions = db
    .selectFrom('contributions')
    .innerJoin('users', 'users.id', 'contributions.user_id')
    .select(['contributions.id', 'contributions.item_key', 'contributions.user_id', 'contributions.state', 'contributions.title', 'contributions.body', 'contributions.url'])
    .select(['contributions.open_report_count', 'contributions.last_reported_at', 'contributions.created_at', 'users.display_name'])
    .where('contributions.tenant_id', '=', tenantId)
    .where('contributions.open_report_count', '>', 0);
  if (after) contributions = contributions.where((eb) => afterKey(eb, QUEUE_KEYS('contributions'), after));
  let posts = db
    .selectFrom('posts')
    .innerJoin('users', 'users.id', 'posts.user_id')
    .select(['posts.id', 'posts.user_id', 'posts.state', 'posts.title', 'posts.body'])
    .select(['posts.open_report_count', 'posts.last_reported_at', 'posts.created_at', 'users.display_name'])
    .where('posts.tenant_id', '=', tenantId)
    .where('posts.open_report_count', '>', 0);
  if (after) posts = posts.where((eb) => afterKey(eb, QUEUE_KEYS('posts'), after));

  const none = { title: null, stars: null, parent_id: null, url: null };
  const merged: ReportedRow[] = [
    ...(await reviews.orderBy('reviews.last_reported_at', 'desc').orderBy('reviews.id', 'desc').limit(limit + 1).execute()).map((row) => ({
      ...none,
      kind: 'review' as const,
      ...row,
    })),
    ...(await comments.orderBy('comments.last_reported_at', 'desc').orderBy('comments.id', 'desc').limit(limit + 1).execute()).map((row) => ({
      ...none,
      kind: 'comment' as const,
      ...row,
    })),
    ...(await contributions.orderBy('contributions.last_reported_at', 'desc').orderBy('contributions.id', 'desc').limit(limit + 1).execute()).map((row) => ({
      ...none,
      kind: 'contribution' as const,
      ...row,
    })),
    ...(await posts.orderBy('posts.last_reported_at', 'desc').orderBy('posts.id', 'desc').limit(limit + 1).execute()).map((row) => ({
      ...none,
      kind: 'post' as const,
      item_key: null,
      ...row,
    })),
  ].sort((a, b) => compareDesc(a.last_reported_at ?? '', b.last_reported_at ?? '') || compareDesc(a.id, b.id));
  const { page, more } = takePage(merged, limit);

  const settings = await getTenantSettings(db, tenantId);
  const ids = page.map((row) => row.id);
  const reports = ids.length
    ? await db
        .selectFrom('content_reports')
        .select(['target_kind', 'target_id', 'reason', 'note', 'created_at'])
        .where('tenant_id', '=', tenantId)
        .where('resolved', '=', 0)
        .where('target_id', 'in', ids)
        .orderBy('created_at', 'desc')
        .execute()
    : [];
  const firstItems = await firstItemOfPosts(db, tenantId, page.filter((row) => row.kind === 'post').map((row) => row.id));
  const entries: QueueEntry[] = page.map((row) => {
    const open = reports.filter((report) => report.target_id === row.id && report.target_kind === row.kind);
    const reasons = { spam: 0, abuse: 0, 'off-topic': 0, other: 0 };
    for (const report of open) reasons[report.reason] += 1;
    return {
      kind: row.kind,
      id: row.id,
      item: row.kind === 'post' ? (firstItems.get(row.id) ?? null) : row.item_key,
      state: row.state,
      title: row.title,
      body: row.body ?? '',
      url: row.url,
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

/** The first item each post is about (posts about none are absent). */
async function firstItemOfPosts(db: Kysely<Database>, tenantId: string, postIds: string[]): Promise<Map<string, string>> {
  const first = new Map<string, string>();
  if (postIds.length === 0) return first;
  const rows = await db.selectFrom('post_items').select(['post_id', 'item_key']).where('tenant_id', '=', tenantId).where('post_id', 'in', postIds).orderBy('position').execute();
  for (const row of rows) if (!first.has(row.post_id)) first.set(row.post_id, row.item_key);
  return first;
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
      // '' is how the log stores "a post about no item".
      item: row.item_key === '' ? null : row.item_key,
      action: row.action,
      actor: row.display_name,
      note: row.note,
      createdAt: row.created_at,
    })),
    nextCursor: more && last ? encodeCursor('ml', [last.id]) : null,
  };
}
