import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type RippleServer } from '../../../server/app';
import { apiClientSettings } from '../../../entrypoints/background/api-client';
import { RippleDb } from '../../../entrypoints/background/db';
import { Outbox } from '../../../entrypoints/background/outbox';
import { Session } from '../../../entrypoints/background/session';
import { writeSetting } from '../../../entrypoints/background/settings';
import { prng, startFaultProxy, type Fault, type FaultProxy } from './support';

const WRITES = 200;
const SEED = Number(process.env.RIPPLE_FAULT_SEED ?? 7);
/** The client gives up after this; the proxy's delayed requests arrive after it. */
const CLIENT_TIMEOUT_MS = 300;

/**
 * Fault test (b): 200 comments written through the extension's real Outbox, to the real server,
 * through a proxy that drops requests, answers 500, loses answers of applied writes and delays
 * beyond the client's timeout. The server must end with exactly the 200 comments.
 */
describe('writes through a flaky network', () => {
  let dataDir: string;
  let server: RippleServer;
  let proxy: FaultProxy;
  const savedTimeout = apiClientSettings.requestTimeoutMs;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ripple-fault-b-'));
    server = await buildServer({ dataDir, rateLimits: { perMinute: 10_000, perDay: 10_000 }, authRateLimit: { perMinute: 10_000 } });
    const serverUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const random = prng(SEED);
    const choose = (): Fault => {
      const r = random();
      if (r < 0.1) return 'drop-request';
      if (r < 0.2) return 'error-500';
      if (r < 0.3) return 'drop-response';
      if (r < 0.35) return 'delay';
      return 'pass';
    };
    proxy = await startFaultProxy(serverUrl, choose, CLIENT_TIMEOUT_MS + 200);
    apiClientSettings.requestTimeoutMs = CLIENT_TIMEOUT_MS;
  });
  afterAll(async () => {
    apiClientSettings.requestTimeoutMs = savedTimeout;
    await proxy?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends with exactly the 200 writes, each once', { timeout: 60_000 }, async () => {
    const db = new RippleDb(`fault-b-${Math.random()}`);
    await writeSetting(db, 'serverUrl', proxy.url);
    const session = new Session(db);
    const outbox = new Outbox(db, session, () => {});
    const item = `moodle:faults.example:course:${Math.floor(Math.random() * 1e9)}`;

    // Written as fast as the learner can: the outbox stores each, then tries to send.
    const outcomes = await Promise.all(Array.from({ length: WRITES }, (_, i) => outbox.submit({ kind: 'comments.create', input: { item, body: `write ${i}` } })));
    expect(outcomes.every((o) => o.state !== 'rejected')).toBe(true);
    // What the worker's alarm does until the queue is empty (forced: no waiting for the backoff).
    for (let round = 0; (await db.outbox.count()) > 0; round++) {
      if (round > 2_000) throw new Error('the outbox never emptied');
      await outbox.flush(true);
    }

    const rows = await server.db.selectFrom('comments').select(['body']).where('item_key', '=', item).execute();
    const bodies = rows.map((r) => r.body).sort();
    expect(bodies).toHaveLength(WRITES);
    expect(new Set(bodies).size).toBe(WRITES);
    expect(bodies).toEqual(Array.from({ length: WRITES }, (_, i) => `write ${i}`).sort());
    // The run did meet every kind of failure.
    for (const fault of ['drop-request', 'error-500', 'drop-response', 'delay'] as const) expect(proxy.counts[fault]).toBeGreaterThan(0);
    console.log('fault test (b): proxy saw', proxy.counts);
    db.close();
  });
});
