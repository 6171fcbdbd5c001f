import type { Kysely } from 'kysely';
import type { SignInResult } from '../contract';
import type { Database, Role } from '../db/schema';
import type { TenantRow } from '../services/tenants';
import { setUserRole, upsertUser } from '../services/users';
import type { Auth } from './index';

export interface VerifiedIdentity {
  /** Stable per identity provider, e.g. `dev:<random>` or `oidc:<issuer>#<sub>`. */
  subject: string;
  displayName: string;
  team: string;
  /** Absent: keep the unit on file (dev sign-in); null: none. */
  unit?: string | null;
  /** Only when the identity provider decides roles (a tenant's `roleClaim`); absent keeps the role on file. */
  role?: Role;
}

export interface RecordedUser {
  id: string;
  display_name: string;
  team: string;
  role: Role;
}

/**
 * Records a verified identity: same subject, same user; name, team (and unit, and role when the
 * provider decides it) follow the identity provider.
 */
export async function recordUser(db: Kysely<Database>, tenant: TenantRow, identity: VerifiedIdentity): Promise<RecordedUser> {
  const user = await upsertUser(db, tenant.id, identity);
  if (identity.role !== undefined && identity.role !== user.role) {
    await setUserRole(db, tenant.id, user.id, identity.role);
    return { ...user, role: identity.role };
  }
  return user;
}

/**
 * The common end of the dev sign-in: the identity has been verified by the caller; record the
 * user and sign a stateless token (single sign-on goes through sessions.ts instead).
 */
export async function signIn(
  db: Kysely<Database>,
  auth: Auth,
  tenant: TenantRow,
  identity: VerifiedIdentity,
  expiresAt: number,
): Promise<SignInResult> {
  const user = await recordUser(db, tenant, identity);
  const issued = auth.issueToken({ tenantId: tenant.id, userId: user.id, role: user.role }, expiresAt);
  return {
    token: issued.token,
    expiresAt: issued.expiresAt,
    profile: { displayName: user.display_name, team: user.team, tenant: tenant.slug, role: user.role },
  };
}
