import type { PageModel } from './adapters/types';

/**
 * A feature is one widget: which pages it runs on and how it starts. `init` gets a signal that
 * aborts when the page changes under it (SPA navigation) or the script is unloaded.
 */
export interface Feature {
  id: string;
  include: (page: PageModel) => boolean;
  init: (page: PageModel, signal: AbortSignal) => void | Promise<void>;
}

/**
 * Runs every feature that applies to the page. Features are not awaited in turn and their errors
 * are caught one by one: a broken feature must neither block the others nor reach the host page.
 */
export function runFeatures(features: readonly Feature[], page: PageModel, signal: AbortSignal): void {
  for (const feature of features) {
    try {
      if (!feature.include(page)) continue;
      Promise.resolve(feature.init(page, signal)).catch((error: unknown) => reportFeatureError(feature.id, error));
    } catch (error) {
      reportFeatureError(feature.id, error);
    }
  }
}

function reportFeatureError(featureId: string, error: unknown): void {
  console.warn(`[ripple] feature "${featureId}" failed`, error);
}
