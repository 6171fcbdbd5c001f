import { useState } from 'preact/hooks';
import { usePanelApi } from './panel-api';

/** "Show more" under a paged list: one page at a time, so a double click never lists a page twice. */
export function ShowMore({ onMore }: { onMore: () => Promise<void> }) {
  const { t } = usePanelApi();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      class="link"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await onMore();
        setBusy(false);
      }}
    >
      {t('more')}
    </button>
  );
}
