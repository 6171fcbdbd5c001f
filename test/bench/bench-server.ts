import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { buildServer } from '../../server/app';
import type { AppRouter } from '../../server/contract';

export interface BenchServer {
  url: string;
  /** tRPC HTTP requests received so far (a batch counts once, as on the wire). */
  requestCount(): number;
  token(): Promise<string>;
  /** A colleague's API client (another learner of the same company). */
  colleague(name: string): Promise<ReturnType<typeof createTRPCClient<AppRouter>>>;
  /** Creates `count` rated items (several raters each) and returns their keys. */
  seedRatings(count: number): Promise<string[]>;
  close(): Promise<void>;
}

export async function startBenchServer(databaseUrl?: string): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ripple-bench-'));
  const server = await buildServer({ dataDir, databaseUrl, devSignIn: true });
  let requests = 0;
  server.app.addHook('onRequest', async (request) => {
    // Not caused by a page view: activity signal batches (timed) and the live-update stream.
    if (request.url.startsWith('/trpc/') && !/^\/trpc\/(signals|live)\./.test(request.url)) requests++;
  });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;

  const signIn = async (name: string) => {
    const client = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${url}/trpc` })] });
    const result = await client.auth.devSignIn.mutate({ subject: randomUUID().replaceAll('-', ''), displayName: name, team: 'Bench' });
    return result.token;
  };
  const clientFor = (token: string) =>
    createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } })] });

  let benchToken: Promise<string> | null = null;
  return {
    url,
    requestCount: () => requests,
    token: () => (benchToken ??= signIn('Bench reader')),
    colleague: async (name) => clientFor(await signIn(name)),
    async seedRatings(count) {
      const run = randomUUID().slice(0, 8);
      const items = Array.from({ length: count }, (_, index) => `moodle:bench.example:course:${run}${index}`);
      for (let rater = 0; rater < 5; rater++) {
        const client = clientFor(await signIn(`Rater ${rater}`));
        await Promise.all(
          items.map((item, index) => client.ratings.set.mutate({ item, stars: 1 + ((index + rater) % 5), clientId: randomUUID() })),
        );
      }
      return items;
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
