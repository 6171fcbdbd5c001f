import { ServerInfo } from '../contract';
import { publicProcedure, router } from '../trpc';
import { SERVER_VERSION } from '../version';

export const metaRouter = router({
  /** What the options page shows before sign-in, and which sign-in methods to offer. */
  info: publicProcedure.output(ServerInfo).query(({ ctx }) => ({
    name: 'ripple' as const,
    version: SERVER_VERSION,
    devSignIn: ctx.auth.devSignIn,
  })),
});
