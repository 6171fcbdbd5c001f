/**
 * Every CSS selector the Moodle adapter reads, named, with the Moodle template (in moodle/moodle)
 * that renders the markup. Kept in one place so a theme override is one edit and so
 * test/adapters/moodle/selectors.test.ts can check each against real pages.
 */
export const moodleSelectors = {
  // --- Page header (theme_boost `core/full_header`, theme_classic `core/full_header`,
  // `core/context_header`).
  /** The page heading: course name on course pages; activity name on 4.4+ activity pages.
   * Tried in this order; the last two are for themes that drop the context header. */
  pageHeadings: ['#page-header .page-header-headings h1', '.page-context-header .page-header-headings h1', '#page-header h1', '#region-main h1'],
  /** The slot Moodle keeps beside the heading for header actions (Boost and Classic, 4.0+). */
  headerActions: '#page-header [data-region="header-actions-container"]',
  /** Classic's header card, when a theme drops the actions slot. */
  classicHeaderBody: 'header#page-header .card-body',
  /** Headings to place the widget after when there is neither a slot nor a page heading. */
  fallbackHeadings: ['[role="main"] h1', '#region-main h2', '[role="main"] h2', 'h1'],
  /** Breadcrumb link to the course; its `title` is the course's full name (`core/navbar`). */
  breadcrumbCourseLink: '#page-navbar a[href*="/course/view.php?id="], .breadcrumb a[href*="/course/view.php?id="]',

  // --- Activity pages (`core/activity_header`, `core_course/activity_info`).
  /** The activity header under the heading: completion and description. */
  activityHeader: '.activity-header[data-for="page-activity-header"]',
  /** Activity information with the (double-escaped) activity name. */
  activityInformation: '[data-region="activity-information"][data-activityname]',

  // --- Course content (`core_courseformat/local/content/section`, `.../section/cmitem`,
  // `.../cm/cmname`).
  /** The main region: activity rows are read only here, never from the course index drawer. */
  mainRegion: '#region-main, [role="main"]',
  /** A section of the course page; `data-id` is its database id, `data-number` its number. */
  section: '[data-for="section"][data-id]',
  /** A section's own title inside it (`.../section/header`). */
  sectionName: '.sectionname',
  /** An activity row (4.0+); `#module-<cmid>` rows without `data-for` are older formats. */
  activityRow: 'li.activity[data-for="cmitem"][data-id], li.activity[id^="module-"]',
  /** The activity's name inside a row; Moodle appends an `.accesshide` module name to it. */
  activityName: '.instancename',
  /** The row's card, whose `data-activityname` is the (double-escaped) name; a label's text. */
  activityCard: '.activity-item[data-activityname]',
  /** What a label ("Text and media area") shows in its row (`core_courseformat/local/content/cm`). */
  labelContent: '.activity-altcontent, .contentwithoutlink',
  /** Text only screen readers get, left out of names. */
  screenReaderOnly: '.accesshide, .sr-only, .visually-hidden',

  // --- Completion (`core_course/completion_manual`, `core_course/completion_automatic`,
  // `core_courseformat/local/content/cm/completion_dialog`, `.../courseindex/cmcompletion`).
  completionInfo: '[data-region="completion-info"]',
  manualCompletionButton: 'button[data-action="toggle-manual-completion"][data-toggletype]',
  automaticCompletion: '[data-region="completionrequirements"]',
  automaticCondition: '[role="listitem"]',
  /** The 4.3+ dropdown button that sums up automatic completion. */
  completionDropdownButton: '[data-for="dropdowndialog_button"]',
  /** Completion of an activity in the course index drawer (used for completion only). */
  courseIndexCompletion: (cmid: string): string =>
    `[data-for="cm"][data-id="${cmid}"] [data-for="cm_completion"]`,

  // --- Course listings.
  /** Course cards on My courses / the dashboard: card, list and summary views
   * (`core_course/coursecard`, `block_myoverview/view-list`, `view-summary`). */
  courseCard: '[data-region="course-content"][data-course-id]',
  courseCardName: 'a.coursename',
  /** Progress on a course card (`block_myoverview/progress-bar`, older `.progress-bar`). */
  courseCardProgress: 'meter[value], [role="progressbar"][aria-valuenow], .progress-bar[aria-valuenow]',
  courseCardProgressText: '.progress-text',
  /** Course boxes on category, search and front pages (`core_course_renderer::coursecat_coursebox`). */
  courseBox: '.coursebox[data-courseid]',
  courseBoxName: '.coursename a',
} as const;

export type MoodleSelectorName = keyof typeof moodleSelectors;

/**
 * Runs `read` with some selectors replaced, as an admin's config for a customised theme says
 * (`{"id": "moodle", "selectors": {"courseCard": "..."}}`), and puts the built-in ones back after.
 * Reading is synchronous, so nothing else runs while they are swapped; this keeps every reader
 * using the one `moodleSelectors` table. Only string and string-list selectors can be replaced, and
 * only by the same shape.
 */
export function withMoodleSelectors<T>(overrides: Readonly<Record<string, unknown>> | undefined, read: () => T): T {
  const table = moodleSelectors as unknown as Record<string, unknown>;
  const saved: [string, unknown][] = [];
  for (const [name, value] of Object.entries(overrides ?? {})) {
    const current = table[name];
    const sameShape =
      (typeof current === 'string' && typeof value === 'string') ||
      (Array.isArray(current) && Array.isArray(value) && value.every((entry) => typeof entry === 'string'));
    if (!Object.hasOwn(table, name) || !sameShape) continue;
    saved.push([name, current]);
    table[name] = value;
  }
  try {
    return read();
  } finally {
    for (const [name, value] of saved) table[name] = value;
  }
}
