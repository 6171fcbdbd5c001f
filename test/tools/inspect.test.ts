import { spawn } from 'node:child_process';
import path from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  HAS_LARGE_FIXTURES,
  HAS_SHARED_FIXTURES,
  MOODLE_FIXTURES_DIR,
  MOODLE_LARGE_FIXTURES_DIR,
  SITE,
  fixtureUrl,
  listedCourses,
  loadFixtures,
  readFixtureHtml,
} from '../adapters/support/fixtures';
import type { Fixture, ManifestActivity } from '../adapters/support/fixtures';
import { REPO_ROOT } from '../support/shared-fixtures';
import { main } from './inspect-cli';
import { inspectHtml } from './inspect-page';
import type { InspectResult } from './inspect-page';

/**
 * `npm run inspect` over every real Moodle page of both fixture folders, against the facts each
 * manifest records from Moodle's database (never from the HTML): page kind, the page's item (course
 * id and full name, cmid and activity name, parent course), the tiles (activity rows, labels
 * included, or listed courses) and completion as the learner had it. Pages are read in-process
 * through the command's own function; one spawned run proves stdout carries only the JSON.
 */
const small = HAS_SHARED_FIXTURES ? loadFixtures(MOODLE_FIXTURES_DIR) : [];
const large = HAS_LARGE_FIXTURES ? loadFixtures(MOODLE_LARGE_FIXTURES_DIR) : [];

const courseKey = (id: number): string => `moodle:${SITE}:course:${id}`;
const activityKey = (cmid: number): string => `moodle:${SITE}:activity:${cmid}`;

/** Course 2's activities and what learner1 had completed, from the course page's manifest entry. */
const course2 = small.find((f) => f.user === 'learner1' && f.identity.course_id === 2 && f.identity.learner1_completed_cmids_at_capture);
const course2Activities = new Map<number, ManifestActivity>((course2?.identity.activities ?? []).map((a) => [a.cmid, a]));
const course2Completed = new Set(course2?.identity.learner1_completed_cmids_at_capture ?? []);

function expectedPageKind(url: URL): string {
  const route = url.pathname;
  if (route.startsWith('/mod/')) return 'activity';
  if (route === '/course/section.php') return 'section';
  if (route === '/course/view.php') return 'course';
  if (route === '/my/') return 'dashboard';
  return 'listing';
}

/**
 * The manifest's rule for completion: completed at capture → true; tracked otherwise → false;
 * `completion_tracking: "none"` → null. An admin (not a learner of the course) sees no completion.
 */
function expectedCompletion(fixture: Fixture, cmid: number): boolean | null {
  if (fixture.user !== 'learner1') return null;
  const ofCourse2 = fixture.identity.course_id === 2;
  const tracking =
    fixture.identity.activities?.find((a) => a.cmid === cmid)?.completion_tracking ??
    (ofCourse2 ? course2Activities.get(cmid)?.completion_tracking : undefined);
  if (tracking === 'none') return null;
  const completed = fixture.identity.learner1_completed_cmids_at_capture ?? (ofCourse2 ? [...course2Completed] : []);
  return completed.includes(cmid);
}

/**
 * The manifest of the small folder lists the front page and the search results by course id,
 * not in page order: Moodle lists search results by display name (as the large folder's search
 * manifest, which is in page order, shows) and the front page category by category. Those two are
 * checked as sets, plus the search's documented sort; every other listing in exact page order.
 */
function expectedListingOrder(fixture: Fixture, listed: { id: number; fullname: string }[]): { id: number; fullname: string }[] | null {
  if (fixture.url.includes('/course/search.php') && fixture.identity.listed_count === undefined) {
    return [...listed].sort((a, b) => a.fullname.localeCompare(b.fullname));
  }
  if (fixture.url === '{{origin}}/?redirect=0') return null;
  return listed;
}

function describeFixture(dir: string, fixture: Fixture): void {
  describe(fixture.html, () => {
    let result: InspectResult;
    const identity = fixture.identity;
    const url = new URL(fixtureUrl(fixture));

    beforeAll(async () => {
      result = await inspectHtml(url, readFixtureHtml(dir, fixture));
    });

    it('is Moodle, with the page kind of its route', () => {
      expect(result.lms).toBe('moodle');
      expect(result.page).toBe(expectedPageKind(url));
    });

    if (identity.cmid !== undefined) {
      it('is the activity: cmid, name, parent course and its completion', () => {
        const cmid = identity.cmid!;
        const facts = course2Activities.get(cmid);
        expect(result.item).toMatchObject({
          key: activityKey(cmid),
          kind: 'activity',
          id: String(cmid),
          title: identity.activity_name,
          parentKey: courseKey(identity.course_id!),
        });
        if (facts?.completion_tracking === 'automatic' && fixture.user === 'learner1' && !course2Completed.has(cmid)) {
          // Opening an activity whose condition is "view" completes it: the page itself shows
          // "Done: View", which the capture of the course page (earlier) could not record.
          expect(typeof result.item?.completed).toBe('boolean');
        } else {
          expect(result.item?.completed).toBe(expectedCompletion(fixture, cmid));
        }
        expect(result.tiles).toEqual([]);
      });
    } else if (identity.course_id !== undefined) {
      it('is the course (also on a section page): id and full name, no completion shown', () => {
        expect(result.item).toEqual({
          key: courseKey(identity.course_id!),
          kind: 'course',
          id: String(identity.course_id),
          title: identity.course_fullname,
          parentKey: null,
          completed: null,
        });
      });
    } else {
      it('has no item of its own', () => {
        expect(result.item).toBeNull();
      });
    }

    if (identity.activities && identity.cmid === undefined) {
      const shown = identity.main_content_cmids ?? identity.section?.cmids ?? identity.activities.map((a) => a.cmid);
      const names = new Map(identity.activities.map((a) => [a.cmid, a.name]));
      it('has one tile per activity row in page order, labels included, with names and completion', () => {
        expect(result.tiles).toEqual(
          shown.map((cmid) => ({
            key: activityKey(cmid),
            kind: 'activity',
            id: String(cmid),
            title: names.get(cmid),
            completed: expectedCompletion(fixture, cmid),
          })),
        );
      });
    }

    if (identity.listed_courses || identity.category) {
      const listed = listedCourses(identity);
      const tile = (course: { id: number; fullname: string }) => ({
        key: courseKey(course.id),
        kind: 'course',
        id: String(course.id),
        title: course.fullname,
        completed: null,
      });
      const ordered = expectedListingOrder(fixture, listed);
      it(`has one tile per listed course (${listed.length}), ${ordered ? 'in page order' : 'as a set'}`, () => {
        if (ordered) expect(result.tiles).toEqual(ordered.map(tile));
        else expect([...result.tiles].sort((a, b) => a.key.localeCompare(b.key))).toEqual(listed.map(tile).sort((a, b) => a.key.localeCompare(b.key)));
      });
    } else if (!identity.activities) {
      it('has no tiles', () => {
        expect(result.tiles).toEqual([]);
      });
    }
  });
}

describe.skipIf(!HAS_SHARED_FIXTURES)('inspect: real Moodle 5.1 pages (fixtures/moodle-5.1)', () => {
  it('covers every file of the manifest', () => expect(small.length).toBe(21));
  for (const fixture of small) describeFixture(MOODLE_FIXTURES_DIR, fixture);
});

describe.skipIf(!HAS_LARGE_FIXTURES)('inspect: large real Moodle 5.1 lists (fixtures/moodle-5.1-large)', () => {
  it('covers every file of the manifest', () => expect(large.length).toBe(3));
  for (const fixture of large) describeFixture(MOODLE_LARGE_FIXTURES_DIR, fixture);
});

/** The command itself, spawned as an admin runs it. */
function runInspect(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/tools/inspect.ts'), ...args], {
      cwd: REPO_ROOT,
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** `main` in-process, with what it writes to stdout and stderr. */
async function runMain(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { status: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('inspect command', () => {
  // One real run: tsx start-up, happy-dom and all, stdout must carry the JSON and nothing else.
  it.skipIf(!HAS_SHARED_FIXTURES)('spawned, prints exactly one JSON object on stdout, the same as in-process', async () => {
    const fixture = small.find((f) => f.html === 'moodle-5.1-boost-learner-course-view-2.html')!;
    const run = await runInspect(['--url', fixtureUrl(fixture), '--html', path.join(MOODLE_FIXTURES_DIR, fixture.html)]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.endsWith('}\n')).toBe(true);
    expect(JSON.parse(run.stdout)).toEqual(
      await inspectHtml(new URL(fixtureUrl(fixture)), readFixtureHtml(MOODLE_FIXTURES_DIR, fixture)),
    );
  }, 60_000);

  const binary = path.join(mkdtempSync(path.join(tmpdir(), 'ripple-inspect-')), 'image.png');
  writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
  it.each([
    ['a missing file', ['--url', 'https://lms.acme.com/course/view.php?id=2', '--html', '/nonexistent/page.html'], /cannot read --html/],
    ['a directory', ['--url', 'https://lms.acme.com/', '--html', tmpdir()], /not a file/],
    ['a binary file', ['--url', 'https://lms.acme.com/', '--html', binary], /not a text file/],
    ['a URL that is not one', ['--url', 'not a url', '--html', binary], /not a URL/],
    ['a non-http URL', ['--url', 'file:///etc/passwd', '--html', binary], /must be http/],
    ['no arguments', [], /usage/],
    ['an unknown argument', ['--format', 'xml'], /unknown argument/],
  ])('exits non-zero with a message on stderr, and nothing on stdout, for %s', async (_, args, message) => {
    const run = await runMain(args);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});
