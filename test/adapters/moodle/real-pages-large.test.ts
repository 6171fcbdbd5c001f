import { describe, expect, it } from 'vitest';
import { readPage } from '../../../entrypoints/lms.content/adapters';
import { openDocument } from '../support/dom';
import {
  HAS_LARGE_FIXTURES,
  MOODLE_LARGE_FIXTURES_DIR,
  SITE,
  fixtureUrl,
  listedCourses,
  loadFixtures,
  readFixtureHtml,
} from '../support/fixtures';

/**
 * The long real lists (fixtures/moodle-5.1-large): 240 collapsed course boxes, 101 search results,
 * 66 My courses cards with progress. Every course gets exactly one tile, in page order.
 */
const fixtures = HAS_LARGE_FIXTURES ? loadFixtures(MOODLE_LARGE_FIXTURES_DIR) : [];

describe.skipIf(!HAS_LARGE_FIXTURES)('large real Moodle 5.1 lists (fixtures/moodle-5.1-large)', () => {
  it('covers every file of the manifest', () => {
    expect(fixtures).toHaveLength(3);
  });

  for (const fixture of fixtures) {
    it(`${fixture.html}: one tile per listed course, in page order, with names and progress`, async () => {
      const open = openDocument(readFixtureHtml(MOODLE_LARGE_FIXTURES_DIR, fixture), fixtureUrl(fixture));
      try {
        const page = readPage(open.url, open.doc);
        const listed = listedCourses(fixture.identity);
        expect(listed.length).toBe(fixture.identity.listed_count);
        expect(page?.kind).toBe('listing');
        expect(page?.item).toBeNull();
        expect(page?.tiles.map((tile) => tile.item.key)).toEqual(listed.map((c) => `moodle:${SITE}:course:${c.id}`));
        expect(page?.tiles.map((tile) => tile.item.title)).toEqual(listed.map((c) => c.fullname));
        if (fixture.url.includes('/my/courses.php')) {
          // Cards of courses without tracked activities show no progress at all.
          expect(page?.tiles.map((tile) => tile.progress)).toEqual(listed.map((c) => c.progress ?? undefined));
        }
      } finally {
        await open.close();
      }
    });
  }
});
