import { ServerInfo } from '../contract';
import { KillSwitch, KillSwitchInput } from '../contract/kill-switch';
import { killSwitchFor } from '../services/kill-switch';
import { publicProcedure, router } from '../trpc';
import { SERVER_VERSION } from '../version';

export const metaRouter = router({
  /** What the options page shows before sign-in, and which sign-in methods to offer. */
  info: publicProcedure.output(ServerInfo).query(({ ctx }) => ({
    name: 'ripple' as const,
    version: SERVER_VERSION,
    devSignIn: ctx.auth.devSignIn,
  })),
  /** What this extension version must switch off (public: it holds no data, and runs before sign-in). */
  killSwitch: publicProcedure
    .input(KillSwitchInput)
    .output(KillSwitch)
    .query(({ input }) => killSwitchFor(input.version, process.env.RIPPLE_KILL_SWITCH)),
});
