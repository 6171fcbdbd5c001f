import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { buildAdapters, readPage, type AdapterConfig } from './adapters/registry';
import type { AdapterSpec } from './adapters/spec/types';
import { FeatureManager } from './feature-manager';
import { features } from './features';
import { readPageConfig } from './page-config';

/** Starts Ripple in an LMS page with the adapters this content script carries. */
export async function startRipple(ctx: ContentScriptContext, specs: readonly AdapterSpec[]): Promise<void> {
  performance.mark('ripple:start');
  // The admin's adapter overrides and switched-off features (one local read, no network).
  const config = await readPageConfig();
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
  ctx.addEventListener(window, 'wxt:locationchange', () => manager.restart());
  ctx.onInvalidated(() => manager.stop());
}
