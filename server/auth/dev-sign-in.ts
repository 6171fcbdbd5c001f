import type { Kysely } from 'kysely';
import type { DevSignInRequest, SignInResult } from '../contract';
import type { Database } from '../db/schema';
import { getTenantProvider } from '../services/tenant-config';
import { DEMO_TENANT, findTenantBySlug } from '../services/tenants';
import { DEV_SIGN_IN_TOKEN_LIFETIME_MS, type Auth } from './index';
import { signIn } from './sign-in';

export type DevSignInOutcome =
  | { ok: true; result: SignInResult }
  | { ok: false; reason: 'disabled' | 'not-demo' | 'provider-configured' };

/**
 * Dev sign-in for the demo: the extension's random per-profile subject is the whole credential.
 * Only ever into the demo tenant, only when the server offers it, and never once the demo tenant
 * has an identity provider (then that is the only way in).
 */
export async function devSignIn(
  db: Kysely<Database>,
  auth: Auth,
  input: DevSignInRequest,
  now = Date.now(),
): Promise<DevSignInOutcome> {
  if (!auth.devSignIn) return { ok: false, reason: 'disabled' };
  if ((input.tenant ?? DEMO_TENANT.slug) !== DEMO_TENANT.slug) return { ok: false, reason: 'not-demo' };
  const tenant = await findTenantBySlug(db, DEMO_TENANT.slug);
  if (!tenant) return { ok: false, reason: 'disabled' };
  if (await getTenantProvider(db, tenant.id)) return { ok: false, reason: 'provider-configured' };
  // Prefixed so a dev subject can never take over a user signed in through a real provider.
  const identity = { subject: `dev:${input.subject}`, displayName: input.displayName, team: input.team };
  return { ok: true, result: await signIn(db, auth, tenant, identity, now + DEV_SIGN_IN_TOKEN_LIFETIME_MS) };
}

/** Whether `auth.devSignIn` would let someone into this tenant. */
export async function devSignInAvailable(db: Kysely<Database>, auth: Auth, tenantSlug: string, hasProvider: boolean): Promise<boolean> {
  return auth.devSignIn && tenantSlug === DEMO_TENANT.slug && !hasProvider && !!(await findTenantBySlug(db, tenantSlug));
}
