import type { BrowserContext, Worker } from 'playwright-core';

export interface WidgetTiming {
  /** ms since navigation start when the content script began (after Chromium injected it). */
  started: number;
  /** ms since navigation start when the parsed DOM and the admin config were both at hand. */
  ready: number;
  /** ms since navigation start when the widget's host entered the page. */
  mounted: number;
  /** ms since navigation start when it first showed figures (cached or fresh). */
  figures: number;
  /** ms since navigation start of DOMContentLoaded, when the content script (started at document_start) finds the DOM. */
  domContentLoaded: number;
  /** Which answer came first: `cached` or `fresh`. */
  firstAnswer: string;
}

/**
 * Reads the User Timing marks the content script leaves (`ripple:mounted:rating`,
 * `ripple:figures:<cached|fresh>`): the page's performance timeline is shared by its worlds, so no
 * observer of ours runs in the page while it loads.
 */
const READ_MARKS = `(async () => {
  const deadline = performance.now() + 15000;
  const firstFigures = () => performance.getEntriesByType('mark').find((mark) => mark.name.startsWith('ripple:figures:'));
  while (!firstFigures() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const mounted = performance.getEntriesByName('ripple:mounted:rating')[0];
  const started = performance.getEntriesByName('ripple:start')[0];
  const ready = performance.getEntriesByName('ripple:dom-ready')[0];
  const first = firstFigures();
  const navigation = performance.getEntriesByType('navigation')[0];
  if (!mounted || !first) return { error: 'The rating widget did not show figures within 15 s' };
  return {
    started: started ? started.startTime : NaN,
    ready: ready ? ready.startTime : NaN,
    mounted: mounted.startTime,
    figures: first.startTime,
    domContentLoaded: navigation.domContentLoadedEventStart,
    firstAnswer: first.name.slice('ripple:figures:'.length),
  };
})()`;

export async function timeToWidget(context: BrowserContext, url: string): Promise<WidgetTiming> {
  const page = await context.newPage();
  await page.goto(url);
  // A string, not a function: the bundler's name helpers do not exist in the page.
  const timing = (await page.evaluate(READ_MARKS)) as WidgetTiming | { error: string };
  if ('error' in timing) throw new Error(timing.error);
  await page.close();
  return timing;
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
