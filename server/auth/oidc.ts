import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import type { Role } from '../db/schema';
import { isLoopbackHost, type ClaimMapping, type ProviderConfig } from '../services/tenant-config';

/**
 * The relying-party side of OpenID Connect: discovery, the code-for-tokens exchange at the
 * provider's token endpoint (PKCE; client secret when the tenant has one) and the verification of
 * the ID token against the provider's published keys. No browser part: the extension runs that.
 */

/** Why a sign-in failed, as the caller must answer it. */
export type OidcFailure =
  /** The code, verifier or ID token is not acceptable: the learner must sign in again. */
  | 'unauthorized'
  /** The provider is unreachable or answered nonsense: try later. */
  | 'provider'
  /** The tenant's provider settings are wrong (issuer mismatch, client refused): an admin must act. */
  | 'config';

export class OidcError extends Error {
  constructor(
    readonly failure: OidcFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OidcError';
  }
}

/** Signature algorithms accepted for ID tokens: asymmetric only (never `none`, never HMAC). */
export const ID_TOKEN_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

const HttpsOrLoopbackUrl = z
  .string()
  .url()
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  }, 'must be https (http only on loopback)');

const DiscoveryDocument = z.object({
  issuer: z.string(),
  authorization_endpoint: HttpsOrLoopbackUrl,
  token_endpoint: HttpsOrLoopbackUrl,
  jwks_uri: HttpsOrLoopbackUrl,
  userinfo_endpoint: HttpsOrLoopbackUrl.optional(),
  token_endpoint_auth_methods_supported: z.array(z.string()).optional(),
});
export type DiscoveryDocument = z.infer<typeof DiscoveryDocument>;

const TokenResponse = z.object({
  id_token: z.string().min(1).max(16_384),
  access_token: z.string().optional(),
  token_type: z.string().optional(),
});

export interface OidcClientOptions {
  /** Per request to the provider. Default 10 s. */
  timeoutMs?: number;
  /** How long a discovery document is reused. Default 1 hour. */
  discoveryTtlMs?: number;
  /** Clock skew tolerated on exp/iat/nbf. Default 60 s. */
  clockToleranceSeconds?: number;
  /** Oldest ID token accepted (its `iat`): it was just issued for this exchange. Default 10 min. */
  maxIdTokenAgeSeconds?: number;
}

export interface CodeExchange {
  code: string;
  codeVerifier: string;
  redirectUri: string;
  nonce?: string;
}

export interface OidcIdentity {
  /** The provider's `sub`. */
  sub: string;
  /** ID token claims, completed from the userinfo endpoint when the mapping needs more. */
  claims: Record<string, unknown>;
}

export interface OidcClient {
  /** The provider's metadata (cached); throws OidcError('provider' | 'config'). */
  discover(issuer: string): Promise<DiscoveryDocument>;
  /** Redeems an authorization code and verifies the ID token; throws OidcError. */
  exchangeCode(provider: ProviderConfig, exchange: CodeExchange): Promise<OidcIdentity>;
}

interface ProviderMetadata {
  document: DiscoveryDocument;
  jwks: ReturnType<typeof createRemoteJWKSet>;
  fetchedAt: number;
}

/** Largest answer read from a provider: discovery documents and token responses are a few KB. */
const MAX_RESPONSE_BYTES = 512 * 1024;

export function createOidcClient(options: OidcClientOptions = {}): OidcClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const discoveryTtlMs = options.discoveryTtlMs ?? 60 * 60 * 1000;
  const clockTolerance = options.clockToleranceSeconds ?? 60;
  const maxTokenAge = options.maxIdTokenAgeSeconds ?? 600;
  // Per issuer; a failed discovery is not kept, so the next sign-in tries again.
  const cache = new Map<string, Promise<ProviderMetadata>>();

  async function metadata(issuer: string): Promise<ProviderMetadata> {
    const cached = cache.get(issuer);
    if (cached) {
      const entry = await cached.catch(() => null);
      if (entry && Date.now() - entry.fetchedAt < discoveryTtlMs) return entry;
      if (cache.get(issuer) === cached) cache.delete(issuer);
    }
    const pending = fetchMetadata(issuer);
    cache.set(issuer, pending);
    pending.catch(() => {
      if (cache.get(issuer) === pending) cache.delete(issuer);
    });
    return pending;
  }

  async function fetchMetadata(issuer: string): Promise<ProviderMetadata> {
    const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const response = await request(url, { headers: { accept: 'application/json' } }, timeoutMs);
    if (!response.ok) throw new OidcError('provider', `Discovery at ${url} answered HTTP ${response.status}`);
    const parsed = DiscoveryDocument.safeParse(await readJson(response));
    if (!parsed.success) throw new OidcError('provider', `Discovery document of ${issuer} is not usable: ${parsed.error.issues[0]?.path.join('.')}`);
    // OpenID Connect Discovery §4.3: the document's issuer must be exactly the one asked for.
    if (parsed.data.issuer !== issuer) {
      throw new OidcError('config', `Provider says its issuer is "${parsed.data.issuer}", configured "${issuer}"`);
    }
    const jwks = createRemoteJWKSet(new URL(parsed.data.jwks_uri), { timeoutDuration: timeoutMs, cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
    return { document: parsed.data, jwks, fetchedAt: Date.now() };
  }

  async function redeem(provider: ProviderConfig, document: DiscoveryDocument, exchange: CodeExchange) {
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code: exchange.code,
      redirect_uri: exchange.redirectUri,
      code_verifier: exchange.codeVerifier,
    });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (provider.clientSecret === undefined) {
      body.set('client_id', provider.clientId);
    } else if (prefersPostAuth(document)) {
      body.set('client_id', provider.clientId);
      body.set('client_secret', provider.clientSecret);
    } else {
      // RFC 6749 §2.3.1: both parts form-urlencoded before base64.
      const credentials = `${formEncode(provider.clientId)}:${formEncode(provider.clientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
    }
    const response = await request(document.token_endpoint, { method: 'POST', headers, body: body.toString() }, timeoutMs);
    const json = await readJson(response).catch(() => null);
    if (!response.ok) {
      const error = typeof (json as { error?: unknown } | null)?.error === 'string' ? (json as { error: string }).error : `HTTP ${response.status}`;
      if (error === 'invalid_client' || error === 'unauthorized_client') {
        throw new OidcError('config', `The identity provider refused Ripple's client (${error})`);
      }
      if (response.status >= 500) throw new OidcError('provider', `The identity provider's token endpoint failed (${error})`);
      throw new OidcError('unauthorized', `The identity provider refused the sign-in code (${error})`);
    }
    const parsed = TokenResponse.safeParse(json);
    if (!parsed.success) throw new OidcError('provider', 'The identity provider answered without an ID token');
    return parsed.data;
  }

  async function verifyIdToken(provider: ProviderConfig, jwks: ProviderMetadata['jwks'], idToken: string, nonce: string | undefined) {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, jwks, {
        issuer: provider.issuer,
        audience: provider.clientId,
        algorithms: ID_TOKEN_ALGORITHMS,
        clockTolerance,
        maxTokenAge,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWKSTimeout || (error instanceof Error && !(error instanceof joseErrors.JOSEError))) {
        throw new OidcError('provider', "Could not fetch the identity provider's keys", { cause: error });
      }
      throw new OidcError('unauthorized', `ID token rejected: ${describeJoseError(error)}`, { cause: error });
    }
    // OIDC Core §3.1.3.7: with several audiences, the token must name Ripple as its authorized party.
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if ((audiences.length > 1 || payload.azp !== undefined) && payload.azp !== provider.clientId) {
      throw new OidcError('unauthorized', 'ID token rejected: issued to another party (azp)');
    }
    // The nonce binds the token to the extension's authorization request; without one given,
    // a token that carries one is from some other request.
    if ((payload.nonce ?? undefined) !== nonce) throw new OidcError('unauthorized', 'ID token rejected: nonce mismatch');
    if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 255) {
      throw new OidcError('unauthorized', 'ID token rejected: bad subject');
    }
    return payload as JWTPayload & { sub: string };
  }

  async function userinfo(document: DiscoveryDocument, accessToken: string, sub: string): Promise<Record<string, unknown>> {
    if (!document.userinfo_endpoint) return {};
    const response = await request(
      document.userinfo_endpoint,
      { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } },
      timeoutMs,
    );
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return {};
    const json = await readJson(response).catch(() => null);
    if (!json || typeof json !== 'object' || Array.isArray(json)) return {};
    // OIDC Core §5.3.2: a userinfo answer about someone else must not be used.
    if ((json as { sub?: unknown }).sub !== sub) throw new OidcError('unauthorized', 'Userinfo is about another subject');
    return json as Record<string, unknown>;
  }

  return {
    async discover(issuer) {
      return (await metadata(issuer)).document;
    },
    async exchangeCode(provider, exchange) {
      const { document, jwks } = await metadata(provider.issuer);
      const tokens = await redeem(provider, document, exchange);
      const payload = await verifyIdToken(provider, jwks, tokens.id_token, exchange.nonce);
      let claims: Record<string, unknown> = { ...payload };
      // Many providers put profile claims only in userinfo (code flow, OIDC Core §5.4).
      if (tokens.access_token && mappedClaims(provider.claims).some((name) => readClaim(claims, name) === undefined)) {
        const extra = await userinfo(document, tokens.access_token, payload.sub);
        claims = { ...extra, ...claims };
      }
      return { sub: payload.sub, claims };
    },
  };
}

async function request(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    // Never follow redirects: every endpoint comes from configuration or discovery.
    return await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new OidcError('provider', `Cannot reach the identity provider at ${new URL(url).origin}`, { cause: error });
  }
}

async function readJson(response: Response): Promise<unknown> {
  const length = Number(response.headers.get('content-length') ?? '0');
  if (length > MAX_RESPONSE_BYTES) throw new OidcError('provider', 'The identity provider answered too much');
  const text = await response.text();
  if (text.length > MAX_RESPONSE_BYTES) throw new OidcError('provider', 'The identity provider answered too much');
  try {
    return JSON.parse(text);
  } catch {
    throw new OidcError('provider', 'The identity provider answered something other than JSON');
  }
}

function prefersPostAuth(document: DiscoveryDocument): boolean {
  const methods = document.token_endpoint_auth_methods_supported;
  // Absent means client_secret_basic (OpenID Connect Discovery §3).
  return methods !== undefined && !methods.includes('client_secret_basic') && methods.includes('client_secret_post');
}

function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `${error.claim} ${error.reason}`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JWKSNoMatchingKey) return 'signature not from the provider';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'signature algorithm not allowed';
  if (error instanceof joseErrors.JOSEError) return error.code;
  return 'invalid';
}

// ---------------------------------------------------------------------------------------------
// Claims → who the learner is in Ripple.

export interface MappedIdentity {
  displayName: string;
  team: string;
  /** Null: no unit claim configured or none in the token. */
  unit: string | null;
  /** Only when the mapping has a `roleClaim`: the provider decides the role. */
  role?: Role;
}

/** The claims a mapping reads, to know whether the ID token alone is enough. */
function mappedClaims(mapping: ClaimMapping): string[] {
  return [mapping.displayName, mapping.team, mapping.unit, mapping.roleClaim].filter((name): name is string => name !== undefined);
}

/** A claim by exact name, else (for `a.b`) by walking nested objects. */
export function readClaim(claims: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(claims, name)) return claims[name];
  if (!name.includes('.')) return undefined;
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (!value || typeof value !== 'object' || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const MAX_NAME_LENGTH = 80;

/** One line of text from a claim: strings (or the first string of a list), control characters removed, ≤ 80. */
function textClaim(value: unknown): string | null {
  const first = Array.isArray(value) ? value.find((entry) => typeof entry === 'string') : value;
  if (typeof first !== 'string') return null;
  // eslint-disable-next-line no-control-regex
  const clean = first.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/\s+/g, ' ').trim();
  return clean === '' ? null : [...clean].slice(0, MAX_NAME_LENGTH).join('').trim();
}

export function mapClaims(claims: Record<string, unknown>, mapping: ClaimMapping): MappedIdentity {
  const email = textClaim(claims.email);
  const displayName =
    textClaim(readClaim(claims, mapping.displayName)) ??
    textClaim([textClaim(claims.given_name), textClaim(claims.family_name)].filter(Boolean).join(' ')) ??
    textClaim(claims.preferred_username) ??
    (email ? textClaim(email.split('@')[0]) : null) ??
    'Learner';
  const team = textClaim(readClaim(claims, mapping.team)) ?? mapping.defaultTeam;
  const unit = mapping.unit ? textClaim(readClaim(claims, mapping.unit)) : null;
  const identity: MappedIdentity = { displayName, team, unit };
  if (mapping.roleClaim) {
    const raw = readClaim(claims, mapping.roleClaim);
    const values = new Set((Array.isArray(raw) ? raw : [raw]).filter((value): value is string => typeof value === 'string'));
    identity.role = mapping.adminValues.some((value) => values.has(value))
      ? 'admin'
      : mapping.moderatorValues.some((value) => values.has(value))
        ? 'moderator'
        : 'learner';
  }
  return identity;
}

/** The `users.subject` of an OIDC identity: namespaced by issuer so two providers never collide. */
export function oidcSubject(issuer: string, sub: string): string {
  return `oidc:${issuer}#${sub}`;
}
