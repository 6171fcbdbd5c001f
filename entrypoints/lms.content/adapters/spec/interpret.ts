import { formatItemKey } from '../../../../server/contract/item-key';
import type { ItemKey } from '../../../../server/contract/item-key';
import type { Anchor, LmsAdapter, LmsItem, PageModel, Tile } from '../types';
import { queryAll, queryFirst } from './query';
import { readCompletionSpec, readFirst, readSource } from './sources';
import type { SourceContext } from './sources';
import { fillTemplate } from './template';
import { compilePattern, truncateAtWord } from './text';
import type { AdapterSpec, ItemSpec, PageSpec, TileSpec } from './types';

/** More tiles than this on one page is not a catalog a learner reads: the rest are ignored. */
const MAX_TILES = 5000;

/** Builds an adapter from its data (built-in or admin-provided): the one interpreter of the format. */
export function adapterFromSpec(spec: AdapterSpec): LmsAdapter {
  const pages = compilePages(spec);
  return {
    id: spec.id,
    matchesHost: (url) => hostMatches(spec.hosts, url.hostname),
    matches: (url, doc) => hostMatches(spec.hosts, url.hostname) || fingerprintMatches(spec, url, doc),
    read: (url, doc) => {
      try {
        const route = routeOf(pages, spec, url);
        if (route) return readPage(spec, route.page, url, doc, route.vars);
        return emptyPage(spec.id, siteOf(url, ''));
      } catch {
        // A hostile page or a broken config never breaks the host page.
        return null;
      }
    },
  };
}

interface CompiledPage {
  page: PageSpec;
  pattern: RegExp | null;
}

function compilePages(spec: AdapterSpec): CompiledPage[] {
  return spec.pages.map((page) => ({ page, pattern: compilePattern(page.url) }));
}

/** The first page whose pattern matches the URL, with the pattern's named groups. */
function routeOf(pages: readonly CompiledPage[], spec: AdapterSpec, url: URL): { page: PageSpec; vars: Record<string, string> } | null {
  // Decoded, so `course-v1%3AOrg%2BNum` matches like `course-v1:Org+Num` (lms-adapters.md §4).
  const route = safeDecode(url.pathname) + url.search + (spec.hashRoutes ? url.hash : '');
  for (const { page, pattern } of pages) {
    const match = pattern?.exec(route);
    if (match) return { page, vars: { ...match.groups } };
  }
  return null;
}

/**
 * What the URL alone says (the pure URL reader tested with tables of real URLs): the page kind and
 * the item key when the identity template needs only URL variables; null when no page matches.
 */
export function identityFromUrl(spec: AdapterSpec, url: URL): { page: string; kind: string; key: ItemKey | null; parentKey: ItemKey | null } | null {
  const route = routeOf(compilePages(spec), spec, url);
  const site = route && siteOf(url, route.vars.base);
  if (!route || !site) return null;
  const key = (kind: string, template: string): ItemKey | null => {
    const id = fillTemplate(template, route.vars);
    return id ? formatItemKey({ lms: spec.id, site, kind, id }) : null;
  };
  const item = route.page.item;
  return {
    page: route.page.name,
    kind: route.page.kind,
    key: item ? key(item.kind, item.id) : null,
    parentKey: item?.parent ? key(item.parent.kind, item.parent.id) : null,
  };
}

export function hostMatches(hosts: readonly string[] | undefined, hostname: string): boolean {
  return (hosts ?? []).some((host) =>
    host.startsWith('*.') ? hostname.endsWith(host.slice(1)) && hostname.length > host.length - 1 : hostname === host,
  );
}

function fingerprintMatches(spec: AdapterSpec, url: URL, doc: Document): boolean {
  return (spec.fingerprints ?? []).some((source) => {
    try {
      return readSource(source, { doc, url }) !== null;
    } catch {
      return false;
    }
  });
}

/** host[:port] (URL omits default ports) plus the install's sub-path, as ItemKeys use it. */
function siteOf(url: URL, base: string | undefined): string | null {
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.host) return null;
  return url.host + (base ?? '').replace(/\/+$/, '');
}

function emptyPage(adapter: string, site: string | null): PageModel | null {
  return site ? { adapter, site, kind: 'other', item: null, headerAnchor: null, tiles: [] } : null;
}

function readPage(spec: AdapterSpec, page: PageSpec, url: URL, doc: Document, urlVars: Record<string, string>): PageModel | null {
  const site = siteOf(url, urlVars.base);
  if (!site) return null;
  const context: SourceContext = { doc, url };
  const vars: Record<string, string | undefined> = { ...urlVars };
  for (const [name, sources] of Object.entries(page.vars ?? {})) {
    if (!vars[name]) vars[name] = readFirst(sources, context)?.value;
  }
  const key = (kind: string, id: string | null): ItemKey | null => (id ? formatItemKey({ lms: spec.id, site, kind, id }) : null);

  const model: PageModel = { adapter: spec.id, site, kind: page.kind, item: null, headerAnchor: null, tiles: [] };
  if (page.item) {
    const own = readItem(page.item, context, vars, key);
    if (own) {
      model.item = own.item;
      model.headerAnchor = own.anchor;
      if (own.completed !== undefined) model.completed = own.completed;
    }
  }
  const seen = new Set<string>();
  for (const tileSpec of page.tiles ?? []) {
    for (const element of safeQueryAll(doc, tileSpec.selector)) {
      if (model.tiles.length >= MAX_TILES) break;
      const tile = readTile(tileSpec, { doc, url, element }, key);
      if (tile && !seen.has(tile.item.key)) {
        seen.add(tile.item.key);
        model.tiles.push(tile);
      }
    }
  }
  return model;
}

type KeyMaker = (kind: string, id: string | null) => ItemKey | null;

function readItem(
  spec: ItemSpec,
  context: SourceContext,
  vars: Record<string, string | undefined>,
  key: KeyMaker,
): { item: LmsItem; anchor: Anchor | null; completed?: boolean } | null {
  const id = fillTemplate(spec.id, vars);
  const itemKey = key(spec.kind, id);
  const title = truncateAtWord(readFirst(spec.title, context)?.value ?? '');
  if (!itemKey || !id || !title) return null;
  const item: LmsItem = { key: itemKey, kind: spec.kind, lmsId: id, title };
  const parent = spec.parent && key(spec.parent.kind, fillTemplate(spec.parent.id, vars));
  if (parent && parent !== itemKey) item.parent = parent;
  const anchorElement = firstFound(context.doc, spec.anchor);
  const own: { item: LmsItem; anchor: Anchor | null; completed?: boolean } = {
    item,
    anchor: anchorElement && { element: anchorElement, position: 'after' },
  };
  const completed = readCompletionSpec(spec.completed, context.doc.body);
  if (completed !== undefined) own.completed = completed;
  return own;
}

function readTile(spec: TileSpec, context: SourceContext & { element: Element }, key: KeyMaker): Tile | null {
  const read = readFirst(spec.id, context);
  const id = read && (spec.idTemplate ? fillTemplate(spec.idTemplate, read.groups) : read.value);
  const itemKey = key(spec.kind, id ?? null);
  const title = truncateAtWord(readFirst(spec.title, context)?.value ?? '');
  if (!itemKey || !id || !title) return null;
  const anchorElement = firstFound(context.element, spec.anchor);
  const tile: Tile = {
    item: { key: itemKey, kind: spec.kind, lmsId: id, title },
    anchor: anchorElement ? { element: anchorElement, position: 'after' } : { element: context.element, position: 'append' },
  };
  const completed = readCompletionSpec(spec.completed, context.element);
  if (completed !== undefined) tile.completed = completed;
  return tile;
}

function firstFound(scope: ParentNode, selectors: readonly string[] | undefined): Element | null {
  for (const selector of selectors ?? []) {
    // `:scope` is the tile itself (a tile that is just a link gets its badge right after it).
    if (selector === ':scope' && 'tagName' in scope) return scope as Element;
    try {
      const found = queryFirst(scope, selector);
      if (found) return found;
    } catch {
      // An invalid selector from a config is skipped, not fatal.
    }
  }
  return null;
}

function safeQueryAll(doc: Document, selector: string): Element[] {
  try {
    return queryAll(doc, selector);
  } catch {
    return [];
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
