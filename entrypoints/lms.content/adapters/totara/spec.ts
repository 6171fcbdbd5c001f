import type { AdapterSpec } from '../spec/types';

/**
 * What Totara adds to the Moodle pages it serves (lms-adapters.md §3): catalog tiles and the
 * Current learning block, plus program pages (❓ `/totara/program/view.php?id=`). Catalog tiles
 * carry the catalog row id, NOT the course id (`totara/catalog/classes/output/item.php`), so they
 * are keyed `catalog` (the details link is rendered only on demand).
 */
const CURRENT_LEARNING = {
  selector: 'li[id^="block_current_learning-course-"]',
  kind: 'course',
  id: [{ from: '@id', pattern: '^block_current_learning-course-(\\d+)$' }],
  title: ['h3', 'a[href]'],
  anchor: ['h3', 'a[href]'],
};
const CATALOG_TILE = {
  selector: 'div.tw-grid__item[data-tw-grid-item-id]',
  kind: 'catalog',
  id: [{ from: '@data-tw-grid-item-id', pattern: '^(\\d+)$' }],
  title: ['.tw-catalogItemNarrow@title', 'h3.tw-catalogItemNarrow__title', 'h3'],
  anchor: ['h3.tw-catalogItemNarrow__title', 'h3'],
};

export const totaraSpec: AdapterSpec = {
  id: 'totara',
  // Totara's own markup, or Totara links in the site's navigation (a `/totara/` link in a forum
  // post must not turn a Moodle page into a Totara one).
  fingerprints: [
    '[data-tw-grid-item-id]',
    '.tw-catalog',
    '[id^="block_current_learning"]',
    '.totaraNav',
    'header a[href*="/totara/"], nav a[href*="/totara/"]',
  ],
  pages: [
    {
      name: 'program',
      url: '^(?<base>(?:/[^/]+)*?)/totara/program/view\\.php\\?(?:.*&)?id=(?<id>\\d+)',
      kind: 'course',
      item: { kind: 'program', id: '{id}', title: ['#page-header h1', 'h1', '$title'], anchor: ['#page-header [data-region="header-actions-container"]', '#page-header h1', 'h1'] },
    },
    { name: 'dashboard', url: '^(?<base>(?:/[^/]+)*?)/totara/dashboard/', kind: 'dashboard', tiles: [CURRENT_LEARNING] },
    { name: 'catalog', url: '^(?<base>(?:/[^/]+)*?)/totara/catalog/', kind: 'listing', tiles: [CATALOG_TILE] },
    { name: 'any', url: '^(?<base>(?:/[^/]+)*?)/', kind: 'other', tiles: [CURRENT_LEARNING, CATALOG_TILE] },
  ],
};
