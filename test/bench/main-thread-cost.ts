import type { BrowserContext } from 'playwright-core';

/**
 * Main-thread task time of one page load (Chromium's own `TaskDuration` metric, in ms), measured
 * once the rating widget has shown figures or, without the extension, once the page has loaded
 * and settled the same way. The difference with and without the extension is Ripple's cost.
 */
export async function mainThreadMs(context: BrowserContext, url: string, waitForWidget: boolean): Promise<number> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url);
  if (waitForWidget) {
    await page.locator('ripple-widget[data-ripple="rating"][data-ripple-state="fresh"]').waitFor({ timeout: 15_000 });
  }
  // Let late tasks (layout after the widget, idle callbacks) finish in both cases alike.
  await page.waitForTimeout(300);
  const { metrics } = await cdp.send('Performance.getMetrics');
  await page.close();
  const task = metrics.find((metric) => metric.name === 'TaskDuration');
  return (task?.value ?? 0) * 1000;
}
