import { z } from 'zod';

/** What an extension of a given version must switch off, decided by the server without a release. */
export const KillSwitchInput = z.object({ version: z.string().max(40) });

export const KillSwitch = z.object({
  /** Adapter ids (e.g. `cornerstone`) the extension must not use. */
  disabledAdapters: z.array(z.string()),
  /** Feature ids (e.g. `tile-badge`) the extension must not run. */
  disabledFeatures: z.array(z.string()),
});
export type KillSwitch = z.infer<typeof KillSwitch>;

/** One rule of `RIPPLE_KILL_SWITCH`: what to switch off, for which extension versions (all when absent). */
export const KillSwitchRule = z
  .object({
    adapters: z.array(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/)).default([]),
    features: z.array(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/)).default([]),
    versions: z.array(z.string().max(40)).optional(),
  })
  .strict();
export const KillSwitchRules = z.array(KillSwitchRule).max(100);
