import { useEffect, useState } from 'preact/hooks';
import { usePanelApi } from './panel-api';

/**
 * Where the learner opened these items (remembered by the extension, locally), for links back
 * into the LMS; items never opened have no entry and are shown without a link.
 */
export function useItemUrls(items: readonly string[]): Record<string, string> {
  const { ask } = usePanelApi();
  const [urls, setUrls] = useState<Record<string, string>>({});
  const key = [...new Set(items)].sort().join('\n');
  useEffect(() => {
    if (!key) return;
    let live = true;
    void ask('items.urls', { items: key.split('\n') }).then((answer) => live && 'urls' in answer && setUrls(answer.urls));
    return () => {
      live = false;
    };
  }, [key]);
  return urls;
}
