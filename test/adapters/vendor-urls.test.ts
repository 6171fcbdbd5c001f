import { describe, expect, it } from 'vitest';
import { BUILTIN_SPECS } from '../../entrypoints/lms.content/adapters/builtins';
import { hostMatches, identityFromUrl } from '../../entrypoints/lms.content/adapters/spec/interpret';
import { isActivityView, isCourseView, isSectionPage } from '../../entrypoints/lms.content/adapters/moodle/urls';

/**
 * Each vendor adapter's table of URL shapes (lms-adapters.md; ◐ real links, ✅ routes) with what
 * the URL alone gives: page name, page kind, item key and parent key. Then the github-url-detection
 * rule: every adapter's URLs are negatives for every other adapter (no item key from them, and the
 * host is not claimed), and for Moodle's item predicates; Moodle's real URLs are negatives for all.
 */
type Row = [url: string, page: string, kind: string, key: string | null, parentKey?: string | null];

const GUID = '0d3c58a4-7c4b-4d41-9d0a-6b5f1a9e2c11';

const TABLE: Record<string, Row[]> = {
  canvas: [
    ['https://canvas.uva.nl/courses/2756/assignments/41234', 'assignment', 'activity', 'canvas:canvas.uva.nl:assignment:41234', 'canvas:canvas.uva.nl:course:2756'],
    ['https://acme.instructure.com/courses/12/quizzes/7?module_item_id=901', 'quiz', 'activity', 'canvas:acme.instructure.com:quiz:7', 'canvas:acme.instructure.com:course:12'],
    ['https://acme.instructure.com/courses/12/discussion_topics/55', 'discussion', 'activity', 'canvas:acme.instructure.com:discussion:55', 'canvas:acme.instructure.com:course:12'],
    ['https://acme.instructure.com/courses/12/pages/week-1-intro?module_item_id=902', 'page', 'activity', 'canvas:acme.instructure.com:page:week-1-intro', 'canvas:acme.instructure.com:course:12'],
    ['https://acme.instructure.com/courses/12/files/3301', 'file', 'activity', 'canvas:acme.instructure.com:file:3301', 'canvas:acme.instructure.com:course:12'],
    ['https://acme.instructure.com/courses/12/modules', 'modules', 'course', 'canvas:acme.instructure.com:course:12', null],
    ['https://acme.instructure.com/courses/12/modules/items/903', 'module-item', 'activity', 'canvas:acme.instructure.com:module-item:903', 'canvas:acme.instructure.com:course:12'],
    ['https://acme.instructure.com/courses/12', 'course', 'course', 'canvas:acme.instructure.com:course:12', null],
    ['https://acme.instructure.com/', 'dashboard', 'dashboard', null, null],
  ],
  openedx: [
    [
      'https://apps.learn.acme.org/learning/course/course-v1:AcmeX+DS101+2024_T1/block-v1:AcmeX+DS101+2024_T1+type@sequential+block@5f1d/block-v1:AcmeX+DS101+2024_T1+type@vertical+block@9a8b7c6d5e4f',
      'unit', 'activity', 'openedx:apps.learn.acme.org:unit:9a8b7c6d5e4f', 'openedx:apps.learn.acme.org:course:AcmeX+DS101',
    ],
    ['https://app.learn.wiki/learning/course/course-v1:Wiki+W1+run/home', 'course', 'course', 'openedx:app.learn.wiki:course:Wiki+W1', null],
    ['https://apps.learn.acme.org/learning/course/course-v1%3AAcmeX%2BDS101%2B2025_T2/progress', 'course', 'course', 'openedx:apps.learn.acme.org:course:AcmeX+DS101', null],
    ['https://courses.edx.org/courses/course-v1:MITx+6.00.1x+2T2024/jump_to/block-v1:MITx+6.00.1x+2T2024+type@vertical+block@abc', 'course', 'course', 'openedx:courses.edx.org:course:MITx+6.00.1x', null],
    ['https://courses.edx.org/courses/course-v1:MITx+6.00.1x+2T2024/about', 'course', 'course', 'openedx:courses.edx.org:course:MITx+6.00.1x', null],
    ['https://apps.learn.acme.org/learner-dashboard/', 'dashboard', 'dashboard', null, null],
  ],
  cornerstone: [
    [`https://acme.csod.com/ui/lms-learning-details/app/course/${GUID}`, 'details', 'course', `cornerstone:acme.csod.com:lo:${GUID}`, null],
    [`https://acme.csod.com/ui/lms-learning-details/app/video/${GUID.toUpperCase()}?back=%2Fui`, 'details', 'course', `cornerstone:acme.csod.com:lo:${GUID}`, null],
    [`https://acme.csod.com/LMS/LoDetails/DetailsLo.aspx?loid=${GUID}&query=abc#t=1`, 'details-legacy', 'course', `cornerstone:acme.csod.com:lo:${GUID}`, null],
    [`https://acme.csod.com/LMS/LoDetails/DetailsLo.aspx?back=1&loId=${GUID}`, 'details-legacy', 'course', `cornerstone:acme.csod.com:lo:${GUID}`, null],
    [`https://acme.csod.com/DeepLink/ProcessRedirect.aspx?module=lodetails&lo=${GUID}`, 'deep-link', 'course', `cornerstone:acme.csod.com:lo:${GUID}`, null],
    [`https://acme.csod.com/LMS/Video/LaunchVideo.aspx?loid=${GUID}`, 'video', 'course', `cornerstone:acme.csod.com:lo:${GUID}`, null],
    [`https://acme.csod.com/LMS/scorm/LaunchLo.aspx?objectId=${GUID}`, 'scorm', 'course', `cornerstone:acme.csod.com:lo:${GUID}`, null],
    ['https://acme.csod.com/ui/lms-learner-search/search?q=excel', 'search', 'listing', null, null],
  ],
  successfactors: [
    [
      'https://acme.plateau.com/learning/user/deeplink.do?linkId=ITEM_DETAILS&componentID=EXCEL101&componentTypeID=COURSE&revisionDate=1600000000000&fromSF=Y',
      'item-details', 'course', 'successfactors:acme.plateau.com:item:COURSE~EXCEL101', null,
    ],
    [
      'https://acme.plateau.com/learning/user/common/viewItemDetails.do?OWASP_CSRFTOKEN=X&componentTypeID=ELRN&componentID=SEC-200&revisionDate=1',
      'item-details', 'course', 'successfactors:acme.plateau.com:item:ELRN~SEC-200', null,
    ],
    [
      'https://performancemanager4.successfactors.com/sf/learning?destUrl=https%3A%2F%2Facme.plateau.com%2Flearning%2Fuser%2Fdeeplink_redirect.jsp%3FlinkId%3DITEM_DETAILS%26componentID%3DEXCEL101%26componentTypeID%3DCOURSE&company=acme',
      'bizx-wrapper', 'course', 'successfactors:performancemanager4.successfactors.com:item:COURSE~EXCEL101', null,
    ],
  ],
  docebo: [
    ['https://academy.databricks.com/learn/course/1266/data-engineering?generated_by=1&hash=abc', 'course', 'course', 'docebo:academy.databricks.com:course:1266', null],
    ['https://acme.docebosaas.com/learn/course/internal/view/elearning/42/excel-basics', 'course', 'course', 'docebo:acme.docebosaas.com:course:42', null],
    ['https://acme.docebosaas.com/learn/courses/42/excel-basics;lp=6', 'courses', 'course', 'docebo:acme.docebosaas.com:course:42', null],
    ['https://acme.docebosaas.com/learn/course/42/play/108:215/lesson-one', 'lesson', 'activity', 'docebo:acme.docebosaas.com:course:42', null],
    ['https://acme.docebosaas.com/learn/lp/6/data-path', 'learning-plan', 'course', 'docebo:acme.docebosaas.com:learning-plan:6', null],
    ['https://acme.docebosaas.com/learn/learning-plans/7', 'learning-plan', 'course', 'docebo:acme.docebosaas.com:learning-plan:7', null],
  ],
  workday: [
    ['https://wd5.myworkday.com/acme/d/inst/1$15/15$287744.htmld', 'object', 'course', 'workday:wd5.myworkday.com/acme:object:15-287744', null],
    ['https://wd3.myworkday.com/globex/d/inst/2997$1/1$9918.htmld#TABINDEX=0', 'object', 'course', 'workday:wd3.myworkday.com/globex:object:1-9918', null],
  ],
  talentlms: [
    ['https://acme.talentlms.com/learner/courseinfo/id:124', 'course', 'course', 'talentlms:acme.talentlms.com:course:124', null],
    ['https://acme.talentlms.com/unit/view/id:3310', 'unit', 'activity', 'talentlms:acme.talentlms.com:unit:3310', null],
    ['https://acme.talentlms.com/plus/courses/124', 'plus-course', 'course', 'talentlms:acme.talentlms.com:course:124', null],
    ['https://acme.talentlms.com/plus/external-catalog', 'catalog', 'listing', null, null],
  ],
  absorb: [
    [`https://acme.myabsorb.com/#/online-courses/${GUID}`, 'online-course', 'course', `absorb:acme.myabsorb.com:course:${GUID}`, null],
    [`https://acme.myabsorb.com/#/online-courses/${GUID.toUpperCase()}?tab=1`, 'online-course', 'course', `absorb:acme.myabsorb.com:course:${GUID}`, null],
    [`https://acme.myabsorb.com/#/catalog/${GUID}`, 'catalog', 'listing', null, null],
  ],
  brightspace: [
    ['https://acme.brightspace.com/d2l/home/6606', 'course-home', 'course', 'brightspace:acme.brightspace.com:course:6606', null],
    ['https://learn.uni.edu/d2l/le/content/6606/viewContent/88012/View', 'topic', 'activity', 'brightspace:learn.uni.edu:topic:88012', 'brightspace:learn.uni.edu:course:6606'],
    ['https://acme.brightspace.com/d2l/le/content/6606/Home?itemIdentifier=D2L.LE.Content.ContentObject.ModuleCO-4412', 'module', 'section', 'brightspace:acme.brightspace.com:course:6606', null],
    ['https://acme.brightspace.com/d2l/lms/dropbox/user/folders_list.d2l?ou=6606&isprv=0', 'course-tool', 'course', 'brightspace:acme.brightspace.com:course:6606', null],
    ['https://acme.brightspace.com/d2l/le/discovery/view/course/812', 'discover-course', 'course', 'brightspace:acme.brightspace.com:discover-course:812', null],
    ['https://acme.brightspace.com/d2l/home', 'homepage', 'dashboard', null, null],
  ],
  blackboard: [
    ['https://acme.blackboard.com/ultra/courses/_12345_1/outline', 'course', 'course', 'blackboard:acme.blackboard.com:course:_12345_1', null],
    ['https://acme.blackboard.com/ultra/courses/_12345_1/outline/edit/document/_998877_1?courseId=_12345_1&view=content', 'content', 'activity', 'blackboard:acme.blackboard.com:content:_998877_1', 'blackboard:acme.blackboard.com:course:_12345_1'],
    ['https://learn.uni.edu/ultra/courses/_12345_1/outline/file/_5555_1', 'content', 'activity', 'blackboard:learn.uni.edu:content:_5555_1', 'blackboard:learn.uni.edu:course:_12345_1'],
    ['https://acme.blackboard.com/ultra/courses/_12345_1/outline/assessment/test/_77_1?courseId=_12345_1&gradeitemView=details', 'test', 'activity', 'blackboard:acme.blackboard.com:content:_77_1', 'blackboard:acme.blackboard.com:course:_12345_1'],
    ['https://acme.blackboard.com/ultra/course', 'course-list', 'listing', null, null],
  ],
  'linkedin-learning': [
    ['https://www.linkedin.com/learning/excel-essential-training-microsoft-365-17231101?u=2113185', 'course', 'course', 'linkedin-learning:www.linkedin.com:course:excel-essential-training-microsoft-365-17231101', null],
    ['https://www.linkedin.com/learning/python-essential-training-2018/getting-started-with-python?autoplay=true&trk=x', 'video', 'activity', 'linkedin-learning:www.linkedin.com:course:python-essential-training-2018', null],
    ['https://www.linkedin.com/learning/paths/become-a-data-analyst', 'path', 'course', 'linkedin-learning:www.linkedin.com:path:become-a-data-analyst', null],
  ],
  sakai: [
    ['https://sakai.uni.edu/portal/site/5a1f4c2e-8b7d-4c36-9f3e-2d1b0a9c8e7f/tool/8c2d1f0e-1111-2222-3333-444455556666', 'site-tool', 'course', 'sakai:sakai.uni.edu:site:5a1f4c2e-8b7d-4c36-9f3e-2d1b0a9c8e7f', null],
    ['https://trunk-mysql.nightly.sakaiproject.org/portal/site/mercury/page/mercury-100', 'site-tool', 'course', 'sakai:trunk-mysql.nightly.sakaiproject.org:site:mercury', null],
    ['https://lms.uni.edu/sakai/portal/site/BIO101-F24', 'site', 'course', 'sakai:lms.uni.edu/sakai:site:BIO101-F24', null],
  ],
  chamilo: [
    ['https://campus.acme.org/main/lp/lp_controller.php?cidReq=EXCEL101&id_session=0&gidReq=0&gradebook=0&origin=&action=view&lp_id=3&isStudentView=true', 'learning-path', 'activity', 'chamilo:campus.acme.org:lp:EXCEL101~3', 'chamilo:campus.acme.org:course:EXCEL101'],
    ['https://campus.acme.org/main/course_home/course_home.php?cidReq=EXCEL101&id_session=0', 'course-tool', 'course', 'chamilo:campus.acme.org:course:EXCEL101', null],
    ['https://campus.acme.org/chamilo/courses/EXCEL101/index.php?id_session=0', 'course-home', 'course', 'chamilo:campus.acme.org/chamilo:course:EXCEL101', null],
    ['https://campus2.acme.org/course/12/home?sid=0', 'course-home-2', 'course', 'chamilo:campus2.acme.org:course:12', null],
    ['https://campus.acme.org/user_portal.php', 'my-courses', 'listing', null, null],
  ],
  totara: [
    ['https://learn.acme.com/totara/program/view.php?id=14', 'program', 'course', 'totara:learn.acme.com:program:14', null],
    ['https://learn.acme.com/totara/catalog/index.php?catalog_fts=excel', 'catalog', 'listing', null, null],
  ],
};

/** Real Moodle URLs (fixtures/moodle-5.1 and public sites): no vendor adapter takes them. */
const MOODLE_URLS = [
  'http://127.0.0.1:8080/course/view.php?id=2',
  'http://127.0.0.1:8080/course/section.php?id=2',
  'http://127.0.0.1:8080/mod/quiz/view.php?id=7',
  'https://lms.acme.com/moodle/mod/page/view.php?id=4',
  'https://moodle.bfh.ch/mod/assign/view.php?id=2520604',
  'https://school.moodledemo.net/course/view.php?id=51#section-2',
];

const specs = new Map(BUILTIN_SPECS.map((spec) => [spec.id, spec]));

describe('vendor URL tables', () => {
  it('every built-in spec has a table', () => {
    expect([...specs.keys()].sort()).toEqual(Object.keys(TABLE).sort());
  });

  for (const [id, rows] of Object.entries(TABLE)) {
    describe(id, () => {
      it.each(rows)('%s → %s', (url, page, kind, key, parentKey = null) => {
        expect(identityFromUrl(specs.get(id)!, new URL(url))).toEqual({ page, kind, key, parentKey });
      });

      const others = [...specs.values()].filter((spec) => spec.id !== id);
      it.each(rows.map(([url]) => url))('%s is no other adapter’s item, nor Moodle’s', (url) => {
        const parsed = new URL(url);
        for (const other of others) {
          expect(identityFromUrl(other, parsed)?.key ?? null, other.id).toBeNull();
          expect(hostMatches(other.hosts, parsed.hostname), other.id).toBe(false);
        }
        expect([isCourseView(parsed), isSectionPage(parsed), isActivityView(parsed)]).toEqual([false, false, false]);
      });
    });
  }

  it.each(MOODLE_URLS)('Moodle’s %s is no vendor adapter’s item', (url) => {
    for (const spec of specs.values()) expect(identityFromUrl(spec, new URL(url))?.key ?? null, spec.id).toBeNull();
  });
});
