import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildServer, type RippleServer } from '../../server/app';
import { RippleDb } from '../../entrypoints/background/db';
import { Session } from '../../entrypoints/background/session';
import { Ratings } from '../../entrypoints/background/ratings';
import { readSetting, writeSetting } from '../../entrypoints/background/settings';

/** The background's session and rating logic against the real server over HTTP, cache in fake IndexedDB. */
describe('background ratings against the real server', () => {
  let server: RippleServer;
  let serverUrl: string;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ripple-bg-'));
    server = await buildServer({ dataDir, devSignIn: true });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    serverUrl = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function learner() {
    const db = new RippleDb(`bg-${Math.random()}`);
    await writeSetting(db, 'serverUrl', serverUrl);
    const session = new Session(db);
    return { db, session, ratings: new Ratings(db, session) };
  }
  const item = () => `moodle:bg.example:course:${Math.floor(Math.random() * 1e9)}`;

  it('signs in to the demo company on first use, then reads and writes through the cache', async () => {
    const { db, ratings } = await learner();
    const key = item();
    expect(await ratings.cached([key])).toEqual([]);
    expect(await ratings.fresh([key])).toMatchObject({ ok: true, summaries: [{ item: key, average: null, count: 0, mine: null, histogram: [0, 0, 0, 0, 0] }] });
    expect((await readSetting(db, 'session'))?.profile.team).toBe('Demo team');

    expect(await ratings.set(key, 4, 'A course')).toMatchObject({ ok: true, summary: { item: key, average: 4, count: 1, mine: 4, histogram: [0, 0, 0, 1, 0] } });
    expect(await ratings.cached([key])).toMatchObject([{ item: key, average: 4, count: 1, mine: 4 }]);
  });

  it('signs in again when the server no longer accepts the token', async () => {
    const { db, ratings } = await learner();
    await ratings.fresh([item()]);
    const stored = (await readSetting(db, 'session'))!;
    // A token the server never issued, as after a secret rotation.
    await writeSetting(db, 'session', { ...stored, token: `${stored.token.slice(0, -4)}AAAA` });
    const fresh = new Ratings(db, new Session(db));
    expect((await fresh.fresh([item()])).ok).toBe(true);
    expect((await readSetting(db, 'session'))!.token).not.toBe(`${stored.token.slice(0, -4)}AAAA`);
  });

  it('says offline, and keeps the cache, when the server cannot be reached', async () => {
    const { db, ratings } = await learner();
    const key = item();
    await ratings.set(key, 5, undefined);
    await writeSetting(db, 'serverUrl', 'http://127.0.0.1:9');
    const offline = new Ratings(db, new Session(db));
    expect(await offline.fresh([key])).toMatchObject({ ok: false, reason: 'offline' });
    expect(await offline.set(key, 2, undefined)).toMatchObject({ ok: false, reason: 'offline' });
    expect(await offline.cached([key])).toMatchObject([{ item: key, average: 5, count: 1, mine: 5 }]);
  });

  it('passes the server’s refusal of bad input on as rejected', async () => {
    const { ratings } = await learner();
    expect(await ratings.set(item(), 9, undefined)).toMatchObject({ ok: false, reason: 'rejected' });
  });
});
