import { formatItemKey } from '../../../../server/contract/item-key';
import { readSource } from '../spec/sources';
import { cleanText, truncateAtWord } from '../spec/text';
import type { LmsAdapter, PageModel } from '../types';
import { canonicalId, canonicalUrl } from './canonical';

/**
 * The fallback for pages no LMS adapter recognises. Decision: it reads a page only when the page
 * itself says it is learning content, in JSON-LD (`@type` Course, CourseInstance or
 * LearningResource) or with `og:type` naming a course; a blog post or any other page with just a
 * canonical URL and a heading stays `lms: null`. Its item is keyed by the canonical URL
 * (canonical.ts) under the host: `generic:<host>:course:<encoded path>`.
 */
const LEARNING_TYPES = /^(?:Course|CourseInstance|LearningResource)$/;

function learningType(doc: Document): 'course' | 'resource' | null {
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const graph = (data as { '@graph'?: unknown })?.['@graph'];
    for (const node of [data, ...(Array.isArray(data) ? data : []), ...(Array.isArray(graph) ? graph : [])]) {
      const types = (node as { '@type'?: unknown } | null)?.['@type'];
      for (const type of Array.isArray(types) ? types : [types]) {
        if (typeof type === 'string' && LEARNING_TYPES.test(type)) return type === 'LearningResource' ? 'resource' : 'course';
      }
    }
  }
  const ogType = doc.querySelector('meta[property="og:type"]')?.getAttribute('content') ?? '';
  return /(?:^|[.:])course$/i.test(ogType.trim()) ? 'course' : null;
}

/** JSON-LD name, og:title, the main heading, then document.title without its ` | Site` suffix. */
function readTitle(url: URL, doc: Document): string {
  for (const source of ['$jsonld:name', '$meta:og:title', 'main h1', '[role="main"] h1', 'h1']) {
    const value = readSource(source, { doc, url })?.value;
    if (value) return value;
  }
  return cleanText(doc.title.split(/ [|–—-] /)[0]);
}

export const genericAdapter: LmsAdapter = {
  id: 'generic',
  matches: (_url, doc) => learningType(doc) !== null,
  read: (url, doc): PageModel | null => {
    try {
      const type = learningType(doc);
      if (!type || (url.protocol !== 'http:' && url.protocol !== 'https:')) return null;
      const canonical = canonicalUrl(url, doc);
      const id = canonicalId(canonical);
      const kind = type === 'course' ? 'course' : 'resource';
      const key = formatItemKey({ lms: 'generic', site: canonical.host, kind, id });
      const title = truncateAtWord(readTitle(url, doc));
      const heading = doc.querySelector('main h1, [role="main"] h1, h1');
      return {
        adapter: 'generic',
        site: canonical.host,
        kind: 'course',
        item: key && title ? { key, kind, lmsId: id, title } : null,
        headerAnchor: heading ? { element: heading, position: 'after' } : null,
        tiles: [],
      };
    } catch {
      return null;
    }
  },
};
