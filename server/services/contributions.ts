import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { z } from 'zod';
import type { Contribution, ContributionPage, CreateContributionInput, UploadType } from '../contract/contributions';
import type { ContributionsTable, Database } from '../db/schema';
import { publishAfter, publishLive } from '../live';
import { authorOf } from './authors';
import { canSee, isModerator, isPublic, logModeration, resolveReportsOf, visibleTo } from './content';
import { notifyFollowers, notifyUser } from './notifications';
import { afterKey, decodeCursor, encodeCursor, pageLimit, takePage, type SortKey } from './pagination';
import { applyContentCountDelta, lockItem, setItemTitle } from './ratings';
import { getTenantSettings } from './tenant-settings';
import type { AuthenticatedUser } from './users';
import { runLearnerWrite, type RateLimits } from './writes';

type Db = Kysely<Database> | Transaction<Database>;
type CreateInput = z.output<typeof CreateContributionInput>;
type Row = Selectable<ContributionsTable> & { display_name: string };

export function contributionNotFound(): TRPCError {
  return new TRPCError({ code: 'NOT_FOUND', message: 'No such contribution' });
}

/** A link or a tip (files come through `POST /uploads`, see createFileContribution). */
export async function createContribution(db: Kysely<Database>, actor: AuthenticatedUser, limits: RateLimits, input: CreateInput): Promise<Contribution> {
  return insertContribution(db, actor, limits, {
    clientId: input.clientId,
    item: input.item,
    itemTitle: input.itemTitle,
    kind: input.kind,
    title: input.kind === 'link' ? input.title : null,
    url: input.kind === 'link' ? input.url : null,
    body: input.kind === 'link' ? (input.why ?? null) : input.text,
    file: null,
  });
}

export interface NewFile {
  hash: string;
  type: UploadType;
  size: number;
  name: string;
}

export async function createFileContribution(
  db: Kysely<Database>,
  actor: AuthenticatedUser,
  limits: RateLimits,
  input: { item: string; clientId: string; file: NewFile },
): Promise<Contribution> {
  return insertContribution(db, actor, limits, { ...input, kind: 'file', title: input.file.name, url: null, body: null });
}

async function insertContribution(
  db: Kysely<Database>,
  actor: AuthenticatedUser,
  limits: RateLimits,
  input: { clientId: string; item: string; itemTitle?: string; kind: 'link' | 'tip' | 'file'; title: string | null; url: string | null; body: string | null; file: NewFile | null },
): Promise<Contribution> {
  return publishAfter(db, actor.tenantId, input.item, 'contribution', () => runLearnerWrite(
    db,
    actor,
    { kind: 'contribution.create', clientId: input.clientId, limits },
    async (trx, now) => {
      await lockItem(trx, actor.tenantId, input.item, now);
      if (input.itemTitle !== undefined) await setItemTitle(trx, actor.tenantId, input.item, input.itemTitle, now);
      const id = randomUUID();
      // Followers are read before the insert: the author becomes a follower by contributing.
      await notifyFollowers(trx, {
        tenantId: actor.tenantId,
        kind: 'new-contribution',
        item: input.item,
        targetKind: 'contribution',
        targetId: id,
        actorId: actor.userId,
        now,
      });
      await trx
        .insertInto('contributions')
        .values({
          id,
          tenant_id: actor.tenantId,
          item_key: input.item,
          user_id: actor.userId,
          kind: input.kind,
          title: input.title,
          url: input.url,
          body: input.body,
          file_sha256: input.file?.hash ?? null,
          file_type: input.file?.type ?? null,
          file_size: input.file?.size ?? null,
          state: 'visible',
          helpful_count: 0,
          open_report_count: 0,
          last_reported_at: null,
          created_at: now,
        })
        .execute();
      await applyContentCountDelta(trx, actor.tenantId, input.item, { contributions: 1 });
      return { targetId: id, result: await readBack(trx, actor, id) };
    },
    (trx, id) => readBack(trx, actor, id),
  ));
}

async function readBack(db: Db, viewer: AuthenticatedUser, id: string): Promise<Contribution> {
  const row = await selectRows(db).where('contributions.tenant_id', '=', viewer.tenantId).where('contributions.id', '=', id).executeTakeFirst();
  if (!row) throw contributionNotFound();
  const [contribution] = await toContributions(db, viewer, [row]);
  return contribution!;
}

function selectRows(db: Db) {
  return db.selectFrom('contributions').innerJoin('users', 'users.id', 'contributions.user_id').selectAll('contributions').select('users.display_name');
}

/** Former colleagues' content (account deleted, content kept) shows this name. */
export const FORMER_COLLEAGUE = 'Former colleague';

export async function toContributions(db: Db, viewer: AuthenticatedUser, rows: Row[]): Promise<Contribution[]> {
  if (rows.length === 0) return [];
  const settings = await getTenantSettings(db as Kysely<Database>, viewer.tenantId);
  const votes = await db
    .selectFrom('contribution_votes')
    .select('contribution_id')
    .where('tenant_id', '=', viewer.tenantId)
    .where('user_id', '=', viewer.userId)
    .where(
      'contribution_id',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
  const voted = new Set(votes.map((vote) => vote.contribution_id));
  return rows.map((row) => ({
    id: row.id,
    item: row.item_key,
    kind: row.kind,
    title: row.title,
    url: row.url,
    text: row.body,
    file: row.kind === 'file' && row.file_type ? { type: row.file_type as UploadType, size: row.file_size ?? 0, downloadPath: `/uploads/${row.id}` } : null,
    helpfulCount: row.helpful_count,
    votedByMe: voted.has(row.id),
    author: authorOf(settings, row.user_id, row.display_name),
    isMine: row.user_id === viewer.userId,
    state: row.state,
    createdAt: row.created_at,
  }));
}

const KEYS: SortKey[] = [
  { column: 'contributions.helpful_count', direction: 'desc' },
  { column: 'contributions.created_at', direction: 'desc' },
  { column: 'contributions.id', direction: 'desc' },
];
const CURSOR = z.tuple([z.number().int(), z.string(), z.string()]);

/** An item's contributions, most helpful first, then newest. Others' pending/hidden ones are left out. */
export async function listContributions(
  db: Kysely<Database>,
  viewer: AuthenticatedUser,
  input: { item: string; cursor?: string | null; limit?: number },
): Promise<ContributionPage> {
  const after = decodeCursor(input.cursor, 'cb', CURSOR);
  const limit = pageLimit(input.limit);
  let query = selectRows(db).where('contributions.tenant_id', '=', viewer.tenantId).where('contributions.item_key', '=', input.item);
  query = query.where((eb) => visibleTo(eb, 'contributions', viewer));
  if (after) query = query.where((eb) => afterKey(eb, KEYS, after));
  for (const key of KEYS) query = query.orderBy(key.column as 'contributions.id', key.direction);
  const rows = await query.limit(limit + 1).execute();
  const { page, more } = takePage(rows, limit);
  const last = page.at(-1);
  return {
    contributions: await toContributions(db, viewer, page),
    nextCursor: more && last ? encodeCursor('cb', [last.helpful_count, last.created_at, last.id]) : null,
  };
}

const MINE_KEYS: SortKey[] = [
  { column: 'contributions.created_at', direction: 'desc' },
  { column: 'contributions.id', direction: 'desc' },
];
const MINE_CURSOR = z.tuple([z.string(), z.string()]);

/** The caller's own contributions on every item, newest first, whatever their state. */
export async function listMyContributions(
  db: Kysely<Database>,
  viewer: AuthenticatedUser,
  input: { cursor?: string | null; limit?: number } | undefined,
): Promise<ContributionPage> {
  const after = decodeCursor(input?.cursor, 'cm', MINE_CURSOR);
  const limit = pageLimit(input?.limit);
  let query = selectRows(db).where('contributions.tenant_id', '=', viewer.tenantId).where('contributions.user_id', '=', viewer.userId);
  if (after) query = query.where((eb) => afterKey(eb, MINE_KEYS, after));
  for (const key of MINE_KEYS) query = query.orderBy(key.column as 'contributions.id', key.direction);
  const rows = await query.limit(limit + 1).execute();
  const { page, more } = takePage(rows, limit);
  const last = page.at(-1);
  return {
    contributions: await toContributions(db, viewer, page),
    nextCursor: more && last ? encodeCursor('cm', [last.created_at, last.id]) : null,
  };
}

async function findRow(db: Db, tenantId: string, id: string) {
  return db.selectFrom('contributions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** One helpful vote per learner, never on one's own; the author is notified of a new vote. */
export async function voteContribution(
  db: Kysely<Database>,
  actor: AuthenticatedUser,
  limits: RateLimits,
  input: { id: string; helpful: boolean; clientId: string },
): Promise<{ id: string; helpfulCount: number; votedByMe: boolean }> {
  let changedItem: string | null = null;
  const result = await runLearnerWrite(
    db,
    actor,
    { kind: 'contribution.vote', clientId: input.clientId, limits },
    async (trx, now) => {
      const target = await findRow(trx, actor.tenantId, input.id);
      if (!target || !canSee(actor, target) || target.state !== 'visible') throw contributionNotFound();
      if (target.user_id === actor.userId) throw new TRPCError({ code: 'FORBIDDEN', message: 'You cannot vote on your own contribution' });
      let change = 0;
      if (input.helpful) {
        const inserted = await trx
          .insertInto('contribution_votes')
          .values({ tenant_id: actor.tenantId, contribution_id: input.id, user_id: actor.userId, created_at: now })
          .onConflict((oc) => oc.columns(['tenant_id', 'contribution_id', 'user_id']).doNothing())
          .executeTakeFirst();
        change = Number(inserted.numInsertedOrUpdatedRows ?? 0n);
        if (change === 1) {
          await notifyUser(trx, target.user_id, {
            tenantId: actor.tenantId,
            kind: 'helpful-vote',
            item: target.item_key,
            targetKind: 'contribution',
            targetId: target.id,
            actorId: actor.userId,
            now,
          });
        }
      } else {
        const deleted = await trx
          .deleteFrom('contribution_votes')
          .where('tenant_id', '=', actor.tenantId)
          .where('contribution_id', '=', input.id)
          .where('user_id', '=', actor.userId)
          .executeTakeFirst();
        change = -Number(deleted.numDeletedRows);
      }
      if (change !== 0) {
        await trx
          .updateTable('contributions')
          .set((eb) => ({ helpful_count: eb('helpful_count', '+', change) }))
          .where('tenant_id', '=', actor.tenantId)
          .where('id', '=', input.id)
          .execute();
        changedItem = target.item_key;
      }
      return { targetId: input.id, result: await currentVote(trx, actor, input.id) };
    },
    (trx, id) => currentVote(trx, actor, id),
  );
  // Open pages of the item show the new helpful count.
  if (changedItem) await publishLive(db, actor.tenantId, changedItem, 'contribution');
  return result;
}

async function currentVote(db: Db, actor: AuthenticatedUser, id: string) {
  const row = await findRow(db, actor.tenantId, id);
  const vote = await db
    .selectFrom('contribution_votes')
    .select('user_id')
    .where('tenant_id', '=', actor.tenantId)
    .where('contribution_id', '=', id)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  return { id, helpfulCount: row?.helpful_count ?? 0, votedByMe: vote !== undefined };
}

/**
 * The author deletes their contribution (moderators any): the row, its votes and notifications go.
 * Returns the file hash no row references any more, for the caller to remove after commit.
 */
export async function deleteContribution(
  db: Kysely<Database>,
  actor: AuthenticatedUser,
  limits: RateLimits,
  input: { id: string; clientId: string },
): Promise<{ result: { id: string; deleted: true }; orphanHash: string | null }> {
  let orphanHash: string | null = null;
  let deletedFrom: string | null = null;
  const result = await runLearnerWrite(
    db,
    actor,
    { kind: 'contribution.delete', clientId: input.clientId, limits },
    async (trx, now) => {
      const row = await lockRow(trx, actor.tenantId, input.id);
      if (!row || !canSee(actor, row)) throw contributionNotFound();
      if (row.user_id !== actor.userId && !isModerator(actor)) throw new TRPCError({ code: 'FORBIDDEN', message: 'Only the author can delete a contribution' });
      // A moderator deleting someone else's contribution is a moderation action: audited.
      if (row.user_id !== actor.userId) {
        await logModeration(trx, { tenantId: actor.tenantId, kind: 'contribution', targetId: row.id, item: row.item_key, action: 'delete', actorId: actor.userId, note: null, now });
      }
      await deleteContributionRows(trx, actor.tenantId, [row.id]);
      deletedFrom = row.item_key;
      if (row.file_sha256) orphanHash = (await hashStillUsed(trx, row.file_sha256)) ? null : row.file_sha256;
      return { targetId: input.id, result: { id: input.id, deleted: true as const } };
    },
    async (_trx, id) => ({ id, deleted: true as const }),
  );
  if (deletedFrom) await publishLive(db, actor.tenantId, deletedFrom, 'contribution');
  return { result, orphanHash };
}

/**
 * Reads a contribution and holds its row lock until commit (a no-op update: portable, unlike
 * SELECT … FOR UPDATE), so a delete and a moderation of the same contribution run one after the
 * other and the item's count moves once.
 */
export async function lockRow(trx: Transaction<Database>, tenantId: string, id: string) {
  return trx
    .updateTable('contributions')
    .set((eb) => ({ state: eb.ref('state') }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Removes contributions with their votes and notifications; their open reports are resolved (they
 * leave the moderation queue) and the items' public counts follow.
 */
export async function deleteContributionRows(trx: Db, tenantId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await trx.selectFrom('contributions').select(['item_key', 'state']).where('tenant_id', '=', tenantId).where('id', 'in', ids).orderBy('item_key').execute();
  for (const row of rows) if (isPublic(row)) await applyContentCountDelta(trx as Kysely<Database>, tenantId, row.item_key, { contributions: -1 });
  await resolveReportsOf(trx, tenantId, 'contribution', ids);
  await trx.deleteFrom('contribution_votes').where('tenant_id', '=', tenantId).where('contribution_id', 'in', ids).execute();
  await trx.deleteFrom('notifications').where('tenant_id', '=', tenantId).where('target_kind', '=', 'contribution').where('target_id', 'in', ids).execute();
  await trx.deleteFrom('contributions').where('tenant_id', '=', tenantId).where('id', 'in', ids).execute();
}

export async function hashStillUsed(db: Db, hash: string): Promise<boolean> {
  const row = await db.selectFrom('contributions').select('id').where('file_sha256', '=', hash).executeTakeFirst();
  return row !== undefined;
}

/** The file of a contribution, for `GET /uploads/:id`: only in the viewer's tenant and if they may see it. */
export async function findDownload(db: Kysely<Database>, viewer: AuthenticatedUser, id: string) {
  const row = await findRow(db, viewer.tenantId, id);
  if (!row || row.kind !== 'file' || !row.file_sha256 || !row.file_type || !canSee(viewer, row)) return null;
  return { hash: row.file_sha256, type: row.file_type as UploadType, name: row.title ?? 'file', size: row.file_size ?? 0 };
}
