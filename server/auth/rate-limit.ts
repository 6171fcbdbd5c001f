import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { identityDb } from './identity-schema';

/**
 * Limits on the unauthenticated auth endpoints (auth.oidcExchange, auth.devSignIn, auth.refresh,
 * auth.signOut), per client address and procedure, counted in the database so the limit holds
 * across replicas. Fixed one-minute windows: a client may burst up to twice the limit across a
 * window boundary, which is fine for slowing down guessing.
 *
 * Caveat: many learners behind one corporate NAT or proxy share an address. Set the server's
 * `trustProxy` (RIPPLE_TRUST_PROXY) so the address is the client's, and raise the limit
 * (RIPPLE_AUTH_RATE_LIMIT_PER_MINUTE) when a whole site egresses through one address.
 */
export interface AuthRateLimit {
  /** Calls per minute per client address and procedure; 0 turns the limit off. */
  perMinute: number;
}

export const DEFAULT_AUTH_RATE_LIMIT: AuthRateLimit = { perMinute: 20 };

const WINDOW_MS = 60_000;
/** Windows older than this are deleted as new ones start. */
const KEEP_MS = 10 * WINDOW_MS;

/** Counts one call; returns null when allowed, else the seconds until the window ends. */
export async function countAuthAttempt(db: Kysely<Database>, bucket: string, limit: AuthRateLimit, nowMs = Date.now()): Promise<number | null> {
  if (limit.perMinute <= 0) return null;
  const idb = identityDb(db);
  const windowStartMs = Math.floor(nowMs / WINDOW_MS) * WINDOW_MS;
  const row = await idb
    .insertInto('auth_rate_counters')
    .values({ bucket, window_start: new Date(windowStartMs).toISOString(), count: 1 })
    .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet((eb) => ({ count: eb('auth_rate_counters.count', '+', 1) })))
    .returning('count')
    .executeTakeFirstOrThrow();
  const count = Number(row.count);
  if (count === 1) {
    // First call of this bucket's window: a good moment to drop old windows (indexed by window_start).
    await idb.deleteFrom('auth_rate_counters').where('window_start', '<', new Date(nowMs - KEEP_MS).toISOString()).execute();
  }
  if (count <= limit.perMinute) return null;
  return Math.max(1, Math.ceil((windowStartMs + WINDOW_MS - nowMs) / 1000));
}
