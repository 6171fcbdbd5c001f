import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED_FIXTURES } from '../support/shared-fixtures';
import { launchWithExtension, type LearnerBrowser } from './support/browser';
import { CHROME_BUILD_DIR } from './support/build-extension';
import { startFixtureLms, type FixtureLms } from './support/lms-server';
import { startRippleServer, type RunningServer } from './support/ripple-server';
import { freshAggregate, ratingWidget, signInThroughOptions } from './support/learner';
import { apiLearner, clientId } from './support/api-learner';

/**
 * "Popular with colleagues" on the real Moodle pages: figures about 5 colleagues show, figures
 * about 4 never do (the default minimum group size), and one request per page brings them all.
 */
describe.skipIf(!HAS_SHARED_FIXTURES)('popularity on real Moodle pages', () => {
  let lms: FixtureLms;
  let server: RunningServer;
  let learner: LearnerBrowser;
  let site: string;

  beforeAll(async () => {
    [lms, server] = await Promise.all([startFixtureLms(), startRippleServer()]);
    site = new URL(lms.origin).host;
    // Figures cover whole days before today: the colleagues took these courses yesterday.
    const yesterday = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
    const course = (id: number) => `moodle:${site}:course:${id}`;
    const took = (id: number, title: string) => [
      { item: course(id), kind: 'view' as const, at: yesterday, itemTitle: title },
      { item: course(id), kind: 'complete' as const, at: yesterday, itemTitle: title },
    ];
    const team = await Promise.all([1, 2, 3, 4, 5].map((n) => apiLearner(server, `Data colleague ${n}`, 'Data')));
    await Promise.all(
      team.map((colleague, n) =>
        colleague.signals.record.mutate({
          // All five took course 2; only four took course 3: below the threshold, it must stay invisible.
          events: [...took(2, 'Introduction to Data Science'), ...(n < 4 ? took(3, 'Workplace Safety Essentials') : [])],
          clientId: clientId(),
        }),
      ),
    );
    const elsewhere = await Promise.all([1, 2, 3].map((n) => apiLearner(server, `Sales colleague ${n}`, 'Sales')));
    await Promise.all(elsewhere.map((colleague) => colleague.signals.record.mutate({ events: took(4, 'Effective Communication Skills'), clientId: clientId() })));
    learner = await launchWithExtension(CHROME_BUILD_DIR);
    await signInThroughOptions(learner, server.url, 'Alice Learner', 'Data');
  });

  afterAll(async () => {
    await learner?.close();
    await Promise.allSettled([server?.close(), lms?.close()]);
  });

  it('says how many colleagues in the team took a course, only from five of them', async () => {
    const page = await learner.context.newPage();
    await page.goto(`${lms.origin}/course/view.php?id=2`);
    const widget = ratingWidget(page, `moodle:${site}:course:2`);
    await freshAggregate(widget);
    expect(await widget.locator('.colleagues').innerText()).toBe('5 colleagues in your team completed this in the last 30 days');

    await page.goto(`${lms.origin}/course/view.php?id=3`);
    const four = ratingWidget(page, `moodle:${site}:course:3`);
    await freshAggregate(four);
    expect(await four.locator('.colleagues').count()).toBe(0);
    await page.close();
  });

  it('marks team favourites on My courses and shelves them above the list, in one request', async () => {
    const page = await learner.context.newPage();
    const before = server.requestCount();
    await page.goto(`${lms.origin}/my/courses.php`);
    const badge = (id: number) => page.locator(`ripple-widget[data-ripple="tile-badge"][data-ripple-item="moodle:${site}:course:${id}"]`);
    await expect.poll(() => page.locator('ripple-widget[data-ripple="tile-badge"][data-ripple-state="fresh"]').count(), { timeout: 15_000 }).toBe(6);
    expect(await badge(2).getByText('Popular with your team').count()).toBe(1);
    expect(await badge(3).getByText('Popular with your team').count()).toBe(0);

    const shelf = page.locator('ripple-widget[data-ripple="popular-shelf"]');
    await shelf.getByRole('heading', { name: 'Popular with colleagues in your team' }).waitFor();
    const entries = await shelf.locator('li').allInnerTexts();
    expect(entries).toEqual(['Introduction to Data Science (5 colleagues)']);
    expect(await shelf.getByRole('link', { name: 'Introduction to Data Science' }).getAttribute('href')).toBe(`${lms.origin}/course/view.php?id=2`);
    // The shelf sits above the course list, outside every card.
    expect(await shelf.evaluate((el) => el.closest('[data-course-id]'))).toBeNull();
    expect(server.requestCount() - before).toBe(1);
    await page.close();
  });
});
