import { createOidcClient, type OidcClient, type OidcClientOptions } from './oidc';
import { signToken, verifyToken, type SessionClaims } from './tokens';

export type { SessionClaims } from './tokens';

/**
 * The one seam for authentication. Procedures and the context see only this interface; how a
 * learner proves who they are (dev sign-in for the demo, the tenant's OpenID Connect provider)
 * ends in `issueToken`, and every request is checked with `verifyToken`.
 */
export interface Auth {
  /** Whether the demo's dev sign-in (pick a name, no password) is allowed on this server. */
  readonly devSignIn: boolean;
  /** Signs a session token that expires at `expiresAt` (epoch ms, rounded down to the second). */
  issueToken(claims: SessionClaims, expiresAt: number): { token: string; expiresAt: number };
  verifyToken(token: string): SessionClaims | null;
  /** A one-minute ticket that opens the live stream only, for a session's claims. */
  issueStreamTicket(claims: SessionClaims): { ticket: string; expiresAt: number };
  /** The claims of a valid stream ticket; null for anything else, session tokens included. */
  verifyStreamTicket(ticket: string): SessionClaims | null;
  /** Talks to tenants' identity providers (discovery and keys cached per server). */
  readonly oidc: OidcClient;
}

export const DEV_SIGN_IN_TOKEN_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** Long enough to open the stream; a URL logged by a proxy is useless a minute later. */
export const STREAM_TICKET_LIFETIME_MS = 60_000;

export function createAuth(options: { secret: string; devSignIn: boolean; oidc?: OidcClient | OidcClientOptions }): Auth {
  const { secret, devSignIn } = options;
  const oidc = options.oidc && 'exchangeCode' in options.oidc ? options.oidc : createOidcClient(options.oidc);
  return {
    devSignIn,
    oidc,
    issueToken(claims, expiresAt) {
      return { token: signToken(secret, claims, expiresAt), expiresAt: Math.floor(expiresAt / 1000) * 1000 };
    },
    verifyToken(token) {
      return verifyToken(secret, token);
    },
    issueStreamTicket(claims) {
      const expiresAt = Date.now() + STREAM_TICKET_LIFETIME_MS;
      return { ticket: signToken(secret, claims, expiresAt, 'live'), expiresAt: Math.floor(expiresAt / 1000) * 1000 };
    },
    verifyStreamTicket(ticket) {
      return verifyToken(secret, ticket, Date.now(), 'live');
    },
  };
}
