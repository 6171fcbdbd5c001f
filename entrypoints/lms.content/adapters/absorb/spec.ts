import type { AdapterSpec } from '../spec/types';

/**
 * Absorb LMS (lms-adapters.md §10): `*.myabsorb.com`, routes in the fragment (`hashRoutes`).
 * A course is `#/online-courses/{GUID}`; `#/catalog/{GUID}` is a folder, not a course. Class names
 * are CSS-module hashes, so only `[class*="…"]` partial matches are used (◐ a public Cypress suite).
 */
const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export const absorbSpec: AdapterSpec = {
  id: 'absorb',
  hosts: ['*.myabsorb.com', '*.myabsorb.ca', '*.myabsorb.eu', '*.myabsorb.com.au'],
  hashRoutes: true,
  pages: [
    {
      name: 'online-course',
      url: `#/online-courses/(?<id>${GUID})`,
      kind: 'course',
      item: {
        kind: 'course',
        id: '{id|lower}',
        title: ['.course-detail-header__name', '[class*="banner-title-module__title"]', '$title'],
        anchor: ['.course-detail-header__name', '[class*="course-detail-header-module__container"]'],
      },
    },
    {
      name: 'catalog',
      url: '#/catalog(?:/|$|\\?)',
      kind: 'listing',
      tiles: [
        {
          selector: '[class*="catalog-module__cards_container"] > [class*="catalog-module__card"]',
          kind: 'course',
          id: [{ from: 'a[href*="online-courses/"]@href', pattern: `online-courses/(?<id>${GUID})` }],
          idTemplate: '{id|lower}',
          title: ['button[title]@title', 'a[href*="online-courses/"]'],
          anchor: ['button[title]', 'a[href*="online-courses/"]'],
        },
      ],
    },
  ],
};
