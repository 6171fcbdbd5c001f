import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../support/shared-fixtures';

export const CHROME_BUILD_DIR = path.join(REPO_ROOT, '.output/chrome-mv3');

/** Builds the real extension the way a user gets it (`wxt build`); run once by the e2e global setup. */
export function buildExtension(): string {
  execFileSync(path.join(REPO_ROOT, 'node_modules/.bin/wxt'), ['build', '-b', 'chrome'], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
  });
  return CHROME_BUILD_DIR;
}

/**
 * A copy of the build in which `origins` are host permissions granted at install: the state the
 * extension is in once a learner has clicked "Allow" for an admin's LMS host in the options page.
 * (Headless Chromium cannot answer the browser's permission prompt; everything after the grant,
 * from the policy to the content script registered at run time, is the real extension's code.)
 */
export function buildWithGrantedHosts(origins: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ripple-granted-'));
  cpSync(CHROME_BUILD_DIR, dir, { recursive: true });
  const manifestPath = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...origins];
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return dir;
}
