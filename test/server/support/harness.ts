import { randomBytes } from 'node:crypto';
import { TRPCError, type inferProcedureInput } from '@trpc/server';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { AppRouter } from '../../../server/contract';
import { createContextInner } from '../../../server/context';
import type { Database } from '../../../server/db/schema';
import { createCaller } from '../../../server/routers/_app';
import { upsertUser } from '../../../server/services/users';
import type { Storage } from '../../../server/storage';

export type Caller = ReturnType<typeof createCaller>;
export type SetRatingCall = inferProcedureInput<AppRouter['ratings']['set']>;

/** A caller as the HTTP adapter would build it for a request carrying `token`. */
export async function callerFor(storage: Storage, token?: string | null): Promise<Caller> {
  return createCaller(await createContextInner({ db: storage.db, auth: storage.auth, rateLimits: storage.rateLimits, token }));
}

export interface Learner {
  token: string;
  subject: string;
  caller: Caller;
}

/** Signs a new learner into the demo tenant through the real procedure. */
export async function signInLearner(storage: Storage, displayName: string, team = 'Sales'): Promise<Learner> {
  const subject = randomId(24);
  const { token } = await (await callerFor(storage)).auth.devSignIn({ subject, displayName, team });
  return { token, subject, caller: await callerFor(storage, token) };
}

/** A key no other test uses, so tests sharing a database never see each other's ratings. */
export function uniqueItemKey(kind = 'course'): string {
  return `moodle:lms.test.example:${kind}:${randomId(10)}`;
}

export function randomId(length = 16): string {
  return randomBytes(length).toString('base64url').slice(0, length);
}

let clientIds = 0;
/** A fresh client write id, as the extension's outbox makes one per intended write. */
export function newClientId(): string {
  clientIds += 1;
  return `cid-${clientIds}-${randomId(8)}`;
}

/** Every stored rating-related row, in a stable order: compare before and after to prove nothing moved. */
export async function snapshotRatingData(db: Kysely<Database>) {
  const [items, ratings, stats, users] = await Promise.all([
    db.selectFrom('items').selectAll().orderBy('tenant_id').orderBy('item_key').execute(),
    db.selectFrom('ratings').selectAll().orderBy('tenant_id').orderBy('item_key').orderBy('user_id').execute(),
    db.selectFrom('item_stats').selectAll().orderBy('tenant_id').orderBy('item_key').execute(),
    db.selectFrom('users').selectAll().orderBy('id').execute(),
  ]);
  return { items, ratings, stats, users };
}

/** Awaits a call that must fail with a typed tRPC error of this code. */
export async function expectTRPCError(call: Promise<unknown>, code: TRPCError['code']): Promise<TRPCError> {
  const error = await call.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  return error as TRPCError;
}

/** The tenant and user a learner's token speaks for. */
export function claimsOf(storage: Storage, learner: { token: string }) {
  const claims = storage.auth.verifyToken(learner.token);
  if (!claims) throw new Error('test token did not verify');
  return claims;
}

/** Signs a new learner into another tenant (no dev sign-in there): a user row and a token. */
export async function signInToTenant(storage: Storage, tenantId: string, displayName: string): Promise<Learner> {
  const subject = `test:${randomId()}`;
  const user = await upsertUser(storage.db, tenantId, { subject, displayName, team: 'Ops' });
  const { token } = storage.auth.issueToken({ tenantId, userId: user.id, role: user.role }, Date.now() + 10 * 60_000);
  return { token, subject, caller: await callerFor(storage, token) };
}

const ALL_TABLES = [
  'tenants',
  'users',
  'items',
  'ratings',
  'item_stats',
  'tenant_settings',
  'tenant_stats',
  'reviews',
  'comments',
  'helpful_votes',
  'content_reports',
  'moderation_log',
  'client_writes',
] as const;

/** Every row of every table, in a stable order: compare before and after to prove nothing moved. */
export async function snapshotAll(db: Kysely<Database>) {
  const snapshot: Record<string, string[]> = {};
  for (const table of ALL_TABLES) {
    const rows = await db.selectFrom(table).selectAll().execute();
    snapshot[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return snapshot;
}

/**
 * The invariant behind "reads never scan": every count kept at write time equals a recount of the
 * rows it counts (public reviews, comments, contributions and posts per item, helpful votes, live
 * replies, open reports).
 */
export async function expectCountsMatchRecount(db: Kysely<Database>) {
  const stats = await db.selectFrom('item_stats').select(['tenant_id', 'item_key', 'review_count', 'comment_count', 'contribution_count', 'post_count']).execute();
  const reviews = await db.selectFrom('reviews').select(['tenant_id', 'item_key', 'state']).execute();
  const comments = await db.selectFrom('comments').select(['tenant_id', 'item_key', 'state', 'deleted', 'id', 'parent_id', 'helpful_count', 'reply_count', 'open_report_count']).execute();
  const key = (row: { tenant_id: string; item_key: string }) => `${row.tenant_id} ${row.item_key}`;
  const count = <T>(rows: T[], keep: (row: T) => boolean, by: (row: T) => string) => {
    const counts = new Map<string, number>();
    for (const row of rows) if (keep(row)) counts.set(by(row), (counts.get(by(row)) ?? 0) + 1);
    return counts;
  };
  const publicReviews = count(reviews, (r) => r.state === 'visible', key);
  const publicComments = count(comments, (c) => c.state === 'visible' && c.deleted === 0, key);
  const contributions = await db.selectFrom('contributions').select(['tenant_id', 'item_key', 'state']).execute();
  const postItems = await db
    .selectFrom('post_items')
    .innerJoin('posts', 'posts.id', 'post_items.post_id')
    .select(['post_items.tenant_id', 'post_items.item_key', 'posts.status', 'posts.state'])
    .execute();
  const publicContributions = count(contributions, (c) => c.state === 'visible', key);
  const publicPosts = count(postItems, (p) => p.status === 'published' && p.state === 'visible', key);
  for (const row of stats) {
    expect([key(row), row.review_count, row.comment_count, row.contribution_count, row.post_count]).toEqual([
      key(row),
      publicReviews.get(key(row)) ?? 0,
      publicComments.get(key(row)) ?? 0,
      publicContributions.get(key(row)) ?? 0,
      publicPosts.get(key(row)) ?? 0,
    ]);
  }
  // Every item with something to count has its stats row.
  const counted = new Set(stats.map(key));
  for (const item of [...publicContributions.keys(), ...publicPosts.keys()]) expect(counted.has(item), item).toBe(true);

  const votes = await db.selectFrom('helpful_votes').select(['target_kind', 'target_id']).execute();
  const reports = await db.selectFrom('content_reports').select(['target_kind', 'target_id', 'resolved']).execute();
  const votesOf = count(votes, () => true, (v) => `${v.target_kind} ${v.target_id}`);
  const openReportsOf = count(reports, (r) => r.resolved === 0, (r) => `${r.target_kind} ${r.target_id}`);
  const repliesOf = count(comments, (c) => c.parent_id !== null && c.deleted === 0, (c) => c.parent_id!);
  for (const c of comments) {
    expect([c.id, c.helpful_count, c.reply_count, c.open_report_count]).toEqual([
      c.id,
      votesOf.get(`comment ${c.id}`) ?? 0,
      repliesOf.get(c.id) ?? 0,
      openReportsOf.get(`comment ${c.id}`) ?? 0,
    ]);
  }
  const reviewCounts = await db.selectFrom('reviews').select(['id', 'helpful_count', 'open_report_count']).execute();
  for (const r of reviewCounts) {
    expect([r.id, r.helpful_count, r.open_report_count]).toEqual([r.id, votesOf.get(`review ${r.id}`) ?? 0, openReportsOf.get(`review ${r.id}`) ?? 0]);
  }
  const contributionVotes = await db.selectFrom('contribution_votes').select('contribution_id').execute();
  const contributionVotesOf = count(contributionVotes, () => true, (v) => v.contribution_id);
  for (const c of await db.selectFrom('contributions').select(['id', 'helpful_count', 'open_report_count']).execute()) {
    expect([c.id, c.helpful_count, c.open_report_count]).toEqual([c.id, contributionVotesOf.get(c.id) ?? 0, openReportsOf.get(`contribution ${c.id}`) ?? 0]);
  }
  for (const p of await db.selectFrom('posts').select(['id', 'open_report_count']).execute()) {
    expect([p.id, p.open_report_count]).toEqual([p.id, openReportsOf.get(`post ${p.id}`) ?? 0]);
  }
}
