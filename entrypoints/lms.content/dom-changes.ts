/** Host elements of Ripple's own widgets: their insertion is not a change of the LMS page. */
const OWN_HOST = 'RIPPLE-WIDGET';

/** Re-reads are spaced at least this far apart while the LMS keeps changing its DOM. */
const QUIET_MS = 150;

/**
 * Calls `onChange` after the LMS changes its page (cards rendered late by JavaScript, a vendor
 * re-render removing Ripple's nodes), at most once per QUIET_MS, until `signal` aborts. One
 * MutationObserver for the whole document: event-driven, never a polling loop.
 */
export function onDomChanges(onChange: () => void, signal: AbortSignal): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver((records) => {
    if (timer !== undefined || records.every(isOwnChange)) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (!signal.aborted) onChange();
    }, QUIET_MS);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearTimeout(timer);
    },
    { once: true },
  );
}

function isOwnChange(record: MutationRecord): boolean {
  const nodes = [...Array.from(record.addedNodes), ...Array.from(record.removedNodes)];
  return nodes.length > 0 && nodes.every((node) => node.nodeName === OWN_HOST);
}
