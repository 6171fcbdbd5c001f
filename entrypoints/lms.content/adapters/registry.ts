import { genericAdapter } from './generic';
import { createMoodleAdapter } from './moodle';
import { adapterFromSpec } from './spec/interpret';
import { mergeSpec } from './spec/merge';
import type { AdapterSpec } from './spec/types';
import { createTotaraAdapter } from './totara';
import type { LmsAdapter, PageModel } from './types';

/**
 * The factory (issue 3, item 1): known vendor hosts first, a cheap host test over every adapter;
 * then page fingerprints of self-hosted LMSs (Totara, Moodle's M.cfg/body markers, Sakai, Chamilo,
 * custom-domain Canvas ...), in order; the generic fallback last, and only for pages that say they
 * are learning content.
 */
export interface AdapterConfig extends Partial<AdapterSpec> {
  id: string;
  /** Moodle and Totara only: named selectors of `moodle/selectors.ts` to replace. */
  selectors?: Record<string, string | string[]>;
}

function adapterOf(spec: AdapterSpec, selectors?: Record<string, string | string[]>): LmsAdapter {
  if (spec.id === 'totara') return createTotaraAdapter(spec, { selectors });
  return adapterFromSpec(spec);
}

/**
 * The adapters, built-in ones with an admin's configs applied: a config with a built-in id
 * overrides fields of it (spec/merge.ts; for Moodle: hosts and selectors); a new id adds an LMS,
 * asked before the built-in ones. The config's shape is checked by the caller
 * (server/contract/adapter-config.ts); whatever gets here is read defensively.
 */
export function buildAdapters(configs: readonly AdapterConfig[], specs: readonly AdapterSpec[]): LmsAdapter[] {
  const byId = new Map(configs.map((config) => [config.id, config]));
  const builtIn = specs.map((spec) => {
    const config = byId.get(spec.id);
    return config ? adapterOf(mergeSpec(spec, config), config.selectors) : adapterOf(spec);
  });
  const moodleConfig = byId.get('moodle');
  const moodle = createMoodleAdapter({ hosts: moodleConfig?.hosts, selectors: moodleConfig?.selectors });
  const known = new Set([...specs.map((spec) => spec.id), 'moodle', 'generic']);
  const added = configs
    .filter((config) => !known.has(config.id) && Array.isArray(config.pages))
    .map((config) => adapterFromSpec(config as AdapterSpec));
  // Moodle right after Totara, whose pages are Moodle pages with more in them.
  const ordered = builtIn.flatMap((adapter) => (adapter.id === 'totara' ? [adapter, moodle] : [adapter]));
  return [...added, ...ordered, genericAdapter];
}

/** The adapter for the page: the first whose host matches, else the first that recognises it. */
export function pickAdapter(url: URL, doc: Document, adapters: readonly LmsAdapter[]): LmsAdapter | null {
  for (const adapter of adapters) {
    try {
      if (adapter.matchesHost?.(url)) return adapter;
    } catch {
      // A broken check must not stop the others from being asked.
    }
  }
  for (const adapter of adapters) {
    try {
      if (adapter.matches(url, doc)) return adapter;
    } catch {
      // Same.
    }
  }
  return null;
}

/** Reads the page with the adapter that recognises it; null when none does. Never throws. */
export function readPage(url: URL, doc: Document, adapters: readonly LmsAdapter[]): PageModel | null {
  try {
    return pickAdapter(url, doc, adapters)?.read(url, doc) ?? null;
  } catch {
    return null;
  }
}

