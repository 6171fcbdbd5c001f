import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT, ensureTenant, findTenantBySlug } from '../../server/services/tenants';
import { upsertUser } from '../../server/services/users';
import { openStorage, type Storage } from '../../server/storage';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import { callerFor, newClientId, randomId, signInLearner, snapshotRatingData, uniqueItemKey } from './support/harness';

describe.each(ENGINES)('ratings through createCaller on %s', (engine) => {
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

  it('summarises unrated items as count 0, no average, not mine, in input order without duplicates', async () => {
    const ann = await signInLearner(storage, 'Ann');
    const [first, second] = [uniqueItemKey(), uniqueItemKey('activity')];
    const summaries = await ann.caller.ratings.summaries({ items: [second, first, second] });
    expect(summaries).toEqual([
      { item: second, average: null, count: 0, mine: null },
      { item: first, average: null, count: 0, mine: null },
    ]);
  });

  it('aggregates colleagues: a change replaces the earlier rating, it is not added', async () => {
    const item = uniqueItemKey();
    const ann = await signInLearner(storage, 'Ann');
    const bob = await signInLearner(storage, 'Bob');

    expect(await ann.caller.ratings.set({ item, stars: 4, clientId: newClientId() })).toEqual({
      item,
      average: 4,
      count: 1,
      mine: 4,
    });
    expect(await bob.caller.ratings.summaries({ items: [item] })).toEqual([{ item, average: 4, count: 1, mine: null }]);

    expect(await bob.caller.ratings.set({ item, stars: 2, clientId: newClientId() })).toEqual({
      item,
      average: 3,
      count: 2,
      mine: 2,
    });
    expect(await ann.caller.ratings.summaries({ items: [item] })).toEqual([{ item, average: 3, count: 2, mine: 4 }]);

    await ann.caller.ratings.set({ item, stars: 5, clientId: newClientId() });
    expect(await ann.caller.ratings.summaries({ items: [item] })).toEqual([{ item, average: 3.5, count: 2, mine: 5 }]);
    expect(await bob.caller.ratings.summaries({ items: [item] })).toEqual([{ item, average: 3.5, count: 2, mine: 2 }]);

    const stats = await storage.db.selectFrom('item_stats').selectAll().where('item_key', '=', item).executeTakeFirstOrThrow();
    expect(stats).toMatchObject({ rating_count: 2, rating_sum: 7, stars_1: 0, stars_2: 1, stars_3: 0, stars_4: 0, stars_5: 1 });
  });

  it('rounds the average to 2 decimals', async () => {
    const item = uniqueItemKey();
    for (const [name, stars] of [['Ann', 5], ['Bob', 5], ['Cem', 4]] as const) {
      await (await signInLearner(storage, name)).caller.ratings.set({ item, stars, clientId: newClientId() });
    }
    const [summary] = await (await signInLearner(storage, 'Dee')).caller.ratings.summaries({ items: [item] });
    expect(summary).toEqual({ item, average: 4.67, count: 3, mine: null });
  });

  it('applies a retried write (same clientId) once, changing nothing the second time', async () => {
    const item = uniqueItemKey();
    const ann = await signInLearner(storage, 'Ann');
    const write = { item, stars: 4, clientId: newClientId(), title: 'Safety basics' };

    const first = await ann.caller.ratings.set(write);
    const afterFirst = await snapshotRatingData(storage.db);
    // The retry arrives with a different title: a replay must not apply any of it.
    const retried = await ann.caller.ratings.set({ ...write, title: 'Renamed by a replay' });

    expect(retried).toEqual(first);
    expect(first).toEqual({ item, average: 4, count: 1, mine: 4 });
    expect(await snapshotRatingData(storage.db)).toEqual(afterFirst);
  });

  it('keeps the item title: set when given, kept when omitted, with lms and kind from the key', async () => {
    const item = uniqueItemKey('activity');
    const ann = await signInLearner(storage, 'Ann');
    const bob = await signInLearner(storage, 'Bob');
    const titleOf = () =>
      storage.db.selectFrom('items').select(['title', 'lms', 'kind']).where('item_key', '=', item).executeTakeFirstOrThrow();

    await ann.caller.ratings.set({ item, stars: 3, clientId: newClientId(), title: 'Week 1 quiz' });
    expect(await titleOf()).toEqual({ title: 'Week 1 quiz', lms: 'moodle', kind: 'activity' });
    await bob.caller.ratings.set({ item, stars: 4, clientId: newClientId() });
    expect((await titleOf()).title).toBe('Week 1 quiz');
    await bob.caller.ratings.set({ item, stars: 5, clientId: newClientId(), title: 'Week 1 quiz (new)' });
    expect((await titleOf()).title).toBe('Week 1 quiz (new)');
  });

  it('isolates tenants: another tenant neither sees nor changes the demo tenant’s ratings', async () => {
    const item = uniqueItemKey();
    const ann = await signInLearner(storage, 'Ann');
    await ann.caller.ratings.set({ item, stars: 5, clientId: newClientId() });

    const acme = await ensureTenant(storage.db, { slug: `acme-${randomId(6).toLowerCase()}`, name: 'Acme' });
    const user = await upsertUser(storage.db, acme.id, { subject: `test:${randomId()}`, displayName: 'Zoe', team: 'Ops' });
    const { token } = storage.auth.issueToken({ tenantId: acme.id, userId: user.id, role: user.role }, Date.now() + 60_000);
    const zoe = await callerFor(storage, token);

    expect(await zoe.ratings.summaries({ items: [item] })).toEqual([{ item, average: null, count: 0, mine: null }]);

    const demo = await findTenantBySlug(storage.db, DEMO_TENANT.slug);
    // Input never chooses the tenant: an extra `tenantId` field is stripped, not obeyed.
    const sneaky = { item, stars: 1, clientId: newClientId(), tenantId: demo!.id } as { item: string; stars: number; clientId: string };
    expect(await zoe.ratings.set(sneaky)).toEqual({ item, average: 1, count: 1, mine: 1 });

    expect(await ann.caller.ratings.summaries({ items: [item] })).toEqual([{ item, average: 5, count: 1, mine: 5 }]);
    const rows = await storage.db.selectFrom('item_stats').select(['tenant_id', 'rating_count', 'rating_sum']).where('item_key', '=', item).orderBy('tenant_id').execute();
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.tenant_id === demo!.id)).toMatchObject({ rating_count: 1, rating_sum: 5 });
    expect(rows.find((row) => row.tenant_id === acme.id)).toMatchObject({ rating_count: 1, rating_sum: 1 });
  });

  it('keeps the aggregates right under concurrent writes to one item', async () => {
    const item = uniqueItemKey();
    const learners = await Promise.all(['A', 'B', 'C', 'D', 'E', 'F'].map((name) => signInLearner(storage, name)));
    // Everyone rates at once, and the first learner also changes their mind twice, concurrently.
    await Promise.all([
      ...learners.map((learner, index) => learner.caller.ratings.set({ item, stars: (index % 5) + 1, clientId: newClientId() })),
      learners[0]!.caller.ratings.set({ item, stars: 5, clientId: newClientId() }),
      learners[0]!.caller.ratings.set({ item, stars: 3, clientId: newClientId() }),
    ]);
    const [summary] = await learners[1]!.caller.ratings.summaries({ items: [item] });
    expect(summary!.count).toBe(learners.length);
    await expectStatsMatchRatings(storage);
  });

  it('maintains item_stats equal to a recount of the ratings after many writes', async () => {
    const items = [uniqueItemKey(), uniqueItemKey(), uniqueItemKey()];
    const learners = await Promise.all(['P', 'Q', 'R', 'S'].map((name) => signInLearner(storage, name)));
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let step = 0; step < 24; step++) {
      const learner = learners[next() % learners.length]!;
      await learner.caller.ratings.set({ item: items[next() % items.length]!, stars: (next() % 5) + 1, clientId: newClientId() });
    }
    await expectStatsMatchRatings(storage);
  });
});

/** The invariant behind "reads never scan ratings": the aggregates equal a full recount. */
async function expectStatsMatchRatings(storage: Storage) {
  const recount = await storage.db
    .selectFrom('ratings')
    .select((eb) => [
      'tenant_id',
      'item_key',
      eb.fn.countAll<number>().as('rating_count'),
      eb.fn.sum<number>('stars').as('rating_sum'),
      ...([1, 2, 3, 4, 5] as const).map((stars) =>
        sql<number>`sum(case when stars = ${sql.lit(stars)} then 1 else 0 end)`.as(`stars_${stars}`),
      ),
    ])
    .groupBy(['tenant_id', 'item_key'])
    .orderBy('tenant_id')
    .orderBy('item_key')
    .execute();
  const stats = await storage.db
    .selectFrom('item_stats')
    .select(['tenant_id', 'item_key', 'rating_count', 'rating_sum', 'stars_1', 'stars_2', 'stars_3', 'stars_4', 'stars_5'])
    .where('rating_count', '>', 0)
    .orderBy('tenant_id')
    .orderBy('item_key')
    .execute();
  expect(stats).toEqual(recount);
}
