import type { ItemPanelProps } from '../../components/panel/ItemPanel';
import { PANEL_MODULE_GLOBAL, type PanelHandle, type PanelModule } from '../item-panel.content/panel-module';
import { sendToBackground } from '../background/protocol';
import { h, setChildren } from '../../components/widgets/dom';
import { t } from './i18n';

let loading: Promise<PanelModule | null> | null = null;

/** The panel script, injected on first use; null when it could not be loaded. */
function loadPanelModule(): Promise<PanelModule | null> {
  const loaded = () => ((globalThis as Record<string, unknown>)[PANEL_MODULE_GLOBAL] as PanelModule | undefined) ?? null;
  if (loaded()) return Promise.resolve(loaded());
  loading ??= sendToBackground('panel.load', {})
    .then(() => loaded())
    .catch(() => null)
    .finally(() => (loading = null));
  return loading;
}

/**
 * Where the on-demand panel renders itself, with its own Preact, inside the widget's popover:
 * "Loading…" until its script is here, then the panel, kept up to date with `update`.
 */
export class PanelSlot {
  private handle: PanelHandle | null = null;
  private closed = false;
  private readonly state = h('div');
  private readonly target = h('div');

  constructor(container: HTMLElement, private props: ItemPanelProps) {
    setChildren(this.state, h('p', { class: 'muted' }, t('loading')));
    container.append(this.state, this.target);
    void loadPanelModule().then((module) => {
      if (this.closed) return;
      if (!module) return setChildren(this.state, h('p', { class: 'error', role: 'alert' }, t('reasonError')));
      this.state.remove();
      this.handle = module.mount(this.target, this.props);
    });
  }

  update(props: ItemPanelProps): void {
    this.props = props;
    this.handle?.update(props);
  }

  unmount(): void {
    this.closed = true;
    this.handle?.unmount();
    this.handle = null;
  }
}
