import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository's root, whatever directory the tests run from. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** `../shared` beside the project (CI always has it); RIPPLE_SHARED_DIR points elsewhere. */
export const SHARED_DIR = process.env.RIPPLE_SHARED_DIR ?? path.resolve(REPO_ROOT, '../shared');
export const MOODLE_FIXTURES_DIR = path.join(SHARED_DIR, 'fixtures/moodle-5.1');
export const HAS_SHARED_FIXTURES = existsSync(path.join(MOODLE_FIXTURES_DIR, 'manifest.json'));

if (!HAS_SHARED_FIXTURES) {
  console.warn(
    `\n!!! Real Moodle pages not found at ${MOODLE_FIXTURES_DIR}: the real-page suites are SKIPPED.\n` +
      '!!! Put the shared folder beside the project (or set RIPPLE_SHARED_DIR) to run them.\n',
  );
}

export interface FixtureFile {
  html: string;
  url: string;
  user: string;
  page_title: string;
  identity: Record<string, unknown>;
}

export interface FixtureManifest {
  original_origin: string;
  files: FixtureFile[];
}

export function loadManifest(dir = MOODLE_FIXTURES_DIR): FixtureManifest {
  return JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as FixtureManifest;
}

/** The path and query a fixture was captured at, e.g. `/course/view.php?id=2`. */
export function fixturePathAndQuery(file: FixtureFile): string {
  return file.url.replace('{{origin}}', '');
}
