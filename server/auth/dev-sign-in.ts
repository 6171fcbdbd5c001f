import type { Kysely } from 'kysely';
import type { DevSignInInput, SignInResult } from '../contract';
import type { Database } from '../db/schema';
import { DEMO_TENANT, findTenantBySlug } from '../services/tenants';
import { DEV_SIGN_IN_TOKEN_LIFETIME_MS, type Auth } from './index';
import { signIn } from './sign-in';

/**
 * Dev sign-in for the demo: the extension's random per-profile subject is the whole credential.
 * Returns null when this server does not offer it (disabled, or the demo tenant is missing).
 */
export async function devSignIn(
  db: Kysely<Database>,
  auth: Auth,
  input: DevSignInInput,
  now = Date.now(),
): Promise<SignInResult | null> {
  if (!auth.devSignIn) return null;
  const tenant = await findTenantBySlug(db, DEMO_TENANT.slug);
  if (!tenant) return null;
  // Prefixed so a dev subject can never take over a user signed in through a real provider.
  const identity = { subject: `dev:${input.subject}`, displayName: input.displayName, team: input.team };
  return signIn(db, auth, tenant, identity, now + DEV_SIGN_IN_TOKEN_LIFETIME_MS);
}
