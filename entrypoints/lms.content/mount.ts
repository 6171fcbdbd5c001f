import type { Anchor } from './adapters/types';
import { WIDGET_STYLES } from '../../components/widget-styles';

export interface MountedWidget {
  host: HTMLElement;
  /** The widget's own element, inside its shadow root, after its styles. */
  root: HTMLElement;
  /** Puts the widget back when the LMS re-rendered its anchor away; its state is kept. */
  ensurePlaced(anchor: Anchor): void;
}

/**
 * Puts a widget into the host page: a `<ripple-widget>` element with its own shadow root, so the
 * LMS's CSS cannot restyle it and ours cannot leak out. The element is removed when `signal`
 * aborts (SPA navigation or the content script being unloaded).
 */
export function mountWidget(options: { feature: string; item: string; anchor: Anchor; signal: AbortSignal }): MountedWidget {
  const { feature, item, anchor, signal } = options;
  const host = document.createElement('ripple-widget');
  host.dataset.ripple = feature;
  host.dataset.rippleItem = item;
  // Open so assistive technology and tests can reach it; isolation comes from the boundary itself.
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = WIDGET_STYLES;
  style.dataset.rippleStyle = 'widget';
  const root = document.createElement('div');
  shadow.append(style, root);
  place(host, anchor);
  performance.mark(`ripple:mounted:${feature}`);
  signal.addEventListener('abort', () => host.remove(), { once: true });
  return {
    host,
    root,
    ensurePlaced(next) {
      if (!host.isConnected && !signal.aborted) place(host, next);
    },
  };
}

function place(host: HTMLElement, anchor: Anchor): void {
  anchor.element[anchor.position](host);
}
