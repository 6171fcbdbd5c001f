import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTRPCClient, httpLink } from '@trpc/client';
import { buildServer, type RippleServer } from '../../server/app';
import type { AppRouter } from '../../server/contract';
import { RippleDb } from '../../entrypoints/background/db';
import { LiveUpdates, onLiveEvent, type LiveNotice } from '../../entrypoints/background/live';
import { Session } from '../../entrypoints/background/session';
import { writeSetting } from '../../entrypoints/background/settings';
import { readCachedSummaries } from '../../entrypoints/background/summary-cache';

/**
 * Just enough of EventSource over fetch for tRPC's httpSubscriptionLink in Node 20 (which has
 * none): named events, `lastEventId`, `close`, and `error` with CLOSED when the stream ends.
 */
class FetchEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;
  readyState = 0;
  private readonly listeners = new Map<string, Set<(event: { data: string; lastEventId: string }) => void>>();
  private readonly controller = new AbortController();

  constructor(url: string) {
    void this.run(url);
  }
  addEventListener(type: string, listener: (event: { data: string; lastEventId: string }) => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: (event: { data: string; lastEventId: string }) => void) {
    this.listeners.get(type)?.delete(listener);
  }
  close() {
    this.readyState = 2;
    this.controller.abort();
  }
  private emit(type: string, data = '', lastEventId = '') {
    for (const listener of this.listeners.get(type) ?? []) listener({ data, lastEventId });
  }
  private async run(url: string) {
    try {
      const response = await fetch(url, { headers: { accept: 'text/event-stream' }, signal: this.controller.signal });
      this.readyState = 1;
      this.emit('open');
      const decoder = new TextDecoder();
      let buffer = '';
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let type = 'message';
          let id = '';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            const colon = line.indexOf(':');
            if (colon <= 0) continue;
            const value = line.slice(colon + 1).replace(/^ /, '');
            const field = line.slice(0, colon);
            if (field === 'event') type = value;
            else if (field === 'id') id = value;
            else if (field === 'data') data.push(value);
          }
          this.emit(type, data.join('\n'), id);
        }
      }
    } catch {
      // Aborted or refused.
    }
    if (this.readyState !== 2) {
      this.readyState = 2;
      this.emit('error');
    }
  }
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('background live updates against the real server', () => {
  let server: RippleServer;
  let serverUrl: string;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ripple-live-bg-'));
    server = await buildServer({ dataDir });
    serverUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refreshes the cached summary and tells listeners when a colleague rates a watched item', async () => {
    const db = new RippleDb(`live-${Math.random()}`);
    await writeSetting(db, 'serverUrl', serverUrl);
    const session = new Session(db);
    const live = new LiveUpdates(db, session, { EventSource: FetchEventSource as unknown as typeof EventSource });
    const item = `moodle:live.example:course:${Math.floor(Math.random() * 1e9)}`;
    const notices: LiveNotice[] = [];
    const stopListening = onLiveEvent((notice) => notices.push(notice));
    try {
      live.watchTab(1, [item, `moodle:live.example:course:other`]);
      await until(() => live.connected, 5_000, 'the subscription');

      const colleague = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${serverUrl}/trpc` })] });
      const { token } = await colleague.auth.devSignIn.mutate({ subject: 'live-colleague-0123456789ab', displayName: 'C', team: 'T' });
      const authed = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${serverUrl}/trpc`, headers: { authorization: `Bearer ${token}` } })] });
      const ratedAt = Date.now();
      await authed.ratings.set.mutate({ item, stars: 5, clientId: 'live-bg-1' });

      await until(() => notices.some((n) => n.item === item && n.summary?.count === 1), 2_000, 'the live notice');
      expect(Date.now() - ratedAt).toBeLessThan(2_000);
      expect(notices[0]).toMatchObject({ item, kind: 'summary', summary: { item, count: 1, average: 5 } });
      expect(await readCachedSummaries(db, [item])).toMatchObject([{ item, count: 1, average: 5 }]);

      // The connection drops; a colleague rates meanwhile; the reconnect (with backoff) resumes
      // from the last event id and catches up on what it missed.
      server.app.server.closeAllConnections();
      await until(() => !live.connected, 2_000, 'the drop to be noticed');
      const other = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${serverUrl}/trpc` })] });
      const second = await other.auth.devSignIn.mutate({ subject: 'live-colleague-2-0123456789', displayName: 'D', team: 'T' });
      await createTRPCClient<AppRouter>({ links: [httpLink({ url: `${serverUrl}/trpc`, headers: { authorization: `Bearer ${second.token}` } })] }).ratings.set.mutate({
        item,
        stars: 3,
        clientId: 'live-bg-2',
      });
      await until(() => notices.some((n) => n.item === item && n.summary?.count === 2), 5_000, 'the missed event after reconnecting');
      expect(await readCachedSummaries(db, [item])).toMatchObject([{ item, count: 2, average: 4 }]);
    } finally {
      stopListening();
      live.stop();
      db.close();
    }
  });
});
