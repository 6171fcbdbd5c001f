import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type RippleServer } from '../../server/app';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import { liveData, liveItemsUrl, openSse } from './support/sse';
import { newClientId, uniqueItemKey } from './support/harness';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '../../server/contract';

function clientFor(url: string, token?: string) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) })],
  });
}

describe.each(ENGINES)('live updates over SSE on %s', (engine) => {
  let database: TestDatabase;
  let server: RippleServer;
  let url: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    server = await buildServer(database.options);
    url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    // Closed SSE streams can linger a few seconds in the server's keep-alive; don't wait for them.
    server?.app.server.closeAllConnections();
    await server?.close();
    await database?.dispose();
  });

  async function signIn(name: string) {
    const { token } = await clientFor(url).auth.devSignIn.mutate({ subject: `s-${name}-${newClientId()}`, displayName: name, team: 'T' });
    return { token, api: clientFor(url, token) };
  }

  it('streams others\' ratings, reviews and comments on watched items, and resumes from lastEventId', async () => {
    const watcher = await signIn('Watcher');
    const writer = await signIn('Writer');
    const item = uniqueItemKey();
    const other = uniqueItemKey();
    const stream = await openSse(liveItemsUrl(url, watcher.token, [item]));
    try {
      await stream.waitFor((m) => m.event === 'connected', 2000);
      await writer.api.ratings.set.mutate({ item, stars: 4, clientId: newClientId() });
      await writer.api.ratings.set.mutate({ item: other, stars: 2, clientId: newClientId() });
      await writer.api.comments.create.mutate({ item, body: 'Hello', clientId: newClientId() });
      await writer.api.reviews.upsert.mutate({ item, body: 'A good course overall, worth it.', clientId: newClientId() } as never).catch(() => undefined);
      const summary = await stream.waitFor((m) => liveData(m)?.kind === 'summary', 2000);
      const comment = await stream.waitFor((m) => liveData(m)?.kind === 'comment', 2000);
      expect(liveData(summary)!.item).toBe(item);
      expect(stream.messages.every((m) => liveData(m)?.item !== other)).toBe(true);
      expect(Number(comment.id)).toBeGreaterThan(Number(summary.id));

      // A reconnect from the summary's id gets the comment again, not the summary.
      const resumed = await openSse(liveItemsUrl(url, watcher.token, [item], summary.id));
      try {
        const replayed = await resumed.waitFor((m) => liveData(m)?.kind === 'comment', 2000);
        expect(replayed.id).toBe(comment.id);
        expect(resumed.messages.some((m) => m.id === summary.id)).toBe(false);
      } finally {
        resumed.close();
      }
    } finally {
      stream.close();
    }
  });

  it('refuses a subscription without a valid token', async () => {
    const stream = await openSse(liveItemsUrl(url, 'not-a-token', [uniqueItemKey()]));
    try {
      const error = await stream.waitFor((m) => m.event === 'serialized-error', 2000);
      expect(error.data).toContain('UNAUTHORIZED');
    } finally {
      stream.close();
    }
  });
});
