import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type RippleServer } from '../../server/app';
import { ensureTenant } from '../../server/services/tenants';
import type { Storage } from '../../server/storage';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import { expectCountsMatchRecount, expectTRPCError, newClientId, randomId, signInLearner, signInToTenant, uniqueItemKey, type Learner } from './support/harness';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
const SVG = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(24)]);
const LIMIT = 64 * 1024;

/** Every file under the uploads folder (temp files included). */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

describe.each(ENGINES)('contributions, uploads and notifications on %s', (engine) => {
  let database: TestDatabase;
  let server: RippleServer;
  let storage: Storage;
  let uploadsDir: string;
  let ann: Learner;
  let bob: Learner;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    uploadsDir = mkdtempSync(path.join(tmpdir(), 'ripple-uploads-'));
    const rateLimits = { perMinute: 100_000, perDay: 100_000 };
    server = await buildServer({ ...database.options, logger: false, uploadsDir, uploadLimitBytes: LIMIT, rateLimits });
    storage = { db: server.db, auth: server.auth, engine: server.engine, location: server.location, rateLimits, close: async () => {} };
    ann = await signInLearner(storage, 'Ann');
    bob = await signInLearner(storage, 'Bob');
  });
  afterAll(async () => {
    await server?.close();
    await database?.dispose();
    rmSync(uploadsDir, { recursive: true, force: true });
  });

  const upload = (learner: Learner, item: string, name: string, bytes: Buffer, headers: Record<string, string> = {}) =>
    server.app.inject({
      method: 'POST',
      url: `/uploads?item=${encodeURIComponent(item)}&name=${encodeURIComponent(name)}&clientId=${newClientId()}`,
      headers: { authorization: `Bearer ${learner.token}`, 'content-type': 'application/octet-stream', ...headers },
      payload: bytes,
    });
  const contributionRows = async () => (await server.db.selectFrom('contributions').select('id').where('kind', '=', 'file').execute()).length;

  it('A attaches a link, a PDF and a tip; B lists them and votes the PDF helpful; A is notified', async () => {
    const item = uniqueItemKey();
    const link = await ann.caller.contributions.create({
      kind: 'link',
      item,
      title: 'The official cheat sheet',
      url: 'https://example.com/cheats',
      why: 'Covers module 3 better than the course',
      clientId: newClientId(),
    });
    expect(link).toMatchObject({ kind: 'link', title: 'The official cheat sheet', url: 'https://example.com/cheats', isMine: true, author: { name: 'Ann' }, state: 'visible' });

    const response = await upload(ann, item, 'Notes week 1.pdf', PDF);
    expect(response.statusCode).toBe(201);
    const pdf = response.json();
    expect(pdf).toMatchObject({ kind: 'file', title: 'Notes week 1.pdf', file: { type: 'pdf', size: PDF.length, downloadPath: `/uploads/${pdf.id}` } });
    const tip = await ann.caller.contributions.create({ kind: 'tip', item, text: 'Do the quiz before the videos.', clientId: newClientId() });

    // Ann follows the item by contributing; Bob's vote notifies Ann only.
    expect(await ann.caller.follows.get({ item })).toEqual({ item, following: true });
    const listed = await bob.caller.contributions.list({ item });
    expect(listed.contributions.map((c) => c.id).sort()).toEqual([link.id, pdf.id, tip.id].sort());
    expect(listed.contributions.every((c) => !c.isMine)).toBe(true);

    expect(await bob.caller.contributions.vote({ id: pdf.id, helpful: true, clientId: newClientId() })).toEqual({ id: pdf.id, helpfulCount: 1, votedByMe: true });
    await expectTRPCError(ann.caller.contributions.vote({ id: pdf.id, helpful: true, clientId: newClientId() }), 'FORBIDDEN');
    expect((await bob.caller.contributions.list({ item })).contributions[0]).toMatchObject({ id: pdf.id, helpfulCount: 1, votedByMe: true });

    expect(await ann.caller.notifications.unreadCount()).toEqual({ unread: 1 });
    const { notifications } = await ann.caller.notifications.list();
    expect(notifications).toEqual([expect.objectContaining({ kind: 'helpful-vote', item, target: { kind: 'contribution', id: pdf.id }, actor: { name: 'Bob', pseudonymous: false }, read: false })]);
    expect(await ann.caller.notifications.markRead({ all: true })).toEqual({ unread: 0 });

    // Bob now follows; a new contribution by Ann notifies Bob, not Ann.
    await bob.caller.follows.set({ item, following: true });
    await ann.caller.contributions.create({ kind: 'tip', item, text: 'One more thing.', clientId: newClientId() });
    expect(await bob.caller.notifications.unreadCount()).toEqual({ unread: 1 });
    expect(await ann.caller.notifications.unreadCount()).toEqual({ unread: 0 });

    // The file comes back with the safe headers, to the same tenant only.
    const download = await server.app.inject({ method: 'GET', url: `/uploads/${pdf.id}`, headers: { authorization: `Bearer ${bob.token}` } });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''Notes%20week%201.pdf");
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-security-policy']).toBe("default-src 'none'; sandbox");

    const other = await ensureTenant(server.db, { slug: `other-${randomId(6)}`, name: 'Other' });
    const stranger = await signInToTenant(storage, other.id, 'Stranger');
    const denied = await server.app.inject({ method: 'GET', url: `/uploads/${pdf.id}`, headers: { authorization: `Bearer ${stranger.token}` } });
    expect(denied.statusCode).toBe(404);
    expect((await server.app.inject({ method: 'GET', url: `/uploads/${pdf.id}` })).statusCode).toBe(401);
    expect((await stranger.caller.contributions.list({ item })).contributions).toEqual([]);

    // Own delete only; the stored file goes with the last contribution using it.
    await expectTRPCError(bob.caller.contributions.delete({ id: pdf.id, clientId: newClientId() }), 'FORBIDDEN');
    expect(filesUnder(uploadsDir)).toHaveLength(1);
    await ann.caller.contributions.delete({ id: pdf.id, clientId: newClientId() });
    expect(filesUnder(uploadsDir)).toHaveLength(0);
    expect((await server.app.inject({ method: 'GET', url: `/uploads/${pdf.id}`, headers: { authorization: `Bearer ${bob.token}` } })).statusCode).toBe(404);
  });

  it('counts an item’s contributions in its summary, and lists a learner’s own newest first', async () => {
    const item = uniqueItemKey();
    const other = uniqueItemKey();
    const cy = await signInLearner(storage, 'Cy');
    const counts = async () => (await bob.caller.items.summaries({ items: [item, other] })).map((s) => s.contributionCount);
    expect(await counts()).toEqual([0, 0]);

    // Distinct milliseconds, so "newest first" has one answer.
    const tick = () => new Promise((resolve) => setTimeout(resolve, 3));
    const tip = await cy.caller.contributions.create({ kind: 'tip', item, text: 'Tip one', clientId: newClientId() });
    await tick();
    const link = await cy.caller.contributions.create({ kind: 'link', item: other, title: 'Docs', url: 'https://example.com/docs', clientId: newClientId() });
    await tick();
    const file = (await upload(cy, item, 'slides.pdf', PDF)).json();
    await bob.caller.contributions.create({ kind: 'tip', item, text: 'Bob’s tip', clientId: newClientId() });
    expect(await counts()).toEqual([3, 1]);
    expect(await bob.caller.items.summaries({ items: [item] })).toEqual([expect.objectContaining({ contributionCount: 3, postCount: 0 })]);

    // A retried create is applied once.
    await tick();
    const clientId = newClientId();
    const first = await cy.caller.contributions.create({ kind: 'tip', item, text: 'Once', clientId });
    expect((await cy.caller.contributions.create({ kind: 'tip', item, text: 'Once', clientId })).id).toBe(first.id);
    expect(await counts()).toEqual([4, 1]);

    // Cy's own, newest first, on every item, paged; nobody else's.
    const mine = await cy.caller.contributions.mine();
    expect(mine.contributions.map((c) => c.id)).toEqual([first.id, file.id, link.id, tip.id]);
    expect(mine.contributions.every((c) => c.isMine && c.state === 'visible')).toBe(true);
    expect(mine.nextCursor).toBeNull();
    const page1 = await cy.caller.contributions.mine({ limit: 3 });
    const page2 = await cy.caller.contributions.mine({ limit: 3, cursor: page1.nextCursor });
    expect([...page1.contributions, ...page2.contributions].map((c) => c.id)).toEqual(mine.contributions.map((c) => c.id));
    expect(page2.nextCursor).toBeNull();
    expect((await bob.caller.contributions.mine({})).contributions.map((c) => c.id)).not.toContain(tip.id);
    await expectTRPCError(cy.caller.contributions.mine({ cursor: 'garbage' }), 'BAD_REQUEST');

    await cy.caller.contributions.delete({ id: tip.id, clientId: newClientId() });
    await cy.caller.contributions.delete({ id: link.id, clientId: newClientId() });
    expect(await counts()).toEqual([3, 0]);
    expect((await cy.caller.contributions.mine()).contributions.map((c) => c.id)).toEqual([first.id, file.id]);
    await expectCountsMatchRecount(server.db);
  });

  it('refuses disguised, oversize, cut-off and malformed uploads, storing nothing', async () => {
    const item = uniqueItemKey();
    const filesBefore = filesUnder(uploadsDir);
    const rowsBefore = await contributionRows();

    const html = await upload(ann, item, 'report.pdf', HTML);
    expect(html.statusCode).toBe(415);
    expect(html.json().message).toMatch(/Only PDF/);
    expect((await upload(ann, item, 'logo.png', SVG)).statusCode).toBe(415);
    expect((await upload(ann, item, 'page.txt', HTML)).statusCode).toBe(415);
    // A real PNG named .pdf: the name contradicts the content.
    expect((await upload(ann, item, 'doc.pdf', PNG)).statusCode).toBe(415);
    // Random zip / binary.
    expect((await upload(ann, item, 'x.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).statusCode).toBe(415);

    const big = await upload(ann, item, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(LIMIT)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toMatch(/limit/);

    const cut = await upload(ann, item, 'cut.pdf', PDF, { 'content-length': String(PDF.length + 100) });
    expect(cut.statusCode).toBeGreaterThanOrEqual(400);
    expect(cut.statusCode).toBeLessThan(500);

    expect((await upload(ann, item, 'x.pdf', PDF, { 'content-type': 'application/pdf' })).statusCode).toBe(415);
    expect((await upload(ann, 'not a key', 'x.pdf', PDF)).statusCode).toBe(400);
    const anonymous = await server.app.inject({ method: 'POST', url: `/uploads?item=${encodeURIComponent(item)}&name=x.pdf&clientId=${newClientId()}`, headers: { 'content-type': 'application/octet-stream' }, payload: PDF });
    expect(anonymous.statusCode).toBe(401);

    expect(filesUnder(uploadsDir)).toEqual(filesBefore);
    expect(await contributionRows()).toBe(rowsBefore);
  });

  it('validates links and tips, and replays a retried upload once', async () => {
    const item = uniqueItemKey();
    await expectTRPCError(ann.caller.contributions.create({ kind: 'link', item, title: 'x', url: 'javascript:alert(1)', clientId: newClientId() }), 'BAD_REQUEST');
    await expectTRPCError(ann.caller.contributions.create({ kind: 'link', item, title: 'x'.repeat(201), url: 'https://a.example', clientId: newClientId() }), 'BAD_REQUEST');
    await expectTRPCError(ann.caller.contributions.create({ kind: 'tip', item, text: 'x'.repeat(1001), clientId: newClientId() }), 'BAD_REQUEST');
    await expectTRPCError(ann.caller.contributions.create({ kind: 'tip', item, text: 'bad\u0000', clientId: newClientId() }), 'BAD_REQUEST');

    const clientId = newClientId();
    const send = () =>
      server.app.inject({
        method: 'POST',
        url: `/uploads?item=${encodeURIComponent(item)}&name=data.csv&clientId=${clientId}`,
        headers: { authorization: `Bearer ${ann.token}`, 'content-type': 'application/octet-stream' },
        payload: Buffer.from('a,b\n1,2\n'),
      });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(first.json().file.type).toBe('csv');
    expect((await bob.caller.contributions.list({ item })).contributions).toHaveLength(1);
  });
});

describe.each(ENGINES)('notification hooks for reviews and comments on %s', (engine) => {
  let database: TestDatabase;
  let storage: Storage;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const { openStorage } = await import('../../server/storage');
    storage = await openStorage({ ...database.options, rateLimits: { perMinute: 100_000, perDay: 100_000 } });
  });
  afterAll(async () => {
    await storage?.close();
    await database?.dispose();
  });

  it('tells the parent’s author of a reply and followers of new comments and reviews, never the actor', async () => {
    const ann = await signInLearner(storage, 'Ann');
    const bob = await signInLearner(storage, 'Bob');
    const cy = await signInLearner(storage, 'Cy');
    const item = uniqueItemKey();
    const top = await ann.caller.comments.create({ item, body: 'Question', clientId: newClientId() });
    await cy.caller.follows.set({ item, following: true });
    // Through the real writes: the hooks run in each write's transaction.
    const reply = await bob.caller.comments.create({ item, body: 'Answer', parentId: top.id, clientId: newClientId() });
    await bob.caller.reviews.upsert({ item, stars: 4, text: 'Solid', completed: false, clientId: newClientId() });
    await ann.caller.comments.vote({ id: reply.id, helpful: true, clientId: newClientId() });
    const kinds = async (learner: Learner) => (await learner.caller.notifications.list()).notifications.map((n) => n.kind).sort();
    expect(await kinds(ann)).toEqual(['new-review', 'reply']);
    expect(await kinds(cy)).toEqual(['new-comment', 'new-review']);
    expect(await kinds(bob)).toEqual(['helpful-vote']);
    await cy.caller.follows.set({ item, following: false });
    expect(await cy.caller.follows.get({ item })).toEqual({ item, following: false });
    const first = (await ann.caller.notifications.list()).notifications[0]!;
    expect(await ann.caller.notifications.markRead({ ids: [first.id] })).toEqual({ unread: 1 });
  });
});
