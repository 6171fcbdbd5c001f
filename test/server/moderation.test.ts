import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT, findTenantBySlug } from '../../server/services/tenants';
import { setTenantSettings } from '../../server/services/tenant-settings';
import { setUserRole } from '../../server/services/users';
import { openStorage, type Storage } from '../../server/storage';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import { claimsOf, expectCountsMatchRecount, expectTRPCError, newClientId, signInLearner, snapshotAll, uniqueItemKey, type Learner } from './support/harness';

describe.each(ENGINES)('moderation through createCaller on %s', (engine) => {
  let database: TestDatabase;
  let storage: Storage;
  let moderator: Learner;
  let tenantId: string;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    storage = await openStorage({ ...database.options, rateLimits: { perMinute: 100_000, perDay: 100_000 } });
    tenantId = (await findTenantBySlug(storage.db, DEMO_TENANT.slug))!.id;
    moderator = await signInLearner(storage, 'Mo');
    await setUserRole(storage.db, tenantId, claimsOf(storage, moderator).userId, 'moderator');
  });
  afterAll(async () => {
    await storage?.close();
    await database?.dispose();
  });

  const report = (learner: Learner, kind: 'review' | 'comment', id: string, reason: 'spam' | 'abuse' | 'off-topic' | 'other' = 'abuse', note?: string) =>
    learner.caller.moderation.report({ kind, id, reason, note, clientId: newClientId() });

  it('runs the whole story: review, vote, reply, three reports hide, author still sees, moderator restores, audit', async () => {
    const item = uniqueItemKey();
    const [a, b, c, d] = await Promise.all(['Ann', 'Bob', 'Cem', 'Dee'].map((name) => signInLearner(storage, name)));

    // A reviews with text; B lists it and finds it helpful; A cannot vote on their own.
    const { review } = await a!.caller.reviews.upsert({ item, stars: 5, text: 'Loved it', completed: true, clientId: newClientId() });
    const [listed] = (await b!.caller.reviews.list({ item })).reviews;
    expect(listed).toMatchObject({ id: review.id, author: { name: 'Ann' }, completed: true, isMine: false });
    expect(await b!.caller.reviews.vote({ id: review.id, helpful: true, clientId: newClientId() })).toMatchObject({ helpfulCount: 1 });
    await expectTRPCError(a!.caller.reviews.vote({ id: review.id, helpful: true, clientId: newClientId() }), 'FORBIDDEN');

    // A comments; B replies.
    const comment = await a!.caller.comments.create({ item, body: 'Questionable advice', clientId: newClientId() });
    const reply = await b!.caller.comments.create({ item, parentId: comment.id, body: 'Hm, really?', clientId: newClientId() });
    expect((await a!.caller.items.summaries({ items: [item] }))[0]).toMatchObject({ reviewCount: 1, commentCount: 2 });

    // Three learners report A's comment: at the third (the default threshold) it is hidden.
    await report(b!, 'comment', comment.id, 'abuse', 'Rude');
    await report(c!, 'comment', comment.id, 'spam');
    expect((await d!.caller.comments.list({ item })).comments).toHaveLength(1);
    await report(d!, 'comment', comment.id, 'abuse');

    // Hidden for others (with its reply), and out of the public count…
    expect((await b!.caller.comments.list({ item })).comments).toEqual([]);
    await expectTRPCError(b!.caller.comments.replies({ parentId: comment.id }), 'NOT_FOUND');
    await expectTRPCError(c!.caller.comments.vote({ id: comment.id, helpful: true, clientId: newClientId() }), 'NOT_FOUND');
    expect((await b!.caller.items.summaries({ items: [item] }))[0]).toMatchObject({ commentCount: 1 });
    // …still there, with its state, for its author.
    const [own] = (await a!.caller.comments.list({ item })).comments;
    expect(own).toMatchObject({ id: comment.id, state: 'pending', body: 'Questionable advice', isMine: true });
    expect(own!.replies.map((r) => r.id)).toEqual([reply.id]);

    // The moderator finds it in the queue, with the reasons, and restores it.
    const queue = await moderator.caller.moderation.queue({});
    expect(queue.entries[0]).toMatchObject({
      kind: 'comment',
      id: comment.id,
      item,
      state: 'pending',
      body: 'Questionable advice',
      author: { name: 'Ann' },
      openReports: 3,
      reasons: { spam: 1, abuse: 2, 'off-topic': 0, other: 0 },
      notes: ['Rude'],
    });
    expect(await moderator.caller.moderation.restore({ kind: 'comment', id: comment.id, note: 'Fair criticism', clientId: newClientId() })).toEqual({
      kind: 'comment',
      id: comment.id,
      state: 'visible',
      deleted: false,
    });
    expect((await b!.caller.comments.list({ item })).comments.map((t) => t.id)).toEqual([comment.id]);
    expect((await b!.caller.items.summaries({ items: [item] }))[0]).toMatchObject({ commentCount: 2 });
    expect((await moderator.caller.moderation.queue({})).entries.map((e) => e.id)).not.toContain(comment.id);

    // The audit log shows the automatic hide, then the restore, newest first.
    const log = await moderator.caller.moderation.auditLog({ limit: 2 });
    expect(log.entries.map((e) => [e.action, e.targetId, e.actor, e.note])).toEqual([
      ['restore', comment.id, 'Mo', 'Fair criticism'],
      ['auto-hide', comment.id, null, '3 reports'],
    ]);
    expect(log.entries[0]!.id).toBeGreaterThan(log.entries[1]!.id);
  });

  it('refuses moderator procedures to learners, and reports of one’s own or twice', async () => {
    const item = uniqueItemKey();
    const [a, b] = await Promise.all(['Ann', 'Bob'].map((name) => signInLearner(storage, name)));
    const comment = await a!.caller.comments.create({ item, body: 'Hello', clientId: newClientId() });
    await report(b!, 'comment', comment.id, 'off-topic');
    const before = await snapshotAll(storage.db);

    const target = { kind: 'comment' as const, id: comment.id, clientId: newClientId() };
    await expectTRPCError(b!.caller.moderation.hide(target), 'FORBIDDEN');
    await expectTRPCError(b!.caller.moderation.restore(target), 'FORBIDDEN');
    await expectTRPCError(b!.caller.moderation.delete(target), 'FORBIDDEN');
    await expectTRPCError(b!.caller.moderation.queue({}), 'FORBIDDEN');
    await expectTRPCError(b!.caller.moderation.auditLog({}), 'FORBIDDEN');
    await expectTRPCError(report(b!, 'comment', comment.id, 'spam'), 'CONFLICT');
    await expectTRPCError(report(a!, 'comment', comment.id), 'FORBIDDEN');
    await expectTRPCError(report(b!, 'review', comment.id), 'NOT_FOUND');
    await expectTRPCError(report(b!, 'comment', 'no-such-comment'), 'NOT_FOUND');
    await expectTRPCError(moderator.caller.moderation.hide({ ...target, id: 'no-such-comment' }), 'NOT_FOUND');
    expect(await snapshotAll(storage.db)).toEqual(before);
  });

  it('lets moderators hide and delete reviews and comments; authors see their hidden review with its state', async () => {
    const item = uniqueItemKey();
    const [a, b] = await Promise.all(['Ann', 'Bob'].map((name) => signInLearner(storage, name)));
    const { review } = await a!.caller.reviews.upsert({ item, stars: 1, text: 'Spam spam', completed: false, clientId: newClientId() });
    const comment = await a!.caller.comments.create({ item, body: 'More spam', clientId: newClientId() });

    expect(await moderator.caller.moderation.hide({ kind: 'review', id: review.id, clientId: newClientId() })).toMatchObject({ state: 'hidden' });
    expect((await b!.caller.reviews.list({ item })).reviews).toEqual([]);
    expect((await a!.caller.reviews.list({ item })).reviews).toMatchObject([{ id: review.id, state: 'hidden', isMine: true }]);
    // Moderators see hidden content in place, with its state.
    expect((await moderator.caller.reviews.list({ item })).reviews).toMatchObject([{ id: review.id, state: 'hidden' }]);
    // The stars of a hidden review still count; only the text is withheld.
    expect((await b!.caller.items.summaries({ items: [item] }))[0]).toMatchObject({ count: 1, reviewCount: 0, commentCount: 1 });

    expect(await moderator.caller.moderation.delete({ kind: 'review', id: review.id, clientId: newClientId() })).toMatchObject({ deleted: true });
    expect(await moderator.caller.moderation.delete({ kind: 'comment', id: comment.id, clientId: newClientId() })).toMatchObject({ deleted: true });
    expect((await a!.caller.reviews.list({ item })).reviews).toEqual([]);
    expect((await b!.caller.comments.list({ item })).comments).toEqual([]);
    expect((await b!.caller.items.summaries({ items: [item] }))[0]).toMatchObject({ count: 1, mine: null, reviewCount: 0, commentCount: 0 });

    const actions = (await moderator.caller.moderation.auditLog({ limit: 3 })).entries.map((e) => [e.action, e.kind, e.targetId]);
    expect(actions).toEqual([
      ['delete', 'comment', comment.id],
      ['delete', 'review', review.id],
      ['hide', 'review', review.id],
    ]);
  });

  it('hides at the tenant’s own threshold, and pages the queue and the audit log', async () => {
    await setTenantSettings(storage.db, tenantId, { reportThreshold: 1 });
    try {
      const item = uniqueItemKey();
      const [a, b] = await Promise.all(['Ann', 'Bob'].map((name) => signInLearner(storage, name)));
      const ids: string[] = [];
      for (let n = 0; n < 3; n++) {
        const comment = await a!.caller.comments.create({ item, body: `Bad ${n}`, clientId: newClientId() });
        await report(b!, 'comment', comment.id, 'other', `note ${n}`);
        ids.push(comment.id);
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
      expect((await b!.caller.comments.list({ item })).comments).toEqual([]);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<Learner['caller']['moderation']['queue']>> = await moderator.caller.moderation.queue({ cursor, limit: 1 });
        seen.push(...page.entries.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.filter((id) => ids.includes(id))).toEqual([...ids].reverse());

      const first = await moderator.caller.moderation.auditLog({ limit: 2 });
      const second = await moderator.caller.moderation.auditLog({ limit: 2, cursor: first.nextCursor });
      expect([...first.entries, ...second.entries].slice(0, 3).map((e) => [e.action, e.targetId])).toEqual(
        [...ids].reverse().map((id) => ['auto-hide', id]),
      );
    } finally {
      await setTenantSettings(storage.db, tenantId, { reportThreshold: 3 });
    }
  });

  it('refuses a report threshold below 1', async () => {
    await expect(setTenantSettings(storage.db, tenantId, { reportThreshold: 0 })).rejects.toThrow(RangeError);
  });

  it('hides exactly once when reports and votes arrive concurrently', async () => {
    const item = uniqueItemKey();
    const author = await signInLearner(storage, 'Ann');
    const crowd = await Promise.all(Array.from({ length: 6 }, (_, n) => signInLearner(storage, `Crowd ${n}`)));
    const comment = await author.caller.comments.create({ item, body: 'Contested', clientId: newClientId() });
    const reports = await Promise.allSettled(
      crowd.flatMap((learner, n) => [
        learner.caller.comments.vote({ id: comment.id, helpful: true, clientId: newClientId() }),
        report(learner, 'comment', comment.id, n % 2 ? 'spam' : 'abuse'),
      ]),
    ).then((results) => results.filter((_, index) => index % 2 === 1));
    // Once hidden, the comment is gone for the learners who had not reported yet.
    const accepted = reports.filter((result) => result.status === 'fulfilled').length;
    for (const result of reports) if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'NOT_FOUND' });
    expect(accepted).toBeGreaterThanOrEqual(3);
    const row = await storage.db.selectFrom('comments').select(['state', 'open_report_count']).where('id', '=', comment.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'pending', open_report_count: accepted });
    const hides = await storage.db.selectFrom('moderation_log').select('action').where('target_id', '=', comment.id).execute();
    expect(hides).toEqual([{ action: 'auto-hide' }]);
    expect((await author.caller.items.summaries({ items: [item] }))[0]!.commentCount).toBe(0);
  });

  it('keeps every write-time count equal to a recount after all of the above', async () => {
    await expectCountsMatchRecount(storage.db);
  });
});
