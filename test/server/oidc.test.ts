import { randomBytes } from 'node:crypto';
import { generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityDb } from '../../server/auth/identity-schema';
import { ACCESS_TOKEN_LIFETIME_MS, REFRESH_TOKEN_LIFETIME_MS } from '../../server/auth/sessions';
import type { OidcExchangeInput } from '../../server/contract';
import { configureTenant, type ProviderConfigInput } from '../../server/services/tenant-config';
import { openStorage, type Storage } from '../../server/storage';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import { startFakeIdp, type FakeIdp } from './support/fake-idp';
import { callerFor, expectTRPCError, newClientId, randomId, uniqueItemKey } from './support/harness';
import { createPkcePair, startOidcProvider, type OidcTestAccount, type OidcTestProvider } from './support/oidc';

const REDIRECT_URI = 'https://bgnjicjffkcfkndjddomcliapknpkgkm.chromiumapp.org/';
const OTHER_REDIRECT_URI = 'https://bgnjicjffkcfkndjddomcliapknpkgkm.chromiumapp.org/other';

const CLAIM_MAPPING = {
  team: 'department',
  unit: 'unit',
  roleClaim: 'groups',
  moderatorValues: ['ripple-moderators'],
  adminValues: ['ripple-admins'],
} satisfies ProviderConfigInput['claims'];

function accounts(): OidcTestAccount[] {
  return [
    {
      id: 'alice',
      claims: { name: 'Alice Martin', email: 'alice@acme.test', department: 'Sales', unit: 'EMEA', groups: ['staff', 'ripple-moderators'] },
    },
    // No `name`, no department: the display name falls back to given + family name, the team to the default.
    { id: 'bob', claims: { given_name: 'Bob', family_name: 'Stone', groups: ['staff'] } },
    { id: 'carol', claims: { name: 'Carol Admin', department: 'L&D', groups: ['ripple-admins', 'ripple-moderators'] } },
  ];
}

describe.each(ENGINES)('single sign-on with a real OpenID provider on %s', (engine) => {
  let database: TestDatabase;
  let storage: Storage;
  let op: OidcTestProvider;
  let confidential: OidcTestProvider;
  let opAccounts: OidcTestAccount[];

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    storage = await openStorage(database.options);
    opAccounts = accounts();
    op = await startOidcProvider({ redirectUris: [REDIRECT_URI, OTHER_REDIRECT_URI], accounts: opAccounts });
    confidential = await startOidcProvider({
      redirectUris: [REDIRECT_URI],
      accounts: accounts(),
      clientId: 'ripple-confidential',
      clientSecret: randomBytes(24).toString('base64url'),
      claimsInIdToken: true,
    });
    await configureTenant(storage.db, {
      slug: 'acme',
      name: 'Acme',
      provider: { issuer: op.issuer, clientId: op.clientId, scopes: ['openid', 'profile', 'email', 'groups'], claims: CLAIM_MAPPING },
    });
    await configureTenant(storage.db, {
      slug: 'globex',
      name: 'Globex',
      provider: {
        issuer: confidential.issuer,
        clientId: confidential.clientId,
        clientSecret: confidential.clientSecret!,
        scopes: ['openid', 'profile', 'groups'],
        claims: CLAIM_MAPPING,
      },
    });
  });
  afterAll(async () => {
    await op?.close();
    await confidential?.close();
    await storage?.close();
    await database?.dispose();
  });

  /** What the extension does: PKCE pair + nonce, browser part at the provider, code to the server. */
  async function authorizeAt(provider: OidcTestProvider, login: string, options: { nonce?: string | null; redirectUri?: string } = {}) {
    const pkce = createPkcePair();
    const nonce = options.nonce === null ? undefined : (options.nonce ?? randomId(20));
    const redirectUri = options.redirectUri ?? REDIRECT_URI;
    const response = await provider.authorize({ login, redirectUri, codeChallenge: pkce.codeChallenge, state: randomId(12), nonce });
    return { code: response.code, codeVerifier: pkce.codeVerifier, redirectUri, nonce, iss: response.iss };
  }

  async function signInAt(provider: OidcTestProvider, tenant: string, login: string) {
    const { iss: _iss, ...grant } = await authorizeAt(provider, login);
    return (await callerFor(storage)).auth.oidcExchange({ tenant, ...grant });
  }

  it('tells the extension how to start: provider values for a tenant with one, dev sign-in for the demo', async () => {
    const anonymous = await callerFor(storage);
    expect(await anonymous.auth.config({ tenant: 'acme' })).toEqual({
      tenant: 'acme',
      provider: { issuer: op.issuer, authorizationEndpoint: `${op.issuer}/auth`, clientId: 'ripple', scopes: ['openid', 'profile', 'email', 'groups'] },
      devSignIn: false,
    });
    // The confidential client's secret never leaves the server.
    expect(JSON.stringify(await anonymous.auth.config({ tenant: 'globex' }))).not.toContain(confidential.clientSecret!);
    expect(await anonymous.auth.config({ tenant: 'demo' })).toEqual({ tenant: 'demo', provider: null, devSignIn: true });
    await expectTRPCError(anonymous.auth.config({ tenant: 'nope' }), 'NOT_FOUND');
  });

  it('signs in with code + PKCE (public client, claims from userinfo), mapping name, team, unit and role', async () => {
    const before = Date.now();
    const grant = await authorizeAt(op, 'alice');
    expect(grant.iss).toBe(op.issuer);
    const { iss: _iss, ...input } = grant;
    const result = await (await callerFor(storage)).auth.oidcExchange({ tenant: 'acme', ...input });

    expect(result.profile).toEqual({ displayName: 'Alice Martin', team: 'Sales', tenant: 'acme', role: 'moderator' });
    expect(result.expiresAt).toBeGreaterThanOrEqual(before + ACCESS_TOKEN_LIFETIME_MS - 1000);
    expect(result.expiresAt).toBeLessThanOrEqual(Date.now() + ACCESS_TOKEN_LIFETIME_MS);
    expect(result.refreshExpiresAt).toBeGreaterThanOrEqual(before + REFRESH_TOKEN_LIFETIME_MS - 1000);
    expect(result.refreshToken).toMatch(/^rrt1_[A-Za-z0-9_-]{43}$/);

    const me = await callerFor(storage, result.token);
    expect(await me.auth.me()).toEqual(result.profile);
    // A moderator from the provider's groups can open the queue.
    await expect(me.moderation.queue({})).resolves.toMatchObject({ entries: [] });

    const user = await storage.db.selectFrom('users').selectAll().where('subject', '=', `oidc:${op.issuer}#alice`).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ display_name: 'Alice Martin', team: 'Sales', unit: 'EMEA', role: 'moderator' });
    // Only the hash of the refresh token is stored.
    const stored = await identityDb(storage.db).selectFrom('refresh_tokens').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(result.refreshToken);
  });

  it('falls back to given and family name and the default team; groups without a Ripple value give learner', async () => {
    const result = await signInAt(op, 'acme', 'bob');
    expect(result.profile).toEqual({ displayName: 'Bob Stone', team: 'General', tenant: 'acme', role: 'learner' });
  });

  it('signs in a confidential client (client secret, claims in the ID token); admin wins over moderator', async () => {
    const result = await signInAt(confidential, 'globex', 'carol');
    expect(result.profile).toEqual({ displayName: 'Carol Admin', team: 'L&D', tenant: 'globex', role: 'admin' });
  });

  it('keeps one user per provider subject; name, team and role follow the provider at each sign-in', async () => {
    const first = await signInAt(op, 'acme', 'alice');
    const item = uniqueItemKey();
    await (await callerFor(storage, first.token)).ratings.set({ item, stars: 5, clientId: newClientId() });

    const alice = opAccounts.find((account) => account.id === 'alice')!;
    const original = alice.claims;
    alice.claims = { ...original, name: 'Alice M.', department: 'Support', groups: ['staff'] };
    try {
      const second = await signInAt(op, 'acme', 'alice');
      expect(second.profile).toEqual({ displayName: 'Alice M.', team: 'Support', tenant: 'acme', role: 'learner' });
      const again = await callerFor(storage, second.token);
      expect(await again.ratings.summaries({ items: [item] })).toEqual([{ item, average: 5, count: 1, mine: 5 }]);
      // The first session's token sees the demotion at once: roles are read per request.
      await expectTRPCError((await callerFor(storage, first.token)).moderation.queue({}), 'FORBIDDEN');
    } finally {
      alice.claims = original;
    }
    expect(await storage.db.selectFrom('users').select('id').where('subject', '=', `oidc:${op.issuer}#alice`).execute()).toHaveLength(1);
  });

  describe('refuses codes it must not redeem', () => {
    it('a code redeemed twice', async () => {
      const { iss: _iss, ...grant } = await authorizeAt(op, 'bob');
      const anonymous = await callerFor(storage);
      await anonymous.auth.oidcExchange({ tenant: 'acme', ...grant });
      await expectTRPCError(anonymous.auth.oidcExchange({ tenant: 'acme', ...grant }), 'UNAUTHORIZED');
    });

    it('a wrong PKCE verifier', async () => {
      const { iss: _iss, ...grant } = await authorizeAt(op, 'bob');
      const error = await expectTRPCError(
        (await callerFor(storage)).auth.oidcExchange({ tenant: 'acme', ...grant, codeVerifier: createPkcePair().codeVerifier }),
        'UNAUTHORIZED',
      );
      expect(error.message).toMatch(/invalid_grant/);
    });

    it('another redirect URI than the authorization request’s', async () => {
      const { iss: _iss, ...grant } = await authorizeAt(op, 'bob');
      await expectTRPCError((await callerFor(storage)).auth.oidcExchange({ tenant: 'acme', ...grant, redirectUri: OTHER_REDIRECT_URI }), 'UNAUTHORIZED');
    });

    it('a code of another tenant’s provider', async () => {
      const { iss: _iss, ...grant } = await authorizeAt(op, 'bob');
      await expectTRPCError((await callerFor(storage)).auth.oidcExchange({ tenant: 'globex', ...grant }), 'UNAUTHORIZED');
    });

    it('a nonce other than the authorization request’s, or none when it had one', async () => {
      const { iss: _iss, ...grant } = await authorizeAt(op, 'bob');
      await expectTRPCError((await callerFor(storage)).auth.oidcExchange({ tenant: 'acme', ...grant, nonce: 'another-nonce' }), 'UNAUTHORIZED');
      const { iss: _iss2, nonce: _nonce, ...withoutNonce } = await authorizeAt(op, 'bob');
      await expectTRPCError((await callerFor(storage)).auth.oidcExchange({ tenant: 'acme', ...withoutNonce }), 'UNAUTHORIZED');
    });

    it('a tenant without a provider, or unknown', async () => {
      const { iss: _iss, ...grant } = await authorizeAt(op, 'bob');
      await expectTRPCError((await callerFor(storage)).auth.oidcExchange({ tenant: 'demo', ...grant }), 'PRECONDITION_FAILED');
      await expectTRPCError((await callerFor(storage)).auth.oidcExchange({ tenant: 'nope', ...grant }), 'NOT_FOUND');
    });

    it('input that is not a code exchange of the extension', async () => {
      const { iss: _iss, ...grant } = await authorizeAt(op, 'bob');
      const anonymous = await callerFor(storage);
      const bad: Array<Partial<OidcExchangeInput>> = [
        { redirectUri: 'https://evil.example/' },
        { redirectUri: 'https://bgnjicjffkcfkndjddomcliapknpkgkm.chromiumapp.org.evil.example/' },
        { codeVerifier: 'short' },
        { codeVerifier: `${'a'.repeat(50)} ` },
        { code: '' },
        { tenant: 'ACME' },
      ];
      for (const change of bad) await expectTRPCError(anonymous.auth.oidcExchange({ tenant: 'acme', ...grant, ...change }), 'BAD_REQUEST');
    });
  });

  describe('sessions', () => {
    it('rotates refresh tokens: each works once and yields a new pair', async () => {
      const signedIn = await signInAt(op, 'acme', 'alice');
      const anonymous = await callerFor(storage);
      const refreshed = await anonymous.auth.refresh({ refreshToken: signedIn.refreshToken });
      expect(refreshed.refreshToken).not.toBe(signedIn.refreshToken);
      // (The access token may equal the old one: same claims, same second of expiry.)
      expect(refreshed.profile).toEqual(signedIn.profile);
      expect(await (await callerFor(storage, refreshed.token)).auth.me()).toEqual(signedIn.profile);

      const again = await anonymous.auth.refresh({ refreshToken: refreshed.refreshToken });
      expect(await (await callerFor(storage, again.token)).auth.me()).toEqual(signedIn.profile);
    });

    it('reusing a spent refresh token revokes the whole family, access tokens included', async () => {
      const signedIn = await signInAt(op, 'acme', 'alice');
      const anonymous = await callerFor(storage);
      const refreshed = await anonymous.auth.refresh({ refreshToken: signedIn.refreshToken });
      // The thief (or a confused client) replays the first one.
      await expectTRPCError(anonymous.auth.refresh({ refreshToken: signedIn.refreshToken }), 'UNAUTHORIZED');
      await expectTRPCError(anonymous.auth.refresh({ refreshToken: refreshed.refreshToken }), 'UNAUTHORIZED');
      await expectTRPCError((await callerFor(storage, refreshed.token)).auth.me(), 'UNAUTHORIZED');
      await expectTRPCError((await callerFor(storage, signedIn.token)).auth.me(), 'UNAUTHORIZED');
      // Another session of the same learner is untouched.
      const other = await signInAt(op, 'acme', 'alice');
      expect((await (await callerFor(storage, other.token)).auth.me()).displayName).toBe('Alice Martin');
    });

    it('two concurrent refreshes with one token: one wins, the other counts as reuse', async () => {
      const signedIn = await signInAt(op, 'acme', 'bob');
      const anonymous = await callerFor(storage);
      const results = await Promise.allSettled([
        anonymous.auth.refresh({ refreshToken: signedIn.refreshToken }),
        anonymous.auth.refresh({ refreshToken: signedIn.refreshToken }),
      ]);
      expect(results.filter((result) => result.status === 'rejected')).toHaveLength(1);
      const winner = results.find((result) => result.status === 'fulfilled');
      // Reuse revoked the family, the winner's new tokens included.
      await expectTRPCError(anonymous.auth.refresh({ refreshToken: (winner as PromiseFulfilledResult<{ refreshToken: string }>).value.refreshToken }), 'UNAUTHORIZED');
    });

    it('signs out: the refresh token and the access token stop working; sign-out is idempotent', async () => {
      const signedIn = await signInAt(op, 'acme', 'alice');
      const anonymous = await callerFor(storage);
      expect(await anonymous.auth.signOut({ refreshToken: signedIn.refreshToken })).toEqual({ signedOut: true });
      await expectTRPCError(anonymous.auth.refresh({ refreshToken: signedIn.refreshToken }), 'UNAUTHORIZED');
      await expectTRPCError((await callerFor(storage, signedIn.token)).auth.me(), 'UNAUTHORIZED');
      expect(await anonymous.auth.signOut({ refreshToken: signedIn.refreshToken })).toEqual({ signedOut: true });
      expect(await anonymous.auth.signOut({ refreshToken: 'rrt1_not-a-token' })).toEqual({ signedOut: true });
    });

    it('refuses unknown and expired refresh tokens', async () => {
      const anonymous = await callerFor(storage);
      await expectTRPCError(anonymous.auth.refresh({ refreshToken: `rrt1_${randomBytes(32).toString('base64url')}` }), 'UNAUTHORIZED');
      const signedIn = await signInAt(op, 'acme', 'bob');
      await identityDb(storage.db).updateTable('refresh_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('rotated_at', 'is', null).execute();
      await expectTRPCError(anonymous.auth.refresh({ refreshToken: signedIn.refreshToken }), 'UNAUTHORIZED');
    });

    it('keeps the demo’s dev tokens (no session) working next to single sign-on', async () => {
      const dev = await (await callerFor(storage)).auth.devSignIn({ subject: randomId(20), displayName: 'Dee', team: 'Ops' });
      expect(storage.auth.verifyToken(dev.token)?.sessionId).toBeUndefined();
      expect((await (await callerFor(storage, dev.token)).auth.me()).tenant).toBe('demo');
    });
  });

  it('refuses dev sign-in for a tenant with a provider, for any tenant but the demo, and once the demo has a provider', async () => {
    const anonymous = await callerFor(storage);
    const usersBefore = await storage.db.selectFrom('users').select('id').execute();
    await expectTRPCError(anonymous.auth.devSignIn({ subject: randomId(20), displayName: 'Eve', team: 'X', tenant: 'acme' }), 'FORBIDDEN');
    await configureTenant(storage.db, { slug: 'initech', name: 'Initech' });
    await expectTRPCError(anonymous.auth.devSignIn({ subject: randomId(20), displayName: 'Eve', team: 'X', tenant: 'initech' }), 'FORBIDDEN');
    expect(await storage.db.selectFrom('users').select('id').execute()).toEqual(usersBefore);

    // The demo tenant itself gets a provider (then loses it again).
    await configureTenant(storage.db, { slug: 'demo', name: 'Demo', provider: { issuer: op.issuer, clientId: op.clientId } });
    try {
      await expectTRPCError(anonymous.auth.devSignIn({ subject: randomId(20), displayName: 'Eve', team: 'X' }), 'FORBIDDEN');
      expect((await anonymous.auth.config({ tenant: 'demo' })).devSignIn).toBe(false);
    } finally {
      await configureTenant(storage.db, { slug: 'demo', name: 'Demo', provider: null });
    }
    await expect(anonymous.auth.devSignIn({ subject: randomId(20), displayName: 'Eve', team: 'X' })).resolves.toMatchObject({ profile: { tenant: 'demo' } });
  });
});

describe.each(ENGINES)('ID tokens the server must reject on %s', (engine) => {
  let database: TestDatabase;
  let storage: Storage;
  let idp: FakeIdp;
  let realOp: OidcTestProvider;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    storage = await openStorage(database.options);
    idp = await startFakeIdp();
    realOp = await startOidcProvider({ redirectUris: [REDIRECT_URI], accounts: accounts(), clientId: 'ripple', claimsInIdToken: true });
    await configureTenant(storage.db, { slug: 'fake', name: 'Fake', provider: { issuer: idp.issuer, clientId: idp.clientId, claims: { team: 'department' } } });
  });
  afterAll(async () => {
    await idp?.close();
    await realOp?.close();
    await storage?.close();
    await database?.dispose();
  });

  const NONCE = 'the-nonce-of-the-request';
  const exchange = (nonce: string | undefined = NONCE) => ({
    tenant: 'fake',
    code: randomId(20),
    codeVerifier: createPkcePair().codeVerifier,
    redirectUri: REDIRECT_URI,
    ...(nonce !== undefined ? { nonce } : {}),
  });

  it('accepts a well-formed token (the control case), sending code, verifier and client id', async () => {
    idp.respondWith(await idp.idToken({ sub: 'good', nonce: NONCE, name: 'Gus Good', department: 'Ops' }));
    const input = exchange();
    const result = await (await callerFor(storage)).auth.oidcExchange(input);
    expect(result.profile).toEqual({ displayName: 'Gus Good', team: 'Ops', tenant: 'fake', role: 'learner' });
    expect(Object.fromEntries(idp.lastTokenRequest!)).toEqual({
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: REDIRECT_URI,
      code_verifier: input.codeVerifier,
      client_id: 'ripple',
    });
  });

  const now = () => Math.floor(Date.now() / 1000);
  const cases: Array<[string, (idp: FakeIdp) => Promise<string>]> = [
    ['forged: signed with another key under the published kid', async (idp) => idp.idToken({ nonce: NONCE }, { key: (await generateKeyPair('ES256')).privateKey })],
    ['forged: signed with an unknown key id', async (idp) => idp.idToken({ nonce: NONCE }, { key: (await generateKeyPair('ES256')).privateKey, kid: 'unknown' })],
    ['expired', (idp) => idp.idToken({ nonce: NONCE, iat: now() - 3600, exp: now() - 600 })],
    ['issued too long ago (iat), though not expired', (idp) => idp.idToken({ nonce: NONCE, iat: now() - 3600, exp: now() + 3600 })],
    ['issued in the future (iat)', (idp) => idp.idToken({ nonce: NONCE, iat: now() + 3600, exp: now() + 7200 })],
    ['for another audience', (idp) => idp.idToken({ nonce: NONCE, aud: 'another-client' })],
    ['for several audiences, authorized party another', (idp) => idp.idToken({ nonce: NONCE, aud: ['ripple', 'other'], azp: 'other' })],
    ['from another issuer', (idp) => idp.idToken({ nonce: NONCE, iss: 'https://evil.example' })],
    ['with another nonce', (idp) => idp.idToken({ nonce: 'a-replayed-nonce' })],
    ['without the nonce', (idp) => idp.idToken({})],
    ['without a subject', (idp) => idp.idToken({ nonce: NONCE, sub: undefined })],
    ['unsigned (alg none)', async (idp) => {
      const [, payload] = (await idp.idToken({ nonce: NONCE })).split('.');
      return `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    }],
    ['HMAC-signed with the client id as key', async (idp) => {
      const { SignJWT } = await import('jose');
      return new SignJWT({ iss: idp.issuer, aud: 'ripple', sub: 'x', nonce: NONCE })
        .setProtectedHeader({ alg: 'HS256', kid: idp.kid })
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode('ripple'.padEnd(32, '!')));
    }],
    ['not a JWT', async () => 'not-a-jwt'],
  ];

  it.each(cases)('%s → UNAUTHORIZED, nothing stored', async (_name, make) => {
    idp.respondWith(await make(idp));
    const users = await storage.db.selectFrom('users').select('id').execute();
    const sessions = await identityDb(storage.db).selectFrom('auth_sessions').select('id').execute();
    await expectTRPCError((await callerFor(storage)).auth.oidcExchange(exchange()), 'UNAUTHORIZED');
    expect(await storage.db.selectFrom('users').select('id').execute()).toEqual(users);
    expect(await identityDb(storage.db).selectFrom('auth_sessions').select('id').execute()).toEqual(sessions);
  });

  it('an ID token of a second, real provider (its own issuer and keys) → UNAUTHORIZED', async () => {
    const pkce = createPkcePair();
    const { code } = await realOp.authorize({ login: 'alice', redirectUri: REDIRECT_URI, codeChallenge: pkce.codeChallenge, nonce: NONCE });
    const answer = await fetch(`${realOp.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: pkce.codeVerifier, client_id: 'ripple' }),
    });
    const { id_token: realToken } = (await answer.json()) as { id_token: string };
    idp.respondWith(realToken);
    await expectTRPCError((await callerFor(storage)).auth.oidcExchange(exchange()), 'UNAUTHORIZED');
  });

  it('the provider refusing the code → UNAUTHORIZED; refusing Ripple’s client → PRECONDITION_FAILED; failing → BAD_GATEWAY', async () => {
    const anonymous = await callerFor(storage);
    idp.respondWith({ status: 400, body: { error: 'invalid_grant' } });
    await expectTRPCError(anonymous.auth.oidcExchange(exchange()), 'UNAUTHORIZED');
    idp.respondWith({ status: 401, body: { error: 'invalid_client' } });
    await expectTRPCError(anonymous.auth.oidcExchange(exchange()), 'PRECONDITION_FAILED');
    idp.respondWith({ status: 503, body: { error: 'temporarily_unavailable' } });
    await expectTRPCError(anonymous.auth.oidcExchange(exchange()), 'BAD_GATEWAY');
    idp.respondWith({ status: 200, body: { access_token: 'x', token_type: 'Bearer' } });
    await expectTRPCError(anonymous.auth.oidcExchange(exchange()), 'BAD_GATEWAY');
  });

  it('an unreachable provider → BAD_GATEWAY, for auth.config and auth.oidcExchange', async () => {
    const gone = await startFakeIdp();
    await gone.close();
    await configureTenant(storage.db, { slug: 'gone', name: 'Gone', provider: { issuer: gone.issuer, clientId: 'ripple' } });
    const anonymous = await callerFor(storage);
    await expectTRPCError(anonymous.auth.config({ tenant: 'gone' }), 'BAD_GATEWAY');
    await expectTRPCError(anonymous.auth.oidcExchange({ ...exchange(), tenant: 'gone' }), 'BAD_GATEWAY');
  });
});
