import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildServer, type RippleServer } from '../../../server/app';

export interface RunningServer {
  url: string;
  /** The server's own handles, for setting up what has no UI yet (roles, tenant settings). */
  internals: RippleServer;
  /** tRPC HTTP requests received so far (a batch counts once, as on the wire). */
  requestCount(): number;
  close(): Promise<void>;
}

/** The real server on embedded SQLite in a fresh data folder, on a free loopback port. */
export async function startRippleServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ripple-e2e-data-'));
  // Generous write limits: a suite posts a whole hostile corpus from a few accounts.
  const server = await buildServer({ dataDir, devSignIn: true, logger: false, rateLimits: { perMinute: 1000, perDay: 10_000 } });
  let requests = 0;
  server.app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/trpc/')) requests++;
  });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.app.server.address() as AddressInfo;
  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    internals: server,
    requestCount: () => requests,
    // Idempotent: a test may stop the server on purpose before the suite's cleanup does.
    close() {
      closing ??= server.close().then(() => rmSync(dataDir, { recursive: true, force: true }));
      return closing;
    },
  };
}
