import type { Kysely } from 'kysely';
import { createAuth, type Auth } from './auth';
import { loadTokenSecret } from './auth/secret';
import { connectDatabase, type ConnectOptions, type Engine } from './db/connect';
import { migrateToLatest } from './db/migrate';
import type { Database } from './db/schema';
import { openLiveBus } from './live';
import { DEMO_TENANT, ensureTenant } from './services/tenants';
import { resolveRateLimits, type RateLimits } from './services/writes';

export interface OpenStorageOptions extends ConnectOptions {
  /** Offer dev sign-in into the demo tenant. Default true. */
  devSignIn?: boolean;
  /** Token signing key; when absent, one kept in the database is used (created on first start). */
  secret?: string;
  /** Learner write limits (per user, across reviews, comments, votes, reports). Default 30/min, 300/day. */
  rateLimits?: Partial<RateLimits>;
}

/** A ready-to-serve backend without HTTP: migrated database, signing key, demo tenant. */
export interface Storage {
  db: Kysely<Database>;
  engine: Engine;
  location: string;
  auth: Auth;
  rateLimits: RateLimits;
  close(): Promise<void>;
}

/** Everything a start needs before serving requests. Idempotent: safe on every start. */
export async function openStorage(options: OpenStorageOptions = {}): Promise<Storage> {
  const devSignIn = options.devSignIn ?? true;
  const rateLimits = resolveRateLimits(options.rateLimits);
  const { db, engine, location } = connectDatabase(options);
  try {
    await migrateToLatest(db);
    const secret = await loadTokenSecret(db, options.secret);
    if (devSignIn) await ensureTenant(db, DEMO_TENANT);
    // Live updates: LISTEN/NOTIFY on PostgreSQL (shared by replicas), in memory on SQLite.
    const live = await openLiveBus(db, engine === 'postgres' ? options.databaseUrl : undefined);
    const close = async () => {
      await live.close();
      await db.destroy();
    };
    return { db, engine, location, auth: createAuth({ secret, devSignIn }), rateLimits, close };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
