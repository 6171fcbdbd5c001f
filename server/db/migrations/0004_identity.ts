import { sql, type Kysely } from 'kysely';

// Identity (issue 8): each tenant's OpenID Connect provider, sign-in sessions with rotating
// refresh tokens (stored hashed), per-IP counters for the auth endpoints, and the tenant settings
// `features` and `retention_days`. Portable as 0001/0002: text ids, ISO text timestamps.

export async function up(db: Kysely<any>): Promise<void> {
  // One provider per tenant. The client secret is optional (public clients use PKCE alone) and
  // never leaves the server.
  await db.schema
    .createTable('tenant_identity_providers')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_secret', 'text')
    // JSON array of scope names.
    .addColumn('scopes', 'text', (c) => c.notNull())
    // JSON object: which claims give display name, team, unit and role.
    .addColumn('claim_mapping', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // One row per sign-in (a refresh-token family). Revoking it ends every refresh token of the
  // family and every access token that names it.
  await db.schema
    .createTable('auth_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('oidc', 'dev')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Absolute end of the session, however often it is refreshed.
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_reason', 'text')
    .execute();
  await db.schema.createIndex('auth_sessions_user_idx').on('auth_sessions').columns(['tenant_id', 'user_id']).execute();

  // SHA-256 of each refresh token ever issued; `rotated_at` is set when it is exchanged for the
  // next one, so presenting it again is recognised as reuse.
  await db.schema
    .createTable('refresh_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull().references('auth_sessions.id'))
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('rotated_at', 'text')
    .execute();
  await db.schema.createIndex('refresh_tokens_session_idx').on('refresh_tokens').columns(['session_id']).execute();

  // Fixed one-minute windows per (procedure, client address): shared by every replica.
  await db.schema
    .createTable('auth_rate_counters')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('auth_rate_counters_pk', ['bucket', 'window_start'])
    .execute();
  await db.schema.createIndex('auth_rate_counters_window_idx').on('auth_rate_counters').columns(['window_start']).execute();

  // One statement per column: SQLite adds one column per ALTER TABLE.
  await db.schema.alterTable('tenant_settings').addColumn('features', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema
    .alterTable('tenant_settings')
    .addColumn('retention_days', 'integer', (c) => c.check(sql`retention_days is null or retention_days >= 1`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tenant_settings').dropColumn('retention_days').execute();
  await db.schema.alterTable('tenant_settings').dropColumn('features').execute();
  for (const table of ['auth_rate_counters', 'refresh_tokens', 'auth_sessions', 'tenant_identity_providers']) {
    await db.schema.dropTable(table).execute();
  }
}
