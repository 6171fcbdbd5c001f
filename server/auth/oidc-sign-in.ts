import { TRPCError } from '@trpc/server';
import type { Kysely } from 'kysely';
import type { AuthConfig, OidcExchangeInput, SessionResult } from '../contract';
import type { Database } from '../db/schema';
import { getTenantProvider } from '../services/tenant-config';
import { findTenantBySlug } from '../services/tenants';
import { devSignInAvailable } from './dev-sign-in';
import type { Auth } from './index';
import { mapClaims, OidcError, oidcSubject } from './oidc';
import { startSession } from './sessions';
import { recordUser } from './sign-in';

/** `auth.config`: what the extension needs to start signing in to a tenant. */
export async function authConfig(db: Kysely<Database>, auth: Auth, slug: string): Promise<AuthConfig> {
  const tenant = await findTenantBySlug(db, slug);
  if (!tenant) throw new TRPCError({ code: 'NOT_FOUND', message: `No tenant "${slug}" on this server` });
  const provider = await getTenantProvider(db, tenant.id);
  const devSignIn = await devSignInAvailable(db, auth, slug, provider !== null);
  if (!provider) return { tenant: slug, provider: null, devSignIn };
  const document = await auth.oidc.discover(provider.issuer).catch((error: unknown) => {
    throw asTRPCError(error);
  });
  return {
    tenant: slug,
    provider: { issuer: provider.issuer, authorizationEndpoint: document.authorization_endpoint, clientId: provider.clientId, scopes: provider.scopes },
    devSignIn,
  };
}

/**
 * `auth.oidcExchange`: redeems the authorization code the extension obtained, verifies the ID
 * token, records the learner with the tenant's claim mapping, and starts a session.
 */
export async function oidcExchange(db: Kysely<Database>, auth: Auth, input: OidcExchangeInput): Promise<SessionResult> {
  const tenant = await findTenantBySlug(db, input.tenant);
  if (!tenant) throw new TRPCError({ code: 'NOT_FOUND', message: `No tenant "${input.tenant}" on this server` });
  const provider = await getTenantProvider(db, tenant.id);
  if (!provider) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `Tenant "${input.tenant}" has no identity provider` });

  let identity;
  try {
    identity = await auth.oidc.exchangeCode(provider, {
      code: input.code,
      codeVerifier: input.codeVerifier,
      redirectUri: input.redirectUri,
      ...(input.nonce !== undefined ? { nonce: input.nonce } : {}),
    });
  } catch (error) {
    throw asTRPCError(error);
  }
  const mapped = mapClaims(identity.claims, provider.claims);
  const user = await recordUser(db, tenant, {
    subject: oidcSubject(provider.issuer, identity.sub),
    displayName: mapped.displayName,
    team: mapped.team,
    // Without a unit claim in the mapping, the unit on file (set by an operator) stays.
    ...(provider.claims.unit !== undefined ? { unit: mapped.unit } : {}),
    ...(mapped.role !== undefined ? { role: mapped.role } : {}),
  });
  return startSession(db, auth, tenant, user, 'oidc');
}

function asTRPCError(error: unknown): TRPCError {
  if (!(error instanceof OidcError)) return error instanceof TRPCError ? error : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error });
  switch (error.failure) {
    case 'unauthorized':
      return new TRPCError({ code: 'UNAUTHORIZED', message: error.message, cause: error });
    case 'provider':
      return new TRPCError({ code: 'BAD_GATEWAY', message: `${error.message}; try again later`, cause: error });
    case 'config':
      return new TRPCError({ code: 'PRECONDITION_FAILED', message: `Single sign-on is misconfigured for this tenant: ${error.message}`, cause: error });
  }
}
