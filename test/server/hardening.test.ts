import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type RippleServer } from '../../server/app';
import { EXTENSION_ID } from '../../server/config';
import { SERVER_VERSION } from '../../server/version';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import { randomId } from './support/harness';

const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Collects the server's JSON log lines. */
function logSink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe.each(ENGINES)('HTTP hardening on %s', (engine) => {
  let database: TestDatabase;
  let server: RippleServer;
  let dir: string;
  const logs = logSink();

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    dir = mkdtempSync(path.join(tmpdir(), 'ripple-crx-'));
    server = await buildServer({
      ...database.options,
      logger: { level: 'info', stream: logs.stream },
      authRateLimit: { perMinute: 5 },
      crxPath: path.join(dir, 'ripple.crx'),
    });
  });
  afterAll(async () => {
    await server?.close();
    await database?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const devSignIn = (remoteAddress = '127.0.0.1', body: Record<string, unknown> = {}) =>
    server.app.inject({
      method: 'POST',
      url: '/trpc/auth.devSignIn',
      remoteAddress,
      headers: { 'content-type': 'application/json' },
      payload: { subject: randomId(20), displayName: 'Ann', team: 'Sales', ...body },
    });

  it.each([
    ['a procedure', { method: 'GET' as const, url: '/trpc/meta.info' }],
    ['an error', { method: 'GET' as const, url: '/trpc/auth.me' }],
    ['a health check', { method: 'GET' as const, url: '/healthz' }],
    ['an unknown route', { method: 'GET' as const, url: '/nope' }],
    ['a CORS preflight', { method: 'OPTIONS' as const, url: '/trpc/auth.me', headers: { origin: `chrome-extension://${EXTENSION_ID}`, 'access-control-request-method': 'POST' } }],
  ])('sets the security headers on %s', async (_name, request) => {
    const response = await server.app.inject(request);
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'content-security-policy': API_CSP,
      'cross-origin-resource-policy': 'same-site',
    });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    // Plain http, not behind a proxy saying https: no HSTS.
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('keeps API answers out of caches', async () => {
    const response = await devSignIn('10.9.9.9');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('keeps a sane X-Request-Id from a load balancer, replaces anything else', async () => {
    const kept = await server.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'lb-1234.abc' } });
    expect(kept.headers['x-request-id']).toBe('lb-1234.abc');
    const replaced = await server.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'x\u0001y <script>' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('limits the auth endpoints per address and procedure, with a typed TOO_MANY_REQUESTS', async () => {
    const address = '10.0.0.7';
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await devSignIn(address)).statusCode).toBe(200);
    const limited = await devSignIn(address);
    expect(limited.statusCode).toBe(429);
    const { error } = limited.json();
    expect(error.data.code).toBe('TOO_MANY_REQUESTS');
    expect(error.data.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.data.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another address, and another auth procedure from the same address, are not affected.
    expect((await devSignIn('10.0.0.8')).statusCode).toBe(200);
    const refresh = await server.app.inject({
      method: 'POST',
      url: '/trpc/auth.refresh',
      remoteAddress: address,
      headers: { 'content-type': 'application/json' },
      payload: { refreshToken: 'rrt1_unknown' },
    });
    expect(refresh.statusCode).toBe(401);
    // Learners' normal calls are never limited by it.
    expect((await server.app.inject({ method: 'GET', url: '/trpc/meta.info', remoteAddress: address })).statusCode).toBe(200);
  });

  it('logs JSON lines with request ids and never a token', async () => {
    const signIn = await devSignIn('10.0.0.9');
    const token = signIn.json().result.data.token as string;
    await server.app.inject({ method: 'GET', url: '/trpc/auth.me', headers: { authorization: `Bearer ${token}` }, remoteAddress: '10.0.0.9' });
    await server.app.inject({
      method: 'POST',
      url: '/trpc/auth.refresh',
      remoteAddress: '10.0.0.9',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      payload: { refreshToken: 'rrt1_secret-refresh-token' },
    });
    // The live stream's EventSource cannot send headers: its token travels in the URL, which the
    // request log must not keep.
    const streamUrl = `/trpc/auth.me?connectionParams=${encodeURIComponent(JSON.stringify({ token }))}&input=%7B%7D`;
    await server.app.inject({ method: 'GET', url: streamUrl, remoteAddress: '10.0.0.9' });
    // Whatever a log call is handed, credentials come out redacted.
    server.app.log.info({ headers: { authorization: `Bearer ${token}` }, input: { refreshToken: 'rrt1_secret-refresh-token', code: 'the-code' } }, 'probe');

    const text = logs.lines.join('\n');
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.split('.')[1]!);
    expect(text).not.toContain('rrt1_secret-refresh-token');
    expect(text).not.toContain('the-code');
    // The stream's request is still logged, its credential replaced.
    expect(text).toContain('/trpc/auth.me?connectionParams=%5Bredacted%5D&input=%7B%7D');
    const parsed = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.filter((line) => line.msg === 'incoming request').every((line) => typeof line.reqId === 'string')).toBe(true);
    const probe = parsed.find((line) => line.msg === 'probe') as { headers: { authorization: string }; input: Record<string, string> };
    expect(probe.headers.authorization).toBe('[redacted]');
    expect(probe.input).toEqual({ refreshToken: '[redacted]', code: '[redacted]' });
  });

  describe('extension distribution', () => {
    it('serves the update manifest with the extension id, the version and the package URL', async () => {
      const response = await server.app.inject({ method: 'GET', url: '/extension/updates.xml?x=id%3Dbgnj%26v%3D0.0.1', headers: { host: 'ripple.acme.test:8443' } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/xml; charset=utf-8');
      expect(response.body).toBe(
        [
          "<?xml version='1.0' encoding='UTF-8'?>",
          "<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>",
          `  <app appid='${EXTENSION_ID}'>`,
          `    <updatecheck codebase='http://ripple.acme.test:8443/extension/ripple.crx' version='${SERVER_VERSION}' />`,
          '  </app>',
          '</gupdate>',
          '',
        ].join('\n'),
      );
    });

    it('answers 404 with a clear message while the CRX is missing, then serves it', async () => {
      const missing = await server.app.inject({ method: 'GET', url: '/extension/ripple.crx' });
      expect(missing.statusCode).toBe(404);
      expect(missing.body).toMatch(/RIPPLE_CRX_PATH/);
      expect(missing.body).not.toContain(dir);

      const crx = Buffer.concat([Buffer.from('Cr24'), Buffer.from([3, 0, 0, 0]), Buffer.from(randomId(64))]);
      writeFileSync(path.join(dir, 'ripple.crx'), crx);
      const served = await server.app.inject({ method: 'GET', url: '/extension/ripple.crx' });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('application/x-chrome-extension');
      expect(served.rawPayload.equals(crx)).toBe(true);
    });
  });
});

describe.each(ENGINES)('HTTP hardening options on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('sends HSTS behind a trusted https proxy (auto), always when on; uses RIPPLE_PUBLIC_URL for the package URL', async () => {
    const server = await buildServer({ ...database.options, trustProxy: true, publicUrl: 'https://ripple.acme.com' });
    try {
      const viaHttps = await server.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
      expect(viaHttps.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const viaHttp = await server.app.inject({ method: 'GET', url: '/healthz' });
      expect(viaHttp.headers['strict-transport-security']).toBeUndefined();
      const manifest = await server.app.inject({ method: 'GET', url: '/extension/updates.xml', headers: { host: 'evil.example' } });
      expect(manifest.body).toContain("codebase='https://ripple.acme.com/extension/ripple.crx'");
      const noCrx = await server.app.inject({ method: 'GET', url: '/extension/ripple.crx' });
      expect(noCrx.statusCode).toBe(404);
      expect(noCrx.body).toMatch(/set RIPPLE_CRX_PATH/);
    } finally {
      await server.close();
    }
    const always = await buildServer({ ...database.options, hsts: true });
    try {
      expect((await always.app.inject({ method: 'GET', url: '/healthz' })).headers['strict-transport-security']).toMatch(/^max-age=/);
    } finally {
      await always.close();
    }
  });

  it('does not limit the auth endpoints when the limit is 0', async () => {
    const server = await buildServer({ ...database.options, authRateLimit: { perMinute: 0 } });
    try {
      for (let attempt = 0; attempt < 25; attempt += 1) {
        const response = await server.app.inject({
          method: 'POST',
          url: '/trpc/auth.devSignIn',
          headers: { 'content-type': 'application/json' },
          payload: { subject: randomId(20), displayName: 'Ann', team: 'Sales' },
        });
        expect(response.statusCode).toBe(200);
      }
    } finally {
      await server.close();
    }
  });
});
