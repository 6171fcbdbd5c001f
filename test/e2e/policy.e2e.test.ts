import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED_FIXTURES } from '../support/shared-fixtures';
import { launchWithExtension, type LearnerBrowser } from './support/browser';
import { CHROME_BUILD_DIR } from './support/build-extension';
import { startFixtureLms, type FixtureLms } from './support/lms-server';
import { startRippleServer, type RunningServer } from './support/ripple-server';
import { freshAggregate, ratingWidget } from './support/learner';
import { canWritePolicy, POLICY_DIR, writeExtensionPolicy } from './support/policy';

const POLICY_WRITABLE = canWritePolicy();
if (!POLICY_WRITABLE) console.warn(`\n!!! ${POLICY_DIR} is not writable (run as root): the enterprise policy test is SKIPPED.\n`);

/** An admin's enterprise policy, written where Chromium reads it, and the extension following it. */
describe.skipIf(!HAS_SHARED_FIXTURES || !POLICY_WRITABLE)('enterprise policy in real Chromium', () => {
  let lms: FixtureLms;
  let server: RunningServer;
  let learner: LearnerBrowser;
  let removePolicy: () => void = () => {};

  beforeAll(async () => {
    [lms, server] = await Promise.all([startFixtureLms(), startRippleServer()]);
    const customAdapters = {
      adapters: [
        {
          id: 'acme-academy',
          fingerprints: ['body.acme-academy'],
          pages: [
            {
              name: 'course',
              url: '^/academy/courses/(?<id>\\d+)',
              kind: 'course',
              item: { kind: 'course', id: '{id}', title: ['h1.acme-title'], anchor: ['.acme-actions'] },
            },
          ],
        },
      ],
    };
    removePolicy = writeExtensionPolicy({ serverUrl: server.url, adapters: JSON.stringify(customAdapters) });
    learner = await launchWithExtension(CHROME_BUILD_DIR);
  });

  afterAll(async () => {
    removePolicy();
    await learner?.close();
    await Promise.allSettled([server?.close(), lms?.close()]);
  });

  it('uses the server the policy names, without the learner doing anything, and shows it locked', async () => {
    const page = await learner.context.newPage();
    // The first managed read can take seconds: the widget must not wait for it, but the
    // extension must follow the policy once it has arrived.
    await expect
      .poll(
        async () => {
          await page.goto(`${lms.origin}/course/view.php?id=2`);
          return freshAggregate(ratingWidget(page, `moodle:${new URL(lms.origin).host}:course:2`)).catch(() => 'not yet');
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe('No ratings yet');
    expect(server.requestCount()).toBeGreaterThan(0);

    const options = await learner.context.newPage();
    await options.goto(`chrome-extension://${learner.extensionId}/options.html`);
    const serverField = options.locator('input[name="serverUrl"]');
    await expect.poll(() => serverField.inputValue()).toBe(server.url);
    expect(await serverField.getAttribute('readonly')).not.toBeNull();
    await options.getByText('Set by your administrator.').waitFor();
    await options.close();
    await page.close();
  });

  it('runs on an LMS no built-in adapter knows, through the admin’s custom adapter', async () => {
    const page = await learner.context.newPage();
    await page.goto(`${lms.origin}/academy/courses/42`);
    const widget = ratingWidget(page, `acme-academy:${new URL(lms.origin).host}:course:42`);
    expect(await freshAggregate(widget)).toBe('No ratings yet');
    // Placed where the admin's anchor says, in the portal's own header.
    expect(await widget.evaluate((el) => el.closest('header')?.className)).toBe('acme-header');
    await widget.locator('label.star').nth(2).click();
    await expect.poll(() => widget.locator('.aggregate').innerText()).toMatch(/3\.0\s*\(1\)/);
    await page.close();
  });
});
