import { execFileSync } from 'node:child_process';
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
