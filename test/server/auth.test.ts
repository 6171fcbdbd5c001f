import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth, DEV_SIGN_IN_TOKEN_LIFETIME_MS } from '../../server/auth';
import { openStorage, type Storage } from '../../server/storage';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import {
  callerFor,
  expectTRPCError,
  newClientId,
  randomId,
  signInLearner,
  snapshotRatingData,
  uniqueItemKey,
} from './support/harness';

const packageVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe.each(ENGINES)('authentication through createCaller on %s', (engine) => {
  let database: TestDatabase;
  let storage: Storage;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    storage = await openStorage(database.options);
  });
  afterAll(async () => {
    await storage?.close();
    await database?.dispose();
  });

  it('tells anyone what it is and that dev sign-in is on', async () => {
    const anonymous = await callerFor(storage);
    expect(await anonymous.meta.info()).toEqual({ name: 'ripple', version: packageVersion, devSignIn: true });
  });

  it('signs a learner into the demo tenant for 30 days, and the token opens auth.me', async () => {
    const before = Date.now();
    const result = await (await callerFor(storage)).auth.devSignIn({ subject: randomId(20), displayName: ' Ann Lee ', team: 'Sales' });

    expect(result.profile).toEqual({ displayName: 'Ann Lee', team: 'Sales', tenant: 'demo', role: 'learner' });
    expect(result.expiresAt).toBeGreaterThanOrEqual(before + DEV_SIGN_IN_TOKEN_LIFETIME_MS - 1000);
    expect(result.expiresAt).toBeLessThanOrEqual(Date.now() + DEV_SIGN_IN_TOKEN_LIFETIME_MS);
    expect(await (await callerFor(storage, result.token)).auth.me()).toEqual(result.profile);
  });

  it('keeps one user per subject, refreshing name and team on each sign-in', async () => {
    const anonymous = await callerFor(storage);
    const subject = randomId(20);
    const first = await anonymous.auth.devSignIn({ subject, displayName: 'Ann', team: 'Sales' });
    const item = uniqueItemKey();
    await (await callerFor(storage, first.token)).ratings.set({ item, stars: 4, clientId: newClientId() });

    const second = await anonymous.auth.devSignIn({ subject, displayName: 'Ann B.', team: 'Support' });
    const again = await callerFor(storage, second.token);
    expect(await again.auth.me()).toMatchObject({ displayName: 'Ann B.', team: 'Support' });
    // Same user: the rating made under the first token is still "mine".
    expect(await again.ratings.summaries({ items: [item] })).toEqual([{ item, average: 4, count: 1, mine: 4 }]);
    const rows = await storage.db.selectFrom('users').select('id').where('subject', '=', `dev:${subject}`).execute();
    expect(rows).toHaveLength(1);
  });

  describe('refuses calls without a valid session, storing nothing', () => {
    const otherSecret = createAuth({ secret: 'x'.repeat(40), devSignIn: true });

    const badTokens: Array<[string, (storage: Storage, valid: string, claims: Claims) => string | null]> = [
      ['no token', () => null],
      ['garbage', () => 'not-a-token'],
      ['unknown (well-formed, random)', () => `${Buffer.from('{"t":"x"}').toString('base64url')}.${randomId(43)}`],
      ['forged with another key', (_s, _v, claims) => otherSecret.issueToken(claims, Date.now() + 60_000).token],
      [
        'tampered payload (role raised to admin, signature kept)',
        (_s, valid, claims) => {
          const payload = Buffer.from(JSON.stringify({ t: claims.tenantId, u: claims.userId, r: 'admin', exp: 4102444800 })).toString('base64url');
          return `${payload}.${valid.split('.')[1]}`;
        },
      ],
      ['expired', (s, _v, claims) => s.auth.issueToken(claims, Date.now() - 1000).token],
      [
        'genuine but for a user that does not exist',
        (s, _v, claims) => s.auth.issueToken({ ...claims, userId: 'no-such-user' }, Date.now() + 60_000).token,
      ],
    ];

    it.each(badTokens)('%s → UNAUTHORIZED', async (_name, makeToken) => {
      const learner = await signInLearner(storage, 'Ann');
      const claims = storage.auth.verifyToken(learner.token)!;
      const caller = await callerFor(storage, makeToken(storage, learner.token, claims));
      const item = uniqueItemKey();
      const before = await snapshotRatingData(storage.db);

      await expectTRPCError(caller.auth.me(), 'UNAUTHORIZED');
      await expectTRPCError(caller.ratings.summaries({ items: [item] }), 'UNAUTHORIZED');
      await expectTRPCError(caller.ratings.set({ item, stars: 5, clientId: newClientId() }), 'UNAUTHORIZED');
      expect(await snapshotRatingData(storage.db)).toEqual(before);
    });
  });

  it('refuses dev sign-in with FORBIDDEN when the server has it turned off', async () => {
    // A second start on the same database, configured without dev sign-in.
    const locked = await openStorage({ ...database.options, devSignIn: false });
    try {
      const anonymous = await callerFor(locked);
      expect((await anonymous.meta.info()).devSignIn).toBe(false);
      const usersBefore = await locked.db.selectFrom('users').select('id').execute();
      await expectTRPCError(anonymous.auth.devSignIn({ subject: randomId(20), displayName: 'Eve', team: 'X' }), 'FORBIDDEN');
      expect(await locked.db.selectFrom('users').select('id').execute()).toEqual(usersBefore);
    } finally {
      await locked.close();
    }
  });
});

type Claims = NonNullable<ReturnType<Storage['auth']['verifyToken']>>;
