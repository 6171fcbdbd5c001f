/**
 * A minimal Server-Sent Events reader over fetch (Node 20 has no EventSource), for tests of the
 * `live.items` subscription: opens the GET a tRPC httpSubscriptionLink would, with a stream ticket
 * as `connectionParams`, and collects the parsed messages.
 */
export interface SseMessage {
  event: string;
  id?: string;
  data: string;
}

export interface SseStream {
  messages: SseMessage[];
  /** Resolves with the first message (already received or future) matching, or rejects after `timeoutMs`. */
  waitFor(match: (message: SseMessage) => boolean, timeoutMs: number): Promise<SseMessage>;
  close(): void;
}

/** The stream's URL, with a fresh stream ticket (`live.ticket`, asked with the session token). */
export async function liveItemsUrl(serverUrl: string, token: string, items: string[], lastEventId?: string): Promise<string> {
  const response = await fetch(`${serverUrl}/trpc/live.ticket`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
  if (!response.ok) throw new Error(`live.ticket failed: ${response.status} ${await response.text()}`);
  const { ticket } = ((await response.json()) as { result: { data: { ticket: string } } }).result.data;
  return liveItemsUrlWithParams(serverUrl, { ticket }, items, lastEventId);
}

/** The stream's URL with any connectionParams (tests of what the server refuses). */
export function liveItemsUrlWithParams(serverUrl: string, params: Record<string, string>, items: string[], lastEventId?: string): string {
  const input = JSON.stringify({ items, ...(lastEventId ? { lastEventId } : {}) });
  return `${serverUrl}/trpc/live.items?input=${encodeURIComponent(input)}&connectionParams=${encodeURIComponent(JSON.stringify(params))}`;
}

export async function openSse(url: string): Promise<SseStream> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`SSE request failed: ${response.status} ${await response.text()}`);
  const messages: SseMessage[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message: SseMessage = { event: 'message', data: '' };
          const data: string[] = [];
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            if (colon === 0) continue;
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') message.event = value;
            else if (field === 'id') message.id = value;
            else if (field === 'data') data.push(value);
          }
          message.data = data.join('\n');
          messages.push(message);
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // Closed.
    }
  })();
  return {
    messages,
    waitFor(match, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return false;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching SSE message within ${timeoutMs} ms; got ${JSON.stringify(messages)}`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => controller.abort(),
  };
}

/** The `{ item, kind }` of a data message, or null for pings and the like. */
export function liveData(message: SseMessage): { item: string; kind: string } | null {
  if (message.event !== 'message' || !message.data) return null;
  try {
    return JSON.parse(message.data) as { item: string; kind: string };
  } catch {
    return null;
  }
}
