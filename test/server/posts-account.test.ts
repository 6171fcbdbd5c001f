import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../server/storage';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import { claimsOf, expectCountsMatchRecount, expectTRPCError, newClientId, signInLearner, uniqueItemKey, type Learner } from './support/harness';

describe.each(ENGINES)('posts, my data and account deletion on %s', (engine) => {
  let database: TestDatabase;
  let storage: Storage;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    storage = await openStorage({ ...database.options, rateLimits: { perMinute: 100_000, perDay: 100_000 } });
  });
  afterAll(async () => {
    await storage?.close();
    await database?.dispose();
  });

  const setPolicy = (policy: 'remove' | 'anonymize', learner: Learner) =>
    storage.db.updateTable('tenant_settings').set({ on_account_delete: policy }).where('tenant_id', '=', claimsOf(storage, learner).tenantId).execute();

  it('writes, drafts, publishes and pages posts; drafts stay the author’s', async () => {
    const ann = await signInLearner(storage, 'Ann', 'Sales');
    const bob = await signInLearner(storage, 'Bob', 'Sales');
    const item = uniqueItemKey();
    const post = await ann.caller.posts.create({ title: ' What I learned ', body: '# Notes\r\n\r\n**Good** course', items: [item, item], clientId: newClientId() });
    expect(post).toMatchObject({ title: 'What I learned', body: '# Notes\n\n**Good** course', items: [item], status: 'published', isMine: true, author: { name: 'Ann' } });
    expect(post.publishedAt).toEqual(expect.any(String));
    // What it is about, with the item's title once a learner's page has told it.
    expect(post.about).toEqual([{ item, title: null }]);
    await bob.caller.contributions.create({ kind: 'tip', item, text: 'Tip', itemTitle: 'Negotiation basics', clientId: newClientId() });
    expect((await bob.caller.posts.get({ id: post.id })).about).toEqual([{ item, title: 'Negotiation basics' }]);
    const draft = await ann.caller.posts.create({ title: 'Draft', body: 'wip', status: 'draft', clientId: newClientId() });
    await expectTRPCError(bob.caller.posts.get({ id: draft.id }), 'NOT_FOUND');
    await expectTRPCError(bob.caller.posts.update({ id: post.id, body: 'hijack', clientId: newClientId() }), 'FORBIDDEN');
    await expectTRPCError(ann.caller.posts.create({ title: 'x', body: 'bad\u0007', clientId: newClientId() }), 'BAD_REQUEST');
    await expectTRPCError(ann.caller.posts.create({ title: 'x'.repeat(201), body: 'b', clientId: newClientId() }), 'BAD_REQUEST');
    await expectTRPCError(ann.caller.posts.create({ title: 'x', body: 'b'.repeat(20_001), clientId: newClientId() }), 'BAD_REQUEST');

    const bobFeed = await bob.caller.posts.feed({ scope: 'team' });
    expect(bobFeed.posts.map((p) => p.id)).toContain(post.id);
    expect(bobFeed.posts.map((p) => p.id)).not.toContain(draft.id);
    expect((await ann.caller.posts.feed({ scope: 'mine' })).posts.map((p) => p.id)).toEqual([draft.id, post.id]);
    expect((await bob.caller.posts.listForItem({ item })).posts.map((p) => p.id)).toEqual([post.id]);

    const published = await ann.caller.posts.update({ id: draft.id, status: 'published', clientId: newClientId() });
    expect(published.publishedAt).toEqual(expect.any(String));
    const page1 = await bob.caller.posts.feed({ limit: 1 });
    const page2 = await bob.caller.posts.feed({ limit: 1, cursor: page1.nextCursor });
    expect([...page1.posts, ...page2.posts].map((p) => p.id)).toEqual([draft.id, post.id]);

    await ann.caller.posts.delete({ id: draft.id, clientId: newClientId() });
    await expectTRPCError(ann.caller.posts.get({ id: draft.id }), 'NOT_FOUND');
  });

  it('counts published posts on the items they are about, through publish, item changes, unpublish and delete', async () => {
    const ann = await signInLearner(storage, 'Ann');
    const bob = await signInLearner(storage, 'Bob');
    const [x, y, z] = [uniqueItemKey(), uniqueItemKey(), uniqueItemKey()];
    const counts = async () => (await bob.caller.items.summaries({ items: [x, y, z] })).map((s) => s.postCount);

    const post = await ann.caller.posts.create({ title: 'On x and y', body: 'Both', items: [x, y, x], clientId: newClientId() });
    const draft = await ann.caller.posts.create({ title: 'Draft', body: 'wip', items: [x], status: 'draft', clientId: newClientId() });
    await bob.caller.posts.create({ title: 'Bob on y', body: 'Mine', items: [y], clientId: newClientId() });
    expect(await counts()).toEqual([1, 2, 0]);
    expect(await bob.caller.items.summaries({ items: [x] })).toEqual([expect.objectContaining({ postCount: 1, contributionCount: 0 })]);

    await ann.caller.posts.update({ id: draft.id, status: 'published', clientId: newClientId() });
    expect(await counts()).toEqual([2, 2, 0]);
    await ann.caller.posts.update({ id: post.id, items: [y, z], clientId: newClientId() });
    expect(await counts()).toEqual([1, 2, 1]);
    // Changing only the text moves nothing; taking it back to draft takes it out.
    await ann.caller.posts.update({ id: post.id, body: 'Edited', clientId: newClientId() });
    expect(await counts()).toEqual([1, 2, 1]);
    await ann.caller.posts.update({ id: post.id, status: 'draft', items: [x, y, z], clientId: newClientId() });
    expect(await counts()).toEqual([1, 1, 0]);
    await ann.caller.posts.update({ id: post.id, status: 'published', clientId: newClientId() });
    expect(await counts()).toEqual([2, 2, 1]);

    await ann.caller.posts.delete({ id: post.id, clientId: newClientId() });
    await ann.caller.posts.delete({ id: draft.id, clientId: newClientId() });
    expect(await counts()).toEqual([0, 1, 0]);
    await expectCountsMatchRecount(storage.db);
  });

  for (const policy of ['anonymize', 'remove'] as const) {
    it(`exports what a learner wrote, then deletes the account (${policy})`, async () => {
      const ann = await signInLearner(storage, 'Ann');
      const bob = await signInLearner(storage, 'Bob');
      await setPolicy(policy, ann);
      const item = uniqueItemKey();
      await ann.caller.ratings.set({ item, stars: 5, clientId: newClientId() });
      await bob.caller.ratings.set({ item, stars: 3, clientId: newClientId() });
      await ann.caller.reviews.upsert({ item, stars: 5, text: 'Great course', completed: true, clientId: newClientId() });
      const comment = await ann.caller.comments.create({ item, body: 'Question?', clientId: newClientId() });
      await bob.caller.comments.create({ item, body: 'Answer', parentId: comment.id, clientId: newClientId() });
      const bobComment = await bob.caller.comments.create({ item, body: 'Bob here', clientId: newClientId() });
      await ann.caller.comments.vote({ id: bobComment.id, helpful: true, clientId: newClientId() });
      const tip = await ann.caller.contributions.create({ kind: 'tip', item, text: 'Skip week 2', clientId: newClientId() });
      await ann.caller.posts.create({ title: 'About it', body: 'Long story', items: [item], clientId: newClientId() });
      await bob.caller.contributions.vote({ id: tip.id, helpful: true, clientId: newClientId() });

      const data = await ann.caller.me.export();
      expect(data.profile).toMatchObject({ display_name: 'Ann' });
      expect(data.ratings).toHaveLength(1);
      expect(data.reviews).toEqual([expect.objectContaining({ body: 'Great course' })]);
      expect(data.comments).toEqual([expect.objectContaining({ body: 'Question?' })]);
      expect(data.votes.helpful).toHaveLength(1);
      expect(data.contributions).toEqual([expect.objectContaining({ body: 'Skip week 2' })]);
      expect(data.posts).toEqual([expect.objectContaining({ title: 'About it', items: [item] })]);
      expect(data.follows).toEqual([]);
      // Bob's reply to her question, Bob's new comment on an item she follows (she wrote there), Bob's vote on her tip.
      expect((data.notifications as unknown as { kind: string }[]).map((n) => n.kind).sort()).toEqual(['helpful-vote', 'new-comment', 'reply']);
      expect(JSON.stringify(data)).not.toContain('Bob here');

      await expectTRPCError(ann.caller.me.deleteAccount({ confirm: false as unknown as true }), 'BAD_REQUEST');
      expect(await ann.caller.me.deleteAccount({ confirm: true })).toEqual({ deleted: true, policy });
      await expectTRPCError(ann.caller.me.export(), 'UNAUTHORIZED');

      const summary = (await bob.caller.ratings.summaries({ items: [item] }))[0]!;
      const reviews = (await bob.caller.reviews.list({ item })).reviews;
      const threads = (await bob.caller.comments.list({ item })).comments;
      const contributions = (await bob.caller.contributions.list({ item })).contributions;
      const posts = (await bob.caller.posts.listForItem({ item })).posts;
      expect((await bob.caller.comments.list({ item })).comments.find((c) => c.id === bobComment.id)?.helpfulCount).toBe(policy === 'remove' ? 0 : 1);
      const counts = (await bob.caller.items.summaries({ items: [item] }))[0]!;
      expect([counts.contributionCount, counts.postCount]).toEqual(policy === 'remove' ? [0, 0] : [1, 1]);
      if (policy === 'anonymize') {
        expect(summary).toMatchObject({ count: 2, average: 4 });
        expect(reviews.map((r) => r.author?.name)).toEqual(['Former colleague']);
        expect(threads.find((t) => t.id === comment.id)?.author?.name).toBe('Former colleague');
        expect(contributions.map((c) => c.author.name)).toEqual(['Former colleague']);
        expect(posts.map((p) => p.author.name)).toEqual(['Former colleague']);
      } else {
        expect(summary).toMatchObject({ count: 1, average: 3 });
        expect(reviews).toEqual([]);
        // The thread Bob answered stays readable as a placeholder.
        expect(threads.find((t) => t.id === comment.id)).toMatchObject({ deleted: true, body: null, author: null });
        expect(contributions).toEqual([]);
        expect(posts).toEqual([]);
      }
      await expectCountsMatchRecount(storage.db);
      const stats = await storage.db.selectFrom('item_stats').select(['rating_count', 'rating_sum']).where('item_key', '=', item).executeTakeFirstOrThrow();
      const ratings = await storage.db.selectFrom('ratings').select('stars').where('item_key', '=', item).execute();
      expect([stats.rating_count, stats.rating_sum]).toEqual([ratings.length, ratings.reduce((sum, r) => sum + r.stars, 0)]);
    });
  }
});
