import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '../../../server/contract';
import { createTestDatabase, type TestDatabase } from '../support/engines';
import { liveData, liveItemsUrl, openSse } from '../support/sse';
import { freePort, spawnServer, type ServerProcess } from './support';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) console.warn('live fan-out across server processes: SKIPPED (set DATABASE_URL to a PostgreSQL database to run it)');

function clientFor(url: string, token?: string) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) })],
  });
}

/**
 * Fault test (c): two server processes on one PostgreSQL schema. A comment posted through one
 * reaches, within 2 s, a subscriber connected to the other (LISTEN/NOTIFY), and a subscriber that
 * reconnects to either catches up from its last event id.
 */
describe.skipIf(!databaseUrl)('live updates shared by two server processes on PostgreSQL', () => {
  let database: TestDatabase;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const env = { DATABASE_URL: database.options.databaseUrl!, RIPPLE_SECRET: 'fanout-test-secret-0123456789abcdef-0123456789' };
    // One first, so migrations do not race; then the replica.
    servers.push(await spawnServer(env, await freePort()));
    servers.push(await spawnServer(env, await freePort()));
  }, 60_000);
  afterAll(async () => {
    for (const server of servers) await server.kill();
    await database?.dispose();
  });

  it('a comment posted through one reaches a subscriber of the other within 2 s', { timeout: 20_000 }, async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const sign = async (url: string, name: string) =>
      (await clientFor(url).auth.devSignIn.mutate({ subject: `fanout-${name}-${Math.random().toString(36).slice(2, 14)}`, displayName: name, team: 'T' })).token;
    const watcherToken = await sign(b.url, 'Watcher');
    const writerToken = await sign(a.url, 'Writer');
    const item = `moodle:fanout.example:course:${Math.floor(Math.random() * 1e9)}`;

    const stream = await openSse(await liveItemsUrl(b.url, watcherToken, [item]));
    try {
      await stream.waitFor((m) => m.event === 'connected', 2_000);
      const postedAt = Date.now();
      await clientFor(a.url, writerToken).comments.create.mutate({ item, body: 'Across processes', clientId: `fanout-${postedAt}` });
      const event = await stream.waitFor((m) => liveData(m)?.kind === 'comment', 2_000);
      expect(liveData(event)).toEqual({ item, kind: 'comment' });
      expect(Date.now() - postedAt).toBeLessThan(2_000);

      // A second comment while disconnected; reconnecting to server A with the last id replays it.
      stream.close();
      await clientFor(a.url, writerToken).comments.create.mutate({ item, body: 'While away', clientId: `fanout-${postedAt}-2` });
      const resumed = await openSse(await liveItemsUrl(a.url, watcherToken, [item], event.id));
      try {
        const missed = await resumed.waitFor((m) => liveData(m)?.kind === 'comment', 2_000);
        expect(Number(missed.id)).toBeGreaterThan(Number(event.id));
      } finally {
        resumed.close();
      }
    } finally {
      stream.close();
    }
  });
});
