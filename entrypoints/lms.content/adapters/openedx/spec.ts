import type { AdapterSpec } from '../spec/types';

/**
 * Open edX (lms-adapters.md §4): the learning MFE `/learning/course/course-v1:…` (routes of
 * `frontend-app-learning` `src/constants.ts`) and the legacy `/courses/course-v1:…`. Decision from
 * the notes: a course is keyed `Org+Num` so reruns (`+Run`) share ratings. Units are keyed by the
 * `block@<hex>` of their `block-v1:` usage key. Detected by URL shape or the MFE's header, since
 * every install has its own host.
 */
const COURSE_KEY = 'course-v1:(?<org>[^+/?#]+)\\+(?<num>[^+/?#]+)\\+(?<run>[^/?#]+)';

export const openedxSpec: AdapterSpec = {
  id: 'openedx',
  hosts: ['learning.edx.org', 'app.learn.wiki'],
  fingerprints: [
    { from: '$url', pattern: '/(?:learning/)?courses?/course-v1:[^/+]+\\+' },
    'header.learning-header',
    '#courseTabsNavigation',
    'div.course-card[data-testid="CourseCard"]',
  ],
  pages: [
    {
      name: 'unit',
      url: `/course/${COURSE_KEY}/block-v1:[^/]+/block-v1:[^/?#]*type@vertical\\+block@(?<unit>[0-9a-zA-Z_]+)`,
      kind: 'activity',
      item: {
        kind: 'unit',
        id: '{unit}',
        title: ['.unit h3', '.unit-title', '$title'],
        parent: { kind: 'course', id: '{org}+{num}' },
        anchor: ['.unit h3', '.sequence-navigation-container', 'nav[aria-label="breadcrumb"]'],
      },
      tiles: [],
    },
    {
      // A sequence without a unit, and the course's tabs: the page is about the course.
      name: 'course',
      url: `^(?:/learning)?/courses?/${COURSE_KEY}(?:/|$|[?#])`,
      kind: 'course',
      item: {
        kind: 'course',
        id: '{org}+{num}',
        title: ['header.learning-header .course-title-lockup .course-title', '.course-title', '$meta:og:title', 'h1', '$title'],
        anchor: ['#courseTabsNavigation', 'nav[aria-label="breadcrumb"]', 'header.learning-header .course-title-lockup'],
      },
    },
    {
      // Learner dashboard (`frontend-app-learner-dashboard` `CourseCard`): the card's own id is
      // internal; the course key is in the title link.
      name: 'dashboard',
      url: '^/(?:learner-dashboard/?)?(?:[?#]|$)',
      kind: 'dashboard',
      tiles: [
        {
          selector: 'div.course-card[data-testid="CourseCard"]',
          kind: 'course',
          id: [{ from: 'a.course-card-title@href', pattern: 'course-v1:(?<org>[^+/?#]+)\\+(?<num>[^+/?#]+)\\+' }],
          idTemplate: '{org}+{num}',
          title: ['a.course-card-title', '.course-card-title'],
          anchor: ['a.course-card-title', '.course-card-title'],
        },
      ],
    },
    {
      // Legacy catalog (`lms/templates/course.html`): `article.course[id="<course key>"]`.
      name: 'catalog',
      url: '^/courses/?(?:[?#]|$)',
      kind: 'listing',
      tiles: [
        {
          selector: 'article.course[id^="course-v1:"]',
          kind: 'course',
          id: [{ from: '@id', pattern: '^course-v1:(?<org>[^+]+)\\+(?<num>[^+]+)\\+' }],
          idTemplate: '{org}+{num}',
          title: ['.course-title', '.course-name', '@aria-label'],
          anchor: ['.course-title', '.course-name'],
        },
      ],
    },
  ],
};
