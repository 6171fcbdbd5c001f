import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED_FIXTURES } from '../support/shared-fixtures';
import { launchWithExtension, type LearnerBrowser } from './support/browser';
import { CHROME_BUILD_DIR } from './support/build-extension';
import { startFixtureLms, type FixtureLms } from './support/lms-server';
import { startRippleServer, type RunningServer } from './support/ripple-server';
import { freshAggregate, ratingWidget, signInThroughOptions } from './support/learner';

/** The server switches a feature off for this extension version, and the extension obeys without a release. */
describe.skipIf(!HAS_SHARED_FIXTURES)('kill switch', () => {
  let lms: FixtureLms;
  let server: RunningServer;
  let learner: LearnerBrowser;

  beforeAll(async () => {
    process.env.RIPPLE_KILL_SWITCH = JSON.stringify([{ features: ['tile-badge'] }]);
    [lms, server] = await Promise.all([startFixtureLms(), startRippleServer()]);
    learner = await launchWithExtension(CHROME_BUILD_DIR);
    await signInThroughOptions(learner, server.url, 'Alice Learner', 'Data');
  });

  afterAll(async () => {
    delete process.env.RIPPLE_KILL_SWITCH;
    await learner?.close();
    await Promise.allSettled([server?.close(), lms?.close()]);
  });

  it('turns tile badges off and leaves the rest running', async () => {
    const page = await learner.context.newPage();
    // The worker asks the server at start and every few minutes; a page loaded after it learnt shows no badges.
    await expect
      .poll(
        async () => {
          await page.goto(`${lms.origin}/course/view.php?id=2`);
          await freshAggregate(ratingWidget(page, `moodle:${new URL(lms.origin).host}:course:2`));
          return page.locator('ripple-widget[data-ripple="tile-badge"]').count();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe(0);
    await page.close();
  });
});
