import type { AdapterSpec } from '../spec/types';

/**
 * Sakai (lms-adapters.md §14): `/portal/site/{siteId}/(tool|page)/{id}` and the inline
 * `var portal = {siteId, siteTitle, …}` (`portal/.../vm/morpheus/includeStandardHead.vm`). A site
 * (a course) is the item; item ids inside tools are ❓. Self-hosted, so detected by the portal
 * global or Morpheus' main region (`includePageBody.vm`).
 */
const SITE_TITLE = ['$global:portal.siteTitle', '.Mrphs-hierarchy--siteName', '$title'];

export const sakaiSpec: AdapterSpec = {
  id: 'sakai',
  fingerprints: ['$global:portal.siteId', 'main.Mrphs-mainContent'],
  pages: [
    {
      name: 'site-tool',
      url: '^(?<base>(?:/[^/]+)*?)/portal/site/(?<site>[\\w.~%-]+)/(?:tool|page)/(?<tool>[\\w.~%-]+)',
      kind: 'course',
      item: {
        kind: 'site',
        id: '{site}',
        title: SITE_TITLE,
        anchor: ['nav.Mrphs-toolTitleNav .Mrphs-toolTitleNav__button_container', 'h2.Mrphs-toolTitleNav__title', 'main.Mrphs-mainContent'],
      },
    },
    {
      name: 'site',
      url: '^(?<base>(?:/[^/]+)*?)/portal/site/(?<site>[\\w.~%-]+)/?(?:[?#]|$)',
      kind: 'course',
      item: { kind: 'site', id: '{site}', title: SITE_TITLE, anchor: ['h2.Mrphs-toolTitleNav__title', 'main.Mrphs-mainContent'] },
    },
  ],
};
