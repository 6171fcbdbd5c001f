import { initTRPC, TRPCError } from '@trpc/server';
import type { Context } from './context';
import { formatError } from './error-formatter';
import { countAuthAttempt } from './auth/rate-limit';
import { isSessionActive } from './auth/sessions';
import { findAuthenticatedUser } from './services/users';
import { RateLimitExceeded } from './services/writes';

/**
 * The only `initTRPC` of the server. Exported are the building blocks procedures may use, so
 * every procedure starts from `publicProcedure` or `authedProcedure` and nothing else.
 */
const t = initTRPC.context<Context>().create({
  errorFormatter: formatError,
  // Stack traces are stripped by formatError anyway; this keeps tRPC from computing them.
  isDev: false,
  // Live updates: a ping keeps idle SSE streams open through proxies that cut quiet connections.
  sse: { ping: { enabled: true, intervalMs: 15_000 } },
});

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;

/**
 * Requires a verified session whose user still exists (a deleted user or a reset database must
 * answer UNAUTHORIZED, so the extension signs in again, not fail later on a missing row), and
 * narrows the context to that user.
 */
export const authedProcedure = publicProcedure.use(async function isAuthed({ ctx, next }) {
  const session = ctx.session;
  if (!session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in required' });
  const user = await findAuthenticatedUser(ctx.db, session.tenantId, session.userId);
  if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in required' });
  // A single sign-on token dies with its session (signed out, refresh token reused).
  if (!(await isSessionActive(ctx.db, session))) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in required' });
  return next({ ctx: { user } });
});

/**
 * The unauthenticated auth endpoints (sign-in, refresh, sign-out): limited per client address
 * and procedure (see auth/rate-limit.ts). In-process calls without an address are not limited.
 */
export const authEndpointProcedure = publicProcedure.use(async function limitAuthAttempts({ ctx, path, next }) {
  if (ctx.clientIp) {
    const retryAfter = await countAuthAttempt(ctx.db, `${path}|${ctx.clientIp}`, ctx.authRateLimit);
    if (retryAfter !== null) {
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `Too many sign-in attempts from this address; try again in ${retryAfter} s`,
        cause: new RateLimitExceeded(retryAfter),
      });
    }
  }
  return next();
});

/** Moderators and admins only; anyone else gets FORBIDDEN. The role is read fresh per request. */
export const moderatorProcedure = authedProcedure.use(function isModerator({ ctx, next }) {
  if (ctx.user.role !== 'moderator' && ctx.user.role !== 'admin') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only moderators can do this' });
  }
  return next({ ctx });
});
