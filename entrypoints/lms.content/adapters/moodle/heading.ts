import type { Anchor } from '../types';
import { moodleSelectors } from './selectors';
import { cleanText, decodeHtmlEntities } from './text';

/**
 * The page heading, its text and where the page's own widget goes. Two layouts exist:
 * - the heading names the page: `#page-header .page-header-headings h1` is the course name on
 *   course pages, the section name on section pages and the activity name on activity pages
 *   (Boost 4.4+/5.x; themes with `$THEME->activityheaderconfig = ['notitle' => true]`);
 * - the heading is always the course: an activity's name is an `<h2>` printed just before
 *   `.activity-header[data-for="page-activity-header"]` by `core/activity_header` (Moodle 4.0–4.3,
 *   and themes such as Classic that let the activity header print its title).
 */

/** The activity's own title heading, when the activity header prints one: `<h2>` right before it. */
export function findActivityTitleHeading(doc: Document): HTMLElement | null {
  const header = doc.querySelector(moodleSelectors.activityHeader);
  const previous = header?.previousElementSibling;
  return previous?.tagName === 'H2' ? (previous as HTMLElement) : null;
}

export function findPageHeading(doc: Document): HTMLElement | null {
  for (const selector of moodleSelectors.pageHeadings) {
    const heading = doc.querySelector<HTMLElement>(selector);
    if (heading) return heading;
  }
  return null;
}

/** The course's full name from the breadcrumb link's `title` (`core/navbar`), when shown. */
export function readBreadcrumbCourseName(doc: Document): string {
  return cleanText(doc.querySelector(moodleSelectors.breadcrumbCourseLink)?.getAttribute('title'));
}

/** `document.title` up to the first ` | ` (Moodle appends ` | <site name>`). */
export function readDocumentTitle(doc: Document): string {
  return cleanText(doc.title.split(' | ')[0]);
}

export function readCourseTitle(doc: Document): string {
  return (
    cleanText(findPageHeading(doc)?.textContent) || readBreadcrumbCourseName(doc) || readDocumentTitle(doc)
  );
}

export function readActivityTitle(doc: Document): string {
  const oldTitle = cleanText(findActivityTitleHeading(doc)?.textContent);
  if (oldTitle) return oldTitle;
  const heading = cleanText(findPageHeading(doc)?.textContent);
  // On a page whose h1 is the course (see above) but which has no title h2, skip the h1.
  if (heading && heading !== readBreadcrumbCourseName(doc)) return heading;
  const information = doc.querySelector(`${moodleSelectors.activityHeader} ${moodleSelectors.activityInformation}`);
  const fromData = cleanText(decodeHtmlEntities(information?.getAttribute('data-activityname') ?? ''));
  return fromData || heading || readDocumentTitle(doc);
}

/**
 * The course's full name on a page whose heading names something else (a section page): the
 * breadcrumb link's `title`, else the course part of `document.title`, which Moodle 4.4+ writes as
 * `Section: <section> | <course> | <site>`, else the breadcrumb link's text (the short name).
 */
export function readEnclosingCourseTitle(doc: Document): string {
  const fromBreadcrumb = readBreadcrumbCourseName(doc);
  if (fromBreadcrumb) return fromBreadcrumb;
  const parts = doc.title.split(' | ');
  if (parts.length >= 3) return cleanText(parts[parts.length - 2]);
  return cleanText(doc.querySelector(moodleSelectors.breadcrumbCourseLink)?.textContent);
}

/**
 * Where the page item's widget goes. When the item has its own heading apart from the page header
 * (the activity header's `<h2>`), right after it. Otherwise Moodle's header actions slot, which
 * sits at the end of the heading row in Boost and Classic and is empty for learners; then Classic's
 * header card; then right after the page heading, or the first visible heading of the content.
 */
export function findHeaderAnchor(doc: Document, ownHeading: Element | null): Anchor | null {
  if (ownHeading) return { element: ownHeading, position: 'after' };
  const actions = doc.querySelector(moodleSelectors.headerActions);
  if (actions) return { element: actions, position: 'append' };
  const classic = doc.querySelector(moodleSelectors.classicHeaderBody);
  if (classic) return { element: classic, position: 'append' };
  const heading = findPageHeading(doc) ?? findVisibleFallbackHeading(doc);
  return heading ? { element: heading, position: 'after' } : null;
}

/** The first heading a sighted reader sees: Moodle has screen-reader-only h2s ("Section outline"). */
function findVisibleFallbackHeading(doc: Document): Element | null {
  for (const selector of moodleSelectors.fallbackHeadings) {
    for (const heading of Array.from(doc.querySelectorAll(selector))) {
      if (!heading.matches(moodleSelectors.screenReaderOnly)) return heading;
    }
  }
  return null;
}
