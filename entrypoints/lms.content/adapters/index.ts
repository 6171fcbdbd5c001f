import { moodleAdapter } from './moodle';
import type { LmsAdapter, PageModel } from './types';

/**
 * The adapters, in the order they are asked. Adapters for vendors with known hosts (Canvas on
 * `*.instructure.com`, ...) go first, since their check is a cheap host test; fingerprints of
 * self-hosted LMSs, which read the document, come after.
 */
const ADAPTERS: readonly LmsAdapter[] = [moodleAdapter];

/** The first adapter that recognises the page, or null when none does. */
export function pickAdapter(url: URL, doc: Document, adapters: readonly LmsAdapter[] = ADAPTERS): LmsAdapter | null {
  for (const adapter of adapters) {
    try {
      if (adapter.matches(url, doc)) return adapter;
    } catch {
      // A broken check must not stop the others from being asked.
    }
  }
  return null;
}

/** Reads the page with the adapter that recognises it; null when none does. Never throws. */
export function readPage(url: URL, doc: Document, adapters: readonly LmsAdapter[] = ADAPTERS): PageModel | null {
  try {
    return pickAdapter(url, doc, adapters)?.read(url, doc) ?? null;
  } catch {
    return null;
  }
}

export type { LmsAdapter, PageModel } from './types';
