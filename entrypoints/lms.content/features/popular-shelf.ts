import type { Feature } from '../feature-manager';
import type { Anchor, PageModel } from '../adapters/types';
import { shelf } from '../../../components/widgets/Shelf';
import { mountWidget } from '../mount';
import { requestSummaries } from '../summary-loader';
import { pageContextOf } from '../page-context';
import { itemUrl } from '../item-url';
import { t } from '../i18n';

/**
 * A "Popular with colleagues" shelf above the LMS's own list on My courses and catalog pages. It
 * rides on the tiles' request (one per page); the server lists only items whose figures pass the
 * company's privacy threshold, so a small team simply gets no shelf.
 *
 * Test pages: /my/courses.php, /course/index.php?categoryid=2.
 */
export const popularShelf: Feature = {
  id: 'popular-shelf',
  include: (page) => (page.kind === 'listing' || page.kind === 'dashboard') && page.tiles.length > 0 && listAnchor(page) !== null,
  init(page, signal) {
    const anchor = listAnchor(page)!;
    const request = requestSummaries(
      page.tiles.map((tile) => tile.item.key),
      pageContextOf(page),
    );
    void request.fresh.then((answer) => {
      if (!answer.ok || !answer.shelf?.length || signal.aborted) return;
      const widget = mountWidget({ feature: 'popular-shelf', item: `${page.adapter}:${page.site}:shelf:team`, anchor, signal });
      widget.host.style.display = 'block';
      const element = shelf({
        entries: answer.shelf.map((entry) => ({ key: entry.item, title: entry.title ?? entry.item, url: itemUrl(entry.item), colleagues: entry.viewed })),
        t,
      });
      if (element) widget.root.append(element);
    });
  },
};

/** Just before the LMS's list: the closest element that contains every tile. */
function listAnchor(page: PageModel): Anchor | null {
  const elements = page.tiles.map((tile) => tile.anchor.element);
  let container: Element | null = elements[0]?.parentElement ?? null;
  while (container && !elements.every((element) => container!.contains(element))) container = container.parentElement;
  if (!container || container === document.body || container === document.documentElement) return null;
  return { element: container, position: 'before' };
}
