import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { buildAdapters, readPage, type AdapterConfig } from './adapters/registry';
import type { AdapterSpec } from './adapters/spec/types';
import { FeatureManager } from './feature-manager';
import { features } from './features';
import { readPageConfig } from './page-config';

/** Starts Ripple in an LMS page with the adapters this content script carries. */
export async function startRipple(ctx: ContentScriptContext, specs: readonly AdapterSpec[]): Promise<void> {
  performance.mark('ripple:start');
  // The admin's adapter overrides and switched-off features (one local read, no network), read
  // while the LMS page is still parsing.
  const [config] = await Promise.all([readPageConfig(), domParsed()]);
  performance.mark('ripple:dom-ready');
  if (ctx.isInvalid) return;
  // Checked against the admin format's schema by the background before it got here.
  const adapters = buildAdapters(config.adapters as AdapterConfig[], specs).filter(
    // The server's kill switch: an adapter broken by an LMS change is off until fixed.
    (adapter) => !config.disabledAdapters?.includes(adapter.id),
  );
  const enabled = features.filter((feature) => !config.disabledFeatures.includes(feature.id));
  // readPage never throws; a page no adapter understands gets nothing.
  const manager = new FeatureManager(enabled, () => readPage(new URL(location.href), document, adapters));
  manager.restart();
  // WXT reports every navigation the page starts, downloads included (a file saved from a link or
  // from Ripple's own panel is a "navigation" to it that never happens). So the page is read
  // again only once the address has really changed, after a same-document navigation commits.
  let shown = location.href;
  ctx.addEventListener(window, 'wxt:locationchange', () =>
    ctx.setTimeout(() => {
      if (location.href === shown) return;
      shown = location.href;
      manager.restart();
    }, 0),
  );
  ctx.onInvalidated(() => manager.stop());
}

/**
 * Resolves once the document is parsed. The script is injected at document_start so that it runs
 * as the DOM is ready, first among the page's DOMContentLoaded work: Chromium's document_end
 * injection waited behind the LMS's own start-up scripts (`npm run bench`, Moodle course page:
 * the widget came 61 ms after DOM ready at document_end, 31 ms at document_start).
 */
function domParsed(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}
