import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAS_SHARED_FIXTURES } from '../support/shared-fixtures';
import { launchWithExtension, type LearnerBrowser } from './support/browser';
import { CHROME_BUILD_DIR } from './support/build-extension';
import { startFixtureLms, type FixtureLms } from './support/lms-server';
import { startRippleServer, type RunningServer } from './support/ripple-server';
import { freshAggregate, rateWithMouse, ratingWidget, savedAggregate, signInThroughOptions } from './support/learner';

/** Badges on every tile of real Moodle listings, one request per page, kept through re-renders. */
describe.skipIf(!HAS_SHARED_FIXTURES)('tile badges on real Moodle pages', () => {
  let lms: FixtureLms;
  let server: RunningServer;
  let learner: LearnerBrowser;
  let site: string;

  beforeAll(async () => {
    [lms, server] = await Promise.all([startFixtureLms(), startRippleServer()]);
    site = new URL(lms.origin).host;
    learner = await launchWithExtension(CHROME_BUILD_DIR);
    await signInThroughOptions(learner, server.url, 'Alice Learner', 'Data');
    const page = await learner.context.newPage();
    await page.goto(`${lms.origin}/course/view.php?id=2`);
    const widget = ratingWidget(page, `moodle:${site}:course:2`);
    await freshAggregate(widget);
    await rateWithMouse(widget, 4);
    expect(await savedAggregate(widget)).toBe('★ 4.0 (1)');
    await page.close();
  });

  afterAll(async () => {
    await learner?.close();
    await Promise.allSettled([server?.close(), lms?.close()]);
  });

  const badges = (page: Page) => page.locator('ripple-widget[data-ripple="tile-badge"]');
  const badge = (page: Page, key: string) => page.locator(`ripple-widget[data-ripple="tile-badge"][data-ripple-item="${key}"]`);

  async function allFresh(page: Page, expected: number): Promise<void> {
    await expect.poll(() => page.locator('ripple-widget[data-ripple="tile-badge"][data-ripple-state="fresh"]').count(), { timeout: 15_000 }).toBe(expected);
  }

  it('puts a badge on every course card of My courses with one request', async () => {
    const page = await learner.context.newPage();
    const before = server.requestCount();
    await page.goto(`${lms.origin}/my/courses.php`);
    const cards = await page.locator('[data-region="course-content"][data-course-id]').count();
    expect(cards).toBe(6);
    await allFresh(page, cards);
    expect(server.requestCount() - before).toBe(1);
    // Each badge sits inside its own card.
    for (const id of [2, 3, 4, 9, 10, 11]) {
      const inCard = await badge(page, `moodle:${site}:course:${id}`).evaluate((el, courseId) => el.closest('[data-course-id]')?.getAttribute('data-course-id') === String(courseId), id);
      expect(inCard).toBe(true);
    }
    expect(await badge(page, `moodle:${site}:course:2`).getAttribute('data-ripple-state')).toBe('fresh');
    expect(await badge(page, `moodle:${site}:course:2`).getByRole('img').getAttribute('aria-label')).toBe('Average 4.0 out of 5, 1 rating');
    expect(await badge(page, `moodle:${site}:course:3`).getByRole('img').getAttribute('aria-label')).toBe('No ratings yet');
    await page.close();
  });

  it('badges the activity rows of a course page in the same request as the course widget', async () => {
    const page = await learner.context.newPage();
    const before = server.requestCount();
    await page.goto(`${lms.origin}/course/view.php?id=2`);
    await freshAggregate(ratingWidget(page, `moodle:${site}:course:2`));
    const rows = await page.locator('#region-main li.activity[data-for="cmitem"]').count();
    expect(rows).toBeGreaterThan(5);
    await expect.poll(() => badges(page).count()).toBeGreaterThan(5);
    await allFresh(page, await badges(page).count());
    expect(server.requestCount() - before).toBe(1);
    await page.close();
  });

  it('badges tiles the LMS adds late, and puts back badges a re-render removed, without duplicates', async () => {
    const page = await learner.context.newPage();
    await page.goto(`${lms.origin}/my/courses.php`);
    await allFresh(page, 6);
    // Let anything the page view started settle before counting what the new card costs.
    await page.waitForTimeout(500);
    const before = server.requestCount();

    // As Moodle's JavaScript does: a new card appears, and an existing card is re-rendered.
    await page.evaluate(() => {
      const card2 = document.querySelector('[data-region="course-content"][data-course-id="2"]')!;
      const clone = card2.cloneNode(true) as HTMLElement;
      clone.querySelectorAll('ripple-widget').forEach((el) => el.remove());
      clone.setAttribute('data-course-id', '99');
      clone.querySelectorAll('a.coursename').forEach((a) => a.setAttribute('href', '/course/view.php?id=99'));
      card2.after(clone);
      // A re-render: the card is replaced by a fresh copy without Ripple's badge.
      const card3 = document.querySelector('[data-region="course-content"][data-course-id="3"]')!;
      const rerendered = card3.cloneNode(true) as HTMLElement;
      rerendered.querySelectorAll('ripple-widget').forEach((el) => el.remove());
      card3.replaceWith(rerendered);
    });
    await expect.poll(() => badge(page, `moodle:${site}:course:99`).getAttribute('data-ripple-state'), { timeout: 10_000 }).toBe('fresh');
    await expect.poll(() => badge(page, `moodle:${site}:course:3`).count()).toBe(1);
    expect(await badges(page).count()).toBe(7);
    // Only the new card was asked for.
    expect(server.requestCount() - before).toBe(1);
    await page.close();
  });

  it('follows single-page navigation: the old widget goes, the new page gets its own, no duplicates', async () => {
    const page = await learner.context.newPage();
    await page.goto(`${lms.origin}/course/view.php?id=2`);
    await freshAggregate(ratingWidget(page, `moodle:${site}:course:2`));
    // What an SPA LMS does: a history navigation, then its own re-render of the page.
    await page.evaluate(() => {
      history.pushState({}, '', '/course/view.php?id=3');
      document.body.classList.replace('course-2', 'course-3');
      document.querySelector('.page-header-headings h1')!.textContent = 'Workplace Safety Essentials';
    });
    await freshAggregate(ratingWidget(page, `moodle:${site}:course:3`));
    expect(await page.locator('ripple-widget[data-ripple="rating"]').count()).toBe(1);
    expect(await ratingWidget(page, `moodle:${site}:course:2`).count()).toBe(0);
    await page.close();
  });
});
