import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { HAS_SHARED_FIXTURES } from '../support/shared-fixtures';
import { launchWithExtension, type LearnerBrowser } from './support/browser';
import { CHROME_BUILD_DIR } from './support/build-extension';
import { startFixtureLms, type FixtureLms } from './support/lms-server';
import { startRippleServer, type RunningServer } from './support/ripple-server';
import { freshAggregate, ratingWidget, signInThroughOptions } from './support/learner';
import { apiLearner, clientId, promoteToModerator } from './support/api-learner';

/** A small but real PDF: the server decides the type from these bytes, not from the name. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
/** An SVG with a script, renamed `.pdf`: what a hostile colleague might try to share. */
const DISGUISED = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');

/**
 * Learners as producers, end to end on the real Moodle course page: Alice shares a link, a PDF
 * and a tip and writes a post; Bob sees them in the widget and the panel, marks the PDF helpful
 * and downloads it; Alice hears of it on the toolbar (live, and again after her browser
 * restarts), exports her data, deletes her account; Bob then sees what the company's policy says.
 */
describe.skipIf(!HAS_SHARED_FIXTURES)('learners as producers on real Moodle pages', () => {
  let lms: FixtureLms;
  let server: RunningServer;
  let alice: LearnerBrowser;
  let bob: LearnerBrowser;
  let course: string;
  const aliceProfile = mkdtempSync(path.join(tmpdir(), 'ripple-profile-alice-'));

  beforeAll(async () => {
    [lms, server] = await Promise.all([startFixtureLms(), startRippleServer()]);
    course = `moodle:${new URL(lms.origin).host}:course:2`;
    [alice, bob] = await Promise.all([launchWithExtension(CHROME_BUILD_DIR, { profileDir: aliceProfile }), launchWithExtension(CHROME_BUILD_DIR)]);
    await Promise.all([signInThroughOptions(alice, server.url, 'Alice Learner', 'Data'), signInThroughOptions(bob, server.url, 'Bob Colleague', 'Sales')]);
  });

  afterAll(async () => {
    await Promise.allSettled([alice?.close(), bob?.close()]);
    await Promise.allSettled([server?.close(), lms?.close()]);
    rmSync(aliceProfile, { recursive: true, force: true });
  });

  async function openCourse(learner: LearnerBrowser): Promise<{ page: Page; widget: Locator }> {
    const page = await learner.context.newPage();
    await page.goto(`${lms.origin}/course/view.php?id=2`);
    const widget = ratingWidget(page, course);
    await freshAggregate(widget);
    return { page, widget };
  }

  /** What the toolbar icon's badge says, asked of the extension's (current) service worker. */
  async function badge(learner: LearnerBrowser): Promise<string> {
    const worker = learner.context.serviceWorkers().at(-1) ?? (await learner.context.waitForEvent('serviceworker'));
    return worker.evaluate('chrome.action.getBadgeText({})') as Promise<string>;
  }

  async function share(widget: Locator, kind: 'Link' | 'File' | 'Tip', fill: () => Promise<void>): Promise<void> {
    const form = widget.getByRole('form', { name: 'Add a resource' });
    // The form opens on demand, then stays open for the next one.
    if ((await form.count()) === 0) await widget.getByRole('button', { name: 'Add a resource' }).click();
    await form.getByRole('radio', { name: kind }).check();
    await fill();
    await form.getByRole('button', { name: 'Share', exact: true }).click();
  }

  it('lets a learner share a link, a PDF and a tip, and write a post about the course', async () => {
    const { page, widget } = await openCourse(alice);
    await widget.getByRole('button', { name: /Reviews & discussion/ }).click();
    await widget.getByRole('tab', { name: /Resources/ }).click();
    const form = widget.getByRole('form', { name: 'Add a resource' });

    await share(widget, 'Link', async () => {
      await form.getByLabel('Title').fill('GDPR in plain words');
      await form.getByLabel('Address (URL)').fill('https://example.org/gdpr-plain');
      await form.getByLabel('Why it helps (optional)').fill('The **best** summary of lawful bases.');
    });
    await widget.locator('article.contribution.kind-link').filter({ hasText: 'GDPR in plain words' }).waitFor();

    await share(widget, 'File', () => form.getByLabel('File to share').setInputFiles({ name: 'cheat-sheet.pdf', mimeType: 'application/pdf', buffer: PDF }));
    await widget.locator('article.contribution.kind-file').filter({ hasText: 'cheat-sheet.pdf' }).waitFor();

    // A disguised upload is refused with the server's reason, and nothing is added.
    await share(widget, 'File', () => form.getByLabel('File to share').setInputFiles({ name: 'slides.pdf', mimeType: 'application/pdf', buffer: DISGUISED }));
    await expect.poll(() => form.getByRole('alert').innerText()).toMatch(/can be shared|which its name does not say/);
    expect(await widget.locator('article.contribution').filter({ hasText: 'slides.pdf' }).count()).toBe(0);

    // Over the server's 10 MB limit: the server's words, nothing added.
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1, 0x20)]);
    await share(widget, 'File', () => form.getByLabel('File to share').setInputFiles({ name: 'scans.pdf', mimeType: 'application/pdf', buffer: big }));
    await expect.poll(() => form.getByRole('alert').innerText(), { timeout: 15_000 }).toMatch(/larger than the 10 MB limit/);
    expect(await widget.locator('article.contribution').filter({ hasText: 'scans.pdf' }).count()).toBe(0);

    await share(widget, 'Tip', () => form.getByLabel('Your tip').fill('Do the quiz *before* week 3: it shows what to reread.'));
    await widget.locator('article.contribution.kind-tip').filter({ hasText: 'before' }).waitFor();
    await expect.poll(() => widget.getByRole('tab', { name: /Resources/ }).innerText()).toBe('Resources (3)');

    await widget.getByRole('tab', { name: /Posts/ }).click();
    await widget.getByRole('button', { name: 'Write a post about this' }).click();
    const editor = widget.getByRole('form', { name: 'Write a post' });
    await editor.getByLabel('Title').fill('What I wish I knew before this course');
    await editor.getByLabel('Post (markdown)').fill('Three things:\n\n- read the *case studies*\n- keep the cheat sheet open\n- ask in the discussion');
    await editor.getByRole('button', { name: 'Publish' }).click();
    await widget.locator('article.post').filter({ hasText: 'What I wish I knew' }).waitFor();
    expect(await widget.locator('article.post em').first().innerText()).toBe('case studies');
    await page.close();
  });

  it('shows a colleague what was shared, in the widget and the panel, and lets them vote and download', async () => {
    // Alice keeps the course open: her browser holds the live stream that brings her notifications.
    const aliceTab = await openCourse(alice);
    const { page, widget } = await openCourse(bob);
    const extras = widget.getByRole('button', { name: '3 resources · 1 post' });
    await extras.waitFor();
    await extras.click();
    await expect.poll(() => widget.getByRole('tab', { name: /Resources/ }).getAttribute('aria-selected')).toBe('true');
    const cards = widget.locator('article.contribution');
    await expect.poll(() => cards.count()).toBe(3);
    const link = cards.filter({ hasText: 'GDPR in plain words' });
    expect(await link.locator('.author').innerText()).toBe('Alice Learner');
    expect(await link.getByRole('link', { name: 'GDPR in plain words' }).getAttribute('href')).toBe('https://example.org/gdpr-plain');
    expect(await link.locator('strong').innerText()).toBe('best');

    const pdf = cards.filter({ hasText: 'cheat-sheet.pdf' });
    await pdf.getByRole('button', { name: /Helpful/ }).click();
    await expect.poll(() => pdf.getByRole('button', { name: /Helpful/ }).innerText()).toBe('Helpful (1)');
    // Downloaded through the background with Bob's token, as a file: the same bytes Alice shared.
    const [download] = await Promise.all([page.waitForEvent('download'), pdf.getByRole('button', { name: 'Download cheat-sheet.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('cheat-sheet.pdf');
    expect(readFileSync((await download.path())!)).toEqual(PDF);
    // Saving the file is not a navigation: the panel stays as it was.
    expect(await widget.getByRole('tab', { name: /Resources/ }).getAttribute('aria-selected')).toBe('true');

    // Resources and posts are reported like comments (moderation is the same).
    const tip = cards.filter({ hasText: 'before week 3' });
    await tip.getByRole('button', { name: 'Report', exact: true }).click();
    await tip.getByRole('button', { name: 'Off-topic' }).click();
    await tip.getByText('Reported — thank you').waitFor();

    await widget.getByRole('tab', { name: /Posts/ }).click();
    await widget.locator('article.post').filter({ hasText: 'What I wish I knew' }).waitFor();

    // Alice's toolbar shows the notification without her doing anything.
    await expect.poll(() => badge(alice), { timeout: 15_000 }).toBe('1');
    await Promise.all([page.close(), aliceTab.page.close()]);
  });

  it('lists the notification in the panel, marks it read, and counts what arrived while the browser was closed', async () => {
    const panel = await alice.context.newPage();
    await panel.goto(`chrome-extension://${alice.extensionId}/sidepanel.html#notifications`);
    const entry = panel.locator('li.notification.unread');
    const helpful = entry.filter({ hasText: /Bob Colleague found what you wrote on .+ helpful/ });
    await helpful.waitFor();
    expect(await helpful.getByRole('link', { name: /^Open / }).getAttribute('href')).toBe(`${lms.origin}/course/view.php?id=2`);
    await panel.getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => panel.locator('li.notification.unread').count()).toBe(0);
    await expect.poll(() => badge(alice)).toBe('');

    await panel.getByRole('button', { name: 'Mine' }).click();
    await panel.locator('article.contribution').filter({ hasText: 'cheat-sheet.pdf' }).waitFor();
    const post = panel.locator('article.post').filter({ hasText: 'What I wish I knew' });
    await post.waitFor();
    // Outside the course page, the post says what it is about (the title the LMS gives it).
    expect(await post.locator('.about').innerText()).toMatch(/^About: \S.+/);
    // Alice opened the course: the title links back to it in the LMS.
    expect(await post.locator('.about a').getAttribute('href')).toBe(`${lms.origin}/course/view.php?id=2`);
    await panel.close();

    // Alice closes her browser; a colleague reviews the course she follows (she contributed to it).
    await alice.close();
    const carol = await apiLearner(server, 'Carol Colleague');
    await carol.reviews.upsert.mutate({ item: course, stars: 5, title: 'Worth it', text: 'The case studies are gold.', completed: true, clientId: clientId() });
    alice = await launchWithExtension(CHROME_BUILD_DIR, { profileDir: aliceProfile });
    await expect.poll(() => badge(alice), { timeout: 15_000 }).toBe('1');
  });

  it('passes axe on the resources tab and the notifications view', async () => {
    const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    const serious = (page: Page, include: string) =>
      page.evaluate(async (selector) => {
        const axe = (window as unknown as { axe: { run: (context: unknown) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
        const result = await axe.run(selector ? { include: [[selector]] } : document);
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      }, include);
    const { page, widget } = await openCourse(bob);
    await widget.getByRole('button', { name: /Reviews & discussion/ }).click();
    // By keyboard: arrows move between the panel's tabs.
    await widget.getByRole('tab', { name: /Reviews/ }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => widget.getByRole('tab', { name: /Resources/ }).getAttribute('aria-selected')).toBe('true');
    await widget.locator('article.contribution').first().waitFor();
    await page.addScriptTag({ path: axePath });
    expect(await serious(page, 'ripple-widget')).toEqual([]);
    await page.close();

    const panel = await bob.context.newPage();
    await panel.goto(`chrome-extension://${bob.extensionId}/sidepanel.html#notifications`);
    await panel.getByRole('heading', { name: 'Notifications' }).waitFor();
    // Extension pages forbid inline scripts (CSP): axe goes in through the debugger instead.
    await panel.evaluate(readFileSync(axePath, 'utf8'));
    expect(await serious(panel, '')).toEqual([]);
    await panel.close();
  });

  it('gives moderators the company’s reported content in the side panel, to hide and restore in place', async () => {
    await promoteToModerator(server, 'Bob Colleague');
    const panel = await bob.context.newPage();
    await panel.goto(`chrome-extension://${bob.extensionId}/sidepanel.html#moderation`);
    const entry = panel.locator('article.queue-entry').filter({ hasText: 'before week 3' });
    await entry.waitFor();
    expect(await entry.locator('.meta').first().innerText()).toContain('1 open reports: Off-topic 1');
    expect(await entry.getByRole('link', { name: 'Open where it is' }).getAttribute('href')).toBe(`${lms.origin}/course/view.php?id=2`);
    await entry.getByRole('button', { name: 'Hide' }).click();
    await entry.getByText('hidden by a moderator').waitFor();
    await entry.getByRole('button', { name: 'Restore' }).click();
    // Restored: its reports are dismissed and it leaves the queue.
    await expect.poll(() => entry.count()).toBe(0);
    await panel.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
    const violations = await panel.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: unknown) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      return (await axe.run(document)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(violations).toEqual([]);
    await panel.close();
  });

  it('lets a learner write a post from the feed about items they opened lately', async () => {
    const panel = await alice.context.newPage();
    await panel.goto(`chrome-extension://${alice.extensionId}/sidepanel.html#feed`);
    await panel.getByRole('button', { name: 'Write a post' }).click();
    const editor = panel.getByRole('form', { name: 'Write a post' });
    // Alice opened the course earlier: it is offered, with the title its page gave.
    const choices = editor.getByRole('group', { name: /^About \(optional\)/ });
    const courseChoice = choices.getByRole('checkbox').first();
    await courseChoice.waitFor();
    await courseChoice.check();
    await editor.getByLabel('Title').fill('Notes across courses');
    await editor.getByLabel('Post (markdown)').fill('What links them, in *practice*.');
    await panel.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
    const violations = await panel.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: unknown) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      return (await axe.run(document)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(violations).toEqual([]);
    await editor.getByRole('button', { name: 'Publish' }).click();
    const published = panel.locator('article.post').filter({ hasText: 'Notes across courses' });
    await published.waitFor();
    await published.locator('.about a').first().waitFor();

    // Colleagues find it on the course, not only in the feed.
    const colleague = await apiLearner(server, 'Dora Colleague');
    const about = (await colleague.posts.listForItem.query({ item: course })).posts.map((post) => post.title);
    expect(about).toContain('Notes across courses');
    await panel.close();
  });

  it('exports what the learner wrote, and after the account is deleted colleagues see "Former colleague"', async () => {
    const options = await alice.context.newPage();
    await options.goto(`chrome-extension://${alice.extensionId}/options.html`);
    const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Download my data (JSON)' }).click()]);
    const exported = readFileSync((await download.path())!, 'utf8');
    JSON.parse(exported);
    for (const written of ['GDPR in plain words', 'cheat-sheet.pdf', 'Do the quiz *before* week 3', 'What I wish I knew before this course']) expect(exported).toContain(written);

    await options.getByRole('button', { name: 'Delete my account…' }).click();
    await options.getByRole('alertdialog').getByRole('button', { name: 'Delete my account' }).click();
    await options.getByText('Your account was deleted. What you wrote stays, signed “Former colleague”').waitFor();
    await options.close();

    const { page, widget } = await openCourse(bob);
    await widget.getByRole('button', { name: /resources/ }).click();
    const link = widget.locator('article.contribution').filter({ hasText: 'GDPR in plain words' });
    await link.waitFor();
    expect(await link.locator('.author').innerText()).toBe('Former colleague');
    await widget.getByRole('tab', { name: /Posts/ }).click();
    const post = widget.locator('article.post').filter({ hasText: 'What I wish I knew' });
    await post.waitFor();
    expect(await post.locator('.author').innerText()).toBe('Former colleague');
    await page.close();
  });
});
