import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { HAS_SHARED_FIXTURES } from '../support/shared-fixtures';
import { launchWithExtension, type LearnerBrowser } from './support/browser';
import { buildWithGrantedHosts } from './support/build-extension';
import { startFixtureLms, type FixtureLms } from './support/lms-server';
import { startRippleServer, type RunningServer } from './support/ripple-server';
import { freshAggregate, ratingWidget } from './support/learner';
import { canWritePolicy, POLICY_DIR, writeExtensionPolicy } from './support/policy';

const POLICY_WRITABLE = canWritePolicy();
if (!POLICY_WRITABLE) console.warn(`\n!!! ${POLICY_DIR} is not writable (run as root): the unknown-host policy test is SKIPPED.\n`);

/** Two company hosts, resolved to the loopback fixture LMS: neither is in the extension's own matches. */
const ACADEMY = 'academy.acme.test';
const PORTAL = 'portal.acme.test';

/**
 * An LMS on a host Ripple ships nothing for: the admin's policy names the host and brings a custom
 * adapter; once the learner has allowed the host (the browser's one prompt, granted here at
 * install), the background registers the content script there at run time and Ripple works. A
 * policy host not yet allowed gets nothing and is offered in the options page.
 */
describe.skipIf(!HAS_SHARED_FIXTURES || !POLICY_WRITABLE)('an admin’s LMS on a host Ripple did not know', () => {
  let lms: FixtureLms;
  let server: RunningServer;
  let learner: LearnerBrowser;
  let extensionDir: string;
  let port: string;
  let removePolicy: () => void = () => {};

  beforeAll(async () => {
    [lms, server] = await Promise.all([startFixtureLms(), startRippleServer()]);
    port = new URL(lms.origin).port;
    const adapters = {
      adapters: [
        {
          id: 'acme-academy',
          hosts: [ACADEMY, PORTAL],
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
    removePolicy = writeExtensionPolicy({ serverUrl: server.url, lmsHosts: [`http://${ACADEMY}:${port}`, `http://${PORTAL}:${port}`], adapters: JSON.stringify(adapters) });
    extensionDir = buildWithGrantedHosts([`http://${ACADEMY}/*`]);
    learner = await launchWithExtension(extensionDir, { args: [`--host-resolver-rules=MAP ${ACADEMY} 127.0.0.1, MAP ${PORTAL} 127.0.0.1`] });
  });

  afterAll(async () => {
    removePolicy();
    await learner?.close();
    await Promise.allSettled([server?.close(), lms?.close()]);
    if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
  });

  it('runs on the allowed host through the content script registered at run time, with the admin’s adapter', async () => {
    const page = await learner.context.newPage();
    const widget = ratingWidget(page, `acme-academy:${ACADEMY}:${port}:course:42`);
    // The policy arrives within seconds of the browser's start; the registration follows it.
    await expect
      .poll(
        async () => {
          await page.goto(`http://${ACADEMY}:${port}/academy/courses/42`);
          return freshAggregate(widget).catch(() => 'not yet');
        },
        { timeout: 45_000, interval: 1500 },
      )
      .toBe('No ratings yet');
    expect(await widget.evaluate((el) => el.closest('header')?.className)).toBe('acme-header');
    await widget.locator('label.star').nth(3).click();
    await expect.poll(() => widget.locator('.aggregate').innerText()).toMatch(/4\.0\s*\(1\)/);
    const registered = (await learner.serviceWorker.evaluate('chrome.scripting.getRegisteredContentScripts()')) as { matches: string[] }[];
    expect(registered.flatMap((script) => script.matches)).toEqual([`http://${ACADEMY}/*`]);
    await page.close();
  });

  it('leaves a policy host the learner has not allowed alone, and offers it in the options page', async () => {
    const page = await learner.context.newPage();
    await page.goto(`http://${PORTAL}:${port}/academy/courses/42`);
    await page.getByRole('heading', { name: 'Negotiation basics' }).waitFor();
    await page.waitForTimeout(1000);
    expect(await page.locator('ripple-widget').count()).toBe(0);
    await page.close();

    const options = await learner.context.newPage();
    await options.goto(`chrome-extension://${learner.extensionId}/options.html`);
    await options.getByText(`Ripple is enabled on http://${PORTAL}/*. Allow your browser to run it there:`).waitFor();
    await options.getByRole('button', { name: 'Allow' }).waitFor();
    await options.close();
  });
});
