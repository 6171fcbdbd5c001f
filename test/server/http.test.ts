import type { AddressInfo } from 'node:net';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type RippleServer } from '../../server/app';
import { EXTENSION_ORIGIN } from '../../server/config';
import type { AppRouter } from '../../server/contract';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import { newClientId, randomId, snapshotRatingData, uniqueItemKey } from './support/harness';

describe.each(ENGINES)('HTTP on %s', (engine) => {
  let database: TestDatabase;
  let server: RippleServer;
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    server = await buildServer({ ...database.options, logger: false });
    const signIn = await post('/trpc/auth.devSignIn', { subject: randomId(20), displayName: 'Ann', team: 'Sales' });
    expect(signIn.statusCode).toBe(200);
    token = signIn.json().result.data.token;
  });
  afterAll(async () => {
    await server?.close();
    await database?.dispose();
  });

  function post(url: string, body: unknown, headers: Record<string, string> = {}) {
    return server.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
  }
  const auth = () => ({ authorization: `Bearer ${token}` });

  it('answers a batched POST of queries (method override) with a Bearer token', async () => {
    const item = uniqueItemKey();
    const set = await post('/trpc/ratings.set', { item, stars: 4, clientId: newClientId() }, auth());
    expect(set.statusCode).toBe(200);

    const batch = await post('/trpc/ratings.summaries,auth.me?batch=1', { 0: { items: [item, uniqueItemKey()] } }, auth());
    expect(batch.statusCode).toBe(200);
    const [summaries, me] = batch.json();
    expect(summaries.result.data).toEqual([
      { item, average: 4, count: 1, mine: 4 },
      expect.objectContaining({ count: 0, average: null, mine: null }),
    ]);
    expect(me.result.data).toEqual({ displayName: 'Ann', team: 'Sales', tenant: 'demo', role: 'learner' });
  });

  it('accepts a batch of 50 writes in one request (the batch path names every procedure)', async () => {
    const items = Array.from({ length: 50 }, () => uniqueItemKey());
    const path = `/trpc/${items.map(() => 'ratings.set').join(',')}?batch=1`;
    const body = Object.fromEntries(items.map((item, index) => [index, { item, stars: 3, clientId: newClientId() }]));
    const response = await post(path, body, auth());
    expect(response.statusCode).toBe(200);
    expect(response.json().map((answer: { result: { data: { count: number } } }) => answer.result.data.count)).toEqual(items.map(() => 1));
  });

  it('answers 401 UNAUTHORIZED without a token', async () => {
    const response = await post('/trpc/ratings.summaries', { items: [uniqueItemKey()] });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.data.code).toBe('UNAUTHORIZED');
  });

  it('answers bad input with 400, the fields at fault, and no stack trace', async () => {
    const response = await post('/trpc/ratings.set', { item: uniqueItemKey(), stars: 7, clientId: newClientId() }, auth());
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.data.issues).toEqual([{ path: 'stars', message: expect.any(String) }]);
    expect(error.message).toMatch(/^Invalid input: stars: /);
    expect(response.body).not.toContain('stack');
    expect(response.body).not.toContain('.ts:');
  });

  it('refuses a body over 256 KB with 413 and stores nothing', async () => {
    const item = uniqueItemKey();
    const write = { item, stars: 5, clientId: newClientId() };
    const before = await snapshotRatingData(server.db);

    // Valid apart from its size: unknown fields are stripped, so without the limit it would be stored.
    const oversize = await post('/trpc/ratings.set', { ...write, padding: 'x'.repeat(260 * 1024) }, auth());
    expect(oversize.statusCode).toBe(413);
    expect(await snapshotRatingData(server.db)).toEqual(before);

    const normal = await post('/trpc/ratings.set', write, auth());
    expect(normal.statusCode).toBe(200);
    expect(normal.json().result.data.count).toBe(1);
  });

  it('allows CORS for the extension’s origin only', async () => {
    const preflight = (origin: string) =>
      server.app.inject({
        method: 'OPTIONS',
        url: '/trpc/ratings.summaries',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const allowed = await preflight(EXTENSION_ORIGIN);
    expect(allowed.headers['access-control-allow-origin']).toBe(EXTENSION_ORIGIN);
    expect(String(allowed.headers['access-control-allow-headers'])).toMatch(/authorization/);

    const other = await preflight('https://lms.evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();

    const simple = await server.app.inject({ method: 'GET', url: '/trpc/meta.info', headers: { origin: 'chrome-extension://someotherextensionidxxxxxxxxxxxx' } });
    expect(simple.statusCode).toBe(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('reports liveness and readiness', async () => {
    const health = await server.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await server.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', engine });
  });

  it('serves the extension’s own client (httpBatchLink, POST override) over a real socket', async () => {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.app.server.address() as AddressInfo;
    const client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `http://127.0.0.1:${port}/trpc`, methodOverride: 'POST', headers: auth })],
    });
    // 200 ItemKeys would not fit in a GET URL; they go in one POST with the other queries of the tick.
    const items = Array.from({ length: 200 }, () => uniqueItemKey());
    const [summaries, me, info] = await Promise.all([client.ratings.summaries.query({ items }), client.auth.me.query(), client.meta.info.query()]);
    expect(summaries.map((summary) => summary.item)).toEqual(items);
    expect(me.displayName).toBe('Ann');
    expect(info.name).toBe('ripple');
  });
});

describe.each(ENGINES)('HTTP failures on %s', (engine) => {
  let database: TestDatabase;
  let server: RippleServer;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    server = await buildServer({ ...database.options, logger: false });
  });
  afterAll(async () => {
    await server?.close();
    await database?.dispose();
  });

  it('hides unexpected errors (no SQL, no stack) and reports not ready when the database is gone', async () => {
    const signIn = await server.app.inject({
      method: 'POST',
      url: '/trpc/auth.devSignIn',
      headers: { 'content-type': 'application/json' },
      payload: { subject: randomId(20), displayName: 'Ann', team: 'Sales' },
    });
    const headers = { authorization: `Bearer ${signIn.json().result.data.token}`, 'content-type': 'application/json' };

    await sql`drop table item_stats`.execute(server.db);
    const broken = await server.app.inject({ method: 'POST', url: '/trpc/ratings.summaries', headers, payload: { items: [uniqueItemKey()] } });
    expect(broken.statusCode).toBe(500);
    expect(broken.json().error.message).toBe('Internal server error');
    expect(broken.body).not.toMatch(/item_stats|select|stack/i);

    await server.db.destroy();
    const ready = await server.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
  });
});
