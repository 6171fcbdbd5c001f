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

/**
 * What an admin writes for an LMS host → a match pattern: `learn.acme.com` → `*://learn.acme.com/*`;
 * an address with a path (a sub-path install) keeps it: `https://learn.acme.com/moodle/` →
 * `https://learn.acme.com/moodle/*`; a match pattern stays as it is. Ports are dropped (match
 * patterns cover every port). Null for anything else.
 */
export function hostToMatchPattern(host: string): string | null {
  const trimmed = host.trim();
  if (/^(https?|\*):\/\/[^/\s]+\/\S*\*$/.test(trimmed)) return trimmed;
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      const url = new URL(trimmed);
      const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
      return `${url.protocol}//${url.hostname}${path}*`;
    } catch {
      return null;
    }
  }
  const bare = trimmed.replace(/\/.*$/, '');
  return /^(\*\.)?[a-z0-9.-]+(:\d+)?$/i.test(bare) && bare.includes('.') ? `*://${bare.replace(/:\d+$/, '')}/*` : null;
}
