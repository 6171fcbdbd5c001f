import type { Kysely } from 'kysely';
import type { SignInResult } from '../contract';
import type { Database } from '../db/schema';
import type { TenantRow } from '../services/tenants';
import { upsertUser } from '../services/users';
import type { Auth } from './index';

export interface VerifiedIdentity {
  /** Stable per identity provider, e.g. `dev:<random>` or `oidc:<issuer>:<sub>`. */
  subject: string;
  displayName: string;
  team: string;
}

/**
 * The common end of every sign-in method: the identity has been verified by the caller; record
 * the user (same subject, same user; name and team follow the identity provider) and sign a token.
 */
export async function signIn(
  db: Kysely<Database>,
  auth: Auth,
  tenant: TenantRow,
  identity: VerifiedIdentity,
  expiresAt: number,
): Promise<SignInResult> {
  const user = await upsertUser(db, tenant.id, identity);
  const issued = auth.issueToken({ tenantId: tenant.id, userId: user.id, role: user.role }, expiresAt);
  return {
    token: issued.token,
    expiresAt: issued.expiresAt,
    profile: { displayName: user.display_name, team: user.team, tenant: tenant.slug, role: user.role },
  };
}
