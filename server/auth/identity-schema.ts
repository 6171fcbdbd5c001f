import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Row types of the identity tables (migration 0004_identity). Kept beside the code that uses
 * them and joined to `Database` with `withTables`, so the shared schema file needs no edit.
 */
export interface TenantIdentityProvidersTable {
  tenant_id: string;
  issuer: string;
  client_id: string;
  client_secret: string | null;
  /** JSON array of scope names. */
  scopes: string;
  /** JSON of `ClaimMapping`. */
  claim_mapping: string;
  updated_at: string;
}

export interface AuthSessionsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  method: 'oidc' | 'dev';
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
}

export interface RefreshTokensTable {
  /** base64url SHA-256 of the token; the token itself is never stored. */
  token_hash: string;
  session_id: string;
  tenant_id: string;
  created_at: string;
  expires_at: string;
  rotated_at: string | null;
}

export interface AuthRateCountersTable {
  bucket: string;
  window_start: string;
  count: number;
}

/** The columns 0004 adds to `tenant_settings`. */
export interface TenantSettingsIdentityColumns {
  tenant_id: string;
  /** JSON array of feature names. */
  features: string;
  retention_days: number | null;
}

// A type alias, not an interface: `withTables` needs an index-signature-compatible record.
export type IdentityTables = {
  tenant_identity_providers: TenantIdentityProvidersTable;
  auth_sessions: AuthSessionsTable;
  refresh_tokens: RefreshTokensTable;
  auth_rate_counters: AuthRateCountersTable;
  tenant_settings: TenantSettingsIdentityColumns;
};

export type IdentityDatabase = Database & IdentityTables;

/** The same connection, typed with the identity tables too. */
export function identityDb(db: Kysely<Database>): Kysely<IdentityDatabase> {
  return db.withTables<IdentityTables>();
}
