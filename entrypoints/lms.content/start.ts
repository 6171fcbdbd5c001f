import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { buildAdapters, readPage } from './adapters/registry';
import type { AdapterSpec } from './adapters/spec/types';
import { FeatureManager } from './feature-manager';
import { features } from './features';

/** Starts Ripple in an LMS page with the adapters this content script carries. */
export function startRipple(ctx: ContentScriptContext, specs: readonly AdapterSpec[]): void {
  performance.mark('ripple:start');
  const adapters = buildAdapters([], specs);
  // readPage never throws; a page no adapter understands gets nothing.
  const manager = new FeatureManager(features, () => readPage(new URL(location.href), document, adapters));
  manager.restart();
  ctx.addEventListener(window, 'wxt:locationchange', () => manager.restart());
  ctx.onInvalidated(() => manager.stop());
}
