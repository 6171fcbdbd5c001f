import type { BrowserContext, Worker } from 'playwright-core';

/**
 * Recorded in the page's own world from the first byte: when the widget's host appeared and when it
 * first showed figures (from the cache or the server), as `performance.now()` since navigation.
 */
const RECORDER = `
  window.__rippleTimes = {};
  new MutationObserver(() => {
    const host = document.querySelector('ripple-widget[data-ripple="rating"]');
    if (!host) return;
    const t = window.__rippleTimes;
    t.mounted ??= performance.now();
    const state = host.getAttribute('data-ripple-state');
    if (state && state !== 'loading') t.figures ??= performance.now();
    if (state) t[state] ??= performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ripple-state'] });
`;

export interface WidgetTiming {
  mounted: number;
  figures: number;
  state: string;
}

export async function installRecorder(context: BrowserContext): Promise<void> {
  await context.addInitScript(RECORDER);
}

export async function timeToWidget(context: BrowserContext, url: string): Promise<WidgetTiming> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __rippleTimes: { figures?: number } }).__rippleTimes.figures !== undefined, null, {
    timeout: 15_000,
  });
  const times = await page.evaluate(() => (window as unknown as { __rippleTimes: Record<string, number> }).__rippleTimes);
  const state = (await page.locator('ripple-widget[data-ripple="rating"]').getAttribute('data-ripple-state')) ?? '';
  await page.close();
  return { mounted: times.mounted!, figures: times.figures!, state };
}

/** Empties the extension's summary cache, so the next visit is a cold one. */
export async function clearSummaryCache(serviceWorker: Worker): Promise<void> {
  await serviceWorker.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('ripple');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('summaries', 'readwrite');
          tx.objectStore('summaries').clear();
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
