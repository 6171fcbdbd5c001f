import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moodleSelectors } from '../../../entrypoints/lms.content/adapters/moodle/selectors';
import { openDocument } from '../support/dom';
import type { OpenDocument } from '../support/dom';
import { HAS_SHARED_FIXTURES, MOODLE_FIXTURES_DIR, fixtureUrl, loadFixtures, readFixtureHtml } from '../support/fixtures';

/**
 * Each named selector with the real pages it was checked on and how many elements it matches there
 * (refined-github's `selector_` lists). A count that changes means Moodle's markup or the selector
 * changed: look before updating the number.
 */
type SelectorName = keyof typeof moodleSelectors;

const CHECKS: [SelectorName, string, number][] = [
  ['pageHeadings', 'learner-course-view-2', 1],
  ['headerActions', 'learner-course-view-2', 1],
  ['headerActions', 'learner-mod-quiz-7', 1],
  ['breadcrumbCourseLink', 'learner-mod-forum-2', 1],
  ['activityHeader', 'learner-mod-forum-2', 1],
  ['activityInformation', 'learner-mod-forum-2', 1],
  ['mainRegion', 'learner-course-view-2', 2],
  // Five sections in the content and five again in the course index drawer.
  ['section', 'learner-course-view-2', 10],
  ['sectionName', 'learner-course-view-2', 5],
  ['activityRow', 'learner-course-view-2', 10],
  ['activityName', 'learner-course-view-2', 9],
  // Every row's card, the label's included; the label (cmid 3) is the one text-and-media area.
  ['activityCard', 'learner-course-view-2', 10],
  ['labelContent', 'learner-course-view-2', 1],
  ['completionInfo', 'learner-course-view-2', 9],
  ['manualCompletionButton', 'learner-course-view-2', 5],
  ['automaticCompletion', 'learner-course-view-2', 4],
  ['automaticCondition', 'learner-course-view-2', 4],
  ['completionDropdownButton', 'learner-course-view-2', 4],
  ['courseIndexCompletion', 'learner-mod-page-4', 1],
  ['courseCard', 'learner-mycourses', 6],
  ['courseCardName', 'learner-mycourses', 6],
  // Course 11 tracks no activity, so its card has no progress.
  ['courseCardProgressText', 'learner-mycourses', 5],
  ['courseBox', 'learner-course-category-2', 6],
  ['courseBoxName', 'learner-course-category-2', 6],
  ['courseBox', 'learner-sitehome', 10],
];

/** Selectors for markup the saved 5.1 Boost pages do not have; templates.test.ts covers them. */
const NOT_ON_THESE_PAGES: SelectorName[] = ['classicHeaderBody', 'fallbackHeadings', 'courseCardProgress', 'screenReaderOnly'];

function count(doc: Document, name: SelectorName): number {
  const selector = moodleSelectors[name];
  const first = typeof selector === 'function' ? selector('4') : Array.isArray(selector) ? selector[0]! : selector;
  return doc.querySelectorAll(first as string).length;
}

describe.skipIf(!HAS_SHARED_FIXTURES)('Moodle selectors on real pages', () => {
  const fixtures = HAS_SHARED_FIXTURES ? loadFixtures(MOODLE_FIXTURES_DIR) : [];
  const open = new Map<string, OpenDocument>();

  beforeAll(() => {
    for (const page of new Set(CHECKS.map(([, page]) => page))) {
      const fixture = fixtures.find((f) => f.html === `moodle-5.1-boost-${page}.html`)!;
      open.set(page, openDocument(readFixtureHtml(MOODLE_FIXTURES_DIR, fixture), fixtureUrl(fixture)));
    }
  });
  afterAll(async () => {
    for (const document of open.values()) await document.close();
  });

  it.each(CHECKS)('%s matches on %s: %i', (name, page, expected) => {
    expect(count(open.get(page)!.doc, name)).toBe(expected);
  });

  it('checks every selector, or says why not', () => {
    const checked = new Set<string>([...CHECKS.map(([name]) => name), ...NOT_ON_THESE_PAGES]);
    expect(Object.keys(moodleSelectors).filter((name) => !checked.has(name))).toEqual([]);
  });
});
