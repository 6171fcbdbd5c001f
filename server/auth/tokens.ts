import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Role } from '../db/schema';

/**
 * Ripple's session tokens: `<payload>.<signature>`, where payload is base64url JSON
 * `{ t: tenantId, u: userId, r: role, exp }` (exp in epoch seconds, as in JWT) and signature is
 * base64url HMAC-SHA256 of the payload text. Stateless, so any replica holding the secret can
 * verify them. Two segments, so they cannot be mistaken for a three-segment OIDC JWT.
 *
 * Tokens of a single sign-on session (auth.oidcExchange / auth.refresh) are the same format with
 * a 15-minute `exp` and one more field, `s`: the id of their session (refresh-token family), so
 * signing out or a detected refresh-token reuse ends them at once (see trpc.ts). Dev sign-in
 * tokens have no `s` and keep their 30 days; tokens issued before `s` existed stay valid.
 *
 * A token may also carry a purpose, `p`: `live` marks a one-minute ticket that opens the live
 * stream only (its URL is where EventSource must put a credential). A token with a purpose is
 * refused wherever a session token is expected, and the reverse.
 */
export interface SessionClaims {
  tenantId: string;
  userId: string;
  role: Role;
  /** The sign-in session the token belongs to (single sign-on); absent for dev sign-in tokens. */
  sessionId?: string;
}

const TokenPayload = z.object({
  t: z.string().min(1),
  u: z.string().min(1),
  r: z.enum(['learner', 'moderator', 'admin']),
  exp: z.number().int(),
  s: z.string().min(1).max(64).optional(),
  p: z.literal('live').optional(),
});

export type TokenPurpose = 'live';

/** Longer than any token Ripple signs; anything bigger is garbage and not worth hashing. */
const MAX_TOKEN_LENGTH = 2048;

export function signToken(secret: string, claims: SessionClaims, expiresAtMs: number, purpose?: TokenPurpose): string {
  const payload = {
    t: claims.tenantId,
    u: claims.userId,
    r: claims.role,
    exp: Math.floor(expiresAtMs / 1000),
    ...(claims.sessionId !== undefined ? { s: claims.sessionId } : {}),
    ...(purpose !== undefined ? { p: purpose } : {}),
  };
  const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${encoded}.${signature(secret, encoded)}`;
}

/**
 * The claims of a genuine, unexpired token of that purpose (none: a session token); null for
 * anything else (expired, forged, garbage, or made for another purpose).
 */
export function verifyToken(secret: string, token: string, nowMs = Date.now(), purpose?: TokenPurpose): SessionClaims | null {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split('.');
  if (parts.length !== 2) return null;
  const [encoded, given] = parts as [string, string];

  // Compare the signature text, not decoded bytes: Node's base64url decoder skips invalid
  // characters, so decoding would accept many spellings of one signature.
  const expected = Buffer.from(signature(secret, encoded), 'utf8');
  const received = Buffer.from(given, 'utf8');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) return null;

  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const payload = TokenPayload.safeParse(json);
  if (!payload.success || payload.data.exp * 1000 <= nowMs || payload.data.p !== purpose) return null;
  const claims: SessionClaims = { tenantId: payload.data.t, userId: payload.data.u, role: payload.data.r };
  if (payload.data.s !== undefined) claims.sessionId = payload.data.s;
  return claims;
}

function signature(secret: string, encodedPayload: string): string {
  return createHmac('sha256', secret).update(encodedPayload).digest('base64url');
}
