import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/**
 * A deliberately minimal "provider" whose token endpoint answers whatever ID token the test
 * hands it, to prove the server rejects forged, expired, misaddressed or replayed ID tokens on the
 * real `auth.oidcExchange` path. Discovery and JWKS are real HTTP; there is no userinfo endpoint.
 */
export interface FakeIdp {
  issuer: string;
  clientId: string;
  /** The key its JWKS publishes. */
  key: CryptoKey;
  kid: string;
  /** What the token endpoint answers next (an ID token, or a whole JSON body). */
  respondWith(answer: string | { status: number; body: unknown }): void;
  /** The form of the last token request. */
  lastTokenRequest: URLSearchParams | null;
  /** Signs an ID token with the published key (or another), with sane defaults for every claim. */
  idToken(claims?: JWTPayload, options?: { key?: CryptoKey; kid?: string; alg?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function startFakeIdp(options: { clientId?: string } = {}): Promise<FakeIdp> {
  const clientId = options.clientId ?? 'ripple';
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = 'fake-1';
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  let answer: string | { status: number; body: unknown } = { status: 400, body: { error: 'invalid_grant' } };
  let issuer = '';

  const state: FakeIdp = {
    issuer: '',
    clientId,
    key: privateKey,
    kid,
    lastTokenRequest: null,
    respondWith(next) {
      answer = next;
    },
    async idToken(claims = {}, signing = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload: JWTPayload = { iss: issuer, aud: clientId, sub: 'fake-user', iat: now, exp: now + 300, ...claims };
      return new SignJWT(payload)
        .setProtectedHeader({ alg: signing.alg ?? 'ES256', kid: signing.kid ?? kid })
        .sign(signing.key ?? privateKey);
    },
    close: async () => undefined,
  };

  const server: Server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (path === '/.well-known/openid-configuration') {
      return send(200, { issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks` });
    }
    if (path === '/jwks') return send(200, { keys: [jwk] });
    if (path === '/token' && req.method === 'POST') {
      state.lastTokenRequest = new URLSearchParams(await readBody(req));
      if (typeof answer === 'string') return send(200, { id_token: answer, access_token: 'fake-access', token_type: 'Bearer' });
      return send(answer.status, answer.body);
    }
    send(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.issuer = issuer;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return state;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
