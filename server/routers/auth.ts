import { TRPCError } from '@trpc/server';
import {
  AuthConfig,
  AuthConfigInput,
  DevSignInRequest,
  OidcExchangeInput,
  Profile,
  RefreshInput,
  SessionResult,
  SignInResult,
  SignOutInput,
  SignOutResult,
} from '../contract';
import { devSignIn } from '../auth/dev-sign-in';
import { authConfig, oidcExchange } from '../auth/oidc-sign-in';
import { refreshSession, revokeByRefreshToken } from '../auth/sessions';
import { getProfile } from '../services/users';
import { authedProcedure, authEndpointProcedure, publicProcedure, router } from '../trpc';

const DEV_SIGN_IN_REFUSALS = {
  disabled: 'Dev sign-in is disabled on this server',
  'not-demo': 'Dev sign-in is only for the demo tenant; sign in with your company account',
  'provider-configured': 'This tenant signs in with its identity provider; dev sign-in is off',
} as const;

export const authRouter = router({
  /** Public: how to sign in to a tenant (its provider's public values, and whether dev sign-in works). */
  config: publicProcedure
    .input(AuthConfigInput)
    .output(AuthConfig)
    .query(({ ctx, input }) => authConfig(ctx.db, ctx.auth, input.tenant)),

  /** The demo's sign-in (no password). `tenant` is optional and may only be the demo tenant. */
  devSignIn: authEndpointProcedure
    .input(DevSignInRequest)
    .output(SignInResult)
    .mutation(async ({ ctx, input }) => {
      const outcome = await devSignIn(ctx.db, ctx.auth, input);
      if (!outcome.ok) throw new TRPCError({ code: 'FORBIDDEN', message: DEV_SIGN_IN_REFUSALS[outcome.reason] });
      return outcome.result;
    }),

  /** Single sign-on: redeems the authorization code the extension got from the tenant's provider. */
  oidcExchange: authEndpointProcedure
    .input(OidcExchangeInput)
    .output(SessionResult)
    .mutation(({ ctx, input }) => oidcExchange(ctx.db, ctx.auth, input)),

  /** New access + refresh token; the given refresh token is spent (reusing it ends the session). */
  refresh: authEndpointProcedure
    .input(RefreshInput)
    .output(SessionResult)
    .mutation(async ({ ctx, input }) => {
      const outcome = await refreshSession(ctx.db, ctx.auth, input.refreshToken);
      if (!outcome.ok) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Session ended; sign in again' });
      return outcome.result;
    }),

  /** Ends the session of this refresh token (and its access tokens). Always answers signedOut. */
  signOut: authEndpointProcedure
    .input(SignOutInput)
    .output(SignOutResult)
    .mutation(async ({ ctx, input }) => {
      await revokeByRefreshToken(ctx.db, input.refreshToken);
      return { signedOut: true as const };
    }),

  me: authedProcedure.output(Profile).query(async ({ ctx }) => {
    const profile = await getProfile(ctx.db, ctx.user.tenantId, ctx.user.userId);
    if (!profile) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in required' });
    return profile;
  }),
});
