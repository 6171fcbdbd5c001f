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
import { Outbox } from '../../entrypoints/background/outbox';
import { readSetting, writeSetting } from '../../entrypoints/background/settings';
import { onSummariesChanged } from '../../entrypoints/background/summary-cache';

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
    const outbox = new Outbox(db, session, () => {});
    return { db, session, outbox, ratings: new Ratings(db, session, outbox) };
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
    const session = new Session(db);
    const fresh = new Ratings(db, session, new Outbox(db, session, () => {}));
    expect((await fresh.fresh([item()])).ok).toBe(true);
    expect((await readSetting(db, 'session'))!.token).not.toBe(`${stored.token.slice(0, -4)}AAAA`);
  });

  it('keeps a write made while the server is unreachable, and sends it exactly once when it is back', async () => {
    const { db, ratings } = await learner();
    const key = item();
    await ratings.set(key, 5, undefined);
    await writeSetting(db, 'serverUrl', 'http://127.0.0.1:9');
    const offlineSession = new Session(db);
    const offlineOutbox = new Outbox(db, offlineSession, () => {});
    const offline = new Ratings(db, offlineSession, offlineOutbox);
    expect(await offline.fresh([key])).toMatchObject({ ok: false, reason: 'offline' });
    // The learner changes their mind offline: the widget shows it at once, the outbox keeps it.
    expect(await offline.set(key, 2, undefined)).toMatchObject({ ok: true, pending: true, summary: { average: 2, count: 1, mine: 2 } });
    expect(await offline.cached([key])).toMatchObject([{ average: 2, count: 1, mine: 2 }]);
    expect(await db.outbox.count()).toBe(1);

    await writeSetting(db, 'serverUrl', serverUrl);
    const backSession = new Session(db);
    const backOutbox = new Outbox(db, backSession, () => {});
    // The page read that finds the server back still shows the learner's unsent choice, not the 5.
    expect(await new Ratings(db, backSession, backOutbox).fresh([key])).toMatchObject({ ok: true, summaries: [{ average: 2, count: 1, mine: 2 }] });
    // What the worker does when the server answers again; a second flush finds nothing to send.
    await backOutbox.flush(true);
    await backOutbox.flush(true);
    expect(await db.outbox.count()).toBe(0);
    const back = new Ratings(db, backSession, backOutbox);
    expect(await back.fresh([key])).toMatchObject({ ok: true, summaries: [{ average: 2, count: 1, mine: 2, histogram: [0, 1, 0, 0, 0] }] });
  });

  it('keeps the learner’s last choice when changes come faster than the server answers', async () => {
    const { ratings } = await learner();
    const key = item();
    const told: (number | null)[] = [];
    onSummariesChanged((summaries) => told.push(...summaries.filter((s) => s.item === key).map((s) => s.mine)));
    // Arrow keys in the star group: three changes sent without waiting for any answer.
    const answers = await Promise.all([1, 2, 3].map((stars) => ratings.set(key, stars, undefined)));
    expect(answers.every((answer) => answer.ok && !('pending' in answer && answer.pending))).toBe(true);
    // The 2 was replaced unsent: it is neither announced to the tabs nor cached after the 3.
    expect(told.at(-1)).toBe(3);
    expect(told).not.toContain(2);
    expect(await ratings.cached([key])).toMatchObject([{ mine: 3 }]);
    expect(await ratings.fresh([key])).toMatchObject({ ok: true, summaries: [{ average: 3, count: 1, mine: 3 }] });
  });

  it('keeps a tip written while the server is unreachable, and sends it once when it is back', async () => {
    const { db, session } = await learner();
    const key = item();
    await writeSetting(db, 'serverUrl', 'http://127.0.0.1:9');
    const offline = new Outbox(db, new Session(db), () => {});
    expect(await offline.submit({ kind: 'contributions.create', input: { kind: 'tip', item: key, text: 'Do the quiz twice.' } })).toMatchObject({ state: 'queued' });
    await writeSetting(db, 'serverUrl', serverUrl);
    const back = new Outbox(db, session, () => {});
    await back.flush(true);
    await back.flush(true);
    expect(await db.outbox.count()).toBe(0);
    const answer = await new Ratings(db, session, back).fresh([key]);
    expect(answer).toMatchObject({ ok: true, summaries: [{ contributionCount: 1 }] });
  });

  it('drops a write the server refuses, without blocking the ones behind it', async () => {
    const { db, outbox } = await learner();
    const key = item();
    const refused = await outbox.submit({ kind: 'comments.create', input: { item: key, body: 'bad\u0000body' } });
    expect(refused).toMatchObject({ state: 'rejected', reason: 'rejected' });
    const fine = await outbox.submit({ kind: 'comments.create', input: { item: key, body: 'A useful tip' } });
    expect(fine.state).toBe('sent');
    expect(await db.outbox.count()).toBe(0);
  });

  it('passes the server’s refusal of bad input on as rejected', async () => {
    const { ratings } = await learner();
    expect(await ratings.set(item(), 9, undefined)).toMatchObject({ ok: false, reason: 'rejected' });
  });
});
