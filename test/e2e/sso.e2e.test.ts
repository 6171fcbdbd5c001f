import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAS_SHARED_FIXTURES } from '../support/shared-fixtures';
import { launchWithExtension, type LearnerBrowser } from './support/browser';
import { CHROME_BUILD_DIR } from './support/build-extension';
import { startFixtureLms, type FixtureLms } from './support/lms-server';
import { startRippleServer, type RunningServer } from './support/ripple-server';
import { freshAggregate, ratingWidget, rateWithMouse, savedAggregate } from './support/learner';
import { canWritePolicy, EXTENSION_ID, POLICY_DIR, writeExtensionPolicy } from './support/policy';
import { startOidcProvider, type OidcTestProvider } from '../server/support/oidc';
import { configureTenant } from '../../server/services/tenant-config';
import { apiLearner } from './support/api-learner';

const POLICY_WRITABLE = canWritePolicy();
if (!POLICY_WRITABLE) console.warn(`\n!!! ${POLICY_DIR} is not writable (run as root): the single sign-on test is SKIPPED.\n`);

/**
 * Deployment as IT does it: a policy points the extension at the company's tenant, the learner
 * signs in through the company's OpenID provider (a real one, on loopback) and rates an item;
 * a colleague of another company sees nothing of it.
 */
describe.skipIf(!HAS_SHARED_FIXTURES || !POLICY_WRITABLE)('single sign-on through a real OpenID provider', () => {
  let lms: FixtureLms;
  let server: RunningServer;
  let idp: OidcTestProvider;
  let learner: LearnerBrowser;
  let removePolicy: () => void = () => {};

  beforeAll(async () => {
    [lms, server] = await Promise.all([startFixtureLms(), startRippleServer()]);
    idp = await startOidcProvider({
      redirectUris: [`https://${EXTENSION_ID}.chromiumapp.org/`],
      accounts: [{ id: 'alice', claims: { name: 'Alice Acme', department: 'Finance', groups: ['staff'] } }],
      claimsInIdToken: true,
    });
    await configureTenant(server.internals.db, {
      slug: 'acme',
      name: 'Acme',
      provider: { issuer: idp.issuer, clientId: idp.clientId, scopes: ['openid', 'profile', 'groups'] },
    });
    removePolicy = writeExtensionPolicy({ serverUrl: server.url, tenant: 'acme' });
    learner = await launchWithExtension(CHROME_BUILD_DIR);
  });

  afterAll(async () => {
    removePolicy();
    await learner?.close();
    await Promise.allSettled([server?.close(), lms?.close(), idp?.close()]);
  });

  it('signs the learner in through the provider, and the rating stays inside the company', async () => {
    const options = await learner.context.newPage();
    // The policy arrives asynchronously: wait until the options page offers the work account.
    const signInButton = options.getByRole('button', { name: 'Sign in with your work account' });
    await expect
      .poll(
        async () => {
          await options.goto(`chrome-extension://${learner.extensionId}/options.html`);
          return signInButton.waitFor({ timeout: 3000 }).then(
            () => 1,
            () => 0,
          );
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(1);

    // The provider's login page opens in the browser's sign-in window.
    const loginPage: Promise<Page> = learner.context.waitForEvent('page', { predicate: (page) => page.url().startsWith(idp.issuer), timeout: 20_000 });
    await signInButton.click();
    const login = await loginPage;
    await login.locator('input[name="login"]').fill('alice');
    await login.locator('input[name="password"]').fill('any');
    await login.locator('button[type="submit"]').click();
    await options.getByText('Signed in as Alice Acme (Finance)').waitFor({ timeout: 20_000 });

    const page = await learner.context.newPage();
    await page.goto(`${lms.origin}/course/view.php?id=2`);
    const widget = ratingWidget(page, `moodle:${new URL(lms.origin).host}:course:2`);
    expect(await freshAggregate(widget)).toBe('No ratings yet');
    await rateWithMouse(widget, 5);
    // Saved, not just shown: otherwise the outsider's empty answer below would prove nothing.
    expect(await savedAggregate(widget)).toBe('★ 5.0 (1)');

    // A learner of the demo company, on the same server, sees nothing of Acme's rating.
    const outsider = await apiLearner(server, 'Demo outsider');
    const [summary] = await outsider.items.summaries.query({ items: [`moodle:${new URL(lms.origin).host}:course:2`] });
    expect(summary).toMatchObject({ count: 0, average: null });
    await page.close();
    await options.close();
  });
});
