/**
 * `npx tsx test/tools/screenshots.ts`: the README's pictures, taken in real Chromium with the
 * built extension on the demo LMS of `npm start`, with a few colleagues' reviews seeded.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createDemoLms } from '../../server/demo/demo-lms';
import { buildExtension } from '../e2e/support/build-extension';
import { launchWithExtension } from '../e2e/support/browser';
import { startRippleServer } from '../e2e/support/ripple-server';
import { signInThroughOptions, ratingWidget, freshAggregate } from '../e2e/support/learner';
import { apiLearner, clientId } from '../e2e/support/api-learner';
import { REPO_ROOT } from '../support/shared-fixtures';

const OUT = path.join(REPO_ROOT, '.github/media');

const dir = buildExtension();
const server = await startRippleServer();
const lms = createDemoLms();
await new Promise<void>((resolve) => lms.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(lms.address() as AddressInfo).port}`;
const course = `moodle:${new URL(origin).host}:course:2`;

const reviews: [string, number, string, string][] = [
  ['Priya Shah', 5, 'Best intro I have taken', 'The **week 1 quiz** is short but really checks you understood. Do the *pandas* exercises twice.'],
  ['Tom Becker', 4, 'Good, a bit fast in week 2', 'Week 2 assumes you know SQL joins. The [pandas docs](https://pandas.pydata.org) helped me catch up.'],
  ['Lea Martin', 4, '', 'Practical and to the point. The assignment took me about 3 hours.'],
];
for (const [name, stars, title, text] of reviews) {
  const api = await apiLearner(server, name, 'Finance');
  await api.reviews.upsert.mutate({ item: course, stars, title: title || null, text, completed: stars === 5, clientId: clientId() });
  if (name === 'Tom Becker') await api.comments.create.mutate({ item: course, body: 'Is there a recording of the live session on 12 May?', clientId: clientId() });
}
const tom = await apiLearner(server, 'Tom Becker', 'Finance');
await tom.contributions.create.mutate({ kind: 'link', item: course, title: 'Pandas cheat sheet', url: 'https://pandas.pydata.org/Pandas_Cheat_Sheet.pdf', why: 'Two pages with *every* method the course uses.', itemTitle: 'Introduction to Data Science', clientId: clientId() });
const priya = await apiLearner(server, 'Priya Shah', 'Finance');
await priya.contributions.create.mutate({ kind: 'tip', item: course, text: 'Do the week 1 quiz **before** the videos: it shows what to watch closely.', clientId: clientId() });
await priya.posts.create.mutate({
  title: 'Three things I wish I knew before starting',
  body: 'I finished the course last week. What would have saved me time:\n\n1. Keep the *pandas cheat sheet* open.\n2. Week 2 assumes SQL joins: revise them first.\n3. Ask in the discussion; answers come within a day.',
  items: [course],
  status: 'published',
  clientId: clientId(),
});
const api = await apiLearner(server, 'Nadia Okafor', 'Sales');
for (const item of [`moodle:${new URL(origin).host}:course:3`, `moodle:${new URL(origin).host}:course:4`]) {
  await api.ratings.set.mutate({ item, stars: 4, clientId: clientId() });
}

const learner = await launchWithExtension(dir);
await signInThroughOptions(learner, server.url, 'Alice Learner', 'Data');
const page = await learner.context.newPage();
await page.setViewportSize({ width: 1200, height: 860 });
await page.goto(`${origin}/course/view.php?id=2`);
const widget = ratingWidget(page, course);
await freshAggregate(widget);
await page.screenshot({ path: path.join(OUT, 'widget.png'), clip: { x: 0, y: 0, width: 1200, height: 330 } });
await widget.getByRole('button', { name: /Reviews & discussion/ }).click();
await widget.locator('article.review').first().waitFor();
await page.waitForTimeout(300);
await page.screenshot({ path: path.join(OUT, 'reviews.png') });
await widget.getByRole('tab', { name: /Resources/ }).click();
await widget.locator('article.contribution').first().waitFor();
await page.waitForTimeout(300);
await page.screenshot({ path: path.join(OUT, 'resources.png') });
await page.goto(`${origin}/my/courses.php`);
await page.locator('ripple-widget[data-ripple="tile-badge"][data-ripple-state="fresh"]').first().waitFor();
await page.waitForTimeout(300);
await page.screenshot({ path: path.join(OUT, 'badges.png'), clip: { x: 0, y: 0, width: 1200, height: 520 } });

// The side panel, here opened as a tab at a side panel's width.
const panel = await learner.context.newPage();
await panel.setViewportSize({ width: 420, height: 760 });
await panel.goto(`chrome-extension://${learner.extensionId}/sidepanel.html#feed`);
await panel.locator('article.post').first().waitFor();
await panel.waitForTimeout(300);
await panel.screenshot({ path: path.join(OUT, 'sidepanel-feed.png') });

await learner.close();
lms.close();
await server.close();
console.log(`Screenshots in ${path.relative(REPO_ROOT, OUT)}`);
