import type { ItemSummary } from '../../server/contract/items';
import type { AlsoTookEntry, ItemPopularity, ShelfEntry } from '../../server/contract/popularity';
import { sendToBackground, type FailureReason, type PageContext } from '../background/protocol';

export type FreshAnswer =
  | { ok: true; summaries: Map<string, ItemSummary>; popularity: Map<string, ItemPopularity>; shelf?: ShelfEntry[]; alsoTook?: AlsoTookEntry[] }
  | { ok: false; reason: FailureReason };

export interface SummaryRequest {
  /** What the local cache knows, at once. */
  cached: Promise<Map<string, ItemSummary>>;
  /** The server's answer, or why there is none. */
  fresh: Promise<FreshAnswer>;
}

/** The background takes at most this many keys per message (the server's batch limit). */
const MAX_KEYS_PER_MESSAGE = 500;

interface Pending {
  keys: Set<string>;
  page?: PageContext;
  cached: Deferred<Map<string, ItemSummary>>;
  fresh: Deferred<FreshAnswer>;
}

let pending: Pending | null = null;

/**
 * Asks for the summaries of some items. Every request made in the same task (the page widget and
 * all tile badges starting together) is sent as ONE message, hence one server request per page.
 */
export function requestSummaries(keys: readonly string[], page?: PageContext): SummaryRequest {
  if (!pending) {
    pending = { keys: new Set(), cached: deferred(), fresh: deferred() };
    queueMicrotask(flush);
  }
  for (const key of keys) pending.keys.add(key);
  // The page's context lets the same request bring its shelf or "also took" list.
  if (page) pending.page = page;
  return { cached: pending.cached.promise, fresh: pending.fresh.promise };
}

function flush(): void {
  const batch = pending!;
  pending = null;
  const chunks = chunk([...batch.keys], MAX_KEYS_PER_MESSAGE);
  void Promise.all(chunks.map((items) => ask('summaries.cached', items)))
    .then((answers) => batch.cached.resolve(toMap(answers.flatMap((answer) => (answer && 'summaries' in answer ? answer.summaries : [])))))
    .catch(() => batch.cached.resolve(new Map()));
  void Promise.all(chunks.map((items, index) => ask('summaries.fresh', items, index === 0 ? batch.page : undefined)))
    .then((answers) => {
      const failed = answers.find((answer) => !answer || !answer.ok);
      if (failed !== undefined) {
        const reason = failed && !failed.ok ? failed.reason : 'offline';
        return batch.fresh.resolve({ ok: false, reason });
      }
      const ok = answers.flatMap((answer) => (answer?.ok ? [answer] : []));
      const first = ok[0];
      batch.fresh.resolve({
        ok: true,
        summaries: toMap(ok.flatMap((answer) => answer.summaries)),
        popularity: new Map(ok.flatMap((answer) => answer.popularity).map((entry) => [entry.item, entry])),
        ...(first?.shelf ? { shelf: first.shelf } : {}),
        ...(first?.alsoTook ? { alsoTook: first.alsoTook } : {}),
      });
    })
    .catch(() => batch.fresh.resolve({ ok: false, reason: 'offline' }));
}

/** A message to the background; undefined when the extension was reloaded under the page. */
async function ask<T extends 'summaries.cached' | 'summaries.fresh'>(type: T, items: string[], page?: PageContext) {
  try {
    return await sendToBackground(type, type === 'summaries.fresh' && page ? { items, page } : { items });
  } catch {
    return undefined;
  }
}

function toMap(summaries: ItemSummary[]): Map<string, ItemSummary> {
  return new Map(summaries.map((summary) => [summary.item, summary]));
}

function chunk<T>(values: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
  return chunks;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}
