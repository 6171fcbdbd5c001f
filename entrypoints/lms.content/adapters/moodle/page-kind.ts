import type { PageKind } from '../types';
import type { PageIdentity } from './identity';
import {
  isActivityView,
  isCourseIndex,
  isCourseLandingPage,
  isCourseSearch,
  isCourseView,
  isDashboard,
  isFrontPage,
  isMyCourses,
  isSectionPage,
} from './urls';

/**
 * What kind of page this is. Moodle names its own page type in the body id (`page-<pagetype>`,
 * `lib/pagelib.php`), so that comes first; the URL decides only when the body id says nothing
 * we know. Notes:
 * - any page with a `cmid-` class is inside an activity, so it is an activity page;
 * - `course/view.php?id=2&section=1` is a course page (`page-course-view-<format>`, heading = the
 *   course) that happens to show one section; `course/section.php` is the section page
 *   (`page-course-view-section-<format>`, heading = the section);
 * - `/my/courses.php` and `/my/` share the page type `my-index`: the `page-mycourses` class or the
 *   `pagelayout-mycourses` layout tells them apart.
 */
export function readPageKind(url: URL, body: HTMLElement, identity: PageIdentity): PageKind {
  if (identity.cmid) return 'activity';
  return kindFromBody(body) ?? kindFromUrl(url);
}

function kindFromBody(body: HTMLElement): PageKind | null {
  const pageType = body.id;
  if (pageType.startsWith('page-course-view-section-')) return 'section';
  if (pageType.startsWith('page-course-view-')) return 'course';
  if (pageType === 'page-enrol-index' || pageType === 'page-course-info') return 'course';
  if (pageType === 'page-my-index') {
    const classes = body.classList;
    return classes.contains('page-mycourses') || classes.contains('pagelayout-mycourses') ? 'listing' : 'dashboard';
  }
  if (pageType.startsWith('page-course-index') || pageType === 'page-course-search') return 'listing';
  if (pageType === 'page-site-index') return 'listing';
  return null;
}

function kindFromUrl(url: URL): PageKind {
  if (isSectionPage(url)) return 'section';
  if (isCourseView(url) || isCourseLandingPage(url)) return 'course';
  if (isActivityView(url)) return 'activity';
  if (isMyCourses(url) || isCourseIndex(url) || isCourseSearch(url) || isFrontPage(url)) return 'listing';
  if (isDashboard(url)) return 'dashboard';
  return 'other';
}
