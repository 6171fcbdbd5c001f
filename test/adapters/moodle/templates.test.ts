import { describe, expect, it } from 'vitest';
import { readPage } from '../../../entrypoints/lms.content/adapters';
import { page, withDocument } from '../support/dom';

/**
 * Markup of other Moodle versions and themes than the saved 5.1 Boost pages, written from Moodle's
 * templates (paths in moodle/moodle) and reduced to the parts the adapter reads.
 */

/** theme_boost `core/full_header` (4.x): breadcrumb row, heading row with the actions slot. */
function boostHeader(heading: string, breadcrumb = ''): string {
  return (
    '<header id="page-header" class="header-maxwidth d-print-none"><div class="w-100">' +
    `<div class="d-flex flex-wrap"><div id="page-navbar"><nav><ol class="breadcrumb">${breadcrumb}</ol></nav></div></div>` +
    '<div class="d-flex align-items-center"><div class="mr-auto d-flex flex-column"><div>' +
    `<div class="page-context-header"><div class="page-header-headings"><h1>${heading}</h1></div></div>` +
    '</div></div><div class="header-actions-container ml-auto" data-region="header-actions-container"></div></div>' +
    '</div></header>'
  );
}

/** theme_classic `core/full_header`: the heading row inside a card. */
function classicHeader(heading: string, withActions = true): string {
  return (
    '<header id="page-header" class="row"><div class="col-12 pt-3 pb-3"><div class="card"><div class="card-body">' +
    `<div class="d-flex align-items-center"><div class="mr-auto"><div class="page-context-header"><div class="page-header-headings"><h1>${heading}</h1></div></div></div>` +
    (withActions ? '<div class="header-actions-container flex-shrink-0" data-region="header-actions-container"></div>' : '') +
    '</div></div></div></div></header>'
  );
}

const courseCrumb = '<li class="breadcrumb-item"><a href="https://lms.acme.com/course/view.php?id=2" title="Introduction to Data Science">DS101</a></li>';

/** `core_course/completion_automatic` (4.0–4.2) badges. */
const doneBadge = (what: string): string =>
  `<span class="badge badge-pill alert-success icon-no-margin" role="listitem" title="Done: ${what}" aria-label="Done: ${what}"><strong>Done:</strong> <span class="font-weight-normal">${what}</span></span>`;
const todoBadge = (what: string): string =>
  `<span class="badge badge-pill badge-light" role="listitem" title="To do: ${what}" aria-label="To do: ${what}"><strong>To do:</strong> <span class="font-weight-normal">${what}</span></span>`;
const failBadge = (what: string): string =>
  `<span class="badge badge-pill alert-danger icon-no-margin" role="listitem" title="Failed: ${what}"><strong>Failed:</strong> <span class="font-weight-normal">${what}</span></span>`;
const untrackedBadge = (what: string): string =>
  `<span class="badge badge-pill badge-light" role="listitem"><span class="font-weight-normal">${what}</span></span>`;
const automatic = (badges: string): string =>
  `<div class="completion-info" data-region="completion-info"><div class="automatic-completion-conditions" data-region="completionrequirements" role="list">${badges}</div></div>`;
const manual = (done: boolean): string =>
  `<div class="completion-info" data-region="completion-info"><button class="btn btn-${done ? 'success' : 'outline-secondary'} btn-sm" data-action="toggle-manual-completion" data-toggletype="${done ? 'manual:undo' : 'manual:mark-done'}" data-cmid="1">${done ? 'Done' : 'Mark as done'}</button></div>`;

/** A 4.x activity row (`core_courseformat/local/content/section/cmitem`, `cm/cmname`). */
function row(cmid: number, module: string, name: string, completion = '', linked = true): string {
  const title = `<span class="instancename">${name} <span class="accesshide "> ${module}</span></span>`;
  return (
    `<li class="activity activity-wrapper ${module} modtype_${module}" id="module-${cmid}" data-for="cmitem" data-id="${cmid}">` +
    `<div class="activity-item" data-activityname="${name}"><div class="activityname">` +
    (linked ? `<a href="https://lms.acme.com/mod/${module}/view.php?id=${cmid}" class="aalink stretched-link">${title}</a>` : `<div class="dimmed">${title}</div>`) +
    `</div><div data-region="activity-information" data-activityname="${name}" class="activity-information">${completion}</div></div></li>`
  );
}

describe('Moodle 4.0–4.3 activity pages (h1 = course, activity name in an h2)', () => {
  const html = page({
    bodyId: 'page-mod-quiz-view',
    bodyClass: 'format-topics path-mod path-mod-quiz pagelayout-incourse course-2 context-29 cmid-7 cm-type-quiz category-2',
    title: 'DS101: Week 1 knowledge check | acme',
    body:
      boostHeader('Introduction to Data Science', courseCrumb) +
      '<div id="region-main"><span id="maincontent"></span><h2>Week 1 knowledge check</h2>' +
      '<div class="activity-header" data-for="page-activity-header"><span class="sr-only">Completion requirements</span>' +
      `<div data-region="activity-information" data-activityname="Week 1 knowledge check" class="activity-information">${automatic(doneBadge('View') + todoBadge('Receive a grade'))}</div>` +
      '</div></div>',
  });

  it('takes the title from the h2 and puts the widget right after it', async () => {
    await withDocument(html, 'https://lms.acme.com/mod/quiz/view.php?id=7', (doc, url) => {
      const model = readPage(url, doc);
      expect(model?.item).toEqual({
        key: 'moodle:lms.acme.com:activity:7',
        kind: 'activity',
        lmsId: '7',
        title: 'Week 1 knowledge check',
        type: 'quiz',
        parent: 'moodle:lms.acme.com:course:2',
      });
      expect(model?.headerAnchor?.position).toBe('after');
      expect(model?.headerAnchor?.element.tagName).toBe('H2');
      // One condition done, one to do: not completed.
      expect(model?.completed).toBe(false);
    });
  });

  it('without the h2 and the h1 naming the course, falls back to the double-escaped data-activityname', async () => {
    const withoutH2 = page({
      bodyId: 'page-mod-forum-view',
      bodyClass: 'path-mod pagelayout-incourse course-2 cmid-2 cm-type-forum',
      body:
        boostHeader('Introduction to Data Science', courseCrumb) +
        '<div class="activity-header" data-for="page-activity-header">' +
        `<div data-region="activity-information" data-activityname="Course Q&amp;amp;A &amp;lt;forum&amp;gt; &amp;#39;1&amp;#39;">${manual(true)}</div></div>`,
    });
    await withDocument(withoutH2, 'https://lms.acme.com/mod/forum/view.php?id=2', (doc, url) => {
      const model = readPage(url, doc);
      expect(model?.item?.title).toBe("Course Q&A <forum> '1'");
      expect(model?.completed).toBe(true);
    });
  });
});

describe('completion as Moodle 4.0–4.2 shows it on course rows', () => {
  const html = page({
    bodyId: 'page-course-view-topics',
    bodyClass: 'format-topics path-course path-course-view pagelayout-course course-2',
    body:
      boostHeader('Introduction to Data Science') +
      '<div id="region-main"><ul>' +
      row(1, 'page', 'All done', automatic(doneBadge('View') + doneBadge('Receive a grade'))) +
      row(2, 'forum', 'Half done', automatic(doneBadge('View') + todoBadge('Make forum posts: 1'))) +
      row(3, 'quiz', 'Failed', automatic(doneBadge('View') + failBadge('Receive a pass grade'))) +
      row(4, 'url', 'Marked done', manual(true)) +
      row(5, 'resource', 'Not marked', manual(false)) +
      row(6, 'page', 'Teacher view', automatic(untrackedBadge('View'))) +
      row(7, 'page', 'No tracking') +
      row(8, 'assign', 'Restricted', manual(false), false) +
      '<li class="activity label modtype_label" id="module-9" data-for="cmitem" data-id="9"><div class="activity-item"><div class="contentwithoutlink">Read this first</div></div></li>' +
      '</ul></div>',
  });

  it('reads done, to do, failed, manual and unknown', async () => {
    await withDocument(html, 'https://lms.acme.com/course/view.php?id=2', (doc, url) => {
      const tiles = readPage(url, doc)?.tiles ?? [];
      expect(tiles.map((tile) => [tile.item.lmsId, tile.item.title, tile.completed])).toEqual([
        ['1', 'All done', true],
        ['2', 'Half done', false],
        ['3', 'Failed', false],
        ['4', 'Marked done', true],
        ['5', 'Not marked', false],
        ['6', 'Teacher view', undefined],
        ['7', 'No tracking', undefined],
        ['8', 'Restricted', false],
        // A label is a tile (decision: learners react to what a "Text and media area" says),
        // titled by its text, with no completion tracking shown.
        ['9', 'Read this first', undefined],
      ]);
      // A restricted activity has no link: its badge goes after the name itself.
      expect(tiles[7]?.anchor.element.className).toBe('instancename');
      expect(tiles[0]?.anchor.element.tagName).toBe('A');
    });
  });

  it('falls back to the course index drawer when the row shows nothing', async () => {
    const withIndex = html.replace(
      '</body>',
      '<nav id="courseindex"><ul><li class="courseindex-item" data-for="cm" data-id="7"><span class="completioninfo completion_complete" data-for="cm_completion" data-value="1"></span><a>No tracking</a></li></ul></nav></body>',
    );
    await withDocument(withIndex, 'https://lms.acme.com/course/view.php?id=2', (doc, url) => {
      const tiles = readPage(url, doc)?.tiles ?? [];
      expect(tiles.find((tile) => tile.item.lmsId === '7')?.completed).toBe(true);
      // The drawer's own entries are never tiles.
      expect(tiles).toHaveLength(9);
    });
  });

  it('skips subsections (4.5+), which are containers, but keeps the activities inside them', async () => {
    const nested = page({
      bodyId: 'page-course-view-topics',
      bodyClass: 'path-course pagelayout-course course-2',
      body:
        boostHeader('Introduction to Data Science') +
        '<div id="region-main"><ul>' +
        '<li class="activity subsection modtype_subsection" id="module-20" data-for="cmitem" data-id="20"><div class="activity-item">' +
        '<ul><li class="section" data-for="section" data-id="9"><h3 class="sectionname"><a><span class="instancename">Unit 1</span></a></h3><ul>' +
        row(21, 'page', 'Inside the unit') +
        '</ul></li></ul></div></li></ul></div>',
    });
    await withDocument(nested, 'https://lms.acme.com/course/view.php?id=2', (doc, url) => {
      expect(readPage(url, doc)?.tiles.map((tile) => tile.item.key)).toEqual(['moodle:lms.acme.com:activity:21']);
    });
  });
});

describe('the Classic theme header', () => {
  const classicCourse = (withActions: boolean): string =>
    page({
      bodyId: 'page-course-view-weeks',
      bodyClass: 'format-weeks path-course path-course-view pagelayout-course course-5 category-1',
      body: classicHeader('Safety &amp; Health', withActions) + '<div id="region-main"></div>',
    });

  it('puts the widget in the header actions slot beside the heading', async () => {
    await withDocument(classicCourse(true), 'https://lms.acme.com/course/view.php?id=5', (doc, url) => {
      const model = readPage(url, doc);
      expect(model?.item?.title).toBe('Safety & Health');
      expect(model?.headerAnchor?.element.getAttribute('data-region')).toBe('header-actions-container');
      expect(model?.headerAnchor?.position).toBe('append');
    });
  });

  it('without the slot, in the header card', async () => {
    await withDocument(classicCourse(false), 'https://lms.acme.com/course/view.php?id=5', (doc, url) => {
      const anchor = readPage(url, doc)?.headerAnchor;
      expect(anchor?.element.classList.contains('card-body')).toBe(true);
      expect(anchor?.position).toBe('append');
    });
  });

  it('with neither, right after the heading', async () => {
    const bare = page({
      bodyId: 'page-course-view-weeks',
      bodyClass: 'path-course pagelayout-course course-5',
      body: '<div id="region-main"><h1>Safety</h1></div>',
    });
    await withDocument(bare, 'https://lms.acme.com/course/view.php?id=5', (doc, url) => {
      const model = readPage(url, doc);
      expect(model?.item?.title).toBe('Safety');
      expect(model?.headerAnchor?.element.tagName).toBe('H1');
      expect(model?.headerAnchor?.position).toBe('after');
    });
  });
});

describe('the inline M.cfg config', () => {
  /** As `get_config_for_javascript()` writes it, in the head's first inline script. */
  const config = (fields: string): string =>
    '<script>\n//<![CDATA[\nvar M = {}; M.yui = {};\nM.pageloadstarttime = new Date();\n' +
    `M.cfg = {"wwwroot":"https:\\/\\/lms.acme.com\\/moodle","homeurl":{},"sesskey":"a}b{c","sessiontimeout":"28800",${fields}"theme":"boost"};` +
    'var yui1ConfigFn = function(me) {if(/-skin|reset|fonts|grids|base/.test(me.name)){me.type=\'css\';}};\n//]]>\n</script>';

  it('gives the site, sub-path included, and makes a class-less page recognisable', async () => {
    const html = page({
      head: config('"courseId":2,"siteId":1,'),
      bodyId: 'page-course-view-topics',
      body: boostHeader('Introduction to Data Science'),
    });
    // Served through a proxy path the URL cannot explain: wwwroot is Moodle's own word.
    await withDocument(html, 'https://lms.acme.com/moodle/course/view.php?name=DS101', (doc, url) => {
      const model = readPage(url, doc);
      expect(model?.site).toBe('lms.acme.com/moodle');
      expect(model?.kind).toBe('course');
      expect(model?.item?.key).toBe('moodle:lms.acme.com/moodle:course:2');
    });
  });

  it('names the site course, so a course-5 page on a site whose siteId is 5 has no course', async () => {
    const html = page({
      head: config('"courseId":5,"siteId":5,'),
      bodyId: 'page-site-index',
      bodyClass: 'pagelayout-frontpage path-site course-5',
    });
    await withDocument(html, 'https://lms.acme.com/moodle/', (doc, url) => {
      const model = readPage(url, doc);
      expect(model?.kind).toBe('listing');
      expect(model?.item).toBeNull();
    });
  });

  it('is ignored when it is not valid JSON', async () => {
    const html = page({
      head: '<script>M.cfg = {"wwwroot": oops};</script>',
      bodyId: 'page-course-view-topics',
      bodyClass: 'pagelayout-course path-course course-2',
      body: boostHeader('Intro'),
    });
    await withDocument(html, 'https://lms.acme.com/lms/course/view.php?id=2', (doc, url) => {
      expect(readPage(url, doc)?.item?.key).toBe('moodle:lms.acme.com/lms:course:2');
    });
  });
});

describe('course listings of other versions and views', () => {
  /** `block_myoverview/view-list` and `view-summary` (4.x), with `progress-bar` (meter). */
  const listItem = (id: number, name: string, progress?: number): string =>
    `<li class="list-group-item course-listitem" data-region="course-content" data-course-id="${id}"><div class="row">` +
    `<a href="https://lms.acme.com/course/view.php?id=${id}" class="coursename"><span data-region="favourite-icon" data-course-id="${id}"><span class="sr-only">Starred course</span></span><span class="sr-only">Course name</span>\n  ${name}\n</a>` +
    (progress === undefined ? '' : `<div class="progress-text"><span class="sr-only">Course progress:</span> ${progress}% complete</div><meter min="0" max="100" value="${progress}">${progress}%</meter>`) +
    '</div></li>';
  const summaryItem = (id: number, name: string): string =>
    `<div class="course-summaryitem" role="listitem" data-region="course-content" data-course-id="${id}"><div class="d-flex"><a href="#" class="coursename"><span class="sr-only">Course name</span>${name}</a></div>` +
    '<div class="progress"><div class="progress-bar" role="progressbar" aria-valuenow="40" aria-valuemin="0" aria-valuemax="100"></div></div></div>';

  it('reads list and summary views; the dashboard keeps one tile per course', async () => {
    const html = page({
      bodyId: 'page-my-index',
      bodyClass: 'pagelayout-mydashboard path-my course-1 format-site',
      body:
        '<section class="block_recentlyaccessedcourses"><div class="card course-card" data-region="course-content" data-course-id="3"><a class="aalink coursename">Workplace Safety</a></div></section>' +
        `<section class="block_myoverview"><ul class="list-group">${listItem(3, 'Workplace Safety', 100)}${listItem(4, 'Communication &amp; Skills', 0)}${listItem(11, 'No tracking')}</ul>` +
        `<div role="list">${summaryItem(9, 'SQL for Analysts')}</div></section>`,
    });
    await withDocument(html, 'https://lms.acme.com/my/', (doc, url) => {
      const model = readPage(url, doc);
      expect(model?.kind).toBe('dashboard');
      expect(model?.tiles.map((tile) => [tile.item.lmsId, tile.item.title, tile.progress])).toEqual([
        ['3', 'Workplace Safety', undefined],
        ['4', 'Communication & Skills', 0],
        ['11', 'No tracking', undefined],
        ['9', 'SQL for Analysts', 40],
      ]);
    });
  });

  it('reads course boxes, not category boxes, with highlighted search words kept whole', async () => {
    const html = page({
      bodyId: 'page-course-search',
      bodyClass: 'pagelayout-standard path-course course-1 format-site',
      body:
        '<div class="coursebox clearfix" data-courseid="7" data-type="1"><div class="info"><h3 class="coursename"><a class="aalink">Meta<span class="highlight">data</span> Basics</a></h3></div></div>' +
        '<div class="coursebox clearfix" data-courseid="4" data-type="0"><div class="info"><h3 class="coursename"><a>A category</a></h3></div></div>',
    });
    await withDocument(html, 'https://lms.acme.com/course/search.php?search=data', (doc, url) => {
      expect(readPage(url, doc)?.tiles.map((tile) => [tile.item.key, tile.item.title])).toEqual([
        ['moodle:lms.acme.com:course:7', 'Metadata Basics'],
      ]);
    });
  });
});

describe('pages a course is reached by', () => {
  it('the enrolment page of a course is the course', async () => {
    const html = page({
      bodyId: 'page-enrol-index',
      bodyClass: 'pagelayout-incourse path-enrol course-12',
      title: 'Enrol in: Negotiation Essentials | acme',
      body: boostHeader('Negotiation Essentials'),
    });
    await withDocument(html, 'https://lms.acme.com/enrol/index.php?id=12', (doc, url) => {
      const model = readPage(url, doc);
      expect(model?.kind).toBe('course');
      expect(model?.item?.key).toBe('moodle:lms.acme.com:course:12');
    });
  });

  it('a page deeper inside an activity is still the activity (body classes, not the URL)', async () => {
    const html = page({
      bodyId: 'page-mod-forum-discuss',
      bodyClass: 'pagelayout-incourse path-mod path-mod-forum course-2 cmid-2 cm-type-forum',
      body: boostHeader('Course Q&amp;A forum'),
    });
    await withDocument(html, 'https://lms.acme.com/mod/forum/discuss.php?d=1', (doc, url) => {
      expect(readPage(url, doc)?.item).toMatchObject({ key: 'moodle:lms.acme.com:activity:2', type: 'forum', title: 'Course Q&A forum' });
    });
  });
});

describe('labels ("Text and media area") as tiles', () => {
  /** A 4.x label row (`core_courseformat/local/content/cm`, `activity-altcontent`). */
  const label = (cmid: number, content: string, activityName?: string): string =>
    `<li class="activity label modtype_label" id="module-${cmid}" data-for="cmitem" data-id="${cmid}">` +
    `<div class="activity-item"${activityName === undefined ? '' : ` data-activityname="${activityName}"`}>` +
    `<label class="visually-hidden">Select activity</label><div class="activity-altcontent">${content}</div></div></li>`;
  const course = (rows: string): string =>
    page({
      bodyId: 'page-course-view-topics',
      bodyClass: 'path-course pagelayout-course course-2',
      body: `${boostHeader('Introduction to Data Science')}<div id="region-main"><ul>${rows}</ul></div>`,
    });

  it('is titled by its double-escaped data-activityname, else by its visible text, blocks apart', async () => {
    const html = course(
      label(30, '<p>ignored</p>', 'Q&amp;amp;A rules') +
        label(31, '<p>First line</p><p>Second <b>bold</b> line</p><script>alert(1)</script><style>p{}</style>'),
    );
    await withDocument(html, 'https://lms.acme.com/course/view.php?id=2', (doc, url) => {
      const tiles = readPage(url, doc)?.tiles ?? [];
      expect(tiles.map((tile) => [tile.item.lmsId, tile.item.type, tile.item.title])).toEqual([
        ['30', 'label', 'Q&A rules'],
        ['31', 'label', 'First line Second bold line'],
      ]);
      expect(tiles[1]?.anchor).toEqual({ element: expect.objectContaining({ className: 'activity-altcontent' }), position: 'after' });
    });
  });

  it('cuts a long text at a word boundary within 300 characters, with "…"', async () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    await withDocument(course(label(32, `<p>${words}</p>`)), 'https://lms.acme.com/course/view.php?id=2', (doc, url) => {
      const title = readPage(url, doc)?.tiles[0]?.item.title ?? '';
      expect(title.length).toBeLessThanOrEqual(300);
      expect(title.endsWith('…')).toBe(true);
      expect(words.startsWith(title.slice(0, -1))).toBe(true);
      expect(words[title.length - 1]).toBe(' ');
    });
  });

  it('an empty label (an image only) has no title and no tile', async () => {
    await withDocument(course(label(33, '<img src="x.png" alt="">')), 'https://lms.acme.com/course/view.php?id=2', (doc, url) => {
      expect(readPage(url, doc)?.tiles).toEqual([]);
    });
  });
});
