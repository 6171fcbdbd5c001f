import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { Window } from 'happy-dom';
import { readPage } from '../../entrypoints/lms.content/adapters';
import type { LmsAdapter } from '../../entrypoints/lms.content/adapters/types';
import type { PageModel } from '../../entrypoints/lms.content/adapters/types';

/**
 * What `npm run inspect` prints for one page: the adapter that read it, the page kind, the page's
 * own item and every tile, with the LMS's own ids as text and completion as true, false or null
 * (null: the page does not say). Shared by the CLI (inspect.ts) and the tests that call it.
 */
export interface InspectedItem {
  key: string;
  kind: string;
  id: string;
  title: string;
  parentKey: string | null;
  completed: boolean | null;
}

export type InspectedTile = Omit<InspectedItem, 'parentKey'>;

export interface InspectResult {
  lms: string | null;
  page: string;
  item: InspectedItem | null;
  tiles: InspectedTile[];
}

/**
 * The page's window console, silenced: happy-dom reports there the resources it is told not to
 * load (iframes, scripts), which is expected and says nothing about the page's reading; and stdout
 * must carry the one JSON object and nothing else.
 */
const silentConsole = new Console(new Writable({ write: (_chunk, _encoding, done) => done() }));

/**
 * Parses `html` as the page at `url` (scripts never run: DOMParser leaves them as text, as a content
 * script sees them) and reads it with the adapters (the built-in ones unless `adapters` is given).
 */
export async function inspectHtml(url: URL, html: string, adapters?: readonly LmsAdapter[]): Promise<InspectResult> {
  const window = new Window({
    url: url.href,
    console: silentConsole,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
    },
  });
  try {
    const doc = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
    return toResult(readPage(url, doc, adapters));
  } finally {
    await window.happyDOM.close();
  }
}

export function toResult(page: PageModel | null): InspectResult {
  if (!page) return { lms: null, page: 'other', item: null, tiles: [] };
  const item = page.item;
  return {
    lms: page.adapter,
    page: page.kind,
    item: item && {
      key: item.key,
      kind: item.kind,
      id: item.lmsId,
      title: item.title,
      parentKey: item.parent ?? null,
      completed: page.completed ?? null,
    },
    tiles: page.tiles.map((tile) => ({
      key: tile.item.key,
      kind: tile.item.kind,
      id: tile.item.lmsId,
      title: tile.item.title,
      completed: tile.completed ?? null,
    })),
  };
}
