import { browser } from 'wxt/browser';
import { z } from 'zod';
import { adapterConfigFileSchema } from '../../server/contract/adapter-config';
import type { PageConfig } from './protocol';
import type { KillSwitch } from '../../server/contract/kill-switch';

/** What an admin sets by enterprise policy (public/managed_schema.json). */
export const PolicySchema = z.object({
  serverUrl: z.string().max(2048).optional(),
  tenant: z.string().max(100).optional(),
  lmsHosts: z.array(z.string().max(300)).max(200).optional(),
  adapters: z.string().max(200_000).optional(),
  disabledFeatures: z.array(z.string().max(64)).max(50).optional(),
});
export type Policy = z.infer<typeof PolicySchema>;

/**
 * Reads the managed policy. The first read after a browser start can take seconds, so callers
 * never wait on it before showing widgets: they use the last policy seen (kept by the caller)
 * and apply this one when it arrives. A policy that does not fit the schema is ignored field by
 * field rather than as a whole.
 */
export async function readPolicy(): Promise<Policy> {
  try {
    const raw = (await browser.storage.managed.get()) as Record<string, unknown>;
    const parsed = PolicySchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const fields: Policy = {};
    for (const [key, schema] of Object.entries(PolicySchema.shape)) {
      const field = schema.safeParse(raw[key]);
      if (field.success && field.data !== undefined) (fields as Record<string, unknown>)[key] = field.data;
    }
    return fields;
  } catch {
    // No policy at all (unmanaged browser): nothing is set.
    return {};
  }
}

/**
 * What content scripts need from the policy, checked here so a broken adapter config is reported
 * (in the options page) and never reaches, or stops, the built-in adapters.
 */
export function pageConfigFrom(policy: Policy, kill: KillSwitch = { disabledAdapters: [], disabledFeatures: [] }): PageConfig {
  const config: PageConfig = {
    adapters: [],
    disabledFeatures: [...new Set([...(policy.disabledFeatures ?? []), ...kill.disabledFeatures])],
    disabledAdapters: kill.disabledAdapters,
  };
  if (!policy.adapters) return config;
  try {
    const parsed = adapterConfigFileSchema.safeParse(JSON.parse(policy.adapters));
    if (parsed.success) config.adapters = parsed.data.adapters;
    else config.adapterError = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  } catch (error) {
    config.adapterError = `not JSON: ${(error as Error).message}`;
  }
  return config;
}

/** `learn.acme.com`, `https://learn.acme.com` or a match pattern → a match pattern. */
export function hostToMatchPattern(host: string): string | null {
  const trimmed = host.trim();
  if (/^(https?|\*):\/\/[^/]+\/.*$/.test(trimmed)) return trimmed;
  const bare = trimmed.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return /^(\*\.)?[a-z0-9.-]+(:\d+)?$/i.test(bare) ? `*://${bare.replace(/:\d+$/, '')}/*` : null;
}
