import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED_FIXTURES } from '../support/shared-fixtures';
import { launchWithExtension, type LearnerBrowser } from './support/browser';
import { CHROME_BUILD_DIR } from './support/build-extension';
import { startFixtureLms, type FixtureLms } from './support/lms-server';
import { startRippleServer, type RunningServer } from './support/ripple-server';
import { freshAggregate, ratingWidget } from './support/learner';
import { canWritePolicy, POLICY_DIR, writeExtensionPolicy } from './support/policy';

const POLICY_WRITABLE = canWritePolicy();
if (!POLICY_WRITABLE) console.warn(`\n!!! ${POLICY_DIR} is not writable (run as root): the broken-policy test is SKIPPED.\n`);

/** An admin's adapter config with a mistake: said plainly in the options page, built-ins unharmed. */
describe.skipIf(!HAS_SHARED_FIXTURES || !POLICY_WRITABLE)('a broken custom adapter in real Chromium policy', () => {
  let lms: FixtureLms;
  let server: RunningServer;
  let learner: LearnerBrowser;
  let removePolicy: () => void = () => {};

  beforeAll(async () => {
    [lms, server] = await Promise.all([startFixtureLms(), startRippleServer()]);
    // An id with spaces, and a page without its url: two mistakes an admin could make.
    const broken = { adapters: [{ id: 'Acme Academy!', pages: [{ name: 'course', kind: 'course' }] }] };
    removePolicy = writeExtensionPolicy({ serverUrl: server.url, adapters: JSON.stringify(broken) });
    learner = await launchWithExtension(CHROME_BUILD_DIR);
  });

  afterAll(async () => {
    removePolicy();
    await learner?.close();
    await Promise.allSettled([server?.close(), lms?.close()]);
  });

  it('reports the config in the options page and keeps the built-in Moodle adapter working', async () => {
    const options = await learner.context.newPage();
    await expect
      .poll(
        async () => {
          await options.goto(`chrome-extension://${learner.extensionId}/options.html`);
          return options.getByRole('alert').innerText({ timeout: 2000 }).catch(() => 'not yet');
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toMatch(/^The custom LMS adapters set by your administrator could not be used \(adapters\.0\.id: .+\)\. Ripple uses its built-in adapters\.$/);
    await options.close();

    const page = await learner.context.newPage();
    await page.goto(`${lms.origin}/course/view.php?id=2`);
    expect(await freshAggregate(ratingWidget(page, `moodle:${new URL(lms.origin).host}:course:2`))).toBe('No ratings yet');
    await page.close();
  });
});
