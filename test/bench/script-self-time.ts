import type { BrowserContext } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { url: string };
}

/**
 * CPU time spent in the extension's own scripts during one page load, from a sampling profile of
 * the page's main thread: the with/without difference of `mainThreadMs` carries the page's own
 * run-to-run noise (its load moves by tens of ms on a shared machine), this does not. It leaves
 * out what the browser does for Ripple outside its scripts (style, layout of the widgets).
 */
export async function scriptSelfMs(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await page.goto(url);
  await page.locator('ripple-widget[data-ripple="rating"][data-ripple-state="fresh"]').waitFor({ timeout: 15_000 });
  await page.waitForTimeout(300);
  const { profile } = await cdp.send('Profiler.stop');
  await page.close();
  const extension = new Set((profile.nodes as ProfileNode[]).filter((node) => node.callFrame.url.startsWith('chrome-extension://')).map((node) => node.id));
  let microseconds = 0;
  profile.samples!.forEach((id, index) => {
    if (extension.has(id)) microseconds += profile.timeDeltas![index] ?? 0;
  });
  return microseconds / 1000;
}
