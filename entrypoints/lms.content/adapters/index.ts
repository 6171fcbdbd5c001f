import { BUILTIN_SPECS } from './builtins';
import { buildAdapters as buildWith, pickAdapter as pickWith, readPage as readWith, type AdapterConfig } from './registry';
import type { LmsAdapter, PageModel } from './types';

/**
 * Every built-in adapter (all vendors), for `inspect`, tests and admin tooling. Content scripts
 * use ./registry with the list for the pages they run on, so each ships only what it needs.
 */
export function buildAdapters(configs: readonly AdapterConfig[] = []): LmsAdapter[] {
  return buildWith(configs, BUILTIN_SPECS);
}

const ADAPTERS: readonly LmsAdapter[] = buildAdapters();

export function pickAdapter(url: URL, doc: Document, adapters: readonly LmsAdapter[] = ADAPTERS): LmsAdapter | null {
  return pickWith(url, doc, adapters);
}

export function readPage(url: URL, doc: Document, adapters: readonly LmsAdapter[] = ADAPTERS): PageModel | null {
  return readWith(url, doc, adapters);
}

export type { AdapterConfig } from './registry';
export type { LmsAdapter, PageModel } from './types';
