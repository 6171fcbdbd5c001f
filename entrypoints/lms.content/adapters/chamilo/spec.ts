import type { AdapterSpec } from '../spec/types';

/**
 * Chamilo (lms-adapters.md §15). 1.11: a course is the `cidReq=<CODE>` of `/main/*` pages or
 * `/courses/<CODE>/index.php`; a learning path `lp_controller.php?cidReq=&action=view&lp_id=N`
 * (keyed `<CODE>~<N>`: lp ids are per course). `gidReq`, `gradebook`, `origin`, `isStudentView`,
 * `lp_item_id` and the session are ignored. 2.x: `/course/:id/home`. My courses tiles:
 * `.items.my-courses h4.title a[href]`, code in `span.code-title`
 * (`main/template/default/user_portal/grid_courses_without_category.tpl`).
 */
const BASE = '^(?<base>(?:/[^/]+)*?)';
const CODE = '(?<course>[A-Za-z0-9_.-]+)';
const TITLE = ['#cm-content h1', '.page-header h1', 'h1', '$title'];

export const chamiloSpec: AdapterSpec = {
  id: 'chamilo',
  fingerprints: [{ from: '$meta:generator', pattern: '(?i)chamilo' }, '.items.my-courses', { from: '$url', pattern: '/main/[a-z_]+/[\\w]+\\.php\\?(?:.*&)?cidReq=' }],
  pages: [
    {
      name: 'learning-path',
      url: `${BASE}/main/lp/lp_controller\\.php\\?(?=(?:.*&)?cidReq=${CODE})(?=(?:.*&)?lp_id=(?<lp>\\d+))`,
      kind: 'activity',
      item: { kind: 'lp', id: '{course}~{lp}', title: ['#learning_path_toc .title', 'h1', '$title'], parent: { kind: 'course', id: '{course}' }, anchor: ['h1'] },
    },
    {
      name: 'course-tool',
      url: `${BASE}/main/[^?#]*\\?(?:.*&)?cidReq=${CODE}`,
      kind: 'course',
      item: { kind: 'course', id: '{course}', title: TITLE, anchor: ['.page-header h1', 'h1'] },
    },
    {
      name: 'course-home',
      url: `${BASE}/courses/${CODE}/index\\.php(?:[?#]|$)`,
      kind: 'course',
      item: { kind: 'course', id: '{course}', title: TITLE, anchor: ['.page-header h1', 'h1'] },
    },
    {
      name: 'course-home-2',
      url: `${BASE}/course/(?<course>\\d+)/home(?:[/?#]|$)`,
      kind: 'course',
      item: { kind: 'course', id: '{course}', title: TITLE, anchor: ['h1'] },
    },
    {
      name: 'my-courses',
      url: `${BASE}/user_portal\\.php`,
      kind: 'listing',
      tiles: [
        {
          selector: '.items.my-courses',
          kind: 'course',
          id: [{ from: 'h4.title a[href]@href', pattern: '/courses/([A-Za-z0-9_.-]+)/' }, { from: 'h4.title a[href]@href', pattern: '[?&]cidReq=([A-Za-z0-9_.-]+)' }, 'span.code-title'],
          title: ['h4.title a[href]'],
          anchor: ['h4.title a[href]'],
        },
      ],
    },
  ],
};
