import { describe, expect, it } from 'vitest';
import { pickAdapter, readPage } from '../../entrypoints/lms.content/adapters';
import { page, withDocument } from './support/dom';

/**
 * Pages that are not Moodle, or look like it with nonsense in them: readPage returns null or a
 * page without an item, and never throws.
 */
describe('pages that are not Moodle', () => {
  it('a blog post with an h1 is nobody’s', async () => {
    const html = page({
      title: 'My post | Blog',
      body: '<header><h1>My post</h1></header><main><article><p>Hello</p></article></main>',
    });
    await withDocument(html, 'https://example.com/blog/2024/05/my-post.html', (doc, url) => {
      expect(pickAdapter(url, doc)).toBeNull();
      expect(readPage(url, doc)).toBeNull();
    });
  });

  it('a GitHub view of Moodle’s course/view.php is not a course page, although its URL says so', async () => {
    const html = page({ bodyClass: 'logged-in env-production page-responsive', body: '<main><h1>view.php</h1></main>' });
    await withDocument(html, 'https://github.com/moodle/moodle/blob/main/course/view.php', (doc, url) => {
      expect(readPage(url, doc)).toBeNull();
    });
  });

  it('a Canvas course page is not Moodle (it is Canvas)', async () => {
    const html = page({
      bodyClass: 'with-left-side course-menu-expanded context-course_12',
      body: '<div id="application" class="ic-app"><h1>Assignment 3</h1></div><script>ENV = {"context_asset_string":"course_12"};</script>',
    });
    await withDocument(html, 'https://x.instructure.com/courses/12/assignments/3', (doc, url) => {
      expect(readPage(url, doc)?.adapter).toBe('canvas');
    });
  });

  it('a page with only a page-* body id is not Moodle', async () => {
    await withDocument(page({ bodyId: 'page-home', bodyClass: 'home', body: '<h1>Home</h1>' }), 'https://example.com/', (doc, url) => {
      expect(readPage(url, doc)).toBeNull();
    });
  });

  it('an empty document', async () => {
    await withDocument('', 'https://example.com/', (doc, url) => {
      expect(readPage(url, doc)).toBeNull();
    });
  });

  it('a document without a body', async () => {
    await withDocument('<html></html>', 'https://example.com/', (doc, url) => {
      doc.documentElement.removeChild(doc.body);
      expect(readPage(url, doc)).toBeNull();
    });
  });

  it('a document whose every access throws', () => {
    const hostile = new Proxy({} as Document, {
      get() {
        throw new Error('no access');
      },
    });
    expect(() => readPage(new URL('https://example.com/'), hostile)).not.toThrow();
    expect(readPage(new URL('https://example.com/'), hostile)).toBeNull();
  });
});

describe('Moodle-looking pages with nonsense in them', () => {
  it('garbage course and cmid classes give no item, and no throw', async () => {
    const html = page({
      bodyId: 'page-mod-quiz-view',
      bodyClass: 'pagelayout-incourse path-mod course-abc cmid- cmid-x7 cm-type-',
      body: '<header id="page-header"><div class="page-header-headings"><h1>Quiz</h1></div></header>',
    });
    await withDocument(html, 'https://lms.acme.com/mod/quiz/view.php?q=3', (doc, url) => {
      const model = readPage(url, doc);
      expect(model?.adapter).toBe('moodle');
      expect(model?.item).toBeNull();
      expect(model?.headerAnchor).toBeNull();
    });
  });

  it('a course page whose heading and title are empty has no item', async () => {
    const html = page({
      bodyId: 'page-course-view-topics',
      bodyClass: 'pagelayout-course path-course course-2',
      body: '<header id="page-header"><div class="page-header-headings"><h1>   </h1></div></header>',
    });
    await withDocument(html, 'https://lms.acme.com/course/view.php?id=2', (doc, url) => {
      expect(readPage(url, doc)?.item).toBeNull();
    });
  });

  it('rows and cards with broken ids or names are skipped, the good ones kept', async () => {
    const html = page({
      bodyId: 'page-course-view-topics',
      bodyClass: 'pagelayout-course path-course course-2',
      title: 'Course: Broken | acme',
      body:
        '<div id="region-main"><ul>' +
        '<li class="activity modtype_page" data-for="cmitem" data-id="abc"><a><span class="instancename">Bad id</span></a></li>' +
        '<li class="activity modtype_page" data-for="cmitem" data-id="3"><a><span class="instancename">  <span class="accesshide">Page</span></span></a></li>' +
        '<li class="activity modtype_page" data-for="cmitem"><a><span class="instancename">No id</span></a></li>' +
        '<li class="activity modtype_page" data-for="cmitem" data-id="4"><a><span class="instancename">Good</span></a></li>' +
        '</ul></div>' +
        '<div data-region="course-content" data-course-id="x"><a class="coursename">Bad card</a></div>' +
        '<div data-region="course-content" data-course-id="9"></div>' +
        '<div class="coursebox" data-courseid="" data-type="1"><h3 class="coursename"><a>Empty id</a></h3></div>',
    });
    await withDocument(html, 'https://lms.acme.com/course/view.php?id=2', (doc, url) => {
      const model = readPage(url, doc);
      expect(model?.tiles.map((tile) => tile.item.key)).toEqual(['moodle:lms.acme.com:activity:4']);
    });
  });
});

describe('picking the adapter', () => {
  const moodleBody = (content: string): string =>
    page({ bodyId: 'page-course-view-topics', bodyClass: 'pagelayout-course path-course course-2', title: 'Course: X | acme', body: content });

  it('a Moodle page with Totara navigation is Totara, keyed totara:…', async () => {
    const html = moodleBody('<nav><a href="/totara/catalog/index.php">Find learning</a></nav><header id="page-header"><div class="page-header-headings"><h1>Fire Safety</h1></div></header>');
    await withDocument(html, 'https://learn.acme.com/course/view.php?id=2', (doc, url) => {
      expect(readPage(url, doc)?.item?.key).toBe('totara:learn.acme.com:course:2');
    });
  });

  it('a Moodle page whose content merely links to /totara/ stays Moodle', async () => {
    const html = moodleBody('<div id="region-main"><p><a href="https://other.example/totara/program/view.php?id=1">see</a></p></div><header id="page-header"><div class="page-header-headings"><h1>Fire Safety</h1></div></header>');
    await withDocument(html, 'https://learn.acme.com/course/view.php?id=2', (doc, url) => {
      expect(pickAdapter(url, doc)?.id).toBe('moodle');
    });
  });

  it('a vendor host wins over any fingerprint in the page', async () => {
    await withDocument(moodleBody('<h1>x</h1>'), 'https://acme.csod.com/course/view.php?id=2', (doc, url) => {
      expect(pickAdapter(url, doc)?.id).toBe('cornerstone');
    });
  });

  it('linkedin.com outside /learning/ is nobody’s', async () => {
    await withDocument(page({ title: 'Feed', body: '<h1>Feed</h1>' }), 'https://www.linkedin.com/feed/', (doc, url) => {
      expect(readPage(url, doc)).toBeNull();
    });
  });
});
