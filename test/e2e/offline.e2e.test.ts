import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED_FIXTURES } from '../support/shared-fixtures';
import { launchWithExtension, type LearnerBrowser } from './support/browser';
import { CHROME_BUILD_DIR } from './support/build-extension';
import { startFixtureLms, type FixtureLms } from './support/lms-server';
import { startRippleServer, type RunningServer } from './support/ripple-server';
import { freshAggregate, ratingWidget, signInThroughOptions } from './support/learner';
import { apiLearner } from './support/api-learner';

/** Writes made while the server is down are kept by the extension and land exactly once when it is back. */
describe.skipIf(!HAS_SHARED_FIXTURES)('offline writes on a real Moodle page', () => {
  let lms: FixtureLms;
  let server: RunningServer;
  let learner: LearnerBrowser;
  let course: string;

  beforeAll(async () => {
    [lms, server] = await Promise.all([startFixtureLms(), startRippleServer()]);
    course = `moodle:${new URL(lms.origin).host}:course:2`;
    learner = await launchWithExtension(CHROME_BUILD_DIR);
    await signInThroughOptions(learner, server.url, 'Alice Learner', 'Data');
  });

  afterAll(async () => {
    await learner?.close();
    await Promise.allSettled([server?.close(), lms?.close()]);
  });

  it('keeps a review, three comments and a tip written offline and sends each once when the server is back', async () => {
    const page = await learner.context.newPage();
    await page.goto(`${lms.origin}/course/view.php?id=2`);
    await freshAggregate(ratingWidget(page, course));

    await server.stop();
    await page.reload();
    const widget = ratingWidget(page, course);
    await widget.and(page.locator('[data-ripple-state="offline"]')).waitFor({ timeout: 20_000 });
    await widget.getByRole('button', { name: /Reviews & discussion/ }).click();
    await widget.locator('.popover label.star').nth(4).click();
    await widget.getByPlaceholder('Your review: what should colleagues know?').fill('Written on a train, no network.');
    await widget.getByRole('button', { name: 'Publish review' }).click();
    await widget.getByText(/Saved on this computer/).first().waitFor();

    await widget.getByRole('tab', { name: /Discussion/ }).click();
    for (const n of [1, 2, 3]) {
      await widget.getByPlaceholder('Start a discussion').fill(`Offline question ${n}`);
      await widget.getByRole('button', { name: 'Post', exact: true }).click();
      await expect.poll(() => widget.getByPlaceholder('Start a discussion').inputValue()).toBe('');
    }

    await widget.getByRole('tab', { name: /Resources/ }).click();
    await widget.getByRole('button', { name: 'Add a resource' }).click();
    const form = widget.getByRole('form', { name: 'Add a resource' });
    await form.getByRole('radio', { name: 'Tip' }).check();
    await form.getByLabel('Your tip').fill('Offline tip: the glossary is in week 1.');
    await form.getByRole('button', { name: 'Share', exact: true }).click();
    await form.getByText(/Saved on this computer/).waitFor();
    expect(await form.getByLabel('Your tip').inputValue()).toBe('');
    await page.close();

    await server.start();
    // The next page view reaches the server, which is when the extension sends what waited.
    const back = await learner.context.newPage();
    await back.goto(`${lms.origin}/course/view.php?id=2`);
    await freshAggregate(ratingWidget(back, course));

    const colleague = await apiLearner(server, 'Bob Colleague');
    await expect.poll(async () => (await colleague.comments.list.query({ item: course })).comments.length, { timeout: 20_000 }).toBe(3);
    const comments = (await colleague.comments.list.query({ item: course, sort: 'newest' })).comments.map((c) => c.body);
    expect(comments.sort()).toEqual(['Offline question 1', 'Offline question 2', 'Offline question 3']);
    await expect.poll(async () => (await colleague.contributions.list.query({ item: course })).contributions.map((c) => c.text), { timeout: 20_000 }).toEqual([
      'Offline tip: the glossary is in week 1.',
    ]);
    const reviews = (await colleague.reviews.list.query({ item: course })).reviews;
    expect(reviews.map((r) => [r.text, r.stars, r.author.name])).toEqual([['Written on a train, no network.', 5, 'Alice Learner']]);
    // Reloading again sends nothing twice.
    await back.reload();
    await freshAggregate(ratingWidget(back, course));
    await back.waitForTimeout(500);
    expect((await colleague.comments.list.query({ item: course })).comments).toHaveLength(3);
    expect((await colleague.contributions.list.query({ item: course })).contributions).toHaveLength(1);
    await back.close();
  });
});
