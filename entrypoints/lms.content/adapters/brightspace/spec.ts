import type { AdapterSpec } from '../spec/types';

/**
 * D2L Brightspace (lms-adapters.md §11): the `/d2l/` path on `*.brightspace.com`,
 * `*.desire2learn.com` or custom hosts. Identity is the org-unit id (`ou`); a content topic is
 * `/d2l/le/content/{ou}/viewContent/{topic}/View`. The Discover catalog id is kept apart
 * (`discover-course`): whether it equals the `ou` is ❓. The My Courses widget is nested shadow DOM
 * (`d2l-my-courses` ⟶ … ⟶ `d2l-enrollment-card` ⟶ `d2l-card[href="/d2l/home/{id}"]`), hence `>>>`.
 */
const TITLE = ['.d2l-navigation-s-title-container', '.d2l-page-title', 'h1', '$title'];
const MY_COURSES_CARDS =
  'd2l-my-courses >>> d2l-my-courses-container >>> d2l-my-courses-content >>> d2l-my-courses-card-grid >>> d2l-enrollment-card';

export const brightspaceSpec: AdapterSpec = {
  id: 'brightspace',
  hosts: ['*.brightspace.com', '*.desire2learn.com'],
  fingerprints: [{ from: '$url', pattern: '^https?://[^/]+/d2l/' }, 'd2l-navigation', 'd2l-my-courses'],
  pages: [
    {
      name: 'topic',
      url: '^/d2l/le/content/(?<ou>\\d+)/viewContent/(?<topic>\\d+)/View',
      kind: 'activity',
      item: { kind: 'topic', id: '{topic}', title: ['.d2l-page-title', 'h1', '$title'], parent: { kind: 'course', id: '{ou}' }, anchor: ['.d2l-page-title', 'h1'] },
    },
    {
      name: 'module',
      url: '(?i)^/d2l/le/content/(?<ou>\\d+)/Home\\?(?:.*&)?itemIdentifier=[^&#]*?ModuleCO-(?<module>\\d+)',
      kind: 'section',
      item: { kind: 'course', id: '{ou}', title: TITLE, anchor: ['.d2l-navigation-s-title-container', 'h1'] },
    },
    {
      name: 'discover-course',
      url: '^/d2l/le/discovery/view/course/(?<id>\\d+)',
      kind: 'course',
      item: { kind: 'discover-course', id: '{id}', title: ['h1', '$title'], anchor: ['h1'] },
    },
    {
      name: 'course-home',
      url: '^/d2l/home/(?<ou>\\d+)(?:[/?#]|$)',
      kind: 'course',
      item: { kind: 'course', id: '{ou}', title: TITLE, anchor: ['.d2l-navigation-s-title-container', 'h1'] },
    },
    {
      name: 'course-tool',
      url: '^/d2l/(?!home(?:[/?#]|$))[^?#]*\\?(?:.*&)?ou=(?<ou>\\d+)',
      kind: 'course',
      item: { kind: 'course', id: '{ou}', title: TITLE, anchor: ['.d2l-navigation-s-title-container', 'h1'] },
    },
    {
      name: 'homepage',
      url: '^/d2l/home/?(?:[?#]|$)',
      kind: 'dashboard',
      tiles: [
        {
          selector: MY_COURSES_CARDS,
          kind: 'course',
          id: [{ from: '>>> d2l-card@href', pattern: '/d2l/home/(\\d+)' }],
          title: ['>>> d2l-card@text', '>>> d2l-organization-name', '>>> d2l-card >>> d2l-organization-name'],
          anchor: ['>>> d2l-card'],
        },
      ],
    },
  ],
};
