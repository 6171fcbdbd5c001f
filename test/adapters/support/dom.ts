import { Window } from 'happy-dom';

/**
 * Parses HTML into a happy-dom Document at `url` and hands it to `use`, closing the window after
 * (each window holds its whole DOM; the large fixtures are over 1 MB). DOMParser never runs
 * scripts, so inline `M.cfg` scripts stay text, as they are for a content script.
 */
export async function withDocument<T>(html: string, url: string, use: (doc: Document, url: URL) => T): Promise<T> {
  const window = new Window({ url });
  try {
    const doc = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
    return use(doc, new URL(url));
  } finally {
    await window.happyDOM.close();
  }
}

/** A minimal page: `body` attributes and inner HTML, plus optional head content. */
export function page(options: { bodyId?: string; bodyClass?: string; body?: string; head?: string; title?: string }): string {
  const id = options.bodyId === undefined ? '' : ` id="${options.bodyId}"`;
  const cls = options.bodyClass === undefined ? '' : ` class="${options.bodyClass}"`;
  return (
    `<!DOCTYPE html><html><head><title>${options.title ?? ''}</title>${options.head ?? ''}</head>` +
    `<body${id}${cls}>${options.body ?? ''}</body></html>`
  );
}

/** An open document for a suite with several tests on one page; call `close` in `afterAll`. */
export interface OpenDocument {
  doc: Document;
  url: URL;
  close: () => Promise<void>;
}

export function openDocument(html: string, url: string): OpenDocument {
  const window = new Window({ url });
  const doc = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  return { doc, url: new URL(url), close: () => window.happyDOM.close() };
}
