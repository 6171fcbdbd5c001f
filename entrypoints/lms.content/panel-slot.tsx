import { useEffect, useRef, useState } from 'preact/hooks';
import type { ItemPanelProps } from '../../components/panel/ItemPanel';
import { PANEL_MODULE_GLOBAL, type PanelHandle, type PanelModule } from '../item-panel.content/panel-module';
import { sendToBackground } from '../background/protocol';
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

/** Where the on-demand panel renders itself, with its own Preact, inside the widget's popover. */
export function PanelSlot(props: ItemPanelProps) {
  const container = useRef<HTMLDivElement>(null);
  const handle = useRef<PanelHandle | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let live = true;
    void loadPanelModule().then((module) => {
      if (!live || !container.current) return;
      if (!module) return setState('failed');
      handle.current = module.mount(container.current, props);
      setState('ready');
    });
    return () => {
      live = false;
      handle.current?.unmount();
      handle.current = null;
    };
  }, []);
  useEffect(() => handle.current?.update(props));

  return (
    <>
      {state === 'loading' && <p class="muted">{t('loading')}</p>}
      {state === 'failed' && (
        <p class="error" role="alert">
          {t('reasonError')}
        </p>
      )}
      {/* Never given children here: the panel's own renderer owns everything inside. */}
      <div ref={container} />
    </>
  );
}
