import type { AdapterSpec, PageSpec } from '../spec/types';

/**
 * Cornerstone OnDemand (lms-adapters.md §5): `*.csod.com`; an item is a learning object keyed by
 * its LOID, a GUID, lower-cased. Every URL form of the notes carries it (details page, legacy
 * details, deep link, video and SCORM launch); `back`, `query` and the fragment are not part of
 * it. Page structure is not documented (❓): titles come from the first heading, else og:title,
 * else document.title, and list pages badge every link to a LOID, as the notes recommend.
 */
const GUID = '(?<loid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';

const ITEM_ROUTES: [name: string, url: string][] = [
  ['details', `(?i)^/ui/lms-learning-details/app/[a-z]+/${GUID}`],
  ['details-legacy', `(?i)^/LMS/LoDetails/DetailsLo\\.aspx\\?(?:.*&)?loid=${GUID}`],
  ['deep-link', `(?i)^/DeepLink/ProcessRedirect\\.aspx\\?(?:.*&)?lo=${GUID}`],
  ['video', `(?i)^/LMS/Video/LaunchVideo\\.aspx\\?(?:.*&)?loid=${GUID}`],
  ['scorm', `(?i)^/LMS/scorm/LaunchLo\\.aspx\\?(?:.*&)?objectId=${GUID}`],
];

const itemPages: PageSpec[] = ITEM_ROUTES.map(([name, url]) => ({
  name,
  url,
  kind: 'course',
  item: { kind: 'lo', id: '{loid|lower}', title: ['main h1', 'h1', '$meta:og:title', '$title'], anchor: ['main h1', 'h1'] },
}));

export const cornerstoneSpec: AdapterSpec = {
  id: 'cornerstone',
  hosts: ['*.csod.com'],
  pages: [
    ...itemPages,
    {
      name: 'search',
      url: '(?i)^/(?:ui/lms-learner-search/|GlobalSearch/Search\\.aspx|LMS/BrowseTraining/BrowseTraining\\.aspx)',
      kind: 'listing',
      tiles: [
        {
          selector: 'a[href]',
          kind: 'lo',
          id: [{ from: '@href', pattern: `(?i)(?:loid=|lo=|/app/[a-z]+/)(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})` }],
          idTemplate: '{id|lower}',
          title: ['@title', '@aria-label', ':scope'],
          anchor: [':scope'],
        },
      ],
    },
  ],
};
