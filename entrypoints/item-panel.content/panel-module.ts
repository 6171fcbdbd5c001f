import type { ItemPanelProps } from '../../components/panel/ItemPanel';

/**
 * What the on-demand panel script offers the page's content script. Both run in the extension's
 * isolated world of the page, so the module is handed over on that world's `globalThis`.
 */
export interface PanelModule {
  mount(container: HTMLElement, props: ItemPanelProps): PanelHandle;
}

export interface PanelHandle {
  update(props: ItemPanelProps): void;
  unmount(): void;
}

export const PANEL_MODULE_GLOBAL = '__ripplePanelModule';
