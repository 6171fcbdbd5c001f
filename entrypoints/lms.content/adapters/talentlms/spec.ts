import type { AdapterSpec } from '../spec/types';

/**
 * TalentLMS (lms-adapters.md §9): `*.talentlms.com`. Classic interface `/learner/courseinfo/id:N`
 * and units `/unit/view/id:N`; the "plus" interface `/plus/courses/N`. Page structure ❓: titles
 * from the heading or document.title, and list pages badge every course link.
 */
const TITLE = ['h1', '$meta:og:title', '$title'];

export const talentlmsSpec: AdapterSpec = {
  id: 'talentlms',
  hosts: ['*.talentlms.com'],
  pages: [
    { name: 'course', url: '^/learner/courseinfo/id:(?<id>\\d+)', kind: 'course', item: { kind: 'course', id: '{id}', title: TITLE, anchor: ['h1'] } },
    { name: 'plus-course', url: '^/plus/courses/(?<id>\\d+)(?:[/?#]|$)', kind: 'course', item: { kind: 'course', id: '{id}', title: TITLE, anchor: ['h1'] } },
    { name: 'unit', url: '^/unit/view/id:(?<id>\\d+)', kind: 'activity', item: { kind: 'unit', id: '{id}', title: TITLE, anchor: ['h1'] } },
    {
      name: 'catalog',
      url: '^/(?:plus/external-catalog|plus/catalog|plus/my-courses|learner/courses|learner/catalog|learner/?(?:[?#]|$))',
      kind: 'listing',
      tiles: [
        {
          selector: 'a[href*="/courseinfo/id:"], a[href*="/plus/courses/"]',
          kind: 'course',
          id: [{ from: '@href', pattern: '(?:/courseinfo/id:|/plus/courses/)(\\d+)' }],
          title: ['@title', '@aria-label', ':scope'],
          anchor: [':scope'],
        },
      ],
    },
  ],
};
