import { readMoodleConfig } from './config';

/**
 * Is this page served by Moodle? Moodle runs on any host, so the check is on the page itself.
 * `lib/pagelib.php` gives every page a body `id` of `page-<pagetype>` and classes
 * `pagelayout-<layout>` and `path-<pagetype prefix>`; both together are Moodle's signature (many
 * sites have a `page-...` body id, few also have those classes). When a theme strips the classes,
 * the inline `M.cfg = {...}` script is the second sign.
 */
export function looksLikeMoodle(doc: Document): boolean {
  const body = doc.body;
  if (!body) return false;
  if (body.id.startsWith('page-') && hasMoodleBodyClass(body)) return true;
  return readMoodleConfig(doc)?.wwwroot !== undefined;
}

function hasMoodleBodyClass(body: HTMLElement): boolean {
  for (const name of Array.from(body.classList)) {
    if (name.startsWith('pagelayout-') || name.startsWith('path-')) return true;
  }
  return false;
}
