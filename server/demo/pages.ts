import { html, raw, type Raw } from './html';
import { DEMO_CATEGORY, DEMO_COURSES, type DemoActivity, type DemoCourse } from './catalog';

/**
 * The demo LMS's pages, written in Moodle 5.x's markup conventions (Boost theme): the body ids and
 * classes of lib/pagelib.php, the page header of core/full_header, course boxes, course cards and
 * activity rows with the data attributes of Moodle's templates. Ripple's Moodle adapter reads them
 * exactly as it reads a real Moodle.
 */

interface PageOptions {
  origin: string;
  title: string;
  bodyId: string;
  bodyClasses: string[];
  courseId: number;
  breadcrumb?: Raw;
  heading: string;
  afterHeader?: Raw;
  main: Raw;
}

const STYLE = `
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: #1d2125; background: #f5f6f8; }
.navbar { background: #fff; border-bottom: 1px solid #dee2e6; padding: .6rem 1.5rem; display: flex; gap: 1.5rem; }
.navbar a { color: #0f6cbf; text-decoration: none; }
#page { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
#page-header { margin-bottom: 1rem; }
.breadcrumb { display: flex; gap: .5rem; list-style: none; padding: 0; margin: 0 0 .5rem; font-size: .9rem; }
.breadcrumb-item + .breadcrumb-item::before { content: "/"; margin-right: .5rem; color: #6a737b; }
.d-flex { display: flex; } .align-items-center { align-items: center; } .me-auto { margin-right: auto; } .ms-auto { margin-left: auto; } .flex-column { flex-direction: column; } .flex-wrap { flex-wrap: wrap; } .gap { gap: .75rem; }
h1 { font-size: 1.75rem; margin: 0; }
.card, .coursebox, .section { background: #fff; border: 1px solid #dee2e6; border-radius: .5rem; padding: 1rem 1.25rem; margin-bottom: 1rem; }
.coursename { font-size: 1.15rem; margin: 0 0 .25rem; }
a { color: #0f6cbf; }
ul.section-list, ul[data-for="cmlist"] { list-style: none; padding: 0; margin: 0; }
li.activity { padding: .5rem 0; border-top: 1px solid #eef0f2; }
.accesshide, .visually-hidden { position: absolute; left: -10000px; }
.dashboard-card-deck { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; }
.activity-header { background: #fff; border: 1px solid #dee2e6; border-radius: .5rem; padding: .5rem 1rem; margin-bottom: 1rem; }
`;

function hostClass(origin: string): string {
  return new URL(origin).host.replace(/[.:]/g, (char) => (char === ':' ? '--' : '-'));
}

function layout(options: PageOptions): string {
  const cfg = JSON.stringify({ wwwroot: options.origin, siteId: 1, courseId: options.courseId });
  return `<!DOCTYPE html>${html`<html dir="ltr" lang="en" xml:lang="en">
<head><meta charset="utf-8"><title>${options.title} | Ripple demo LMS</title>
<script>var M = {}; M.yui = {}; M.cfg = ${rawJson(cfg)};</script>
<style>${raw(STYLE)}</style></head>
<body id="${options.bodyId}" class="${[...options.bodyClasses, 'chrome', 'dir-ltr', 'lang-en', hostClass(options.origin), 'theme', 'jsenabled'].join(' ')}">
<div id="page-wrapper">
  <nav class="navbar" aria-label="Site navigation">
    <a class="navbar-brand" href="${options.origin}/">Ripple demo LMS</a>
    <a href="${options.origin}/my/courses.php">My courses</a>
    <a href="${options.origin}/course/index.php?categoryid=${DEMO_CATEGORY.id}">Course catalog</a>
  </nav>
  <div id="page" class="container-fluid">
    <header id="page-header" class="header-maxwidth d-print-none">
      <div class="w-100">
        <div class="d-flex flex-wrap"><div id="page-navbar"><nav aria-label="Navigation bar"><ol class="breadcrumb">${options.breadcrumb ?? ''}</ol></nav></div></div>
        <div class="d-flex align-items-center">
          <div class="me-auto d-flex flex-column"><div><div class="page-context-header d-flex flex-wrap align-items-center mb-2">
            <div class="page-header-headings"><h1 class="h2 mb-0">${options.heading}</h1></div>
          </div></div></div>
          <div class="header-actions-container ms-auto" data-region="header-actions-container"></div>
        </div>
      </div>
    </header>
    <div id="topofscroll" class="main-inner"><div id="page-content"><div id="region-main-box"><section id="region-main" aria-label="Content">
      <span id="maincontent"></span>
      ${options.afterHeader ?? ''}
      <div role="main">${options.main}</div>
    </section></div></div></div>
  </div>
</div>
</body></html>`}`;
}

/** JSON inside a script element: `<` would let a value close the element (Moodle escapes it too). */
function rawJson(json: string): Raw {
  return raw(json.replace(/</g, '\\u003c'));
}

function courseBox(origin: string, course: DemoCourse): Raw {
  return html`<div class="coursebox clearfix" data-courseid="${course.id}" data-type="1">
    <div class="info"><h3 class="coursename"><a class="aalink" href="${origin}/course/view.php?id=${course.id}">${course.fullname}</a></h3></div>
    <div class="content"><div class="summary"><div class="no-overflow">${course.summary}</div></div></div>
  </div>`;
}

function activityRow(origin: string, activity: DemoActivity): Raw {
  return html`<li class="activity ${activity.type} modtype_${activity.type}" id="module-${activity.cmid}" data-for="cmitem" data-id="${activity.cmid}">
    <div class="activity-item focus-control" data-activityname="${activity.name}" data-region="activity-card">
      <div class="activity-name-area activity-instance d-flex flex-column me-2">
        <div class="activitytitle modtype_${activity.type} position-relative align-self-start"><div class="activityname">
          <a href="${origin}/mod/${activity.type}/view.php?id=${activity.cmid}" class="aalink stretched-link"><span class="instancename">${activity.name} <span class="accesshide"> ${activity.type}</span></span></a>
        </div></div>
      </div>
    </div>
  </li>`;
}

export function frontPage(origin: string): string {
  return layout({
    origin,
    title: 'Home',
    bodyId: 'page-site-index',
    bodyClasses: ['format-site', 'course', 'path-site', 'pagelayout-frontpage', 'course-1', 'context-2'],
    courseId: 1,
    heading: 'Ripple demo LMS',
    main: html`<h2>Available courses</h2><div class="courses frontpage-course-list-all">${DEMO_COURSES.map((course) => courseBox(origin, course))}</div>`,
  });
}

export function categoryPage(origin: string): string {
  return layout({
    origin,
    title: DEMO_CATEGORY.name,
    bodyId: 'page-course-index-category',
    bodyClasses: ['format-site', 'path-course', 'path-course-index', 'pagelayout-coursecategory', 'course-1', 'context-11', `category-${DEMO_CATEGORY.id}`],
    courseId: 1,
    heading: DEMO_CATEGORY.name,
    main: html`<div class="course_category_tree category-browse category-browse-${DEMO_CATEGORY.id}"><div class="courses category-browse">${DEMO_COURSES.map((course) => courseBox(origin, course))}</div></div>`,
  });
}

export function myCoursesPage(origin: string): string {
  const cards = DEMO_COURSES.map(
    (course) => html`<div class="card dashboard-card" role="listitem" data-region="course-content" data-course-id="${course.id}">
      <div class="card-body course-info-container"><a href="${origin}/course/view.php?id=${course.id}" class="aalink coursename me-2 mb-1"><span class="visually-hidden">Course name</span> <span class="multiline" title="${course.fullname}">${course.fullname}</span></a>
      <div class="text-muted muted d-flex mb-1 flex-wrap"><span class="categoryname text-truncate">${DEMO_CATEGORY.name}</span></div></div>
    </div>`,
  );
  return layout({
    origin,
    title: 'My courses',
    bodyId: 'page-my-index',
    bodyClasses: ['page-mycourses', 'format-site', 'path-my', 'pagelayout-mycourses', 'course-1', 'context-1'],
    courseId: 1,
    heading: 'My courses',
    main: html`<section class="block_myoverview block"><div data-region="myoverview" role="navigation"><div data-region="courses-view"><div class="card-grid dashboard-card-deck" role="list">${cards}</div></div></div></section>`,
  });
}

export function coursePage(origin: string, course: DemoCourse): string {
  const sections = course.sections.map(
    (section) => html`<li id="section-${section.number}" class="section course-section main clearfix" data-sectionid="${section.number}" data-id="${section.id}" data-for="section" data-number="${section.number}">
      <h3 class="sectionname">${section.name}</h3>
      <ul class="section m-0 p-0 img-text d-block" data-for="cmlist">${section.activities.map((activity) => activityRow(origin, activity))}</ul>
    </li>`,
  );
  return layout({
    origin,
    title: `Course: ${course.fullname}`,
    bodyId: 'page-course-view-topics',
    bodyClasses: ['format-topics', 'path-course', 'path-course-view', 'pagelayout-course', `course-${course.id}`, 'context-14', `category-${DEMO_CATEGORY.id}`],
    courseId: course.id,
    breadcrumb: html`<li class="breadcrumb-item"><a href="${origin}/course/index.php?categoryid=${DEMO_CATEGORY.id}">${DEMO_CATEGORY.name}</a></li>`,
    heading: course.fullname,
    main: html`<p>${course.summary}</p><div class="course-content"><ul class="topics section-list" data-for="course_sectionlist">${sections}</ul></div>`,
  });
}

export function activityPage(origin: string, course: DemoCourse, activity: DemoActivity): string {
  return layout({
    origin,
    title: `${course.shortname}: ${activity.name}`,
    bodyId: `page-mod-${activity.type}-view`,
    bodyClasses: ['format-topics', 'path-mod', `path-mod-${activity.type}`, 'pagelayout-incourse', `course-${course.id}`, `cmid-${activity.cmid}`, `cm-type-${activity.type}`, `category-${DEMO_CATEGORY.id}`],
    courseId: course.id,
    breadcrumb: html`<li class="breadcrumb-item"><a href="${origin}/course/view.php?id=${course.id}" title="${course.fullname}">${course.shortname}</a></li><li class="breadcrumb-item"><span>${activity.name}</span></li>`,
    heading: activity.name,
    afterHeader: html`<div class="activity-header" data-for="page-activity-header"><div data-region="activity-information" data-activityname="${activity.name}" class="activity-information"></div></div>`,
    main: html`<div class="box py-3 generalbox"><p>This is the demo content of “${activity.name}”, an activity of ${course.fullname}.</p></div>`,
  });
}
