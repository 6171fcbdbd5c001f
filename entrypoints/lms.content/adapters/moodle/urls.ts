/**
 * Pure URL predicates and readers for Moodle pages (the github-url-detection style): each takes a
 * `URL` and looks only at it. They accept any install path, so `https://lms.acme.com/moodle/...`
 * matches like `https://lms.acme.com/...`. A URL alone cannot prove a page is Moodle (any site can
 * have `/my/`): the adapter asks `detect.ts` first and uses these to name the page.
 * Real URLs each predicate must and must not match: test/adapters/moodle/urls.test.ts.
 */

/** Matches a pathname ending in `<path>` after any install sub-path (or none). */
function endsWithMoodlePath(url: URL, path: RegExp): boolean {
  return path.test(url.pathname);
}

/** `/course/view.php?id=2`, also `?name=<shortname>`, `?idnumber=`, `&section=1`. */
export const isCourseView = (url: URL): boolean => endsWithMoodlePath(url, /\/course\/view\.php$/);

/** `/course/section.php?id=<section db id>` (Moodle 4.4+). */
export const isSectionPage = (url: URL): boolean => endsWithMoodlePath(url, /\/course\/section\.php$/);

/** `/mod/<module>/view.php?id=<cmid>`: the entry page of an activity. */
export const isActivityView = (url: URL): boolean => ACTIVITY_VIEW_PATH.test(url.pathname);
const ACTIVITY_VIEW_PATH = /\/mod\/([a-z][a-z0-9_]*)\/view\.php$/;

/** `/my/courses.php`: the "My courses" page (block_myoverview), Moodle 4.0+. */
export const isMyCourses = (url: URL): boolean => endsWithMoodlePath(url, /\/my\/courses\.php$/);

/** `/my/` or `/my/index.php`: the dashboard. */
export const isDashboard = (url: URL): boolean => endsWithMoodlePath(url, /\/my\/(?:index\.php)?$/);

/** `/course/index.php[?categoryid=N]`: the category tree and one category's courses. */
export const isCourseIndex = (url: URL): boolean => endsWithMoodlePath(url, /\/course\/index\.php$/);

/** `/course/search.php?search=...`: course search results. */
export const isCourseSearch = (url: URL): boolean => endsWithMoodlePath(url, /\/course\/search\.php$/);

/** `/enrol/index.php?id=<course>` and `/course/info.php?id=<course>`: a course's landing pages. */
export const isCourseLandingPage = (url: URL): boolean =>
  endsWithMoodlePath(url, /\/(?:enrol\/index|course\/info)\.php$/);

/**
 * The front page: the install root, `/` or `/index.php` (`?redirect=0` keeps a logged-in user
 * there), under an install path of at most two plain folder names (`/moodle/`, `/learning/lms/`).
 * Any site's root looks like this, so only the DOM fingerprint makes it a Moodle page; a root
 * ending in one of Moodle's own directories (`/my/`, `/course/`) is not the front page.
 */
export function isFrontPage(url: URL): boolean {
  const match = /^((?:\/[\w.~-]+){0,2})\/(?:index\.php)?$/.exec(url.pathname);
  if (!match) return false;
  const segments = match[1]!.split('/').filter(Boolean);
  return !segments.some((segment) => MOODLE_TOP_DIRECTORIES.has(segment));
}

/** The module name in `/mod/<module>/...`, e.g. `quiz`. */
export function readActivityTypeFromUrl(url: URL): string | null {
  return /\/mod\/([a-z][a-z0-9_]*)\//.exec(url.pathname)?.[1] ?? null;
}

/** The `id` parameter when it is a positive integer: the course, section or cmid of the page. */
export function readIdParam(url: URL): string | null {
  const id = url.searchParams.get('id');
  return id !== null && /^[1-9]\d{0,17}$/.test(id) ? id : null;
}

/**
 * Moodle's top-level directories (the source tree's root, which is also the URL space). The first
 * of them in a path marks where the install's own path ends: `/moodle/grade/report/index.php` →
 * `/moodle`.
 */
const MOODLE_TOP_DIRECTORIES = new Set([
  'admin', 'ai', 'analytics', 'auth', 'availability', 'backup', 'badges', 'blocks', 'blog', 'cache',
  'calendar', 'cohort', 'comment', 'communication', 'competency', 'completion', 'contentbank', 'course',
  'customfield', 'enrol', 'files', 'filter', 'grade', 'group', 'h5p', 'login', 'local', 'message',
  'mod', 'moodlenet', 'my', 'notes', 'payment', 'pix', 'portfolio', 'privacy', 'question', 'rating',
  'report', 'reportbuilder', 'repository', 'rss', 'search', 'sms', 'tag', 'theme', 'user', 'webservice',
  // Totara's own tree on top of Moodle's (lms-adapters.md §3): `/totara/dashboard/`, `/totara/catalog/`.
  'totara',
]);

/**
 * Paths of the pages this adapter reads, anchored at the end: the part before them is the
 * install path even when it contains a Moodle directory name (`/course/course/view.php` →
 * `/course`).
 */
const KNOWN_PAGE_TAIL =
  /^(.*?)\/(?:course\/(?:view|section|index|search|info)\.php|mod\/[a-z][a-z0-9_]*\/view\.php|my\/(?:courses\.php|index\.php)?|enrol\/index\.php)$/;

/** The install's path below the host: `''` for a root install, `/moodle` for a sub-path one. */
export function readInstallPath(url: URL): string {
  const known = KNOWN_PAGE_TAIL.exec(url.pathname);
  if (known) return known[1]!;
  const segments = url.pathname.split('/').slice(1);
  const moodleDirectory = segments.findIndex(
    (segment, index) => MOODLE_TOP_DIRECTORIES.has(segment) && index < segments.length - 1,
  );
  // No Moodle directory: a root file (`/index.php`, `/moodle/`), so the install is its folder.
  const installSegments = moodleDirectory >= 0 ? segments.slice(0, moodleDirectory) : segments.slice(0, -1);
  return installSegments.length ? `/${installSegments.join('/')}` : '';
}

/** The ItemKey site of a page URL: host[:port] plus the install path, e.g. `lms.acme.com/moodle`. */
export function readSiteFromUrl(url: URL): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.host ? url.host + readInstallPath(url) : null;
}

/**
 * The ItemKey site from `M.cfg.wwwroot` (`https://lms.acme.com/moodle`), which Moodle itself
 * defines as the install's root URL, so it needs no guessing.
 */
export function readSiteFromWwwroot(wwwroot: string): string | null {
  let root: URL;
  try {
    root = new URL(wwwroot);
  } catch {
    return null;
  }
  if ((root.protocol !== 'http:' && root.protocol !== 'https:') || !root.host) return null;
  return root.host + root.pathname.replace(/\/+$/, '');
}
