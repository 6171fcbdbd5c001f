import type { AdapterSpec } from '../spec/types';

/**
 * LinkedIn Learning (lms-adapters.md §13): a course is its slug, `/learning/{slug}[/{videoSlug}]`;
 * a path is `/learning/paths/{slug}`. Reserved first segments are not courses. Edition suffixes
 * (`-2021`, `-8399317`) stay in the slug: they are different editions. `u`, `autoplay` and `trk`
 * are ignored (the patterns stop at the path). Title from og:title (❓ page structure).
 */
const TITLE = ['$meta:og:title', 'h1', '$title'];
const RESERVED = '(?:paths|search|me|instructors|certificates|topics|browse|subscription|learning-login|signup|login|content|collections)';

export const linkedinLearningSpec: AdapterSpec = {
  id: 'linkedin-learning',
  // Not a host claim: linkedin.com is mostly not Learning; only `/learning/` pages are.
  fingerprints: [{ from: '$url', pattern: '^https://(?:www\\.)?linkedin\\.com/learning/' }],
  pages: [
    {
      name: 'path',
      url: '^/learning/paths/(?<slug>[a-z0-9][a-z0-9-]*)/?(?:[?#]|$)',
      kind: 'course',
      item: { kind: 'path', id: '{slug}', title: TITLE, anchor: ['h1'] },
    },
    {
      name: 'video',
      url: `^/learning/(?!${RESERVED}(?:[/?#]|$))(?<slug>[a-z0-9][a-z0-9-]*)/(?<video>[a-z0-9][a-z0-9-]*)/?(?:[?#]|$)`,
      kind: 'activity',
      item: { kind: 'course', id: '{slug}', title: [{ from: '$title', pattern: ' - (.+?) Video Tutorial' }, 'h1', '$meta:og:title'], anchor: ['h1'] },
    },
    {
      name: 'course',
      url: `^/learning/(?!${RESERVED}(?:[/?#]|$))(?<slug>[a-z0-9][a-z0-9-]*)/?(?:[?#]|$)`,
      kind: 'course',
      item: { kind: 'course', id: '{slug}', title: TITLE, anchor: ['h1'] },
    },
  ],
};
