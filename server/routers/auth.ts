import { TRPCError } from '@trpc/server';
import { DevSignInInput, Profile, SignInResult } from '../contract';
import { devSignIn } from '../auth/dev-sign-in';
import { getProfile } from '../services/users';
import { authedProcedure, publicProcedure, router } from '../trpc';

export const authRouter = router({
  devSignIn: publicProcedure
    .input(DevSignInInput)
    .output(SignInResult)
    .mutation(async ({ ctx, input }) => {
      const result = await devSignIn(ctx.db, ctx.auth, input);
      if (!result) throw new TRPCError({ code: 'FORBIDDEN', message: 'Dev sign-in is disabled on this server' });
      return result;
    }),

  me: authedProcedure.output(Profile).query(async ({ ctx }) => {
    const profile = await getProfile(ctx.db, ctx.user.tenantId, ctx.user.userId);
    if (!profile) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in required' });
    return profile;
  }),
});
