import { describe, expect, it } from 'vitest';
import { readPage } from '../../../entrypoints/lms.content/adapters';
import type { PageModel } from '../../../entrypoints/lms.content/adapters/types';
import { withDocument } from '../support/dom';
import { HAS_SHARED_FIXTURES, MOODLE_FIXTURES_DIR, loadFixtures, readFixtureHtml } from '../support/fixtures';

/**
 * Real pages edited in the test to what other installs and states would serve: a sub-path install,
 * an inline M.cfg, missing body classes, an older layout. The edits are small and named, so what
 * each variant proves is clear.
 */
const fixtures = HAS_SHARED_FIXTURES ? loadFixtures(MOODLE_FIXTURES_DIR) : [];
const html = (name: string): string => readFixtureHtml(MOODLE_FIXTURES_DIR, fixtures.find((f) => f.html === name)!);
const COURSE_PAGE = 'moodle-5.1-boost-learner-course-view-2.html';
const QUIZ_PAGE = 'moodle-5.1-boost-learner-mod-quiz-7.html';
const FORUM_PAGE = 'moodle-5.1-boost-learner-mod-forum-2.html';
const SECTION_PAGE = 'moodle-5.1-boost-learner-course-section-2.html';

async function read(source: string, url: string, edit?: (doc: Document) => void): Promise<PageModel | null> {
  return withDocument(source, url, (doc, pageUrl) => {
    edit?.(doc);
    return readPage(pageUrl, doc);
  });
}

const removeBodyClass = (pattern: RegExp) => (doc: Document) => {
  for (const name of Array.from(doc.body.classList)) if (pattern.test(name)) doc.body.classList.remove(name);
};

describe.skipIf(!HAS_SHARED_FIXTURES)('real pages, varied', () => {
  it('the same course page under a sub-path install keys everything to that site', async () => {
    const model = await read(html(COURSE_PAGE), 'http://127.0.0.1:8080/moodle/course/view.php?id=2');
    expect(model?.site).toBe('127.0.0.1:8080/moodle');
    expect(model?.item?.key).toBe('moodle:127.0.0.1:8080/moodle:course:2');
    expect(model?.tiles[0]?.item).toMatchObject({
      key: 'moodle:127.0.0.1:8080/moodle:activity:1',
      parent: 'moodle:127.0.0.1:8080/moodle:course:2',
    });
  });

  it('an inline M.cfg names the site, whatever path the page was served at', async () => {
    const model = await read(html(QUIZ_PAGE), 'https://proxy.acme.com/lms-x/mod/quiz/view.php?id=7', (doc) => {
      const script = doc.createElement('script');
      script.textContent = 'var M = {}; M.cfg = {"wwwroot":"https:\\/\\/lms.acme.com\\/moodle","siteId":1,"courseId":2};';
      doc.head.append(script);
    });
    expect(model?.item).toMatchObject({ key: 'moodle:lms.acme.com/moodle:activity:7', parent: 'moodle:lms.acme.com/moodle:course:2' });
  });

  it('a course reached by its short name is the same course (body class, not URL)', async () => {
    const model = await read(html(COURSE_PAGE), 'http://127.0.0.1:8080/course/view.php?name=DS101');
    expect(model?.item?.key).toBe('moodle:127.0.0.1:8080:course:2');
  });

  // Decision: without the body class, the URL's `id` is used where Moodle defines it as the
  // course (course/view.php) or the cmid (mod/<m>/view.php); any other URL gives no item.
  it('without its course-N class, a course page falls back to view.php?id=', async () => {
    const model = await read(html(COURSE_PAGE), 'http://127.0.0.1:8080/course/view.php?id=2', removeBodyClass(/^course-\d+$/));
    expect(model?.kind).toBe('course');
    expect(model?.item?.key).toBe('moodle:127.0.0.1:8080:course:2');
  });

  it('without its course-N class and with no id in the URL, a course page has no item but keeps its rows', async () => {
    const model = await read(html(COURSE_PAGE), 'http://127.0.0.1:8080/course/view.php?name=DS101', removeBodyClass(/^course-\d+$/));
    expect(model?.kind).toBe('course');
    expect(model?.item).toBeNull();
    expect(model?.tiles).toHaveLength(10);
    expect(model?.tiles[0]?.item.parent).toBeUndefined();
  });

  it('without cmid and module classes, an activity page falls back to mod/<m>/view.php?id=', async () => {
    const model = await read(html(QUIZ_PAGE), 'http://127.0.0.1:8080/mod/quiz/view.php?id=7', removeBodyClass(/^(cmid|cm-type)-/));
    expect(model?.item).toMatchObject({ key: 'moodle:127.0.0.1:8080:activity:7', type: 'quiz', parent: 'moodle:127.0.0.1:8080:course:2' });
  });

  it('without any course class or config, an activity takes its course from the breadcrumb', async () => {
    const model = await read(html(QUIZ_PAGE), 'http://127.0.0.1:8080/mod/quiz/view.php?id=7', removeBodyClass(/^course-\d+$/));
    expect(model?.item?.parent).toBe('moodle:127.0.0.1:8080:course:2');
  });

  it('the 4.0–4.3 layout (h1 = course, activity name in an h2) keeps the activity title and anchors on the h2', async () => {
    const model = await read(html(QUIZ_PAGE), 'http://127.0.0.1:8080/mod/quiz/view.php?id=7', (doc) => {
      doc.querySelector('.page-header-headings h1')!.textContent = 'Introduction to Data Science';
      const title = doc.createElement('h2');
      title.textContent = 'Week 1 knowledge check';
      doc.querySelector('.activity-header')!.before(title);
    });
    expect(model?.item?.title).toBe('Week 1 knowledge check');
    expect(model?.headerAnchor).toEqual({ element: expect.objectContaining({ tagName: 'H2' }), position: 'after' });
  });

  it('with the heading gone, the title comes from the double-escaped data-activityname', async () => {
    const model = await read(html(FORUM_PAGE), 'http://127.0.0.1:8080/mod/forum/view.php?id=2', (doc) => {
      doc.querySelector('.page-header-headings')!.remove();
    });
    expect(model?.item?.title).toBe('Course Q&A forum');
  });

  it('with the header actions slot gone, the widget goes right after the heading', async () => {
    const model = await read(html(COURSE_PAGE), 'http://127.0.0.1:8080/course/view.php?id=2', (doc) => {
      doc.querySelector('[data-region="header-actions-container"]')!.remove();
      doc.querySelector('header#page-header')!.removeAttribute('id');
    });
    expect(model?.headerAnchor?.element.textContent).toBe('Introduction to Data Science');
    expect(model?.headerAnchor?.position).toBe('after');
  });

  it('a section page whose body id names a page type we do not know is a section by its URL, about its course', async () => {
    const model = await read(html(SECTION_PAGE), 'http://127.0.0.1:8080/course/section.php?id=2', (doc) => {
      doc.body.id = 'page-theme-custom-section';
    });
    expect(model?.kind).toBe('section');
    expect(model?.item?.key).toBe('moodle:127.0.0.1:8080:course:2');
  });

  it('a section page without the breadcrumb’s course title takes the course name from document.title', async () => {
    const model = await read(html(SECTION_PAGE), 'http://127.0.0.1:8080/moodle/course/section.php?id=2', (doc) => {
      for (const link of Array.from(doc.querySelectorAll('#page-navbar a[title]'))) link.removeAttribute('title');
    });
    expect(model?.kind).toBe('section');
    expect(model?.item).toMatchObject({ key: 'moodle:127.0.0.1:8080/moodle:course:2', kind: 'course', title: 'Introduction to Data Science' });
  });

  it('a label row without data-activityname is titled by the text it shows', async () => {
    const model = await read(html(COURSE_PAGE), 'http://127.0.0.1:8080/course/view.php?id=2', (doc) => {
      doc.querySelector('#module-3 [data-activityname]')!.removeAttribute('data-activityname');
    });
    expect(model?.tiles.find((tile) => tile.item.lmsId === '3')?.item.title).toBe('Start here: read the lesson, then try the quiz.');
  });

  it('a course page whose body lost every Moodle sign is not read', async () => {
    const model = await read(html(COURSE_PAGE), 'http://127.0.0.1:8080/course/view.php?id=2', (doc) => {
      doc.body.id = '';
      doc.body.className = '';
    });
    expect(model).toBeNull();
  });
});
