import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

const TOKEN_SECRET_NAME = 'token_hmac_sha256';
/** 256 bits, the HMAC-SHA256 block-size guidance; shorter configured secrets are refused. */
export const MIN_SECRET_LENGTH = 32;

/**
 * The key that signs session tokens: the configured one (env `RIPPLE_SECRET`) when given, else one
 * generated on first start and kept in the database, so restarts keep sessions valid and every
 * replica on a shared PostgreSQL uses the same key.
 */
export async function loadTokenSecret(db: Kysely<Database>, configured?: string): Promise<string> {
  if (configured !== undefined && configured !== '') {
    if (configured.length < MIN_SECRET_LENGTH) {
      throw new Error(`RIPPLE_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
    }
    return configured;
  }
  // Insert-if-absent, then read: when replicas start together, the first insert wins and all of
  // them read the same value.
  await db
    .insertInto('server_secrets')
    .values({ name: TOKEN_SECRET_NAME, value: randomBytes(32).toString('base64url'), created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('server_secrets')
    .select('value')
    .where('name', '=', TOKEN_SECRET_NAME)
    .executeTakeFirstOrThrow();
  return row.value;
}
