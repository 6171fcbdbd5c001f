import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HAS_SHARED_FIXTURES, MOODLE_FIXTURES_DIR, SHARED_DIR } from '../../support/shared-fixtures';

/**
 * The real Moodle pages in the shared folder (`../shared` beside the repo, or RIPPLE_SHARED_DIR).
 * CI always has them; without them the real-page suites are skipped, and say so loudly.
 */
export const ORIGIN = 'http://127.0.0.1:8080';
export const SITE = '127.0.0.1:8080';
export { HAS_SHARED_FIXTURES, MOODLE_FIXTURES_DIR };
export const MOODLE_LARGE_FIXTURES_DIR = path.join(SHARED_DIR, 'fixtures/moodle-5.1-large');
export const HAS_LARGE_FIXTURES = existsSync(path.join(MOODLE_LARGE_FIXTURES_DIR, 'manifest.json'));

if (!HAS_LARGE_FIXTURES) {
  console.warn(
    `\n!!! Large Moodle pages not found at ${MOODLE_LARGE_FIXTURES_DIR}: the large real-page suite is SKIPPED.\n`,
  );
}

/** A listed course as the manifests write it (`id` on some pages, `course_id` on others). */
export interface ListedCourse {
  id?: number;
  course_id?: number;
  fullname?: string;
  course_fullname?: string;
  progress_percent?: number | null;
}

export interface ManifestActivity {
  cmid: number;
  modname: string;
  name: string;
  completion_tracking?: 'none' | 'manual' | 'automatic';
}

export interface ManifestSection {
  section_id: number;
  section_number: number;
  section_name: string;
  cmids: number[];
}

/** The identity facts a fixture can carry (read from Moodle's database, never from the HTML). */
export interface FixtureIdentity {
  course_id?: number;
  course_fullname?: string;
  cmid?: number;
  modname?: string;
  activity_name?: string;
  section?: ManifestSection;
  sections?: ManifestSection[];
  activities?: ManifestActivity[];
  main_content_cmids?: number[];
  learner1_completed_cmids_at_capture?: number[];
  listed_courses?: ListedCourse[];
  listed_categories?: unknown[];
  category?: { id: number; courses?: ListedCourse[] };
  listed_count?: number;
}

export interface Fixture {
  html: string;
  url: string;
  user: string;
  page_title: string;
  identity: FixtureIdentity;
}

export function loadFixtures(dir: string): Fixture[] {
  return (JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { files: Fixture[] }).files;
}

export function readFixtureHtml(dir: string, fixture: Fixture): string {
  return readFileSync(path.join(dir, fixture.html), 'utf8');
}

export function fixtureUrl(fixture: Fixture, origin = ORIGIN): string {
  return fixture.url.replace('{{origin}}', origin);
}

/** The courses a listing page shows, in the manifest's order. */
export function listedCourses(identity: FixtureIdentity): { id: number; fullname: string; progress?: number | null }[] {
  const listed = identity.listed_courses ?? identity.category?.courses ?? [];
  return listed.map((course) => ({
    id: (course.id ?? course.course_id)!,
    fullname: (course.fullname ?? course.course_fullname)!,
    progress: course.progress_percent,
  }));
}
