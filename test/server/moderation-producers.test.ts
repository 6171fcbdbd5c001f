import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type RippleServer } from '../../server/app';
import { DEMO_TENANT, findTenantBySlug } from '../../server/services/tenants';
import { setUserRole } from '../../server/services/users';
import type { Storage } from '../../server/storage';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import { claimsOf, expectCountsMatchRecount, expectTRPCError, newClientId, randomId, signInLearner, uniqueItemKey, type Learner } from './support/harness';

/** Reports and moderation of contributions and posts: the rules of reviews and comments. */
describe.each(ENGINES)('moderating contributions and posts on %s', (engine) => {
  let database: TestDatabase;
  let server: RippleServer;
  let storage: Storage;
  let uploadsDir: string;
  let moderator: Learner;
  let ann: Learner;
  let bob: Learner;
  let cem: Learner;
  let dee: Learner;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    uploadsDir = mkdtempSync(path.join(tmpdir(), 'ripple-uploads-'));
    const rateLimits = { perMinute: 100_000, perDay: 100_000 };
    server = await buildServer({ ...database.options, logger: false, uploadsDir, rateLimits });
    storage = { db: server.db, auth: server.auth, engine: server.engine, location: server.location, rateLimits, close: async () => {} };
    const tenantId = (await findTenantBySlug(server.db, DEMO_TENANT.slug))!.id;
    moderator = await signInLearner(storage, 'Mo');
    await setUserRole(server.db, tenantId, claimsOf(storage, moderator).userId, 'moderator');
    ann = await signInLearner(storage, 'Ann');
    bob = await signInLearner(storage, 'Bob');
    cem = await signInLearner(storage, 'Cem');
    dee = await signInLearner(storage, 'Dee');
  });
  afterAll(async () => {
    await server?.close();
    await database?.dispose();
    rmSync(uploadsDir, { recursive: true, force: true });
  });

  const report = (learner: Learner, kind: 'contribution' | 'post', id: string, reason: 'spam' | 'abuse' = 'spam', note?: string) =>
    learner.caller.moderation.report({ kind, id, reason, note, clientId: newClientId() });
  const moderate = (verb: 'hide' | 'restore' | 'delete', kind: 'contribution' | 'post', id: string, note?: string) =>
    moderator.caller.moderation[verb]({ kind, id, note, clientId: newClientId() });
  const summary = async (item: string) => (await bob.caller.items.summaries({ items: [item] }))[0]!;
  const blobs = () => readdirSync(uploadsDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;

  it('reports hide a contribution for everyone but its author and moderators, who restore or hide it; counts follow', async () => {
    const item = uniqueItemKey();
    const link = await ann.caller.contributions.create({ kind: 'link', item, title: 'Cheap pills', url: 'https://spam.example/buy', why: 'Trust me', clientId: newClientId() });
    expect((await summary(item)).contributionCount).toBe(1);

    await expectTRPCError(report(ann, 'contribution', link.id), 'FORBIDDEN');
    await report(bob, 'contribution', link.id, 'spam', 'Spam link');
    await expectTRPCError(report(bob, 'contribution', link.id), 'CONFLICT');
    await report(cem, 'contribution', link.id, 'abuse');
    expect((await dee.caller.contributions.list({ item })).contributions.map((c) => c.id)).toEqual([link.id]);
    await report(dee, 'contribution', link.id);

    // Pending: gone for other learners (lists, votes, reports), out of the count…
    expect((await bob.caller.contributions.list({ item })).contributions).toEqual([]);
    await expectTRPCError(bob.caller.contributions.vote({ id: link.id, helpful: true, clientId: newClientId() }), 'NOT_FOUND');
    await expectTRPCError(report(await signInLearner(storage, 'Eve'), 'contribution', link.id), 'NOT_FOUND');
    expect((await summary(item)).contributionCount).toBe(0);
    // …there, with its state, for its author and moderators.
    expect((await ann.caller.contributions.list({ item })).contributions).toMatchObject([{ id: link.id, state: 'pending', isMine: true }]);
    expect((await ann.caller.contributions.mine()).contributions.find((c) => c.id === link.id)).toMatchObject({ state: 'pending' });
    expect((await moderator.caller.contributions.list({ item })).contributions).toMatchObject([{ id: link.id, state: 'pending' }]);

    const entry = (await moderator.caller.moderation.queue({})).entries.find((e) => e.id === link.id);
    expect(entry).toMatchObject({
      kind: 'contribution',
      item,
      state: 'pending',
      title: 'Cheap pills',
      url: 'https://spam.example/buy',
      body: 'Trust me',
      stars: null,
      parentId: null,
      author: { name: 'Ann' },
      openReports: 3,
      reasons: { spam: 2, abuse: 1, 'off-topic': 0, other: 0 },
      notes: ['Spam link'],
    });

    expect(await moderate('restore', 'contribution', link.id, 'Fine after all')).toEqual({ kind: 'contribution', id: link.id, state: 'visible', deleted: false });
    expect((await bob.caller.contributions.list({ item })).contributions.map((c) => c.id)).toEqual([link.id]);
    expect((await summary(item)).contributionCount).toBe(1);
    expect((await moderator.caller.moderation.queue({})).entries.map((e) => e.id)).not.toContain(link.id);

    expect(await moderate('hide', 'contribution', link.id)).toMatchObject({ state: 'hidden', deleted: false });
    expect((await bob.caller.contributions.list({ item })).contributions).toEqual([]);
    expect((await summary(item)).contributionCount).toBe(0);
    // Hiding twice, or restoring what is visible, moves the count once.
    await moderate('hide', 'contribution', link.id);
    expect((await summary(item)).contributionCount).toBe(0);

    const log = await moderator.caller.moderation.auditLog({ limit: 4 });
    expect(log.entries.map((e) => [e.action, e.kind, e.targetId, e.item, e.actor])).toEqual([
      ['hide', 'contribution', link.id, item, 'Mo'],
      ['hide', 'contribution', link.id, item, 'Mo'],
      ['restore', 'contribution', link.id, item, 'Mo'],
      ['auto-hide', 'contribution', link.id, item, null],
    ]);
    await expectCountsMatchRecount(server.db);
  });

  it('deletes a reported file contribution as a moderator, and its stored file once no contribution uses it', async () => {
    const item = uniqueItemKey();
    const bytes = Buffer.from(`%PDF-1.4\n% ${randomId()}\ntrailer << >>\n%%EOF\n`, 'latin1');
    const upload = (learner: Learner) =>
      server.app.inject({
        method: 'POST',
        url: `/uploads?item=${encodeURIComponent(item)}&name=notes.pdf&clientId=${newClientId()}`,
        headers: { authorization: `Bearer ${learner.token}`, 'content-type': 'application/octet-stream' },
        payload: bytes,
      });
    const before = blobs();
    const first = (await upload(ann)).json();
    const second = (await upload(bob)).json();
    expect(blobs()).toBe(before + 1);
    await report(cem, 'contribution', first.id, 'abuse');
    expect((await summary(item)).contributionCount).toBe(2);

    expect(await moderate('delete', 'contribution', first.id, 'Not allowed')).toEqual({ kind: 'contribution', id: first.id, state: 'hidden', deleted: true });
    expect(blobs()).toBe(before + 1);
    expect((await summary(item)).contributionCount).toBe(1);
    expect((await ann.caller.contributions.mine()).contributions.map((c) => c.id)).not.toContain(first.id);
    expect((await moderator.caller.moderation.queue({})).entries.map((e) => e.id)).not.toContain(first.id);
    const download = await server.app.inject({ method: 'GET', url: `/uploads/${first.id}`, headers: { authorization: `Bearer ${bob.token}` } });
    expect(download.statusCode).toBe(404);
    await expectTRPCError(moderate('hide', 'contribution', first.id), 'NOT_FOUND');

    await moderate('delete', 'contribution', second.id);
    expect(blobs()).toBe(before);
    expect((await summary(item)).contributionCount).toBe(0);
    const actions = (await moderator.caller.moderation.auditLog({ limit: 2 })).entries.map((e) => [e.action, e.targetId]);
    expect(actions).toEqual([
      ['delete', second.id],
      ['delete', first.id],
    ]);
    await expectCountsMatchRecount(server.db);
  });

  it('reports hide a post from feeds, item lists and reads of others; moderators restore, hide and delete it; counts follow', async () => {
    const [x, y] = [uniqueItemKey(), uniqueItemKey()];
    const counts = async () => (await bob.caller.items.summaries({ items: [x, y] })).map((s) => s.postCount);
    const post = await ann.caller.posts.create({ title: 'Rant', body: 'Angry words', items: [x, y], clientId: newClientId() });
    const draft = await ann.caller.posts.create({ title: 'Draft', body: 'wip', items: [x], status: 'draft', clientId: newClientId() });
    expect(post.state).toBe('visible');
    expect(await counts()).toEqual([1, 1]);

    await expectTRPCError(report(bob, 'post', draft.id), 'NOT_FOUND');
    await expectTRPCError(report(ann, 'post', post.id), 'FORBIDDEN');
    for (const learner of [bob, cem, dee]) await report(learner, 'post', post.id, 'abuse');

    const ids = (page: { posts: { id: string }[] }) => page.posts.map((p) => p.id);
    expect(ids(await bob.caller.posts.feed({ scope: 'company' }))).not.toContain(post.id);
    expect(ids(await bob.caller.posts.feed({ scope: 'team' }))).not.toContain(post.id);
    expect(ids(await bob.caller.posts.listForItem({ item: x }))).toEqual([]);
    await expectTRPCError(bob.caller.posts.get({ id: post.id }), 'NOT_FOUND');
    expect(await counts()).toEqual([0, 0]);
    expect((await ann.caller.posts.feed({ scope: 'company' })).posts.find((p) => p.id === post.id)).toMatchObject({ state: 'pending', isMine: true });
    expect(await ann.caller.posts.get({ id: post.id })).toMatchObject({ state: 'pending' });
    expect((await ann.caller.posts.listForItem({ item: y })).posts).toMatchObject([{ id: post.id, state: 'pending' }]);
    expect((await moderator.caller.posts.listForItem({ item: x })).posts).toMatchObject([{ id: post.id, state: 'pending' }]);

    // The author's edits leave it pending and uncounted.
    await ann.caller.posts.update({ id: post.id, body: 'Calmer words', clientId: newClientId() });
    expect(await counts()).toEqual([0, 0]);
    expect((await moderator.caller.moderation.queue({})).entries.find((e) => e.id === post.id)).toMatchObject({
      kind: 'post',
      item: x,
      state: 'pending',
      title: 'Rant',
      body: 'Calmer words',
      url: null,
      openReports: 3,
      reasons: { abuse: 3 },
    });

    expect(await moderate('restore', 'post', post.id)).toEqual({ kind: 'post', id: post.id, state: 'visible', deleted: false });
    expect(ids(await bob.caller.posts.listForItem({ item: x }))).toEqual([post.id]);
    expect(await counts()).toEqual([1, 1]);

    await moderate('hide', 'post', post.id);
    expect(await counts()).toEqual([0, 0]);
    // Unpublishing and republishing a hidden post does not bring it back.
    await ann.caller.posts.update({ id: post.id, status: 'draft', clientId: newClientId() });
    await ann.caller.posts.update({ id: post.id, status: 'published', items: [y], clientId: newClientId() });
    expect(await counts()).toEqual([0, 0]);
    expect(ids(await bob.caller.posts.feed({}))).not.toContain(post.id);
    await moderate('restore', 'post', post.id);
    expect(await counts()).toEqual([0, 1]);

    expect(await moderate('delete', 'post', post.id, 'Off-topic')).toEqual({ kind: 'post', id: post.id, state: 'hidden', deleted: true });
    expect(await counts()).toEqual([0, 0]);
    await expectTRPCError(ann.caller.posts.get({ id: post.id }), 'NOT_FOUND');
    const log = await moderator.caller.moderation.auditLog({ limit: 5 });
    expect(log.entries.map((e) => [e.action, e.kind, e.item])).toEqual([
      ['delete', 'post', y],
      ['restore', 'post', y],
      ['hide', 'post', x],
      ['restore', 'post', x],
      ['auto-hide', 'post', x],
    ]);
    await expectCountsMatchRecount(server.db);
  });

  it('audits a moderator deleting someone else’s contribution through contributions.delete, not an author deleting their own', async () => {
    const item = uniqueItemKey();
    const mine = await ann.caller.contributions.create({ kind: 'tip', item, text: 'Own tip', clientId: newClientId() });
    const theirs = await ann.caller.contributions.create({ kind: 'tip', item, text: 'Off-topic tip', clientId: newClientId() });
    await ann.caller.contributions.delete({ id: mine.id, clientId: newClientId() });
    await moderator.caller.contributions.delete({ id: theirs.id, clientId: newClientId() });
    const audit = (await moderator.caller.moderation.auditLog({})).entries.filter((entry) => entry.item === item);
    expect(audit.map((entry) => [entry.kind, entry.targetId, entry.action])).toEqual([['contribution', theirs.id, 'delete']]);
    expect((await summary(item)).contributionCount).toBe(0);
  });

  it('moderates a post about no item (queue and audit log say so with a null item)', async () => {
    const post = await ann.caller.posts.create({ title: 'General thoughts', body: 'On learning', clientId: newClientId() });
    await report(bob, 'post', post.id, 'spam', 'Off-topic');
    expect((await moderator.caller.moderation.queue({})).entries.find((e) => e.id === post.id)).toMatchObject({ kind: 'post', item: null, state: 'visible', openReports: 1 });
    await moderate('hide', 'post', post.id);
    expect((await moderator.caller.moderation.auditLog({ limit: 1 })).entries[0]).toMatchObject({ action: 'hide', kind: 'post', targetId: post.id, item: null });
    expect((await bob.caller.posts.feed({})).posts.map((p) => p.id)).not.toContain(post.id);
    expect((await moderator.caller.posts.feed({})).posts.find((p) => p.id === post.id)).toMatchObject({ state: 'hidden' });
    await expectTRPCError(bob.caller.moderation.hide({ kind: 'post', id: post.id, clientId: newClientId() }), 'FORBIDDEN');
    await expectTRPCError(moderate('hide', 'post', 'no-such-post'), 'NOT_FOUND');
  });

  it('withdraws the reports of a deleted account and removes its reported content (remove policy)', async () => {
    const tenantId = claimsOf(storage, ann).tenantId;
    await server.db.updateTable('tenant_settings').set({ on_account_delete: 'remove' }).where('tenant_id', '=', tenantId).execute();
    try {
      const item = uniqueItemKey();
      const leaving = await signInLearner(storage, 'Leaving');
      const tip = await leaving.caller.contributions.create({ kind: 'tip', item, text: 'Mine', clientId: newClientId() });
      const post = await leaving.caller.posts.create({ title: 'Mine', body: 'Mine', items: [item], clientId: newClientId() });
      const others = await bob.caller.contributions.create({ kind: 'tip', item, text: 'Bob’s', clientId: newClientId() });
      await report(bob, 'contribution', tip.id);
      await report(bob, 'post', post.id);
      await report(leaving, 'contribution', others.id);
      await leaving.caller.me.deleteAccount({ confirm: true });
      const queue = (await moderator.caller.moderation.queue({})).entries.map((e) => e.id);
      expect(queue).not.toContain(tip.id);
      expect(queue).not.toContain(post.id);
      expect(queue).not.toContain(others.id);
      expect(await summary(item)).toMatchObject({ contributionCount: 1, postCount: 0 });
    } finally {
      await server.db.updateTable('tenant_settings').set({ on_account_delete: 'anonymize' }).where('tenant_id', '=', tenantId).execute();
    }
    await expectCountsMatchRecount(server.db);
  });
});
