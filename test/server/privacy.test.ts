import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { pseudonym } from '../../server/services/authors';
import { DEMO_TENANT, ensureTenant, findTenantBySlug } from '../../server/services/tenants';
import { getTenantSettings, setTenantSettings } from '../../server/services/tenant-settings';
import { setUserRole } from '../../server/services/users';
import { openStorage, type Storage } from '../../server/storage';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import {
  claimsOf,
  expectTRPCError,
  newClientId,
  randomId,
  signInLearner,
  signInToTenant,
  snapshotAll,
  uniqueItemKey,
} from './support/harness';

describe('pseudonym', () => {
  it('is stable per user and secret, differs across users and tenants, and never shows the id', () => {
    const id = '3f2a9c1e-0000-4000-8000-000000000001';
    const name = pseudonym('secret-a', id);
    expect(name).toMatch(/^Learner \d{5}$/);
    expect(pseudonym('secret-a', id)).toBe(name);
    expect(pseudonym('secret-b', id)).not.toBe(name);
    const others = new Set(Array.from({ length: 50 }, (_, n) => pseudonym('secret-a', `user-${n}`)));
    expect(others.size).toBeGreaterThan(45);
    expect(name).not.toContain(id.slice(0, 4));
  });
});

describe.each(ENGINES)('names, tenants and rate limits on %s', (engine) => {
  let database: TestDatabase;
  let storage: Storage;
  let demoId: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    storage = await openStorage({ ...database.options, rateLimits: { perMinute: 100_000, perDay: 100_000 } });
    demoId = (await findTenantBySlug(storage.db, DEMO_TENANT.slug))!.id;
  });
  afterAll(async () => {
    await storage?.close();
    await database?.dispose();
  });

  it('shows authors by stable pseudonym when the tenant says so, to everyone alike', async () => {
    const tenant = await ensureTenant(storage.db, { slug: `pseudo-${randomId(6).toLowerCase()}`, name: 'Pseudo' });
    await setTenantSettings(storage.db, tenant.id, { pseudonyms: true });
    const [ann, bob] = await Promise.all(['Ann Real', 'Bob Real'].map((name) => signInToTenant(storage, tenant.id, name)));
    const item = uniqueItemKey();
    await ann!.caller.reviews.upsert({ item, stars: 4, text: 'Pseudonymous review', completed: false, clientId: newClientId() });
    const comment = await ann!.caller.comments.create({ item, body: 'Pseudonymous comment', clientId: newClientId() });
    await bob!.caller.comments.create({ item, parentId: comment.id, body: 'Reply', clientId: newClientId() });

    const { pseudonymSecret } = await getTenantSettings(storage.db, tenant.id);
    const annName = pseudonym(pseudonymSecret, claimsOf(storage, ann!).userId);
    const [review] = (await bob!.caller.reviews.list({ item })).reviews;
    expect(review!.author).toEqual({ name: annName, pseudonymous: true });
    const [thread] = (await bob!.caller.comments.list({ item })).comments;
    expect(thread!.author).toEqual({ name: annName, pseudonymous: true });
    expect(thread!.replies[0]!.author!.name).not.toBe(annName);
    // The author sees the same name as everyone (and knows it is theirs by isMine).
    expect((await ann!.caller.comments.list({ item })).comments[0]).toMatchObject({ author: { name: annName }, isMine: true });
    const everything = JSON.stringify([await bob!.caller.reviews.list({ item }), await bob!.caller.comments.list({ item })]);
    expect(everything).not.toContain('Ann Real');
    expect(everything).not.toContain(claimsOf(storage, ann!).userId);

    await setTenantSettings(storage.db, tenant.id, { pseudonyms: false });
    expect((await bob!.caller.reviews.list({ item })).reviews[0]!.author).toEqual({ name: 'Ann Real', pseudonymous: false });
  });

  it('isolates tenants: another tenant sees and changes nothing of the first', async () => {
    const item = uniqueItemKey();
    const ann = await signInLearner(storage, 'Ann');
    const bob = await signInLearner(storage, 'Bob');
    const { review } = await ann.caller.reviews.upsert({ item, stars: 5, text: 'Demo review', completed: true, clientId: newClientId() });
    const comment = await ann.caller.comments.create({ item, body: 'Demo comment', clientId: newClientId() });
    await bob.caller.moderation.report({ kind: 'comment', id: comment.id, reason: 'spam', clientId: newClientId() });

    const acme = await ensureTenant(storage.db, { slug: `acme-${randomId(6).toLowerCase()}`, name: 'Acme' });
    const zoe = await signInToTenant(storage, acme.id, 'Zoe');
    const zed = await signInToTenant(storage, acme.id, 'Zed');
    await setUserRole(storage.db, acme.id, claimsOf(storage, zed).userId, 'admin');
    const before = await snapshotAll(storage.db);

    // Sees nothing.
    expect(await zoe.caller.items.summaries({ items: [item] })).toEqual([
      { item, average: null, count: 0, histogram: [0, 0, 0, 0, 0], score: null, mine: null, reviewCount: 0, commentCount: 0, contributionCount: 0, postCount: 0, revision: 0 },
    ]);
    expect(await zoe.caller.reviews.list({ item })).toEqual({ reviews: [], nextCursor: null });
    expect(await zoe.caller.comments.list({ item })).toEqual({ comments: [], nextCursor: null });
    await expectTRPCError(zoe.caller.comments.replies({ parentId: comment.id }), 'NOT_FOUND');
    expect(await zed.caller.moderation.queue({})).toEqual({ entries: [], nextCursor: null });
    expect(await zed.caller.moderation.auditLog({})).toEqual({ entries: [], nextCursor: null });

    // Changes nothing: every write naming the first tenant's content is NOT_FOUND.
    const cid = () => newClientId();
    await expectTRPCError(zoe.caller.reviews.vote({ id: review.id, helpful: true, clientId: cid() }), 'NOT_FOUND');
    await expectTRPCError(zoe.caller.comments.vote({ id: comment.id, helpful: true, clientId: cid() }), 'NOT_FOUND');
    await expectTRPCError(zoe.caller.comments.create({ item, parentId: comment.id, body: 'Hi', clientId: cid() }), 'NOT_FOUND');
    await expectTRPCError(zoe.caller.comments.edit({ id: comment.id, body: 'Mine now', clientId: cid() }), 'NOT_FOUND');
    await expectTRPCError(zoe.caller.comments.delete({ id: comment.id, clientId: cid() }), 'NOT_FOUND');
    await expectTRPCError(zoe.caller.reviews.delete({ item, clientId: cid() }), 'NOT_FOUND');
    await expectTRPCError(zoe.caller.moderation.report({ kind: 'review', id: review.id, reason: 'spam', clientId: cid() }), 'NOT_FOUND');
    for (const verb of ['hide', 'restore', 'delete'] as const) {
      await expectTRPCError(zed.caller.moderation[verb]({ kind: 'comment', id: comment.id, clientId: cid() }), 'NOT_FOUND');
      await expectTRPCError(zed.caller.moderation[verb]({ kind: 'review', id: review.id, clientId: cid() }), 'NOT_FOUND');
    }
    expect(await snapshotAll(storage.db)).toEqual(before);

    // And the first tenant still sees all of it as it was.
    expect((await bob.caller.reviews.list({ item })).reviews.map((r) => r.id)).toEqual([review.id]);
    expect((await bob.caller.comments.list({ item })).comments.map((c) => c.id)).toEqual([comment.id]);
    expect(demoId).not.toBe(acme.id);
  });
});

describe.each(ENGINES)('rate limits on %s', (engine) => {
  let database: TestDatabase;
  let storage: Storage;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    storage = await openStorage({ ...database.options, rateLimits: { perMinute: 4, perDay: 6 } });
  });
  afterAll(async () => {
    await storage?.close();
    await database?.dispose();
  });

  it('refuses the learner’s write beyond the per-minute limit with a friendly, typed error; replays still answer', async () => {
    const item = uniqueItemKey();
    const ann = await signInLearner(storage, 'Ann');
    const bob = await signInLearner(storage, 'Bob');
    const first = { item, body: 'One', clientId: newClientId() };
    const created = await ann.caller.comments.create(first);
    await ann.caller.comments.edit({ id: created.id, body: 'One, edited', clientId: newClientId() });
    await ann.caller.reviews.upsert({ item, stars: 4, text: 'Fine', completed: false, clientId: newClientId() });
    await ann.caller.moderation.report({ kind: 'comment', id: (await bob.caller.comments.create({ item, body: 'Bob', clientId: newClientId() })).id, reason: 'other', clientId: newClientId() });

    const before = await snapshotAll(storage.db);
    const error = await expectTRPCError(ann.caller.comments.create({ item, body: 'Five', clientId: newClientId() }), 'TOO_MANY_REQUESTS');
    expect(error.message).toMatch(/\(4 a minute\)\. Try again in \d+ seconds?\./);
    expect((error.cause as { retryAfterSeconds?: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect(await snapshotAll(storage.db)).toEqual(before);
    // A retry of a write already applied is not a new write: it is answered (with the comment as
    // it is now), not refused.
    expect(await ann.caller.comments.create(first)).toMatchObject({ id: created.id, body: 'One, edited' });
    // Limits are per learner: Bob has written once.
    await bob.caller.comments.create({ item, body: 'Bob again', clientId: newClientId() });
  });

  it('counts the day across minutes (in the database, as every replica would)', async () => {
    const ann = await signInLearner(storage, 'Ann');
    const { userId, tenantId } = claimsOf(storage, ann);
    // Five writes earlier today, outside the last minute.
    const earlier = new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString();
    await storage.db
      .insertInto('client_writes')
      .values(Array.from({ length: 5 }, () => ({ tenant_id: tenantId, user_id: userId, client_id: newClientId(), kind: 'comment.create', target_id: 'x', counted: 1, created_at: earlier })))
      .execute();
    await ann.caller.comments.create({ item: uniqueItemKey(), body: 'Sixth', clientId: newClientId() });
    const error = await expectTRPCError(ann.caller.comments.create({ item: uniqueItemKey(), body: 'Seventh', clientId: newClientId() }), 'TOO_MANY_REQUESTS');
    expect(error.message).toMatch(/today's limit of 6 .* Try again in 22 hours\./);
  });

  it('returns retryAfterSeconds in the HTTP error', async () => {
    const server = await buildServer({ ...database.options, rateLimits: { perMinute: 1, perDay: 100 } });
    try {
      const signIn = await server.app.inject({ method: 'POST', url: '/trpc/auth.devSignIn', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ subject: randomId(20), displayName: 'Hal', team: 'Ops' }) });
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${signIn.json().result.data.token}` };
      const write = () => server.app.inject({ method: 'POST', url: '/trpc/comments.create', headers, payload: JSON.stringify({ item: uniqueItemKey(), body: 'Hi', clientId: newClientId() }) });
      expect((await write()).statusCode).toBe(200);
      const refused = await write();
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfterSeconds: expect.any(Number) });
    } finally {
      await server.close();
    }
  });
});

