import { TRPCError } from '@trpc/server';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { publishNotificationsAfter } from '../live';
import type { AuthenticatedUser } from './users';

/** Most writes (reviews, comments, votes, reports) one learner may make per minute and per day. */
export interface RateLimits {
  perMinute: number;
  perDay: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perMinute: 30, perDay: 300 };

export function resolveRateLimits(given: Partial<RateLimits> | undefined): RateLimits {
  const limits = { ...DEFAULT_RATE_LIMITS, ...given };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`rateLimits.${name} must be an integer ≥ 1, got ${value}`);
  }
  return limits;
}

/** The cause of a TOO_MANY_REQUESTS error; the error formatter passes `retryAfterSeconds` on. */
export class RateLimitExceeded extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Rate limit exceeded; retry after ${retryAfterSeconds} s`);
    this.name = 'RateLimitExceeded';
  }
}

export interface WriteOptions {
  /** What the write is, e.g. `comment.create`; a client id reused for another kind is refused. */
  kind: string;
  clientId: string;
  /** The learner's limits; null for writes that are not rate limited (moderation). */
  limits: RateLimits | null;
}

export interface Applied<T> {
  /** The id of what the write created or changed, kept with the receipt for replays. */
  targetId: string;
  result: T;
}

/**
 * Runs one learner write in a transaction, applied at most once per (tenant, user, client id):
 *  1. takes the learner's row lock, so one learner's writes run one at a time on every replica
 *     (and the checks below cannot race with a concurrent retry);
 *  2. a receipt with this client id means the write was already applied: answer with `replay`
 *     of its target, changing nothing (and not counting against the rate limit);
 *  3. checks the rate limit by counting the learner's recent receipts (in the database, so it
 *     holds across replicas);
 *  4. applies the write and stores its receipt. Any error rolls all of it back.
 * Once committed, the learners the write notified hear of it live (publishNotificationsAfter).
 */
export async function runLearnerWrite<T>(
  db: Kysely<Database>,
  actor: AuthenticatedUser,
  options: WriteOptions,
  apply: (trx: Transaction<Database>, now: string) => Promise<Applied<T>>,
  replay: (trx: Transaction<Database>, targetId: string) => Promise<T>,
): Promise<T> {
  return publishNotificationsAfter(db, () => db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set((eb) => ({ role: eb.ref('role') }))
      .where('tenant_id', '=', actor.tenantId)
      .where('id', '=', actor.userId)
      .execute();

    const receipt = await trx
      .selectFrom('client_writes')
      .select(['kind', 'target_id'])
      .where('tenant_id', '=', actor.tenantId)
      .where('user_id', '=', actor.userId)
      .where('client_id', '=', options.clientId)
      .executeTakeFirst();
    if (receipt) {
      if (receipt.kind !== options.kind) {
        throw new TRPCError({ code: 'CONFLICT', message: 'This clientId was already used for a different write' });
      }
      return replay(trx, receipt.target_id);
    }

    const nowMs = Date.now();
    if (options.limits) await enforceRateLimit(trx, actor, options.limits, nowMs);

    const now = new Date(nowMs).toISOString();
    const { targetId, result } = await apply(trx, now);
    await trx
      .insertInto('client_writes')
      .values({
        tenant_id: actor.tenantId,
        user_id: actor.userId,
        client_id: options.clientId,
        kind: options.kind,
        target_id: targetId,
        counted: options.limits ? 1 : 0,
        created_at: now,
      })
      .execute();
    return result;
  }));
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

async function enforceRateLimit(trx: Transaction<Database>, actor: AuthenticatedUser, limits: RateLimits, nowMs: number) {
  const minuteAgo = new Date(nowMs - MINUTE_MS).toISOString();
  const dayAgo = new Date(nowMs - DAY_MS).toISOString();
  // ISO-8601 UTC text compares in time order, on both engines.
  const { rows } = await sql<{ day_count: number; day_oldest: string | null; minute_count: number; minute_oldest: string | null }>`
    select count(*) as day_count,
           min(created_at) as day_oldest,
           coalesce(sum(case when created_at > ${minuteAgo} then 1 else 0 end), 0) as minute_count,
           min(case when created_at > ${minuteAgo} then created_at end) as minute_oldest
    from client_writes
    where tenant_id = ${actor.tenantId} and user_id = ${actor.userId} and counted = 1 and created_at > ${dayAgo}`.execute(trx);
  const counts = rows[0];
  if (!counts) return;
  const dayCount = Number(counts.day_count);
  const minuteCount = Number(counts.minute_count);

  if (minuteCount >= limits.perMinute && counts.minute_oldest) {
    const retryAfter = secondsUntil(Date.parse(counts.minute_oldest) + MINUTE_MS, nowMs);
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `You're posting faster than Ripple allows (${limits.perMinute} a minute). Try again in ${formatWait(retryAfter)}.`,
      cause: new RateLimitExceeded(retryAfter),
    });
  }
  if (dayCount >= limits.perDay && counts.day_oldest) {
    const retryAfter = secondsUntil(Date.parse(counts.day_oldest) + DAY_MS, nowMs);
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `You've reached today's limit of ${limits.perDay} posts, votes and reports. Try again in ${formatWait(retryAfter)}.`,
      cause: new RateLimitExceeded(retryAfter),
    });
  }
}

function secondsUntil(atMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((atMs - nowMs) / 1000));
}

/** "1 second", "42 seconds", "3 minutes", "5 hours". */
export function formatWait(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds < 90) return plural(seconds, 'second');
  if (seconds < 90 * 60) return plural(Math.ceil(seconds / 60), 'minute');
  return plural(Math.ceil(seconds / 3600), 'hour');
}
