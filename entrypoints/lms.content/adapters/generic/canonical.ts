/**
 * The canonical form of a page URL for the generic adapter (lms-adapters.md, "Recommendations:
 * generic fallback adapter", 1): same-origin `link[rel=canonical]` over the page URL, no fragment,
 * and only query parameters that name an item (`id`, `*_id`, `*Id`, `loid`, `cidReq`, `lp_id`,
 * `ou`) with an id-like value (an integer, a GUID or Blackboard's `_N_N`), sorted.
 */
const ID_PARAM = /^(?:id|.+_id|.+Id|loid|cidReq|lp_id|ou)$/;
const ID_VALUE = /^(?:\d{1,18}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|_\d+_\d+|[A-Z0-9_]{2,40})$/i;

export function canonicalUrl(url: URL, doc: Document): URL {
  const href = doc.querySelector('link[rel="canonical"][href]')?.getAttribute('href');
  let base = url;
  if (href) {
    try {
      const canonical = new URL(href, url);
      if (canonical.origin === url.origin) base = canonical;
    } catch {
      // An unparsable canonical link is ignored.
    }
  }
  const result = new URL(base.origin + base.pathname);
  const kept = [...base.searchParams].filter(([name, value]) => ID_PARAM.test(name) && ID_VALUE.test(value));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, value] of kept) result.searchParams.append(name, value);
  return result;
}

/** The path and kept query as one ItemKey id: percent-encoded, so `/` and `?` are not separators. */
export function canonicalId(canonical: URL): string {
  return encodeURIComponent(canonical.pathname.replace(/\/+$/, '') + canonical.search).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
