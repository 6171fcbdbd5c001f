import { useEffect, useState } from 'preact/hooks';
import { failureText, usePanelApi, type Failure } from './panel-api';

/** One page of a list, as the background answers it once unwrapped. */
export type PageAnswer<T> = { ok: true; items: T[]; nextCursor: string | null } | Failure;

/**
 * A list read one page at a time ("Show more"): the first page when `deps` change, then the page
 * after the cursor on demand. `setItems` lets the caller apply its own writes in place.
 */
export function usePagedList<T>(fetchPage: (cursor?: string) => Promise<PageAnswer<T>>, deps: readonly unknown[]) {
  const { t } = usePanelApi();
  const [items, setItems] = useState<T[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string>();

  const load = async (after: string | null) => {
    const answer = await fetchPage(after ?? undefined);
    if (!answer.ok) return setError(failureText(t, answer));
    setError(undefined);
    setItems((list) => [...(after && list ? list : []), ...answer.items]);
    setCursor(answer.nextCursor);
  };
  useEffect(() => {
    setItems(null);
    void load(null);
  }, deps);

  return {
    items,
    setItems,
    /** Why the last page could not be read, if it could not. */
    error,
    /** Absent when there is nothing more to read. */
    more: cursor ? () => load(cursor) : undefined,
    reload: () => load(null),
  };
}
