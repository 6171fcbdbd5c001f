import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { SessionResult } from '../contract';
import type { Database } from '../db/schema';
import type { TenantRow } from '../services/tenants';
import { identityDb, type IdentityDatabase } from './identity-schema';
import type { Auth, SessionClaims } from './index';
import type { RecordedUser } from './sign-in';

/**
 * Sign-in sessions of single sign-on: a short-lived access token (Ripple's HMAC token, 15 min,
 * naming its session) plus a refresh token, opaque and random, stored only as its SHA-256.
 *
 * Refresh tokens rotate: each is good for one `auth.refresh`, which revokes it and issues the next
 * of the same family (session). Presenting a rotated one again means it was copied: the whole
 * session is revoked, so the thief and the learner both have to sign in again (OAuth 2.0
 * Security BCP §4.14.2). Refresh tokens live 30 days from issue, and no session outlives 90 days
 * from its sign-in however often it is refreshed.
 */
export const ACCESS_TOKEN_LIFETIME_MS = 15 * 60 * 1000;
export const REFRESH_TOKEN_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
export const SESSION_MAX_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;

/** Recognisable prefix (for secret scanners and logs), then 256 random bits. */
const REFRESH_TOKEN_PREFIX = 'rrt1_';

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

function newRefreshToken(): string {
  return `${REFRESH_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Starts a session for a user who just proved who they are; returns both tokens and the profile. */
export async function startSession(
  db: Kysely<Database>,
  auth: Auth,
  tenant: TenantRow,
  user: RecordedUser,
  method: 'oidc' | 'dev',
  now = Date.now(),
): Promise<SessionResult> {
  const idb = identityDb(db);
  const sessionId = randomUUID();
  const sessionExpiresAt = now + SESSION_MAX_LIFETIME_MS;
  const refreshToken = newRefreshToken();
  const refreshExpiresAt = Math.min(now + REFRESH_TOKEN_LIFETIME_MS, sessionExpiresAt);
  await idb.transaction().execute(async (trx) => {
    await trx
      .insertInto('auth_sessions')
      .values({
        id: sessionId,
        tenant_id: tenant.id,
        user_id: user.id,
        method,
        created_at: iso(now),
        expires_at: iso(sessionExpiresAt),
        revoked_at: null,
        revoked_reason: null,
      })
      .execute();
    await trx
      .insertInto('refresh_tokens')
      .values({
        token_hash: hashRefreshToken(refreshToken),
        session_id: sessionId,
        tenant_id: tenant.id,
        created_at: iso(now),
        expires_at: iso(refreshExpiresAt),
        rotated_at: null,
      })
      .execute();
  });
  const access = auth.issueToken(
    { tenantId: tenant.id, userId: user.id, role: user.role, sessionId },
    Math.min(now + ACCESS_TOKEN_LIFETIME_MS, sessionExpiresAt),
  );
  return {
    token: access.token,
    expiresAt: access.expiresAt,
    refreshToken,
    refreshExpiresAt: Math.floor(refreshExpiresAt / 1000) * 1000,
    profile: { displayName: user.display_name, team: user.team, tenant: tenant.slug, role: user.role },
  };
}

export type RefreshOutcome =
  | { ok: true; result: SessionResult }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reused' | 'user-gone' };

/**
 * Exchanges a refresh token for a new pair. A token already exchanged revokes its whole session
 * (the revocation is committed even though the call fails).
 */
export async function refreshSession(db: Kysely<Database>, auth: Auth, refreshToken: string, now = Date.now()): Promise<RefreshOutcome> {
  const idb = identityDb(db);
  const hash = hashRefreshToken(refreshToken);
  return idb.transaction().execute(async (trx): Promise<RefreshOutcome> => {
    const row = await trx
      .selectFrom('refresh_tokens')
      .innerJoin('auth_sessions', 'auth_sessions.id', 'refresh_tokens.session_id')
      .innerJoin('users', (join) => join.onRef('users.id', '=', 'auth_sessions.user_id').onRef('users.tenant_id', '=', 'auth_sessions.tenant_id'))
      .innerJoin('tenants', 'tenants.id', 'auth_sessions.tenant_id')
      .select([
        'refresh_tokens.expires_at as token_expires_at',
        'refresh_tokens.rotated_at',
        'auth_sessions.id as session_id',
        'auth_sessions.expires_at as session_expires_at',
        'auth_sessions.revoked_at',
        'users.id as user_id',
        'users.display_name',
        'users.team',
        'users.role',
        'tenants.id as tenant_id',
        'tenants.slug',
      ])
      .where('refresh_tokens.token_hash', '=', hash)
      .executeTakeFirst();
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
    if (row.rotated_at !== null) {
      await revoke(trx, row.session_id, 'refresh token reused', now);
      return { ok: false, reason: 'reused' };
    }
    if (Date.parse(row.token_expires_at) <= now || Date.parse(row.session_expires_at) <= now) return { ok: false, reason: 'expired' };

    // Claims the token; a concurrent refresh with the same token finds it taken and counts as reuse.
    const claimed = await trx
      .updateTable('refresh_tokens')
      .set({ rotated_at: iso(now) })
      .where('token_hash', '=', hash)
      .where('rotated_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      await revoke(trx, row.session_id, 'refresh token reused', now);
      return { ok: false, reason: 'reused' };
    }

    const sessionExpiresAt = Date.parse(row.session_expires_at);
    const next = newRefreshToken();
    const refreshExpiresAt = Math.min(now + REFRESH_TOKEN_LIFETIME_MS, sessionExpiresAt);
    await trx
      .insertInto('refresh_tokens')
      .values({
        token_hash: hashRefreshToken(next),
        session_id: row.session_id,
        tenant_id: row.tenant_id,
        created_at: iso(now),
        expires_at: iso(refreshExpiresAt),
        rotated_at: null,
      })
      .execute();
    // The role as it is now (an admin may have changed it since the sign-in).
    const access = auth.issueToken(
      { tenantId: row.tenant_id, userId: row.user_id, role: row.role, sessionId: row.session_id },
      Math.min(now + ACCESS_TOKEN_LIFETIME_MS, sessionExpiresAt),
    );
    return {
      ok: true,
      result: {
        token: access.token,
        expiresAt: access.expiresAt,
        refreshToken: next,
        refreshExpiresAt: Math.floor(refreshExpiresAt / 1000) * 1000,
        profile: { displayName: row.display_name, team: row.team, tenant: row.slug, role: row.role },
      },
    };
  });
}

/** Signs out: revokes the session of this refresh token (if it is one). Idempotent, says nothing. */
export async function revokeByRefreshToken(db: Kysely<Database>, refreshToken: string, now = Date.now()): Promise<void> {
  const idb = identityDb(db);
  const row = await idb
    .selectFrom('refresh_tokens')
    .select('session_id')
    .where('token_hash', '=', hashRefreshToken(refreshToken))
    .executeTakeFirst();
  if (row) await revoke(idb, row.session_id, 'signed out', now);
}

/** Ends every session of a user (an admin's "sign out everywhere", a removed account). */
export async function revokeUserSessions(db: Kysely<Database>, tenantId: string, userId: string, reason: string, now = Date.now()): Promise<number> {
  const result = await identityDb(db)
    .updateTable('auth_sessions')
    .set({ revoked_at: iso(now), revoked_reason: reason })
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

async function revoke(db: Kysely<IdentityDatabase>, sessionId: string, reason: string, now: number) {
  await db
    .updateTable('auth_sessions')
    .set({ revoked_at: iso(now), revoked_reason: reason })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Whether an access token's session still stands (not signed out, not revoked for reuse, not
 * past its end). Tokens without a session (dev sign-in) are not checked here.
 */
export async function isSessionActive(db: Kysely<Database>, claims: SessionClaims, now = Date.now()): Promise<boolean> {
  if (claims.sessionId === undefined) return true;
  const row = await identityDb(db)
    .selectFrom('auth_sessions')
    .select(['expires_at', 'revoked_at'])
    .where('id', '=', claims.sessionId)
    .where('tenant_id', '=', claims.tenantId)
    .where('user_id', '=', claims.userId)
    .executeTakeFirst();
  return !!row && row.revoked_at === null && Date.parse(row.expires_at) > now;
}
