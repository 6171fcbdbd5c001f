import { describe, expect, it } from 'vitest';
import {
  isActivityView,
  isCourseIndex,
  isCourseLandingPage,
  isCourseSearch,
  isCourseView,
  isDashboard,
  isFrontPage,
  isMyCourses,
  isSectionPage,
  readActivityTypeFromUrl,
  readIdParam,
  readInstallPath,
  readSiteFromUrl,
  readSiteFromWwwroot,
} from '../../../entrypoints/lms.content/adapters/moodle/urls';

/**
 * Real URL shapes each predicate must match (local capture origin, sub-path installs, public
 * Moodle sites), and the rule of github-url-detection: every URL of one predicate is checked
 * against every other predicate, and must not match it.
 */
const PREDICATES: Record<string, { detect: (url: URL) => boolean; urls: string[] }> = {
  isCourseView: {
    detect: isCourseView,
    urls: [
      'http://127.0.0.1:8080/course/view.php?id=2',
      'http://127.0.0.1:8080/course/view.php?id=2&section=1',
      'https://lms.acme.com/moodle/course/view.php?id=2',
      'https://lms.acme.com/course/view.php?name=DS101',
      'https://lms.acme.com/course/view.php?idnumber=DS-101',
      'https://school.moodledemo.net/course/view.php?id=51#section-2',
      'https://moodle.bfh.ch/course/view.php?id=40718',
    ],
  },
  isSectionPage: {
    detect: isSectionPage,
    urls: [
      'http://127.0.0.1:8080/course/section.php?id=2',
      'https://lms.acme.com/moodle/course/section.php?id=2',
    ],
  },
  isActivityView: {
    detect: isActivityView,
    urls: [
      'http://127.0.0.1:8080/mod/quiz/view.php?id=7',
      'http://127.0.0.1:8080/mod/url/view.php?id=5&forceview=1',
      'http://127.0.0.1:8080/mod/resource/view.php?id=6&forceview=1',
      'https://lms.acme.com/moodle/mod/page/view.php?id=4',
      'https://lms.acme.com/mod/hvp/view.php?id=12',
      'https://school.moodledemo.net/mod/forum/view.php?id=978',
      'https://moodle.bfh.ch/mod/assign/view.php?id=2520604',
    ],
  },
  isMyCourses: {
    detect: isMyCourses,
    urls: ['http://127.0.0.1:8080/my/courses.php', 'https://lms.acme.com/moodle/my/courses.php'],
  },
  isDashboard: {
    detect: isDashboard,
    urls: ['http://127.0.0.1:8080/my/', 'https://lms.acme.com/my/index.php', 'https://lms.acme.com/moodle/my/'],
  },
  isCourseIndex: {
    detect: isCourseIndex,
    urls: [
      'http://127.0.0.1:8080/course/index.php',
      'http://127.0.0.1:8080/course/index.php?categoryid=2',
      'http://127.0.0.1:8080/course/index.php?categoryid=5&perpage=300',
      'https://lms.acme.com/moodle/course/index.php?categoryid=2',
    ],
  },
  isCourseSearch: {
    detect: isCourseSearch,
    urls: [
      'http://127.0.0.1:8080/course/search.php?search=data',
      'http://127.0.0.1:8080/course/search.php?search=management&perpage=all',
      'https://lms.acme.com/moodle/course/search.php?q=excel',
    ],
  },
  isCourseLandingPage: {
    detect: isCourseLandingPage,
    urls: [
      'https://lms.acme.com/enrol/index.php?id=2',
      'https://lms.acme.com/moodle/course/info.php?id=2',
    ],
  },
  isFrontPage: {
    detect: isFrontPage,
    urls: [
      'http://127.0.0.1:8080/?redirect=0',
      'http://127.0.0.1:8080/',
      'https://lms.acme.com/index.php',
      'https://lms.acme.com/moodle/',
      'https://lms.acme.com/moodle/index.php?redirect=0',
    ],
  },
};

/** Other Moodle pages, other LMSs and ordinary sites: none of the predicates may match them. */
const NO_PREDICATE_URLS = [
  // Other Moodle pages.
  'http://127.0.0.1:8080/user/profile.php?id=3',
  'http://127.0.0.1:8080/grade/report/index.php?id=2',
  'http://127.0.0.1:8080/mod/forum/discuss.php?d=1',
  'http://127.0.0.1:8080/mod/quiz/attempt.php?attempt=1&cmid=7',
  'http://127.0.0.1:8080/course/edit.php?id=2',
  'http://127.0.0.1:8080/login/index.php',
  'https://lms.acme.com/moodle/course/',
  // Other LMSs.
  'https://x.instructure.com/courses/12/assignments/3',
  'https://canvas.uva.nl/courses/2756/pages/week-1?module_item_id=5',
  'https://learning.edx.org/course/course-v1:MITx+6.00.1x+2T2024/home',
  'https://courses.edx.org/courses/course-v1:edX+DemoX+Demo_Course/courseware/intro/',
  'https://acme.docebosaas.com/learn/course/123/intro-to-sales',
  'https://acme.csod.com/ui/lms-learning-details/app/course/0c4b6c6e-8f2b-4a4e-9a8e-1b2c3d4e5f60',
  'https://acme.brightspace.com/d2l/home/12345',
  'https://www.linkedin.com/learning/excel-essential-training',
  // Ordinary sites.
  'https://example.com/blog/2024/05/my-post.html',
  'https://news.example.org/world/story.php?id=2',
];

describe('Moodle URL predicates', () => {
  for (const [name, { detect, urls }] of Object.entries(PREDICATES)) {
    describe(name, () => {
      it.each(urls)('matches %s', (url) => {
        expect(detect(new URL(url))).toBe(true);
      });

      const others = [
        ...Object.entries(PREDICATES).filter(([other]) => other !== name).flatMap(([, entry]) => entry.urls),
        ...NO_PREDICATE_URLS,
      ];
      it.each(others)('does not match %s', (url) => {
        expect(detect(new URL(url))).toBe(false);
      });
    });
  }

  it('cannot tell a Moodle URL from the same path elsewhere: the DOM fingerprint decides', () => {
    // A GitHub blob of Moodle's source ends like a course page; readPage rejects it by its markup
    // (see non-moodle-pages.test.ts).
    expect(isCourseView(new URL('https://github.com/moodle/moodle/blob/main/course/view.php'))).toBe(true);
  });
});

describe('Moodle URL readers', () => {
  it.each([
    ['http://127.0.0.1:8080/mod/quiz/view.php?id=7', 'quiz'],
    ['https://lms.acme.com/moodle/mod/url/view.php?id=5&forceview=1', 'url'],
    ['https://lms.acme.com/mod/forum/discuss.php?d=1', 'forum'],
    ['https://lms.acme.com/course/view.php?id=2', null],
  ])('module type of %s is %s', (url, type) => {
    expect(readActivityTypeFromUrl(new URL(url))).toBe(type);
  });

  it.each([
    ['http://127.0.0.1:8080/course/view.php?id=2', '2'],
    ['http://127.0.0.1:8080/course/view.php?id=2&section=1', '2'],
    ['http://127.0.0.1:8080/mod/url/view.php?id=5&forceview=1', '5'],
    ['http://127.0.0.1:8080/course/view.php?name=DS101', null],
    ['http://127.0.0.1:8080/course/view.php?id=abc', null],
    ['http://127.0.0.1:8080/course/view.php?id=0', null],
    ['http://127.0.0.1:8080/course/view.php?id=-3', null],
  ])('id of %s is %s', (url, id) => {
    expect(readIdParam(new URL(url))).toBe(id);
  });

  it.each([
    ['http://127.0.0.1:8080/course/view.php?id=2', '127.0.0.1:8080'],
    ['http://127.0.0.1:8080/?redirect=0', '127.0.0.1:8080'],
    ['https://lms.acme.com/moodle/course/view.php?id=2', 'lms.acme.com/moodle'],
    ['https://lms.acme.com/moodle/mod/quiz/view.php?id=7', 'lms.acme.com/moodle'],
    ['https://lms.acme.com/moodle/course/section.php?id=2', 'lms.acme.com/moodle'],
    ['https://lms.acme.com/moodle/my/', 'lms.acme.com/moodle'],
    ['https://lms.acme.com/moodle/my/courses.php', 'lms.acme.com/moodle'],
    ['https://lms.acme.com/moodle/', 'lms.acme.com/moodle'],
    ['https://lms.acme.com/moodle/index.php', 'lms.acme.com/moodle'],
    ['https://lms.acme.com/', 'lms.acme.com'],
    ['https://lms.acme.com/learning/moodle/grade/report/index.php?id=2', 'lms.acme.com/learning/moodle'],
    ['https://lms.acme.com/moodle/mod/forum/discuss.php?d=1', 'lms.acme.com/moodle'],
    // An install path named like a Moodle directory: the known page tail wins.
    ['https://lms.acme.com/course/course/view.php?id=2', 'lms.acme.com/course'],
    ['https://LMS.Acme.com:443/course/view.php?id=2', 'lms.acme.com'],
    ['http://lms.acme.com:8443/moodle/my/courses.php', 'lms.acme.com:8443/moodle'],
  ])('site of %s is %s', (url, site) => {
    expect(readSiteFromUrl(new URL(url))).toBe(site);
  });

  it('has no site for non-web URLs', () => {
    expect(readSiteFromUrl(new URL('file:///home/me/course/view.php'))).toBeNull();
    expect(readInstallPath(new URL('file:///course/view.php'))).toBe('');
  });

  it.each([
    ['https://lms.acme.com/moodle', 'lms.acme.com/moodle'],
    ['https://lms.acme.com/moodle/', 'lms.acme.com/moodle'],
    ['http://127.0.0.1:8080', '127.0.0.1:8080'],
    ['https://LMS.acme.com', 'lms.acme.com'],
    ['javascript:alert(1)', null],
    ['not a url', null],
    ['', null],
  ])('site of wwwroot %j is %s', (wwwroot, site) => {
    expect(readSiteFromWwwroot(wwwroot)).toBe(site);
  });
});
