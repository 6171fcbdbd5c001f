import type { CreateFastifyContextOptions } from '@trpc/server/adapters/fastify';
import type { Kysely } from 'kysely';
import type { Auth } from './auth';
import { DEFAULT_AUTH_RATE_LIMIT, type AuthRateLimit } from './auth/rate-limit';
import type { Database } from './db/schema';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './services/writes';

/** What every request's context is built from: one per running server. */
export interface ContextDeps {
  db: Kysely<Database>;
  auth: Auth;
  /** Learner write limits; default DEFAULT_RATE_LIMITS. */
  rateLimits?: RateLimits;
  /** Per-address limit of the auth endpoints; default DEFAULT_AUTH_RATE_LIMIT. */
  authRateLimit?: AuthRateLimit;
}

/**
 * The context without any HTTP in it, so tests can build one from a token alone. The session is
 * whatever a verified token says (tenant, user, role); nothing from the request body ever is.
 */
export async function createContextInner(opts: ContextDeps & { token?: string | null; streamTicket?: string | null; clientIp?: string | null }) {
  // A stream ticket stands for the session only on the live stream (app.ts decides when).
  const session = opts.token ? opts.auth.verifyToken(opts.token) : opts.streamTicket ? opts.auth.verifyStreamTicket(opts.streamTicket) : null;
  return {
    db: opts.db,
    auth: opts.auth,
    session,
    rateLimits: opts.rateLimits ?? DEFAULT_RATE_LIMITS,
    authRateLimit: opts.authRateLimit ?? DEFAULT_AUTH_RATE_LIMIT,
    /** The caller's address (HTTP only; behind a proxy, as `trustProxy` resolves it); null in-process. */
    clientIp: opts.clientIp ?? null,
  };
}

export type Context = Awaited<ReturnType<typeof createContextInner>>;

/** The Fastify adapter's context: the bearer token of the `Authorization` header, if any. */
export function createContext(deps: ContextDeps, { req }: CreateFastifyContextOptions): Promise<Context> {
  return createContextInner({ ...deps, token: bearerToken(req.headers.authorization), clientIp: req.ip });
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
