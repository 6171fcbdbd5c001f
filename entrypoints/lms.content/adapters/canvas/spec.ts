import type { AdapterSpec, PageSpec } from '../spec/types';

/**
 * Canvas LMS (lms-adapters.md §2). Hosts `*.instructure.com`; custom domains by the `ic-app`
 * application root or the `context-course_<id>` body class. Item pages are
 * `/courses/{c}/(assignments|quizzes|discussion_topics|pages|files)/{id}`; `module_item_id` and
 * other query parameters are not part of the identity (the patterns stop at the id). Titles: the
 * page's heading, else `document.title`, which Canvas writes as `<item>: <course>` (`join_title`).
 */
const ITEM_ROUTES: [route: string, kind: string][] = [
  ['assignments', 'assignment'],
  ['quizzes', 'quiz'],
  ['discussion_topics', 'discussion'],
  ['pages', 'page'],
  ['files', 'file'],
];

const COURSE_ID_FROM_BODY = { from: 'body@class', pattern: '\\bcontext-course_(\\d+)\\b' };

const itemPages: PageSpec[] = ITEM_ROUTES.map(([route, kind]) => ({
  name: kind,
  url: `^/courses/(?<course>\\d+)/${route}/(?<id>[\\w.~%-]+)/?(?:[?#]|$)`,
  kind: 'activity',
  item: {
    kind,
    id: '{id}',
    title: ['#content h1', '#content h2.title', { from: '$title', pattern: '^(.*): ' }, '$title'],
    parent: { kind: 'course', id: '{course}' },
    anchor: ['#content h1', '#content h2.title', 'nav#breadcrumbs'],
  },
}));

export const canvasSpec: AdapterSpec = {
  id: 'canvas',
  hosts: ['*.instructure.com'],
  fingerprints: ['#application.ic-app', COURSE_ID_FROM_BODY],
  pages: [
    ...itemPages,
    {
      // The modules page (`context_modules/_module_item_next.html.erb`): one row per module item,
      // keyed by its tag id (`#context_module_item_<id>`), since its link is the
      // `/modules/items/<id>` redirect, not the content's own URL.
      name: 'modules',
      url: '^/courses/(?<course>\\d+)/modules/?(?:[?#]|$)',
      kind: 'course',
      item: { kind: 'course', id: '{course}', title: ['$title'], anchor: ['nav#breadcrumbs', '.ic-app-nav-toggle-and-crumbs'] },
      tiles: [
        {
          selector: 'li.context_module_item[id^="context_module_item_"]',
          kind: 'module-item',
          id: [{ from: '@id', pattern: '^context_module_item_(\\d+)$' }],
          title: ['a.title', '.item_name .title', '.item_name'],
          anchor: ['a.title', '.item_name'],
          completed: { done: '.completed_item, .module-item-status-icon i.icon-check', todo: '[class*="_requirement"]' },
        },
      ],
    },
    {
      name: 'module-item',
      url: '^/courses/(?<course>\\d+)/modules/items/(?<id>\\d+)',
      kind: 'activity',
      item: { kind: 'module-item', id: '{id}', title: [{ from: '$title', pattern: '^(.*): ' }, '$title'], parent: { kind: 'course', id: '{course}' } },
    },
    {
      name: 'course',
      url: '^/courses/(?<course>\\d+)/?(?:[?#]|$)',
      kind: 'course',
      item: { kind: 'course', id: '{course}', title: ['$title'], anchor: ['nav#breadcrumbs', '.ic-app-nav-toggle-and-crumbs', '#content h1'] },
    },
    {
      // Dashboard cards (`DashboardCard.tsx`): the original name is in the header's `title` (the
      // visible text may be the learner's nickname for the course).
      name: 'dashboard',
      url: '^/(?:dashboard)?/?(?:[?#]|$)',
      kind: 'dashboard',
      tiles: [
        {
          selector: '#DashboardCard_Container .ic-DashboardCard',
          kind: 'course',
          id: [{ from: 'a.ic-DashboardCard__link@href', pattern: '/courses/(\\d+)' }],
          title: ['.ic-DashboardCard__header-title@title', 'h3@title', '@aria-label', '.ic-DashboardCard__header-title'],
          anchor: ['.ic-DashboardCard__header-title', 'a.ic-DashboardCard__link'],
        },
      ],
    },
  ],
};
