import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { RippleDb } from '../../../entrypoints/background/db';
import { apiClientSettings } from '../../../entrypoints/background/api-client';
import { Outbox } from '../../../entrypoints/background/outbox';
import { Session } from '../../../entrypoints/background/session';
import { writeSetting } from '../../../entrypoints/background/settings';
import { connectDatabase } from '../../../server/db/connect';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/engines';
import { freePort, spawnServer, type ServerProcess } from './support';

/** Per-learner write limit of the server is 30 a minute: stay under it with one learner. */
const WRITES = 28;
const KILL_AFTER_ACKS = 10;

/**
 * Fault test (a): the real server as a child process, a burst of comments through the extension's
 * real Outbox, SIGKILL in the middle, restart on the same port and data, flush. Every write
 * acknowledged before the kill is there, nothing is there twice, and the rest lands after.
 */
if (!process.env.DATABASE_URL) console.warn('server crash fault test: PostgreSQL run SKIPPED (set DATABASE_URL to run it too)');

describe.each(ENGINES)('server killed in the middle of a burst of writes on %s', (engine) => {
  let database: TestDatabase | null = null;
  let server: ServerProcess | null = null;
  const savedTimeout = apiClientSettings.requestTimeoutMs;

  afterAll(async () => {
    apiClientSettings.requestTimeoutMs = savedTimeout;
    await server?.kill();
    await database?.dispose();
  });

  it('loses nothing acknowledged and applies nothing twice', { timeout: 60_000 }, async () => {
    apiClientSettings.requestTimeoutMs = 2_000;
    const port = await freePort();
    database = await createTestDatabase(engine);
    const env = { RIPPLE_DATA_DIR: database.options.dataDir ?? '', DATABASE_URL: database.options.databaseUrl ?? '' };
    server = await spawnServer(env, port);

    const db = new RippleDb(`fault-a-${Math.random()}`);
    await writeSetting(db, 'serverUrl', server.url);
    const session = new Session(db);
    const outbox = new Outbox(db, session, () => {});
    const item = `moodle:faults.example:course:${Math.floor(Math.random() * 1e9)}`;
    // Signed in before the burst, so the kill hits writes, not the sign-in.
    expect(await session.ensure()).not.toBeNull();

    // An entry leaves the outbox only once the server has answered it: that is the acknowledgement.
    // The kill is sent synchronously at the KILL_AFTER_ACKS-th, while the burst goes on.
    let acks = 0;
    let killing: Promise<void> | null = null;
    db.outbox.hook('deleting', () => {
      acks += 1;
      if (acks === KILL_AFTER_ACKS) killing = server!.kill();
    });
    const outcomes = await Promise.all(Array.from({ length: WRITES }, (_, i) => outbox.submit({ kind: 'comments.create', input: { item, body: `burst ${i}` } })));
    await killing;
    const remaining = new Set((await db.outbox.toArray()).map((entry) => (entry.input as { body: string }).body));
    const acknowledged = Array.from({ length: WRITES }, (_, i) => `burst ${i}`).filter((body) => !remaining.has(body));
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(remaining.size).toBeGreaterThan(0);
    expect(outcomes.every((o) => o.state !== 'rejected')).toBe(true);

    server = await spawnServer(env, port);
    for (let round = 0; (await db.outbox.count()) > 0; round++) {
      if (round > 50) throw new Error('the outbox never emptied');
      await outbox.flush(true);
    }
    await server.kill();
    server = null;

    const { db: serverDb } = connectDatabase(database.options);
    try {
      const bodies = (await serverDb.selectFrom('comments').select(['body']).where('item_key', '=', item).execute()).map((r) => r.body!);
      for (const body of acknowledged) expect(bodies).toContain(body);
      expect(new Set(bodies).size).toBe(bodies.length);
      expect(bodies.sort()).toEqual(Array.from({ length: WRITES }, (_, i) => `burst ${i}`).sort());
    } finally {
      await serverDb.destroy();
    }
    db.close();
  });
});
