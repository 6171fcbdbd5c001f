import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ItemPanel } from '../../components/panel/ItemPanel';
import { usePanelApi } from '../../components/panel/panel-api';
import type { ItemSummary } from '../../server/contract/items';
import { sendToBackground } from '../background/protocol';

interface Current {
  item: { key: string; title: string } | null;
  completed: boolean;
}

/** Reviews, discussion, resources and posts of whatever item the active tab shows. */
export function ThisPage() {
  const { ask, t } = usePanelApi();
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
    <section class="view">
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
        onCount={(field, delta) => summary && setSummary({ ...summary, [field]: Math.max(0, (summary[field] ?? 0) + delta) })}
      />
    </section>
  );
}
