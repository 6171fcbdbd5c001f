import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ItemPanel } from '../../components/panel/ItemPanel';
import { PanelApiContext, type Ask, type PanelApi } from '../../components/panel/panel-api';
import { PANEL_STYLES, WIDGET_STYLES } from '../../components/widget-styles';
import type { ItemSummary } from '../../server/contract/items';
import { sendToBackground } from '../background/protocol';
import { t } from './i18n';

const ask: Ask = async (type, data) => {
  try {
    return await sendToBackground(type, data);
  } catch {
    return { ok: false, reason: 'offline' };
  }
};
const api: PanelApi = { ask, t };

interface Current {
  item: { key: string; title: string } | null;
  completed: boolean;
}

/** The Ripple panel: the reviews and discussion of whatever item the active tab shows. */
function SidePanel() {
  const [current, setCurrent] = useState<Current | null>(null);
  const [summary, setSummary] = useState<ItemSummary | null>(null);

  useEffect(() => {
    const refresh = async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) return setCurrent({ item: null, completed: false });
      setCurrent(await sendToBackground('panel.current', { tabId: tab.id }));
    };
    void refresh();
    const onUpdated = (_id: number, info: { status?: string }) => info.status === 'complete' && void refresh();
    browser.tabs.onActivated.addListener(refresh);
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      browser.tabs.onActivated.removeListener(refresh);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, []);

  useEffect(() => {
    setSummary(null);
    const key = current?.item?.key;
    if (!key) return;
    void ask('summaries.fresh', { items: [key] }).then((answer) => answer.ok && setSummary(answer.summaries[0] ?? null));
  }, [current?.item?.key]);

  if (!current) return null;
  if (!current.item) return <p class="empty">{t('panelNoItem')}</p>;
  return (
    <PanelApiContext.Provider value={api}>
      <h1>{current.item.title}</h1>
      {summary && summary.count > 0 && (
        <p class="summary">
          ★ {summary.average?.toFixed(1)} ({summary.count})
        </p>
      )}
      <ItemPanel
        key={current.item.key}
        item={current.item}
        summary={summary}
        completed={current.completed}
        onSummary={setSummary}
        onCommentCount={(delta) => summary && setSummary({ ...summary, commentCount: Math.max(0, summary.commentCount + delta) })}
      />
    </PanelApiContext.Provider>
  );
}

// The same styles as the in-page widgets; here the page is ours, so no shadow root is needed.
const style = document.createElement('style');
style.textContent = WIDGET_STYLES.replace(':host', ':root') + PANEL_STYLES;
document.head.append(style);
document.documentElement.lang = browser.i18n.getUILanguage();
render(<SidePanel />, document.getElementById('app')!);
