import type { AdapterSpec } from '../spec/types';

/**
 * Docebo (lms-adapters.md §7): `*.docebosaas.com/learn/…` (custom domains through admin config).
 * Identity regexes from the notes; the slug after the id, matrix parameters (`;lp=6`) and tracking
 * query parameters are not part of it. A lesson player URL is about its course. Page structure ❓.
 */
const TITLE = ['h1', '$meta:og:title', '$title'];
const course = (id: string) => ({ kind: 'course', id, title: TITLE, anchor: ['h1'] });

export const doceboSpec: AdapterSpec = {
  id: 'docebo',
  hosts: ['*.docebosaas.com'],
  pages: [
    { name: 'lesson', url: '^/learn/course/(?<id>\\d+)/play/\\d+:\\d+', kind: 'activity', item: course('{id}') },
    {
      name: 'course',
      url: '^/learn/course/(?:(?:internal|external)/view/[a-z_]+/)?(?<id>\\d+)(?:[/;?#]|$)',
      kind: 'course',
      item: course('{id}'),
    },
    { name: 'courses', url: '^/learn/courses/(?<id>\\d+)(?:[/;?#]|$)', kind: 'course', item: course('{id}') },
    {
      name: 'learning-plan',
      url: '^/learn/(?:lp|learning-plans)/(?<id>\\d+)(?:[/;?#]|$)',
      kind: 'course',
      item: { kind: 'learning-plan', id: '{id}', title: TITLE, anchor: ['h1'] },
    },
    {
      name: 'catalog',
      url: '^/learn/(?:catalog|home|mycourses|my-courses)',
      kind: 'listing',
      tiles: [
        {
          selector: 'a[href*="/learn/course"]',
          kind: 'course',
          id: [{ from: '@href', pattern: '/learn/courses?/(?:(?:internal|external)/view/[a-z_]+/)?(\\d+)(?:[/;?#]|$)' }],
          title: ['@title', '@aria-label', ':scope'],
          anchor: [':scope'],
        },
      ],
    },
  ],
};
