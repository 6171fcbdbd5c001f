import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLIES_PER_THREAD } from '../../server/contract';
import { openStorage, type Storage } from '../../server/storage';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import { expectCountsMatchRecount, expectTRPCError, newClientId, signInLearner, snapshotAll, uniqueItemKey, type Learner } from './support/harness';

type Untyped = (input: unknown) => Promise<unknown>;

describe.each(ENGINES)('comments through createCaller on %s', (engine) => {
  let database: TestDatabase;
  let storage: Storage;
  let ann: Learner;
  let bob: Learner;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    // Functional tests write faster than learners may; rate limits have their own suite.
    storage = await openStorage({ ...database.options, rateLimits: { perMinute: 100_000, perDay: 100_000 } });
    ann = await signInLearner(storage, 'Ann');
    bob = await signInLearner(storage, 'Bob');
  });
  afterAll(async () => {
    await storage?.close();
    await database?.dispose();
  });

  const post = (learner: Learner, item: string, body: string, parentId?: string) =>
    learner.caller.comments.create({ item, body, parentId, clientId: newClientId() });
  const commentCount = async (item: string) => (await ann.caller.items.summaries({ items: [item] }))[0]!.commentCount;

  it('stores markdown as written (line endings normalised) and threads one level of replies', async () => {
    const item = uniqueItemKey();
    const source = '**Tip**: see <script>alert(1)</script>\r\n\r\n- one\r- two\t[x](javascript:x)';
    const top = await post(ann, item, source);
    expect(top).toMatchObject({
      item,
      parentId: null,
      body: '**Tip**: see <script>alert(1)</script>\n\n- one\n- two\t[x](javascript:x)',
      deleted: false,
      editedAt: null,
      helpfulCount: 0,
      votedByMe: false,
      author: { name: 'Ann', pseudonymous: false },
      isMine: true,
      state: 'visible',
    });
    const reply = await post(bob, item, 'Thanks!', top.id);
    expect(reply).toMatchObject({ parentId: top.id, isMine: true, author: { name: 'Bob' } });

    const page = await bob.caller.comments.list({ item });
    expect(page.nextCursor).toBeNull();
    expect(page.comments).toEqual([{ ...top, isMine: false, replies: [reply], hasMoreReplies: false }]);
    expect(await commentCount(item)).toBe(2);
  });

  it('moves the item’s revision forward with every change to its figures, and only then', async () => {
    const item = uniqueItemKey();
    const revision = async () => (await bob.caller.items.summaries({ items: [item] }))[0]!.revision;
    expect(await revision()).toBe(0);
    await ann.caller.ratings.set({ item, stars: 4, clientId: newClientId() });
    const rated = await revision();
    const top = await post(ann, item, 'First');
    const commented = await revision();
    expect(await revision()).toBe(commented);
    await ann.caller.comments.delete({ id: top.id, clientId: newClientId() });
    const deleted = await revision();
    expect([0, rated, commented, deleted]).toEqual([...new Set([0, rated, commented, deleted])].sort((a, b) => a - b));
  });

  it('refuses replies to replies, to another item’s comment and to unknown comments, storing nothing', async () => {
    const item = uniqueItemKey();
    const top = await post(ann, item, 'Top');
    const reply = await post(bob, item, 'Reply', top.id);
    const before = await snapshotAll(storage.db);
    const nested = await expectTRPCError(post(ann, item, 'Nested', reply.id), 'BAD_REQUEST');
    expect(nested.message).toMatch(/one level/);
    await expectTRPCError(post(ann, uniqueItemKey(), 'Wrong item', top.id), 'BAD_REQUEST');
    await expectTRPCError(post(ann, item, 'Unknown', 'no-such-comment'), 'NOT_FOUND');
    expect(await snapshotAll(storage.db)).toEqual(before);
  });

  it('edits (marked edited) and soft-deletes, keeping the thread of a deleted comment readable', async () => {
    const item = uniqueItemKey();
    const top = await post(ann, item, 'First take');
    const reply = await post(bob, item, 'Agreed', top.id);
    const lonely = await post(ann, item, 'Nobody answers this');

    const edited = await ann.caller.comments.edit({ id: top.id, body: 'Second take', clientId: newClientId() });
    expect(edited).toMatchObject({ body: 'Second take', editedAt: expect.any(String) });
    await expectTRPCError(bob.caller.comments.edit({ id: top.id, body: 'Hijack', clientId: newClientId() }), 'FORBIDDEN');
    await expectTRPCError(bob.caller.comments.delete({ id: top.id, clientId: newClientId() }), 'FORBIDDEN');

    const deleted = await ann.caller.comments.delete({ id: top.id, clientId: newClientId() });
    expect(deleted).toMatchObject({ id: top.id, body: null, deleted: true, author: null, editedAt: null });
    await ann.caller.comments.delete({ id: lonely.id, clientId: newClientId() });
    await expectTRPCError(ann.caller.comments.edit({ id: top.id, body: 'Undead', clientId: newClientId() }), 'NOT_FOUND');

    const page = await bob.caller.comments.list({ item });
    // The placeholder stays for its reply; the deleted comment without replies is left out.
    expect(page.comments.map((c) => [c.id, c.deleted, c.replies.map((r) => r.id)])).toEqual([[top.id, true, [reply.id]]]);
    expect(await commentCount(item)).toBe(1);

    await bob.caller.comments.delete({ id: reply.id, clientId: newClientId() });
    expect((await bob.caller.comments.list({ item })).comments).toEqual([]);
    expect(await commentCount(item)).toBe(0);
  });

  it('votes helpful like reviews: once each, toggled, never on one’s own', async () => {
    const item = uniqueItemKey();
    const top = await post(ann, item, 'Useful?');
    expect(await bob.caller.comments.vote({ id: top.id, helpful: true, clientId: newClientId() })).toEqual({ id: top.id, helpfulCount: 1, votedByMe: true });
    expect(await bob.caller.comments.vote({ id: top.id, helpful: true, clientId: newClientId() })).toEqual({ id: top.id, helpfulCount: 1, votedByMe: true });
    await expectTRPCError(ann.caller.comments.vote({ id: top.id, helpful: true, clientId: newClientId() }), 'FORBIDDEN');
    expect(await bob.caller.comments.vote({ id: top.id, helpful: false, clientId: newClientId() })).toEqual({ id: top.id, helpfulCount: 0, votedByMe: false });
  });

  it('sorts threads by top and newest, and pages threads and replies', async () => {
    const item = uniqueItemKey();
    const voters = await Promise.all(['V1', 'V2'].map((name) => signInLearner(storage, name)));
    const threads = [];
    for (const [index, votes] of [0, 2, 1].entries()) {
      const comment = await post(ann, item, `Thread ${index + 1}`);
      for (const voter of voters.slice(0, votes)) await voter.caller.comments.vote({ id: comment.id, helpful: true, clientId: newClientId() });
      threads.push(comment);
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const bodies = async (sort: 'top' | 'newest') => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<Learner['caller']['comments']['list']>> = await bob.caller.comments.list({ item, sort, cursor, limit: 1 });
        seen.push(...page.comments.map((c) => c.body!));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await bodies('top')).toEqual(['Thread 2', 'Thread 3', 'Thread 1']);
    expect(await bodies('newest')).toEqual(['Thread 3', 'Thread 2', 'Thread 1']);

    // More replies than a thread carries: the rest come from comments.replies, oldest first.
    const parent = threads[0]!;
    const total = REPLIES_PER_THREAD + 3;
    for (let n = 1; n <= total; n++) await post(bob, item, `Reply ${n}`, parent.id);
    const listed = (await bob.caller.comments.list({ item, sort: 'newest' })).comments.find((c) => c.id === parent.id)!;
    expect(listed.replies).toHaveLength(REPLIES_PER_THREAD);
    expect(listed.hasMoreReplies).toBe(true);
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<Learner['caller']['comments']['replies']>> = await bob.caller.comments.replies({ parentId: parent.id, cursor, limit: 10 });
      all.push(...page.replies.map((r) => r.body!));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toEqual(Array.from({ length: total }, (_, n) => `Reply ${n + 1}`));
    expect(await commentCount(item)).toBe(3 + total);
  });

  it('answers a retried create, edit, delete or vote with the same result, applied once', async () => {
    const item = uniqueItemKey();
    const create = { item, body: 'Once', clientId: newClientId() };
    const created = await ann.caller.comments.create(create);
    const afterCreate = await snapshotAll(storage.db);
    expect(await ann.caller.comments.create({ ...create, body: 'Twice?' })).toEqual(created);
    expect(await snapshotAll(storage.db)).toEqual(afterCreate);

    const edit = { id: created.id, body: 'Edited once', clientId: newClientId() };
    const edited = await ann.caller.comments.edit(edit);
    expect(await ann.caller.comments.edit(edit)).toEqual(edited);

    const vote = { id: created.id, helpful: true, clientId: newClientId() };
    const voted = await bob.caller.comments.vote(vote);
    expect(await bob.caller.comments.vote(vote)).toEqual(voted);

    const del = { id: created.id, clientId: newClientId() };
    const deleted = await ann.caller.comments.delete(del);
    const afterDelete = await snapshotAll(storage.db);
    expect(await ann.caller.comments.delete(del)).toEqual(deleted);
    expect(await snapshotAll(storage.db)).toEqual(afterDelete);
    expect(await commentCount(item)).toBe(0);
  });

  const badCreates: Array<[string, (item: string) => unknown]> = [
    ['a 10,001-character body', (item) => ({ item, body: 'x'.repeat(10_001), clientId: newClientId() })],
    ['a blank body', (item) => ({ item, body: '\n \n', clientId: newClientId() })],
    ['a NUL', (item) => ({ item, body: 'a\u0000b', clientId: newClientId() })],
    ['an escape character', (item) => ({ item, body: 'a\u001b[31mred', clientId: newClientId() })],
    ['a C1 control character', (item) => ({ item, body: 'a\u0085b', clientId: newClientId() })],
    ['a malformed parent id', (item) => ({ item, body: 'Hi', parentId: 'not/an id', clientId: newClientId() })],
    ['no clientId', (item) => ({ item, body: 'Hi' })],
  ];

  it.each(badCreates)('comments.create with %s → BAD_REQUEST, nothing stored', async (_name, makeInput) => {
    const before = await snapshotAll(storage.db);
    await expectTRPCError((ann.caller.comments.create as Untyped)(makeInput(uniqueItemKey())), 'BAD_REQUEST');
    expect(await snapshotAll(storage.db)).toEqual(before);
  });

  it('accepts exactly 10,000 characters, counted after CRLF normalisation', async () => {
    const body = 'ab\r\n'.repeat(3333) + 'x'; // 13,333 characters as sent, 10,000 once normalised
    const comment = await post(ann, uniqueItemKey(), body);
    expect(comment.body).toHaveLength(10_000);
  });

  it('keeps every write-time count equal to a recount after all of the above', async () => {
    await expectCountsMatchRecount(storage.db);
  });
});
