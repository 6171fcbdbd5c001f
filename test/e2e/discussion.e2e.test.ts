import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { HAS_SHARED_FIXTURES } from '../support/shared-fixtures';
import { launchWithExtension, type LearnerBrowser } from './support/browser';
import { CHROME_BUILD_DIR } from './support/build-extension';
import { startFixtureLms, type FixtureLms } from './support/lms-server';
import { startRippleServer, type RunningServer } from './support/ripple-server';
import { freshAggregate, ratingWidget, signInThroughOptions } from './support/learner';
import { apiLearner, clientId, promoteToModerator } from './support/api-learner';

/**
 * Reviews, discussion and moderation, end to end: two learners in two Chromium profiles on the
 * real Moodle course page, colleagues reporting through the API, a moderator restoring in place.
 */
describe.skipIf(!HAS_SHARED_FIXTURES)('reviews and discussion on real Moodle pages', () => {
  let lms: FixtureLms;
  let server: RunningServer;
  let alice: LearnerBrowser;
  let bob: LearnerBrowser;
  let course: string;

  beforeAll(async () => {
    [lms, server] = await Promise.all([startFixtureLms(), startRippleServer()]);
    course = `moodle:${new URL(lms.origin).host}:course:2`;
    [alice, bob] = await Promise.all([launchWithExtension(CHROME_BUILD_DIR), launchWithExtension(CHROME_BUILD_DIR)]);
    await Promise.all([
      signInThroughOptions(alice, server.url, 'Alice Learner', 'Data'),
      signInThroughOptions(bob, server.url, 'Bob Colleague', 'Sales'),
    ]);
  });

  afterAll(async () => {
    await Promise.allSettled([alice?.close(), bob?.close()]);
    await Promise.allSettled([server?.close(), lms?.close()]);
  });

  async function openPanel(learner: LearnerBrowser, path = '/course/view.php?id=2', key = course): Promise<{ page: Page; widget: Locator }> {
    const page = await learner.context.newPage();
    await page.goto(`${lms.origin}${path}`);
    const widget = ratingWidget(page, key);
    await freshAggregate(widget);
    await widget.getByRole('button', { name: /Reviews & discussion/ }).click();
    return { page, widget };
  }

  const discussionTab = (widget: Locator) => widget.getByRole('tab', { name: /Discussion/ });

  it('lets a learner review and start a discussion, and a colleague vote, reply and report', async () => {
    const a = await openPanel(alice);
    await a.widget.locator('.popover label.star').nth(3).click();
    await a.widget.getByPlaceholder('Your review: what should colleagues know?').fill('Clear *examples*, and the **quiz** really helps.');
    await a.widget.getByRole('button', { name: 'Publish review' }).click();
    await a.widget.locator('article.review').filter({ hasText: 'Clear examples' }).waitFor();
    expect(await a.widget.locator('article.review em').innerText()).toBe('examples');
    await expect.poll(() => a.widget.locator('.aggregate').innerText()).toMatch(/4\.0\s*\(1\)/);

    await discussionTab(a.widget).click();
    await a.widget.getByPlaceholder('Start a discussion').fill('Where are the slides for week 2?');
    await a.widget.getByRole('button', { name: 'Post', exact: true }).click();
    await a.widget.locator('article.comment').filter({ hasText: 'Where are the slides' }).waitFor();
    // A poll: the live refresh of the review, fetched before the comment existed, may land after it.
    await expect.poll(() => discussionTab(a.widget).innerText()).toContain('(1)');
    await a.page.close();

    const b = await openPanel(bob);
    const review = b.widget.locator('article.review').filter({ hasText: 'Clear examples' });
    await review.waitFor();
    expect(await review.locator('.author').innerText()).toBe('Alice Learner');
    await review.getByRole('button', { name: /Helpful/ }).click();
    await expect.poll(() => review.getByRole('button', { name: /Helpful/ }).innerText()).toBe('Helpful (1)');
    expect(await review.getByRole('button', { name: /Helpful/ }).getAttribute('aria-pressed')).toBe('true');

    await discussionTab(b.widget).click();
    const comment = b.widget.locator('article.comment').filter({ hasText: 'Where are the slides' }).first();
    await comment.getByRole('button', { name: 'Reply', exact: true }).first().click();
    await b.widget.getByPlaceholder('Your reply').fill('In the Week 2 section, under *Lecture slides*.');
    await b.widget.getByRole('button', { name: 'Reply', exact: true }).last().click();
    await b.widget.locator('article.reply').filter({ hasText: 'In the Week 2 section' }).waitFor();

    await comment.getByRole('button', { name: 'Report', exact: true }).first().click();
    await comment.getByRole('button', { name: 'Abusive' }).first().click();
    await comment.getByText('Reported — thank you').first().waitFor();
    await b.page.close();
  });

  it('hides reported content after the threshold, shows the author its state, and lets a moderator restore it', async () => {
    // Two more colleagues report: three distinct reports reach the default threshold.
    const [carol, dan] = await Promise.all([apiLearner(server, 'Carol'), apiLearner(server, 'Dan')]);
    const page = await carol.comments.list.query({ item: course });
    const target = page.comments.find((c) => c.body?.startsWith('Where are the slides'))!;
    await carol.moderation.report.mutate({ kind: 'comment', id: target.id, reason: 'spam', clientId: clientId() });
    await dan.moderation.report.mutate({ kind: 'comment', id: target.id, reason: 'abuse', clientId: clientId() });

    const b = await openPanel(bob);
    await discussionTab(b.widget).click();
    await b.widget.getByPlaceholder('Start a discussion').waitFor();
    await expect.poll(() => b.widget.locator('article.comment').filter({ hasText: 'Where are the slides' }).count()).toBe(0);
    await b.page.close();

    const a = await openPanel(alice);
    await discussionTab(a.widget).click();
    const own = a.widget.locator('article.comment').filter({ hasText: 'Where are the slides' }).first();
    await own.getByText('hidden after reports, awaiting a moderator').waitFor();
    await a.page.close();

    await promoteToModerator(server, 'Bob Colleague');
    const m = await openPanel(bob);
    await discussionTab(m.widget).click();
    const hidden = m.widget.locator('article.comment').filter({ hasText: 'Where are the slides' }).first();
    await hidden.getByRole('button', { name: 'Restore' }).first().click();
    await expect.poll(() => hidden.getByText('hidden after reports').count()).toBe(0);
    await m.page.close();

    const c = await openPanel(alice);
    await discussionTab(c.widget).click();
    await c.widget.locator('article.comment').filter({ hasText: 'Where are the slides' }).first().waitFor();
    expect(await c.widget.locator('article.comment').filter({ hasText: 'Where are the slides' }).first().getByText('hidden after reports').count()).toBe(0);
    await c.page.close();

    const moderator = await apiLearner(server, 'Mia Moderator');
    await promoteToModerator(server, 'Mia Moderator');
    const audit = await moderator.moderation.auditLog.query({});
    const steps = audit.entries.filter((entry) => entry.targetId === target.id).map((entry) => [entry.action, entry.actor]);
    expect(steps).toEqual([
      ['restore', 'Bob Colleague'],
      ['auto-hide', null],
    ]);
  });

  it('keeps a draft through a reload', async () => {
    const first = await openPanel(alice);
    await discussionTab(first.widget).click();
    await first.widget.getByPlaceholder('Start a discussion').fill('Half-written thought about pandas');
    await first.page.waitForTimeout(700);
    await first.page.close();
    const again = await openPanel(alice);
    await discussionTab(again.widget).click();
    await expect.poll(() => again.widget.getByPlaceholder('Start a discussion').inputValue()).toBe('Half-written thought about pandas');
    await again.page.close();
  });

  it('passes axe with the panel open, and works by keyboard', async () => {
    const { page, widget } = await openPanel(alice);
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: unknown) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      const result = await axe.run({ include: [['ripple-widget']] });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(violations).toEqual([]);
    // Tabs follow the WAI-ARIA pattern: arrows move between them.
    await widget.getByRole('tab', { name: /Reviews/ }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => widget.getByRole('tab', { name: /Discussion/ }).getAttribute('aria-selected')).toBe('true');
    await page.close();
  });
});
