import type { Locator, Page } from 'playwright-core';
import type { LearnerBrowser } from './browser';

/** Signs a learner in through the extension's own options page, as a person would. */
export async function signInThroughOptions(learner: LearnerBrowser, serverUrl: string, name: string, team: string): Promise<void> {
  const page = await learner.context.newPage();
  await page.goto(`chrome-extension://${learner.extensionId}/options.html`);
  await page.locator('input[name="serverUrl"]').fill(serverUrl);
  await page.locator('input[name="displayName"]').fill(name);
  await page.locator('input[name="team"]').fill(team);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(`Signed in as ${name} (${team})`).waitFor();
  await page.close();
}

export function ratingWidget(page: Page, itemKey: string): Locator {
  return page.locator(`ripple-widget[data-ripple="rating"][data-ripple-item="${itemKey}"]`);
}

/** Waits until the widget shows the server's answer, then returns its aggregate text. */
export async function freshAggregate(widget: Locator): Promise<string> {
  await widget.and(widget.page().locator('[data-ripple-state="fresh"]')).waitFor({ timeout: 15_000 });
  return (await widget.locator('.aggregate').innerText()).replace(/\s+/g, ' ').trim();
}

/**
 * Waits until the widget has the server's answer to the learner's write (it is busy while saving;
 * before that it shows the choice at once), then returns its aggregate text. Needed before anyone
 * else reads the figures: the optimistic text alone does not mean the server has the rating.
 */
export async function savedAggregate(widget: Locator): Promise<string> {
  await widget.locator('section.ripple-rating[aria-busy="false"]').waitFor({ timeout: 15_000 });
  return (await widget.locator('.aggregate').innerText()).replace(/\s+/g, ' ').trim();
}

/** Clicks the n-th star (1–5), the way a learner rates with the mouse. */
export async function rateWithMouse(widget: Locator, stars: number): Promise<void> {
  await widget.locator('label.star').nth(stars - 1).click();
}
