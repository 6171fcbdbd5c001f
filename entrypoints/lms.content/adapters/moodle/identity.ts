import type { MoodleConfig } from './config';
import { moodleSelectors } from './selectors';
import { isActivityView, isCourseLandingPage, isCourseView, readActivityTypeFromUrl, readIdParam } from './urls';

/**
 * Who the page is about, from the body classes `lib/pagelib.php` adds to every page:
 * `course-<id>`, `cmid-<cmid>`, `cm-type-<module>`, plus `format-site` on the site course's pages.
 * Body classes are preferred over URL parameters because a course or activity can be reached by
 * other URLs (`course/view.php?name=<shortname>`, `?idnumber=`, pages deeper inside an activity)
 * that all carry the same classes.
 *
 * When a class is missing, the URL's `id` is used, but only on the pages where Moodle defines it as
 * that id (`course/view.php`, `enrol/index.php`, `course/info.php` → course; `mod/<m>/view.php` →
 * cmid). The course then falls back to `M.cfg.courseId`, then to the breadcrumb's course link.
 */
export interface PageIdentity {
  /** The page's course, unless it is the site course (front page, dashboard, listings). */
  courseId: string | null;
  cmid: string | null;
  /** Module name, e.g. `quiz`. */
  moduleType: string | null;
}

export function readPageIdentity(url: URL, doc: Document, body: HTMLElement, config: MoodleConfig | null): PageIdentity {
  const classes = Array.from(body.classList);
  const classCourse = firstMatch(classes, /^course-(\d{1,18})$/);
  const classCmid = firstMatch(classes, /^cmid-(\d{1,18})$/);
  const classType = firstMatch(classes, /^cm-type-([a-z][a-z0-9_]*)$/);

  const onActivityView = isActivityView(url);
  const cmid = classCmid ?? (onActivityView ? readIdParam(url) : null);
  const moduleType = classType ?? (cmid ? readActivityTypeFromUrl(url) ?? typeFromBodyId(body.id) : null);

  const urlCourse = isCourseView(url) || isCourseLandingPage(url) ? readIdParam(url) : null;
  const course = classCourse ?? urlCourse ?? config?.courseId ?? readBreadcrumbCourseId(doc, url);
  const isSiteCourse =
    course !== null && (course === (config?.siteId ?? '1') || (course === classCourse && classes.includes('format-site')));

  return { courseId: isSiteCourse ? null : course, cmid, moduleType };
}

/** The course id in the breadcrumb's link to the course (`core/navbar`), shown inside a course. */
function readBreadcrumbCourseId(doc: Document, pageUrl: URL): string | null {
  const href = doc.querySelector(moodleSelectors.breadcrumbCourseLink)?.getAttribute('href');
  if (!href) return null;
  try {
    return readIdParam(new URL(href, pageUrl));
  } catch {
    return null;
  }
}

function firstMatch(classes: string[], pattern: RegExp): string | null {
  for (const name of classes) {
    const match = pattern.exec(name);
    if (match) return match[1]!;
  }
  return null;
}

/** `page-mod-quiz-view` → `quiz`. */
function typeFromBodyId(bodyId: string): string | null {
  return /^page-mod-([a-z][a-z0-9_]*)-/.exec(bodyId)?.[1] ?? null;
}
