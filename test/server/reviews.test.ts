import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTenant } from '../../server/services/tenants';
import { openStorage, type Storage } from '../../server/storage';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import {
  expectCountsMatchRecount,
  expectTRPCError,
  newClientId,
  randomId,
  signInLearner,
  signInToTenant,
  snapshotAll,
  uniqueItemKey,
  type Learner,
} from './support/harness';

/** Inputs refused at run time; TypeScript would refuse them first. */
type Untyped = (input: unknown) => Promise<unknown>;

describe.each(ENGINES)('reviews through createCaller on %s', (engine) => {
  let database: TestDatabase;
  let storage: Storage;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    // Functional tests write faster than learners may; rate limits have their own suite.
    storage = await openStorage({ ...database.options, rateLimits: { perMinute: 100_000, perDay: 100_000 } });
  });
  afterAll(async () => {
    await storage?.close();
    await database?.dispose();
  });

  const review = (item: string, stars: number, text: string, extra: Record<string, unknown> = {}) => ({
    item,
    stars,
    text,
    completed: false,
    clientId: newClientId(),
    ...extra,
  });

  it('writes a review that colleagues list by name, with its rating in the summary', async () => {
    const item = uniqueItemKey();
    const ann = await signInLearner(storage, 'Ann');
    const bob = await signInLearner(storage, 'Bob');

    const written = await ann.caller.reviews.upsert(
      review(item, 4, 'Clear and practical.\r\nWorth it.', { title: '  Good course ', completed: true, itemTitle: 'Safety' }),
    );
    expect(written.review).toMatchObject({
      item,
      stars: 4,
      title: 'Good course',
      text: 'Clear and practical.\nWorth it.',
      completed: true,
      helpfulCount: 0,
      votedByMe: false,
      author: { name: 'Ann', pseudonymous: false },
      isMine: true,
      state: 'visible',
      editedAt: null,
    });
    expect(written.summary).toEqual({
      item,
      average: 4,
      count: 1,
      histogram: [0, 0, 0, 1, 0],
      score: expect.any(Number),
      mine: 4,
      reviewCount: 1,
      commentCount: 0,
      contributionCount: 0,
      postCount: 0,
      revision: expect.any(Number),
    });

    const page = await bob.caller.reviews.list({ item });
    expect(page.nextCursor).toBeNull();
    expect(page.reviews).toEqual([{ ...written.review, isMine: false }]);
    // No user id anywhere in what a colleague receives.
    const annId = storage.auth.verifyToken(ann.token)!.userId;
    expect(JSON.stringify(page)).not.toContain(annId);

    // The old rating API sees the same rating, unchanged in shape.
    expect(await bob.caller.ratings.summaries({ items: [item] })).toEqual([{ item, average: 4, count: 1, mine: null }]);
  });

  it('replaces the review and the rating on a second write, counting them once', async () => {
    const item = uniqueItemKey();
    const ann = await signInLearner(storage, 'Ann');
    const first = await ann.caller.reviews.upsert(review(item, 2, 'Too long.', { completed: true }));
    const second = await ann.caller.reviews.upsert(review(item, 5, 'Got better in part 2.', { title: 'Revised' }));

    expect(second.review.id).toBe(first.review.id);
    expect(second.review).toMatchObject({ stars: 5, title: 'Revised', text: 'Got better in part 2.', completed: true });
    expect(second.review.editedAt).not.toBeNull();
    expect(second.summary).toMatchObject({ average: 5, count: 1, histogram: [0, 0, 0, 0, 1], mine: 5, reviewCount: 1 });

    // A star-only change keeps the review's stars equal to the rating.
    await ann.caller.ratings.set({ item, stars: 3, clientId: newClientId() });
    const [listed] = (await ann.caller.reviews.list({ item })).reviews;
    expect(listed!.stars).toBe(3);
    expect(await ann.caller.items.summaries({ items: [item] })).toEqual([
      expect.objectContaining({ count: 1, histogram: [0, 0, 1, 0, 0], reviewCount: 1 }),
    ]);
  });

  it('never lists star-only ratings as reviews', async () => {
    const item = uniqueItemKey();
    const ann = await signInLearner(storage, 'Ann');
    const bob = await signInLearner(storage, 'Bob');
    await ann.caller.ratings.set({ item, stars: 5, clientId: newClientId() });
    await bob.caller.reviews.upsert(review(item, 3, 'Fine.'));
    const page = await ann.caller.reviews.list({ item });
    expect(page.reviews.map((r) => r.author.name)).toEqual(['Bob']);
    expect((await ann.caller.items.summaries({ items: [item] }))[0]).toMatchObject({ count: 2, reviewCount: 1, histogram: [0, 0, 1, 0, 1] });
  });

  it('deletes the review text and keeps the stars as a star-only rating', async () => {
    const item = uniqueItemKey();
    const ann = await signInLearner(storage, 'Ann');
    const bob = await signInLearner(storage, 'Bob');
    const { review: written } = await ann.caller.reviews.upsert(review(item, 4, 'Meh.'));
    await bob.caller.reviews.vote({ id: written.id, helpful: true, clientId: newClientId() });

    const { summary } = await ann.caller.reviews.delete({ item, clientId: newClientId() });
    expect(summary).toMatchObject({ average: 4, count: 1, mine: 4, reviewCount: 0 });
    expect((await bob.caller.reviews.list({ item })).reviews).toEqual([]);
    const votes = await storage.db.selectFrom('helpful_votes').selectAll().where('target_id', '=', written.id).execute();
    expect(votes).toEqual([]);
    await expectTRPCError(ann.caller.reviews.delete({ item, clientId: newClientId() }), 'NOT_FOUND');
    await expectTRPCError(bob.caller.reviews.vote({ id: written.id, helpful: true, clientId: newClientId() }), 'NOT_FOUND');
  });

  it('counts helpful votes once per learner, toggles them, and refuses votes on one’s own review', async () => {
    const item = uniqueItemKey();
    const ann = await signInLearner(storage, 'Ann');
    const bob = await signInLearner(storage, 'Bob');
    const cem = await signInLearner(storage, 'Cem');
    const { review: written } = await ann.caller.reviews.upsert(review(item, 5, 'Great.'));
    const vote = (learner: Learner, helpful: boolean) => learner.caller.reviews.vote({ id: written.id, helpful, clientId: newClientId() });

    expect(await vote(bob, true)).toEqual({ id: written.id, helpfulCount: 1, votedByMe: true });
    expect(await vote(bob, true)).toEqual({ id: written.id, helpfulCount: 1, votedByMe: true });
    expect(await vote(cem, true)).toEqual({ id: written.id, helpfulCount: 2, votedByMe: true });
    expect(await vote(bob, false)).toEqual({ id: written.id, helpfulCount: 1, votedByMe: false });
    expect(await vote(bob, false)).toEqual({ id: written.id, helpfulCount: 1, votedByMe: false });

    const before = await snapshotAll(storage.db);
    const own = await expectTRPCError(vote(ann, true), 'FORBIDDEN');
    expect(own.message).toMatch(/own review/);
    await expectTRPCError(bob.caller.reviews.vote({ id: 'no-such-review', helpful: true, clientId: newClientId() }), 'NOT_FOUND');
    expect(await snapshotAll(storage.db)).toEqual(before);

    const [seenByCem] = (await cem.caller.reviews.list({ item })).reviews;
    expect(seenByCem).toMatchObject({ helpfulCount: 1, votedByMe: true });
    const [seenByBob] = (await bob.caller.reviews.list({ item })).reviews;
    expect(seenByBob).toMatchObject({ helpfulCount: 1, votedByMe: false });
  });

  it('sorts by most helpful, newest and most critical, and pages through each without gaps', async () => {
    const item = uniqueItemKey();
    const authors = await Promise.all(['A1', 'A2', 'A3', 'A4', 'A5'].map((name) => signInLearner(storage, name)));
    const voters = await Promise.all(['V1', 'V2', 'V3'].map((name) => signInLearner(storage, name)));
    // name → [stars, helpful votes]; written in this order, so newest is A5 first.
    const plan: Array<[number, number]> = [[4, 1], [2, 1], [5, 3], [2, 0], [1, 2]];
    const ids: string[] = [];
    for (const [index, [stars, votes]] of plan.entries()) {
      const { review: written } = await authors[index]!.caller.reviews.upsert(review(item, stars, `Review ${index + 1}`));
      ids.push(written.id);
      for (const voter of voters.slice(0, votes)) await voter.caller.reviews.vote({ id: written.id, helpful: true, clientId: newClientId() });
      // Distinct creation times, so "newest" is unambiguous on a fast machine.
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const names = async (sort?: 'helpful' | 'newest' | 'critical', limit = 50) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof voters[0]['caller']['reviews']['list']>> = await voters[0]!.caller.reviews.list({ item, sort, cursor, limit });
        seen.push(...page.reviews.map((r) => r.text));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };

    // Ties (Review 1 and 2 have one vote each) go to the newer.
    const helpful = ['Review 3', 'Review 5', 'Review 2', 'Review 1', 'Review 4'];
    const newest = ['Review 5', 'Review 4', 'Review 3', 'Review 2', 'Review 1'];
    // Fewest stars first; the two 2★ reviews by helpful votes.
    const critical = ['Review 5', 'Review 2', 'Review 4', 'Review 1', 'Review 3'];
    expect(await names()).toEqual(helpful);
    expect(await names('newest')).toEqual(newest);
    expect(await names('critical')).toEqual(critical);
    for (const limit of [1, 2, 4]) {
      expect(await names('helpful', limit)).toEqual(helpful);
      expect(await names('newest', limit)).toEqual(newest);
      expect(await names('critical', limit)).toEqual(critical);
    }
  });

  it('keeps the histogram, count and score from write-time aggregates', async () => {
    // A tenant of its own, so the score's prior (the tenant mean) is known: (5+5+4+2) / 4 = 4.
    const tenant = await ensureTenant(storage.db, { slug: `score-${randomId(6).toLowerCase()}`, name: 'Score' });
    const [p, q, r] = await Promise.all(['P', 'Q', 'R'].map((name) => signInToTenant(storage, tenant.id, name)));
    const lone = uniqueItemKey();
    const busy = uniqueItemKey();
    await p!.caller.reviews.upsert(review(lone, 5, 'Only one.'));
    await p!.caller.ratings.set({ item: busy, stars: 5, clientId: newClientId() });
    await q!.caller.reviews.upsert(review(busy, 4, 'Good.'));
    await r!.caller.reviews.upsert(review(busy, 2, 'Not for me.'));

    const [loneSummary, busySummary, unrated] = await q!.caller.items.summaries({ items: [lone, busy, uniqueItemKey()] });
    expect(loneSummary).toMatchObject({ average: 5, count: 1, histogram: [0, 0, 0, 0, 1], score: Number(((5 * 4 + 5) / 6).toFixed(3)), mine: null, reviewCount: 1 });
    expect(busySummary).toMatchObject({ average: 3.67, count: 3, histogram: [0, 1, 0, 1, 1], score: Number(((5 * 4 + 11) / 8).toFixed(3)), mine: 4, reviewCount: 2 });
    expect(unrated).toMatchObject({ average: null, count: 0, histogram: [0, 0, 0, 0, 0], score: null, mine: null, reviewCount: 0, commentCount: 0 });
    expect(await storage.db.selectFrom('tenant_stats').select(['rating_count', 'rating_sum']).where('tenant_id', '=', tenant.id).executeTakeFirst()).toEqual({
      rating_count: 4,
      rating_sum: 16,
    });
  });

  it('applies a retried write once and answers it with the same result', async () => {
    const item = uniqueItemKey();
    const ann = await signInLearner(storage, 'Ann');
    const bob = await signInLearner(storage, 'Bob');
    const write = review(item, 4, 'Once.');
    const first = await ann.caller.reviews.upsert(write);
    const after = await snapshotAll(storage.db);
    // A replay with other content is still a replay: nothing of it applies.
    expect(await ann.caller.reviews.upsert({ ...write, stars: 1, text: 'Twice?' })).toEqual(first);
    expect(await snapshotAll(storage.db)).toEqual(after);

    const vote = { id: first.review.id, helpful: true, clientId: newClientId() };
    const voted = await bob.caller.reviews.vote(vote);
    const afterVote = await snapshotAll(storage.db);
    expect(await bob.caller.reviews.vote(vote)).toEqual(voted);
    expect(await snapshotAll(storage.db)).toEqual(afterVote);

    const deletion = { item, clientId: newClientId() };
    const deleted = await ann.caller.reviews.delete(deletion);
    expect(await ann.caller.reviews.delete(deletion)).toEqual(deleted);

    // A client id is one write: reusing it for another kind of write is refused.
    await expectTRPCError(bob.caller.reviews.upsert(review(item, 3, 'Reused id', { clientId: vote.clientId })), 'CONFLICT');
  });

  const badReviews: Array<[string, (item: string) => unknown]> = [
    ['a 121-character title', (item) => review(item, 4, 'Text', { title: 't'.repeat(121) })],
    ['a 5001-character text', (item) => review(item, 4, 'x'.repeat(5001))],
    ['a blank text', (item) => review(item, 4, ' \n\t ')],
    ['no text', (item) => ({ item, stars: 4, completed: false, clientId: newClientId() })],
    ['a NUL in the text', (item) => review(item, 4, 'bad\u0000text')],
    ['a control character in the text', (item) => review(item, 4, 'bell\u0007')],
    ['a line break in the title', (item) => review(item, 4, 'Text', { title: 'two\nlines' })],
    ['stars 0', (item) => review(item, 0, 'Text')],
    ['no completed flag', (item) => ({ item, stars: 4, text: 'Text', clientId: newClientId() })],
    ['a malformed item', () => review('not-a-key', 4, 'Text')],
  ];

  it.each(badReviews)('reviews.upsert with %s → BAD_REQUEST, nothing stored', async (_name, makeInput) => {
    const ann = await signInLearner(storage, 'Ann');
    const before = await snapshotAll(storage.db);
    await expectTRPCError((ann.caller.reviews.upsert as Untyped)(makeInput(uniqueItemKey())), 'BAD_REQUEST');
    expect(await snapshotAll(storage.db)).toEqual(before);
  });

  it('accepts exactly 5000 characters of text and 120 of title, and refuses a forged cursor', async () => {
    const ann = await signInLearner(storage, 'Ann');
    const item = uniqueItemKey();
    const { review: written } = await ann.caller.reviews.upsert(review(item, 4, 'x'.repeat(5000), { title: 't'.repeat(120) }));
    expect(written.text).toHaveLength(5000);
    await expectTRPCError(ann.caller.reviews.list({ item, cursor: 'bm90IGEgY3Vyc29y' }), 'BAD_REQUEST');
    const page = await ann.caller.reviews.list({ item, sort: 'newest', limit: 1 });
    expect(page.nextCursor).toBeNull();
  });

  it('keeps every write-time count equal to a recount after all of the above', async () => {
    await expectCountsMatchRecount(storage.db);
  });
});
