import type { AdapterSpec } from '../spec/types';

/**
 * Blackboard Learn Ultra (lms-adapters.md §12): `/ultra/` on `*.blackboard.com` or custom hosts.
 * Courses are `_N_1` primary keys; content items `/outline/(edit/)?<type>/_N_1`, tests
 * `/assessment/test/_N_1`. `courseId`, `view` and `gradeitemView` parameters are ignored. Course
 * cards on `/ultra/course`: `article.course-element-card[data-course-id]` (◐).
 */
const COURSE = '(?<course>_\\d+_\\d+)';

export const blackboardSpec: AdapterSpec = {
  id: 'blackboard',
  hosts: ['*.blackboard.com'],
  fingerprints: ['bb-base-course-card', 'article.course-element-card[data-course-id]'],
  pages: [
    {
      name: 'content',
      url: `^/ultra/courses/${COURSE}/(?:.*/)?outline/(?:edit/)?(?:document|file|journal|assignment|discussion|link|folder|lti)/(?<id>_\\d+_\\d+)`,
      kind: 'activity',
      item: { kind: 'content', id: '{id}', title: ['h1', '.panel-title', '$title'], parent: { kind: 'course', id: '{course}' }, anchor: ['h1', '.panel-title'] },
    },
    {
      name: 'test',
      url: `^/ultra/courses/${COURSE}/(?:.*/)?assessment/test/(?<id>_\\d+_\\d+)`,
      kind: 'activity',
      item: { kind: 'content', id: '{id}', title: ['h1', '.panel-title', '$title'], parent: { kind: 'course', id: '{course}' }, anchor: ['h1', '.panel-title'] },
    },
    {
      name: 'course',
      url: `^/ultra/courses/${COURSE}(?:/|$|[?#])`,
      kind: 'course',
      item: { kind: 'course', id: '{course}', title: ['.course-title', 'h1', '$title'], anchor: ['.course-title', 'h1'] },
    },
    {
      name: 'course-list',
      url: '^/ultra/course/?(?:[?#]|$)',
      kind: 'listing',
      tiles: [
        {
          selector: 'article.course-element-card[data-course-id]',
          kind: 'course',
          id: [{ from: '@data-course-id', pattern: '^(_\\d+_\\d+)$' }],
          title: ['.js-course-title-element', 'h4'],
          anchor: ['.js-course-title-element', 'h4'],
        },
      ],
    },
  ],
};
