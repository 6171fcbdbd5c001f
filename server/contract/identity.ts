import { z } from 'zod';
import { DevSignInInput, SignInResult } from './auth';

/**
 * Single sign-on with the company's OpenID Connect provider (authorization code + PKCE).
 *
 * The extension runs the browser part (chrome.identity.launchWebAuthFlow) with the values of
 * `auth.config`, then hands the code to `auth.oidcExchange`; the server redeems it at the
 * provider, verifies the ID token and answers with Ripple's own short-lived access token plus a
 * rotating refresh token. Ripple never sees or stores a password.
 */

/** A tenant's short name, as set in managed policy: `acme`, `demo`. */
export const TenantSlug = z.string().min(1).max(63).regex(/^[a-z0-9][a-z0-9-]*$/, 'Lower-case letters, digits and dashes');
export type TenantSlug = z.infer<typeof TenantSlug>;

export const AuthConfigInput = z.object({ tenant: TenantSlug });
export type AuthConfigInput = z.infer<typeof AuthConfigInput>;

/** What the extension needs to start a sign-in: public values only (never the client secret). */
export const AuthProviderInfo = z.object({
  issuer: z.string(),
  authorizationEndpoint: z.string(),
  clientId: z.string(),
  /** Space-join them for the `scope` parameter; always includes `openid`. */
  scopes: z.array(z.string()),
});
export type AuthProviderInfo = z.infer<typeof AuthProviderInfo>;

export const AuthConfig = z.object({
  tenant: TenantSlug,
  /** Null: this tenant has no identity provider (only the demo's dev sign-in, if offered). */
  provider: AuthProviderInfo.nullable(),
  /** Whether `auth.devSignIn` works for this tenant (the demo tenant, without a provider). */
  devSignIn: z.boolean(),
});
export type AuthConfig = z.infer<typeof AuthConfig>;

/**
 * The redirect URI chrome.identity gives the extension (`getRedirectURL()`): Chrome and Edge both
 * use `https://<extension id>.chromiumapp.org/<optional path>`.
 */
export const ExtensionRedirectUri = z
  .string()
  .max(300)
  .regex(/^https:\/\/[a-p]{32}\.chromiumapp\.org\/[A-Za-z0-9._~\/-]*$/, 'Must be the extension’s https://<id>.chromiumapp.org/ redirect URI');

/** RFC 7636: 43–128 characters of [A-Z a-z 0-9 - . _ ~]. */
export const PkceCodeVerifier = z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, 'Must be a PKCE code verifier (43–128 unreserved characters)');

export const OidcExchangeInput = z.object({
  tenant: TenantSlug,
  /** The `code` of the authorization response. */
  code: z.string().min(1).max(2048),
  codeVerifier: PkceCodeVerifier,
  /** Exactly the `redirect_uri` of the authorization request. */
  redirectUri: ExtensionRedirectUri,
  /** The `nonce` of the authorization request: the ID token must carry the same. Send one. */
  nonce: z.string().min(1).max(256).optional(),
});
export type OidcExchangeInput = z.infer<typeof OidcExchangeInput>;

/** Opaque; keep it in extension storage only, never in a page. */
export const RefreshToken = z.string().min(1).max(256);

/** A signed-in session: the access token of `SignInResult` plus a refresh token. */
export const SessionResult = SignInResult.extend({
  /** Single use: `auth.refresh` answers with a new one and revokes this one. */
  refreshToken: z.string(),
  /** Epoch milliseconds after which the refresh token is refused (sign in again). */
  refreshExpiresAt: z.number().int(),
});
export type SessionResult = z.infer<typeof SessionResult>;

export const RefreshInput = z.object({ refreshToken: RefreshToken });
export type RefreshInput = z.infer<typeof RefreshInput>;

export const SignOutInput = z.object({ refreshToken: RefreshToken });
export type SignOutInput = z.infer<typeof SignOutInput>;

export const SignOutResult = z.object({ signedOut: z.literal(true) });
export type SignOutResult = z.infer<typeof SignOutResult>;

/** `DevSignInInput` plus the tenant it is for (default `demo`, the only one that allows it). */
export const DevSignInRequest = DevSignInInput.extend({ tenant: TenantSlug.optional() });
export type DevSignInRequest = z.infer<typeof DevSignInRequest>;
