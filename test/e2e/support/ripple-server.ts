import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildServer, type RippleServer } from '../../../server/app';

export interface RunningServer {
  url: string;
  /** The server's own handles, for setting up what has no UI yet (roles, tenant settings). */
  internals: RippleServer;
  /** tRPC HTTP requests a page view causes (a batch counts once): signal batches and the live stream aside. */
  requestCount(): number;
  /** Stops the process's server but keeps its data, as an outage would. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it for good and removes its data. Idempotent. */
  close(): Promise<void>;
}

/** The real server on embedded SQLite in a fresh data folder, on a free loopback port. */
export async function startRippleServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ripple-e2e-data-'));
  let requests = 0;
  let port = 0;
  let server: RippleServer | null = null;
  const start = async () => {
    // Generous write limits: a suite posts a whole hostile corpus from a few accounts.
    const next = await buildServer({
      dataDir,
      devSignIn: true,
      logger: false,
      rateLimits: { perMinute: 1000, perDay: 10_000 },
      // Every browser and API learner of a suite signs in from 127.0.0.1.
      authRateLimit: { perMinute: 0 },
    });
    next.app.addHook('onRequest', async (request) => {
      // Not caused by a page view: activity signals (their own timed batches) and the live-update
      // stream (one long-lived subscription per browser, renewed when the open tabs' items change).
      if (request.url.startsWith('/trpc/') && !/^\/trpc\/(signals|live)\./.test(request.url)) requests++;
    });
    await next.app.listen({ port, host: '127.0.0.1' });
    port = (next.app.server.address() as AddressInfo).port;
    server = next;
  };
  const stop = async () => {
    await server?.close();
    server = null;
  };
  await start();
  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    get internals() {
      if (!server) throw new Error('The server is stopped');
      return server;
    },
    requestCount: () => requests,
    stop,
    start,
    close() {
      closing ??= stop().then(() => rmSync(dataDir, { recursive: true, force: true }));
      return closing;
    },
  };
}
