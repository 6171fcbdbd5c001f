import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_SHARED_FIXTURES } from '../support/shared-fixtures';
import { CANARY, HOSTILE_PAYLOADS } from '../fixtures/hostile-corpus';
import { launchWithExtension, type LearnerBrowser } from './support/browser';
import { CHROME_BUILD_DIR } from './support/build-extension';
import { startFixtureLms, type FixtureLms } from './support/lms-server';
import { startRippleServer, type RunningServer } from './support/ripple-server';
import { freshAggregate, ratingWidget, signInThroughOptions } from './support/learner';
import { apiLearner, clientId } from './support/api-learner';

/**
 * The hostile corpus, posted as reviews, comments, tips, links and posts by colleagues and rendered in real Chromium
 * on the real Moodle course page: no script runs (a canary in the page's world, where scripts and
 * inline handlers that reached the DOM as markup would run, proves it), the page's layout stays as
 * it was, and the text is shown as text.
 */
describe.skipIf(!HAS_SHARED_FIXTURES)('hostile content on a real Moodle page', () => {
  let lms: FixtureLms;
  let server: RunningServer;
  let learner: LearnerBrowser;
  let course: string;
  // The server refuses control characters; strip them here so every other payload is stored.
  const stored = HOSTILE_PAYLOADS.map((payload) => payload.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '')).filter((p) => p.trim());

  beforeAll(async () => {
    [lms, server] = await Promise.all([startFixtureLms(), startRippleServer()]);
    course = `moodle:${new URL(lms.origin).host}:course:3`;
    // 30 colleagues each leave a hostile review; one of them posts every payload as a comment.
    const writers = await Promise.all(Array.from({ length: 30 }, (_, n) => apiLearner(server, `<img src=x onerror=window.${CANARY}=1> ${n}`)));
    await Promise.all(
      writers.map((writer, n) =>
        writer.reviews.upsert.mutate({ item: course, stars: 1 + (n % 5), title: stored[n]!.replace(/\s+/g, ' ').trim().slice(0, 120) || null, text: stored[n]!.slice(0, 5000), completed: false, clientId: clientId() }),
      ),
    );
    for (const body of stored) await writers[0]!.comments.create.mutate({ item: course, body, clientId: clientId() });
    // The same payloads as tips, as links' titles and reasons, and as posts about the course.
    const line = (payload: string) => payload.replace(/\s+/g, ' ').trim().slice(0, 200) || 'x';
    for (const [n, text] of stored.entries()) {
      await writers[1]!.contributions.create.mutate({ kind: 'tip', item: course, text: text.slice(0, 1000), clientId: clientId() });
      await writers[2]!.contributions.create.mutate({ kind: 'link', item: course, title: line(text), url: `https://example.org/${n}`, why: text.slice(0, 1000), clientId: clientId() });
      await writers[3]!.posts.create.mutate({ title: line(text), body: text, items: [course], status: 'published', clientId: clientId() });
    }
    learner = await launchWithExtension(CHROME_BUILD_DIR);
    await signInThroughOptions(learner, server.url, 'Alice Learner', 'Data');
  });

  afterAll(async () => {
    await learner?.close();
    await Promise.allSettled([server?.close(), lms?.close()]);
  });

  it(`renders ${HOSTILE_PAYLOADS.length} payloads inertly`, async () => {
    expect(HOSTILE_PAYLOADS.length).toBeGreaterThanOrEqual(50);
    const page = await learner.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => (dialogs.push(dialog.message()), void dialog.dismiss()));
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${lms.origin}/course/view.php?id=3`);
    const widget = ratingWidget(page, course);
    await freshAggregate(widget);
    // Where the course heading sits in the document (not the viewport: the test scrolls).
    const headingPosition = () =>
      page.evaluate(() => {
        const rect = document.querySelector('.page-header-headings h1')!.getBoundingClientRect();
        return [rect.left + scrollX, rect.top + scrollY, rect.width, rect.height];
      });
    const headingBefore = await headingPosition();
    const countActiveElements = () => page.evaluate(() => document.querySelectorAll('script, iframe, style, link, object, embed, base, meta').length);
    const activeBefore = await countActiveElements();

    await widget.getByRole('button', { name: /Reviews & discussion/ }).click();
    /** Pages through a list the way a learner does, one "Show more" at a time. */
    const showAll = async (list: typeof widget) => {
      const more = widget.getByRole('button', { name: 'Show more' });
      while ((await more.count()) > 0) {
        const before = await list.count();
        await more.click();
        await expect.poll(async () => (await list.count()) > before || (await more.count()) === 0).toBe(true);
      }
    };
    const reviews = widget.locator('article.review');
    await reviews.first().waitFor();
    await showAll(reviews);
    await expect.poll(() => reviews.count()).toBe(30);

    await widget.getByRole('tab', { name: /Discussion/ }).click();
    const comments = widget.locator('article.comment');
    await comments.first().waitFor();
    await showAll(comments);
    await expect.poll(() => comments.count()).toBe(stored.length);
    // The text is shown as typed, as text.
    expect(await comments.filter({ hasText: '<script>window.__rippleCanary=1</script>' }).count()).toBeGreaterThan(0);

    await widget.getByRole('tab', { name: /Resources/ }).click();
    const resources = widget.locator('article.contribution');
    await resources.first().waitFor();
    await showAll(resources);
    await expect.poll(() => resources.count()).toBe(stored.length * 2);

    await widget.getByRole('tab', { name: /Posts/ }).click();
    const posts = widget.locator('article.post');
    await posts.first().waitFor();
    await showAll(posts);
    await expect.poll(() => posts.count()).toBe(stored.length);
    // Folded posts open too, so their whole text is rendered.
    const readMore = widget.getByRole('button', { name: 'Read more' });
    while ((await readMore.count()) > 0) await readMore.first().click();
    await page.waitForTimeout(300);

    // Nothing ran and nothing was fetched from a payload.
    expect(await page.evaluate((name) => (window as unknown as Record<string, unknown>)[name], CANARY)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(requests.filter((url) => url.includes('evil.example') || url.endsWith('/x'))).toEqual([]);
    // Only Ripple's own markup exists in the shadow root: no element from a payload.
    const foreign = await widget.evaluate((host) =>
      [...host.shadowRoot!.querySelectorAll('script, iframe, img, svg, object, embed, video, audio, style:not([data-ripple-style]), link, meta, base, form:not(.text-form), input:not([type=radio]):not([data-ripple-field]), details, marquee, math, template')].map((el) => el.tagName),
    );
    expect(foreign).toEqual([]);
    // Every link the payloads made is http(s) with the safe rel, opening a new tab.
    const links = await widget.evaluate((host) => [...host.shadowRoot!.querySelectorAll('a')].map((a) => [a.protocol, a.rel, a.target]));
    for (const [protocol, rel, target] of links) {
      expect(['http:', 'https:', 'mailto:']).toContain(protocol);
      expect(rel).toBe('noopener noreferrer nofollow ugc');
      expect(target).toBe('_blank');
    }
    expect(await posts.filter({ hasText: '<script>window.__rippleCanary=1</script>' }).count()).toBeGreaterThan(0);
    // The page's own layout did not move, and nothing of Ripple escaped the widget's host.
    expect(await headingPosition()).toEqual(headingBefore);
    expect(await countActiveElements()).toBe(activeBefore);
    await page.close();
  });
});
