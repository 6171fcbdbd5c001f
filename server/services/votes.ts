import { TRPCError } from '@trpc/server';
import type { Kysely, Transaction } from 'kysely';
import type { HelpfulVoteResult } from '../contract';
import type { Database, VotableKindValue } from '../db/schema';
import { canSee, findContent, notFound } from './content';
import { notifyHelpfulVote } from './notifications';
import type { AuthenticatedUser } from './users';

const TABLES = { review: 'reviews', comment: 'comments' } as const;
/** What `helpful_votes` holds; contributions keep their votes in `contribution_votes`. */
export type VotableKind = VotableKindValue;

/**
 * Sets or takes back the voter's helpful vote on visible content (never their own), keeping the
 * content's `helpful_count` equal to its votes in the same transaction. Voting twice, or taking
 * back a vote never cast, changes nothing.
 */
export async function castHelpfulVote(
  trx: Transaction<Database>,
  voter: AuthenticatedUser,
  kind: VotableKind,
  id: string,
  helpful: boolean,
  now: string,
): Promise<HelpfulVoteResult> {
  const table = TABLES[kind];
  const target = await findContent(trx, voter.tenantId, kind, id);
  if (!target || target.deleted || target.item_key === null || !canSee(voter, target)) throw notFound(kind);
  if (target.user_id === voter.userId) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `You cannot vote on your own ${kind}` });
  }
  if (target.state !== 'visible') throw notFound(kind);

  const key = { tenant_id: voter.tenantId, target_kind: kind, target_id: id, user_id: voter.userId };
  let change = 0;
  if (helpful) {
    const inserted = await trx
      .insertInto('helpful_votes')
      .values({ ...key, created_at: now })
      .onConflict((oc) => oc.columns(['tenant_id', 'target_kind', 'target_id', 'user_id']).doNothing())
      .executeTakeFirst();
    change = Number(inserted.numInsertedOrUpdatedRows ?? 0n);
  } else {
    const deleted = await trx
      .deleteFrom('helpful_votes')
      .where('tenant_id', '=', key.tenant_id)
      .where('target_kind', '=', kind)
      .where('target_id', '=', id)
      .where('user_id', '=', voter.userId)
      .executeTakeFirst();
    change = -Number(deleted.numDeletedRows);
  }
  // The author hears of a new helpful vote (not of one taken back).
  if (change === 1) await notifyHelpfulVote(trx, voter, kind, { ...target, item_key: target.item_key }, now);
  if (change !== 0) {
    await trx
      .updateTable(table)
      .set((eb) => ({ helpful_count: eb('helpful_count', '+', change) }))
      .where('tenant_id', '=', voter.tenantId)
      .where('id', '=', id)
      .execute();
  }
  return currentVote(trx, voter, kind, id);
}

/** The content's helpful count and whether the caller has voted, as they are now. */
export async function currentVote(trx: Transaction<Database>, voter: AuthenticatedUser, kind: VotableKind, id: string): Promise<HelpfulVoteResult> {
  const row = await trx.selectFrom(TABLES[kind]).select('helpful_count').where('tenant_id', '=', voter.tenantId).where('id', '=', id).executeTakeFirst();
  const vote = await trx
    .selectFrom('helpful_votes')
    .select('user_id')
    .where('tenant_id', '=', voter.tenantId)
    .where('target_kind', '=', kind)
    .where('target_id', '=', id)
    .where('user_id', '=', voter.userId)
    .executeTakeFirst();
  return { id, helpfulCount: row?.helpful_count ?? 0, votedByMe: vote !== undefined };
}

/** Which of `ids` the viewer has marked helpful. */
export async function votedByViewer(
  db: Transaction<Database> | Kysely<Database>,
  viewer: AuthenticatedUser,
  kind: VotableKind,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('helpful_votes')
    .select('target_id')
    .where('tenant_id', '=', viewer.tenantId)
    .where('target_kind', '=', kind)
    .where('user_id', '=', viewer.userId)
    .where('target_id', 'in', ids)
    .execute();
  return new Set(rows.map((row) => row.target_id));
}
