import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickAdapter, readPage } from '../../../entrypoints/lms.content/adapters';
import type { PageKind, PageModel, Tile } from '../../../entrypoints/lms.content/adapters/types';
import { openDocument } from '../support/dom';
import type { OpenDocument } from '../support/dom';
import {
  HAS_SHARED_FIXTURES,
  MOODLE_FIXTURES_DIR,
  SITE,
  fixtureUrl,
  listedCourses,
  loadFixtures,
  readFixtureHtml,
} from '../support/fixtures';
import type { ManifestActivity } from '../support/fixtures';

/**
 * Every real Moodle 5.1 page in fixtures/moodle-5.1 against the identity facts its manifest
 * records from Moodle's database: page kind, the page's item, where its widget goes, the tiles and
 * the completion the learner had at capture time.
 */
const fixtures = HAS_SHARED_FIXTURES ? loadFixtures(MOODLE_FIXTURES_DIR) : [];

const courseKey = (id: number): string => `moodle:${SITE}:course:${id}`;
const activityKey = (cmid: number): string => `moodle:${SITE}:activity:${cmid}`;

/** What each URL is, by Moodle's own routes (course/view.php?section=N is a course page). */
function expectedKind(url: URL): PageKind {
  const path = url.pathname;
  if (path.startsWith('/mod/')) return 'activity';
  if (path === '/course/section.php') return 'section';
  if (path === '/course/view.php') return 'course';
  if (path === '/my/') return 'dashboard';
  if (path === '/my/courses.php' || path.startsWith('/course/index.php') || path === '/course/search.php' || path === '/')
    return 'listing';
  return 'other';
}

/**
 * Completion facts for the learner's activities: the course page's manifest lists each activity's
 * completion mode and what the learner had completed at capture. Manual completion does not change
 * by visiting an activity, so it holds on the activity pages too.
 */
const learnerCourse = fixtures.find((f) => f.user === 'learner1' && f.identity.learner1_completed_cmids_at_capture && f.identity.course_id === 2);
const activityFacts = new Map<number, ManifestActivity>((learnerCourse?.identity.activities ?? []).map((a) => [a.cmid, a]));
const completedAtCapture = new Set(learnerCourse?.identity.learner1_completed_cmids_at_capture ?? []);

function tileKeys(page: PageModel | null): string[] {
  return (page?.tiles ?? []).map((tile) => tile.item.key);
}

function anchorShowsTitle(tile: Tile): boolean {
  const text = (tile.anchor.element.textContent ?? '').replace(/\s+/g, ' ');
  return tile.anchor.element.isConnected && text.includes(tile.item.title);
}

describe.skipIf(!HAS_SHARED_FIXTURES)('real Moodle 5.1 pages (fixtures/moodle-5.1)', () => {
  it('covers every file of the manifest', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(21);
  });

  for (const fixture of fixtures) {
    describe(fixture.html, () => {
      let open: OpenDocument;
      let page: PageModel | null;
      const identity = fixture.identity;
      const isLearner = fixture.user === 'learner1';

      beforeAll(() => {
        open = openDocument(readFixtureHtml(MOODLE_FIXTURES_DIR, fixture), fixtureUrl(fixture));
        page = readPage(open.url, open.doc);
      });
      afterAll(() => open.close());

      it('is recognised as Moodle, on the capture site', () => {
        expect(pickAdapter(open.url, open.doc)?.id).toBe('moodle');
        expect(page?.adapter).toBe('moodle');
        expect(page?.site).toBe(SITE);
      });

      it('has the page kind of its route', () => {
        expect(page?.kind).toBe(expectedKind(open.url));
      });

      if (identity.cmid !== undefined) {
        it('is the activity, titled, typed and inside its course, with its widget by the heading', () => {
          expect(page?.item).toEqual({
            key: activityKey(identity.cmid!),
            kind: 'activity',
            lmsId: String(identity.cmid),
            title: identity.activity_name,
            type: identity.modname,
            parent: courseKey(identity.course_id!),
          });
          expect(page?.headerAnchor?.element.closest('#page-header')).not.toBeNull();
          expect(page?.tiles).toEqual([]);
        });

        it('shows the completion the learner has (none for an admin)', () => {
          const facts = activityFacts.get(identity.cmid!);
          if (!isLearner) expect(page?.completed).toBeUndefined();
          else if (facts?.completion_tracking === 'manual') expect(page?.completed).toBe(completedAtCapture.has(identity.cmid!));
          else if (facts?.completion_tracking === 'automatic') expect(typeof page?.completed).toBe('boolean');
        });
      } else if (identity.section && fixture.url.includes('/course/section.php')) {
        // Decision: Moodle items are courses and activities only; a section page is about its course.
        it('is about its course, titled with the course’s full name, with its widget by the heading', () => {
          expect(page?.item).toEqual({
            key: courseKey(identity.course_id!),
            kind: 'course',
            lmsId: String(identity.course_id),
            title: identity.course_fullname,
          });
          expect(page?.headerAnchor?.element.closest('#page-header')).not.toBeNull();
        });
      } else if (identity.course_id !== undefined) {
        it('is the course, titled, with its widget by the heading', () => {
          expect(page?.item).toEqual({
            key: courseKey(identity.course_id!),
            kind: 'course',
            lmsId: String(identity.course_id),
            title: identity.course_fullname,
          });
          expect(page?.headerAnchor?.element.closest('#page-header')).not.toBeNull();
        });
      } else {
        it('has no item of its own', () => {
          expect(page?.item).toBeNull();
          expect(page?.headerAnchor).toBeNull();
        });
      }

      if (identity.activities && identity.cmid === undefined) {
        // The main region's activities (one section's on a single-section page), labels included
        // (decision: learners react to a label's text too). The course index drawer repeats them
        // and is not read.
        const expected = identity.main_content_cmids ?? identity.section?.cmids ?? identity.activities.map((a) => a.cmid);
        const byCmid = new Map(identity.activities.map((a) => [a.cmid, a]));

        it('has one tile per activity row, in page order, named and typed', () => {
          expect(tileKeys(page)).toEqual(expected.map(activityKey));
          for (const tile of page?.tiles ?? []) {
            const facts = byCmid.get(Number(tile.item.lmsId))!;
            expect(tile.item).toMatchObject({ kind: 'activity', title: facts.name, type: facts.modname, parent: courseKey(identity.course_id!) });
            expect(anchorShowsTitle(tile)).toBe(true);
          }
        });

        it('reads each row’s completion as the learner had it (none for an admin)', () => {
          for (const tile of page?.tiles ?? []) {
            const facts = byCmid.get(Number(tile.item.lmsId))!;
            if (!isLearner) expect(tile.completed, tile.item.key).toBeUndefined();
            else if (identity.learner1_completed_cmids_at_capture && facts.completion_tracking !== 'none') {
              expect(tile.completed, tile.item.key).toBe(identity.learner1_completed_cmids_at_capture.includes(facts.cmid));
            }
          }
        });
      }

      if (identity.listed_courses || identity.category) {
        const listed = listedCourses(identity);
        it('has one tile per listed course, named like Moodle names it', () => {
          expect([...tileKeys(page)].sort()).toEqual(listed.map((c) => courseKey(c.id)).sort());
          for (const tile of page?.tiles ?? []) {
            const course = listed.find((c) => courseKey(c.id) === tile.item.key)!;
            expect(tile.item).toEqual({ key: courseKey(course.id), kind: 'course', lmsId: String(course.id), title: course.fullname });
            expect(anchorShowsTitle(tile)).toBe(true);
          }
        });
      }

      if (identity.listed_categories) {
        it('has no course tiles on the category tree', () => {
          expect(page?.tiles).toEqual([]);
        });
      }
    });
  }
});
