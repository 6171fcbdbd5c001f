import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../server/routers/_app';
import { configureTenant } from '../../server/services/tenant-config';
import { DEMO_TENANT, findTenantBySlug } from '../../server/services/tenants';
import { setUserRole } from '../../server/services/users';
import { openStorage, type Storage } from '../../server/storage';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import { startFakeIdp, type FakeIdp } from './support/fake-idp';
import { callerFor, claimsOf, newClientId, randomId, signInLearner, signInToTenant, type Caller } from './support/harness';

/**
 * Tenant isolation, for every procedure of the app router, property-based: random sequences of
 * calls made with tenant A's credentials (a learner and a moderator of A, and anonymously), with
 * random inputs shaped like the contract's and salted with the ids, cursors and item keys of
 * tenant B's content (obtained legitimately by B's own users), must leave every row of B as it
 * was, and no answer (or error) may contain B's ids or text that the call did not itself send.
 *
 * The procedures are enumerated from `appRouter._def.procedures`: a procedure without an entry
 * in INPUTS fails the test, so a new procedure cannot ship without isolation coverage.
 */

type Actor = 'anonymous' | 'learner' | 'moderator';
/** Only for the self-check that the detectors work: a learner of tenant B. */
type AnyActor = Actor | 'tenantB';
interface Call {
  as: Actor;
  input: unknown;
}

/** What the generators draw from: A's and B's content, and item keys both tenants use. */
interface Known {
  tenantBSlug: string;
  /** The same LMS items exist in both tenants (one LMS, two companies). */
  sharedItems: string[];
  aReviewIds: string[];
  aCommentIds: string[];
  bReviewIds: string[];
  bCommentIds: string[];
  /** B's contributions and posts (one of each hidden, one of each reported). */
  bProducedIds: string[];
  /** Pagination cursors B obtained from its own lists. */
  bCursors: string[];
}

const SITE = 'lms.shared.example';

const arb = {
  clientId: () => fc.stringMatching(/^[A-Za-z0-9_-]{8,24}$/),
  text: () => fc.oneof(fc.constantFrom('Useful course', 'Too long, but **good**', 'Meh\n\nsecond paragraph'), fc.string({ minLength: 1, maxLength: 40 })),
  itemKey: (known: Known) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...known.sharedItems) },
      { weight: 1, arbitrary: fc.stringMatching(/^[a-z0-9]{1,8}$/).map((id) => `moodle:${SITE}:course:${id}`) },
    ),
  items: (known: Known) => fc.array(arb.itemKey(known), { minLength: 1, maxLength: 5 }),
  contentId: (known: Known) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...known.bReviewIds, ...known.bCommentIds, ...known.bProducedIds) },
      { weight: 2, arbitrary: fc.constantFrom(...known.aReviewIds, ...known.aCommentIds) },
      { weight: 1, arbitrary: fc.uuid() },
    ),
  cursor: (known: Known) => fc.option(fc.oneof(fc.constantFrom(...known.bCursors), fc.string({ minLength: 1, maxLength: 30 })), { nil: undefined }),
  limit: () => fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
  kind: () => fc.constantFrom('review' as const, 'comment' as const, 'contribution' as const, 'post' as const),
  note: () => fc.option(fc.constantFrom('spam link', 'rude'), { nil: undefined }),
  tenant: (known: Known) => fc.constantFrom(DEMO_TENANT.slug, known.tenantBSlug, 'no-such-tenant'),
  learnerOrModerator: () => fc.constantFrom<Actor>('learner', 'moderator'),
  anyone: () => fc.constantFrom<Actor>('anonymous', 'learner', 'moderator'),
};

const call = (as: fc.Arbitrary<Actor>, input: fc.Arbitrary<unknown>) => fc.record({ as, input });

/** One generator of calls per procedure path. */
const INPUTS: Record<string, (known: Known) => fc.Arbitrary<Call>> = {
  'meta.info': () => call(arb.anyone(), fc.constant(undefined)),
  'meta.killSwitch': () => call(arb.anyone(), fc.record({ version: fc.constantFrom('0.1.0', '9.9.9') })),

  'auth.config': (k) => call(arb.anyone(), fc.record({ tenant: arb.tenant(k) })),
  'auth.devSignIn': (k) =>
    call(
      arb.anyone(),
      fc.record({
        subject: fc.stringMatching(/^[A-Za-z0-9_-]{16,24}$/),
        displayName: fc.constantFrom('Ann', 'Eve'),
        team: fc.constantFrom('Sales', 'Ops'),
        tenant: fc.option(arb.tenant(k), { nil: undefined }),
      }),
    ),
  'auth.oidcExchange': (k) =>
    call(
      arb.anyone(),
      fc.record({
        tenant: arb.tenant(k),
        code: fc.stringMatching(/^[A-Za-z0-9_-]{10,40}$/),
        codeVerifier: fc.stringMatching(/^[A-Za-z0-9_-]{43,60}$/),
        redirectUri: fc.constant('https://bgnjicjffkcfkndjddomcliapknpkgkm.chromiumapp.org/'),
        nonce: fc.option(fc.stringMatching(/^[a-z0-9]{8,16}$/), { nil: undefined }),
      }),
    ),
  'auth.refresh': () => call(arb.anyone(), fc.record({ refreshToken: fc.stringMatching(/^rrt1_[A-Za-z0-9_-]{43}$/) })),
  'auth.signOut': () => call(arb.anyone(), fc.record({ refreshToken: fc.stringMatching(/^rrt1_[A-Za-z0-9_-]{43}$/) })),
  'auth.me': () => call(arb.anyone(), fc.constant(undefined)),

  'ratings.summaries': (k) => call(arb.learnerOrModerator(), fc.record({ items: arb.items(k) })),
  'ratings.set': (k) =>
    call(arb.learnerOrModerator(), fc.record({ item: arb.itemKey(k), stars: fc.integer({ min: 1, max: 5 }), clientId: arb.clientId() })),
  'items.summaries': (k) => call(arb.learnerOrModerator(), fc.record({ items: arb.items(k) })),

  'reviews.list': (k) =>
    call(
      arb.learnerOrModerator(),
      fc.record({ item: arb.itemKey(k), sort: fc.constantFrom('helpful' as const, 'newest' as const, 'critical' as const), cursor: arb.cursor(k), limit: arb.limit() }),
    ),
  'reviews.upsert': (k) =>
    call(
      arb.learnerOrModerator(),
      fc.record({
        item: arb.itemKey(k),
        stars: fc.integer({ min: 1, max: 5 }),
        title: fc.option(fc.constantFrom('Good', 'Bad'), { nil: undefined }),
        text: arb.text(),
        completed: fc.boolean(),
        clientId: arb.clientId(),
      }),
    ),
  'reviews.delete': (k) => call(arb.learnerOrModerator(), fc.record({ item: arb.itemKey(k), clientId: arb.clientId() })),
  'reviews.vote': (k) => call(arb.learnerOrModerator(), fc.record({ id: arb.contentId(k), helpful: fc.boolean(), clientId: arb.clientId() })),

  'comments.list': (k) =>
    call(arb.learnerOrModerator(), fc.record({ item: arb.itemKey(k), sort: fc.constantFrom('top' as const, 'newest' as const), cursor: arb.cursor(k), limit: arb.limit() })),
  'comments.replies': (k) => call(arb.learnerOrModerator(), fc.record({ parentId: arb.contentId(k), cursor: arb.cursor(k), limit: arb.limit() })),
  'comments.create': (k) =>
    call(
      arb.learnerOrModerator(),
      fc.record({ item: arb.itemKey(k), parentId: fc.option(arb.contentId(k), { nil: undefined }), body: arb.text(), clientId: arb.clientId() }),
    ),
  'comments.edit': (k) => call(arb.learnerOrModerator(), fc.record({ id: arb.contentId(k), body: arb.text(), clientId: arb.clientId() })),
  'comments.delete': (k) => call(arb.learnerOrModerator(), fc.record({ id: arb.contentId(k), clientId: arb.clientId() })),
  'comments.vote': (k) => call(arb.learnerOrModerator(), fc.record({ id: arb.contentId(k), helpful: fc.boolean(), clientId: arb.clientId() })),

  'moderation.report': (k) =>
    call(
      arb.learnerOrModerator(),
      fc.record({ kind: arb.kind(), id: arb.contentId(k), reason: fc.constantFrom('spam' as const, 'abuse' as const, 'off-topic' as const, 'other' as const), note: arb.note(), clientId: arb.clientId() }),
    ),
  'moderation.hide': (k) => call(arb.learnerOrModerator(), fc.record({ kind: arb.kind(), id: arb.contentId(k), note: arb.note(), clientId: arb.clientId() })),
  'moderation.restore': (k) => call(arb.learnerOrModerator(), fc.record({ kind: arb.kind(), id: arb.contentId(k), note: arb.note(), clientId: arb.clientId() })),
  'moderation.delete': (k) => call(arb.learnerOrModerator(), fc.record({ kind: arb.kind(), id: arb.contentId(k), note: arb.note(), clientId: arb.clientId() })),
  'moderation.queue': (k) => call(arb.learnerOrModerator(), fc.record({ cursor: arb.cursor(k), limit: arb.limit() })),
  'moderation.auditLog': (k) => call(arb.learnerOrModerator(), fc.record({ cursor: arb.cursor(k), limit: arb.limit() })),

  'contributions.list': (k) => call(arb.learnerOrModerator(), fc.record({ item: arb.itemKey(k), cursor: arb.cursor(k), limit: arb.limit() })),
  'contributions.mine': (k) => call(arb.learnerOrModerator(), fc.option(fc.record({ cursor: arb.cursor(k), limit: arb.limit() }), { nil: undefined })),
  'contributions.create': (k) =>
    call(
      arb.learnerOrModerator(),
      fc.oneof(
        fc.record({ kind: fc.constant('tip' as const), item: arb.itemKey(k), text: arb.text(), clientId: arb.clientId() }),
        fc.record({ kind: fc.constant('link' as const), item: arb.itemKey(k), title: fc.constant('Link'), url: fc.constant('https://example.com/x'), clientId: arb.clientId() }),
      ),
    ),
  'contributions.vote': (k) => call(arb.learnerOrModerator(), fc.record({ id: arb.contentId(k), helpful: fc.boolean(), clientId: arb.clientId() })),
  'contributions.delete': (k) => call(arb.learnerOrModerator(), fc.record({ id: arb.contentId(k), clientId: arb.clientId() })),
  'follows.set': (k) => call(arb.learnerOrModerator(), fc.record({ item: arb.itemKey(k), following: fc.boolean() })),
  'follows.get': (k) => call(arb.learnerOrModerator(), fc.record({ item: arb.itemKey(k) })),
  'notifications.list': (k) => call(arb.learnerOrModerator(), fc.record({ cursor: arb.cursor(k), limit: arb.limit() })),
  'notifications.unreadCount': () => call(arb.learnerOrModerator(), fc.constant(undefined)),
  'notifications.markRead': (k) => call(arb.learnerOrModerator(), fc.oneof(fc.record({ all: fc.constant(true as const) }), fc.record({ ids: fc.array(arb.contentId(k), { minLength: 1, maxLength: 3 }) }))),
  'posts.create': (k) =>
    call(
      arb.learnerOrModerator(),
      fc.record({ title: fc.constant('Post'), body: arb.text(), items: fc.array(arb.itemKey(k), { maxLength: 2 }), status: fc.constantFrom('draft' as const, 'published' as const), clientId: arb.clientId() }),
    ),
  'posts.update': (k) => call(arb.learnerOrModerator(), fc.record({ id: arb.contentId(k), body: arb.text(), clientId: arb.clientId() })),
  'posts.delete': (k) => call(arb.learnerOrModerator(), fc.record({ id: arb.contentId(k), clientId: arb.clientId() })),
  'posts.get': (k) => call(arb.learnerOrModerator(), fc.record({ id: arb.contentId(k) })),
  'posts.listForItem': (k) => call(arb.learnerOrModerator(), fc.record({ item: arb.itemKey(k), cursor: arb.cursor(k), limit: arb.limit() })),
  'posts.feed': (k) => call(arb.learnerOrModerator(), fc.record({ scope: fc.constantFrom('company' as const, 'team' as const, 'mine' as const), cursor: arb.cursor(k), limit: arb.limit() })),

  'me.export': () => call(arb.learnerOrModerator(), fc.constant(undefined)),
  'me.deleteAccount': () => call(arb.learnerOrModerator(), fc.constant({ confirm: true as const })),

  'signals.record': (k) =>
    call(
      arb.learnerOrModerator(),
      fc.record({
        events: fc.array(fc.record({ item: arb.itemKey(k), kind: fc.constantFrom('view' as const, 'complete' as const) }), { minLength: 1, maxLength: 5 }),
        clientId: arb.clientId(),
      }),
    ),
  'popularity.forItems': (k) => call(arb.learnerOrModerator(), fc.record({ items: arb.items(k) })),
  'live.items': (k) => call(arb.learnerOrModerator(), fc.record({ items: arb.items(k), lastEventId: fc.option(fc.constantFrom('0', '1', 'x'), { nil: undefined }) })),
  'live.ticket': () => call(arb.learnerOrModerator(), fc.constant(undefined)),
  'popularity.shelf': () =>
    call(
      arb.learnerOrModerator(),
      fc.record({
        scope: fc.constantFrom('team' as const, 'unit' as const, 'company' as const),
        limit: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
        lms: fc.option(fc.constant('moodle'), { nil: undefined }),
        site: fc.option(fc.constant(SITE), { nil: undefined }),
      }),
    ),
  'popularity.alsoTook': (k) => call(arb.learnerOrModerator(), fc.record({ item: arb.itemKey(k), limit: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }) })),
};

const PROCEDURE_PATHS = Object.keys(appRouter._def.procedures).sort();

describe('tenant isolation coverage', () => {
  it('has an input generator for every procedure of the app router, and none for procedures that are gone', () => {
    const missing = PROCEDURE_PATHS.filter((path) => !(path in INPUTS));
    const stale = Object.keys(INPUTS).filter((path) => !PROCEDURE_PATHS.includes(path));
    expect({ missing, stale }, 'add an entry to INPUTS in test/server/isolation.test.ts for each new procedure').toEqual({ missing: [], stale: [] });
  });
});

/** Tables that hold no tenant's data (checked so a new table without tenant_id is noticed). */
const GLOBAL_TABLES = new Set(['server_secrets', 'auth_rate_counters', 'kysely_migration', 'kysely_migration_lock']);

async function tableColumns(storage: Storage): Promise<Map<string, string[]>> {
  const rows =
    storage.engine === 'sqlite'
      ? (
          await sql<{ table_name: string; column_name: string }>`
            select m.name as table_name, p.name as column_name
            from sqlite_master m join pragma_table_info(m.name) p
            where m.type = 'table' and m.name not like 'sqlite_%'`.execute(storage.db)
        ).rows
      : (
          await sql<{ table_name: string; column_name: string }>`
            select table_name, column_name from information_schema.columns where table_schema = current_schema()`.execute(storage.db)
        ).rows;
  const tables = new Map<string, string[]>();
  for (const row of rows) tables.set(row.table_name, [...(tables.get(row.table_name) ?? []), row.column_name]);
  return tables;
}

/** Every row of tenant B in every table, in a stable order. */
async function snapshotTenant(storage: Storage, tenantId: string): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const [table, columns] of [...(await tableColumns(storage))].sort(([a], [b]) => a.localeCompare(b))) {
    if (GLOBAL_TABLES.has(table)) continue;
    const key = table === 'tenants' ? 'id' : 'tenant_id';
    if (!columns.includes(key)) throw new Error(`Table ${table} has no tenant_id: scope it, or list it in GLOBAL_TABLES if it holds no tenant's data`);
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where ${sql.ref(key)} = ${tenantId}`.execute(storage.db);
    snapshot[table] = rows.map((row) => JSON.stringify(row, Object.keys(row).sort())).sort();
  }
  return snapshot;
}

function procedureAt(caller: Caller, path: string): (input: unknown) => Promise<unknown> {
  let target: unknown = caller;
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  return target as (input: unknown) => Promise<unknown>;
}

describe.each(ENGINES)('tenant isolation on %s', (engine) => {
  let database: TestDatabase;
  let storage: Storage;
  let idp: FakeIdp;
  let known: Known;
  let tenantBId: string;
  /** B's ids and text: none may reach tenant A unless A itself sent it. */
  let secrets: string[];
  let callers: Record<AnyActor, Caller>;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    // Learner write limits out of the way: the property is about tenants, not rates.
    storage = await openStorage({ ...database.options, rateLimits: { perMinute: 1_000_000, perDay: 1_000_000 } });
    idp = await startFakeIdp();

    // Tenant B: a company with its own provider, whose learners write on the same LMS items.
    const bSlug = 'tenant-b';
    const tenantB = await configureTenant(storage.db, { slug: bSlug, name: 'Tenant B', provider: { issuer: idp.issuer, clientId: idp.clientId } });
    tenantBId = tenantB.id;
    const marker = `BSECRET${randomId(8)}`;
    const sharedItems = [1, 2, 3].map((n) => `moodle:${SITE}:course:${n}`);
    const [b1, b2, bMod] = await Promise.all([`Bea ${marker}`, `Ben ${marker}`, `Bo ${marker}`].map((name) => signInToTenant(storage, tenantB.id, name)));
    await setUserRole(storage.db, tenantB.id, claimsOf(storage, bMod!).userId, 'moderator');
    const bReviews = [
      await b1!.caller.reviews.upsert({ item: sharedItems[0]!, stars: 2, title: `Title ${marker}`, text: `Review ${marker} one`, completed: true, itemTitle: `Item ${marker}`, clientId: newClientId() }),
      await b2!.caller.reviews.upsert({ item: sharedItems[0]!, stars: 5, text: `Review ${marker} two`, completed: false, clientId: newClientId() }),
      await b2!.caller.reviews.upsert({ item: sharedItems[1]!, stars: 4, text: `Review ${marker} three`, completed: false, clientId: newClientId() }),
    ].map((result) => result.review.id);
    await b1!.caller.ratings.set({ item: sharedItems[2]!, stars: 3, title: `Item ${marker} 3`, clientId: newClientId() });
    const bThread = await b1!.caller.comments.create({ item: sharedItems[0]!, body: `Comment ${marker}`, clientId: newClientId() });
    const bReply = await b2!.caller.comments.create({ item: sharedItems[0]!, parentId: bThread.id, body: `Reply ${marker}`, clientId: newClientId() });
    const bSecond = await b2!.caller.comments.create({ item: sharedItems[0]!, body: `Another ${marker}`, clientId: newClientId() });
    await b2!.caller.reviews.vote({ id: bReviews[0]!, helpful: true, clientId: newClientId() });
    await b1!.caller.comments.vote({ id: bSecond.id, helpful: true, clientId: newClientId() });
    await b2!.caller.moderation.report({ kind: 'comment', id: bThread.id, reason: 'spam', note: `Note ${marker}`, clientId: newClientId() });
    await bMod!.caller.moderation.hide({ kind: 'review', id: bReviews[2]!, note: `Hidden ${marker}`, clientId: newClientId() });
    await b1!.caller.signals.record({ events: sharedItems.map((item) => ({ item, kind: 'view' as const })), clientId: newClientId() });
    const bTip = await b1!.caller.contributions.create({ kind: 'tip', item: sharedItems[0]!, text: `Tip ${marker}`, clientId: newClientId() });
    const bLink = await b2!.caller.contributions.create({ kind: 'link', item: sharedItems[0]!, title: `Link ${marker}`, url: `https://b.example/${marker}`, clientId: newClientId() });
    const bPost = await b1!.caller.posts.create({ title: `Post ${marker}`, body: `Body ${marker}`, items: [sharedItems[0]!, sharedItems[1]!], clientId: newClientId() });
    const bDraft = await b2!.caller.posts.create({ title: `Draft ${marker}`, body: `Draft ${marker}`, items: [sharedItems[1]!], status: 'draft', clientId: newClientId() });
    await b2!.caller.moderation.report({ kind: 'contribution', id: bTip.id, reason: 'spam', note: `Note ${marker}`, clientId: newClientId() });
    await b2!.caller.moderation.report({ kind: 'post', id: bPost.id, reason: 'abuse', clientId: newClientId() });
    await bMod!.caller.moderation.hide({ kind: 'contribution', id: bLink.id, note: `Hidden ${marker}`, clientId: newClientId() });
    const bTip2 = await b1!.caller.contributions.create({ kind: 'tip', item: sharedItems[1]!, text: `Tip ${marker} two`, clientId: newClientId() });
    const bProducedIds = [bTip.id, bTip2.id, bLink.id, bPost.id, bDraft.id];
    // Cursors B legitimately holds (second pages of its own lists).
    const bCursors = [
      (await b1!.caller.reviews.list({ item: sharedItems[0]!, limit: 1 })).nextCursor,
      (await b1!.caller.comments.list({ item: sharedItems[0]!, limit: 1 })).nextCursor,
      (await bMod!.caller.moderation.auditLog({ limit: 1 })).nextCursor,
      (await bMod!.caller.moderation.queue({ limit: 1 })).nextCursor,
      (await b1!.caller.contributions.mine({ limit: 1 })).nextCursor,
      (await bMod!.caller.contributions.list({ item: sharedItems[0]!, limit: 1 })).nextCursor,
    ].filter((cursor): cursor is string => typeof cursor === 'string');

    // Tenant A: the demo company, on the same items.
    const aLearner = await signInLearner(storage, 'Ann A', 'Sales');
    const aModerator = await signInLearner(storage, 'Mo A', 'Ops');
    const demo = (await findTenantBySlug(storage.db, DEMO_TENANT.slug))!;
    await setUserRole(storage.db, demo.id, claimsOf(storage, aModerator).userId, 'moderator');
    const aReview = await aLearner.caller.reviews.upsert({ item: sharedItems[0]!, stars: 4, text: 'A review', completed: false, clientId: newClientId() });
    const aComment = await aModerator.caller.comments.create({ item: sharedItems[0]!, body: 'A comment', clientId: newClientId() });
    callers = { anonymous: await callerFor(storage), learner: aLearner.caller, moderator: aModerator.caller, tenantB: b1!.caller };

    known = {
      tenantBSlug: bSlug,
      sharedItems,
      aReviewIds: [aReview.review.id],
      aCommentIds: [aComment.id],
      bReviewIds: bReviews,
      bCommentIds: [bThread.id, bReply.id, bSecond.id],
      bProducedIds,
      bCursors,
    };
    const bUsers = await storage.db.selectFrom('users').select('id').where('tenant_id', '=', tenantB.id).execute();
    secrets = [tenantB.id, marker, ...bReviews, bThread.id, bReply.id, bSecond.id, ...bProducedIds, ...bUsers.map((user) => user.id), ...bCursors];
    expect(bCursors.length).toBeGreaterThanOrEqual(5);
  });
  afterAll(async () => {
    await idp?.close();
    await storage?.close();
    await database?.dispose();
  });

  /** Runs one call as A; returns a problem description, or null when isolation held. */
  async function runAsA(path: string, { as, input }: { as: AnyActor; input: unknown }): Promise<string | null> {
    let answer: unknown;
    try {
      answer = await procedureAt(callers[as], path)(input);
      if (answer && typeof answer === 'object' && Symbol.asyncIterator in answer) {
        // A subscription: its first event is enough to check, then stop it.
        const iterator = (answer as AsyncIterable<unknown>)[Symbol.asyncIterator]();
        const first = await Promise.race([iterator.next(), new Promise((resolve) => setTimeout(() => resolve(null), 50))]);
        await iterator.return?.();
        answer = first;
      }
    } catch (error) {
      if (!(error instanceof TRPCError)) return `${path} threw a non-tRPC error: ${String(error)}`;
      if (error.code === 'INTERNAL_SERVER_ERROR') return `${path} failed internally: ${String(error.cause ?? error.message)}`;
      answer = { code: error.code, message: error.message };
    }
    const sent = JSON.stringify(input ?? null);
    const text = JSON.stringify(answer ?? null);
    const leaked = secrets.filter((secret) => text.includes(secret) && !sent.includes(secret));
    return leaked.length > 0 ? `${path} as ${as} answered tenant B's ${leaked.join(', ')}: ${text.slice(0, 300)}` : null;
  }

  it('can fail: it sees B’s data in B’s own answers, and a changed row of B', async () => {
    expect(await runAsA('reviews.list', { as: 'tenantB', input: { item: known.sharedItems[0] } })).toMatch(/answered tenant B's/);
    const before = await snapshotTenant(storage, tenantBId);
    const review = known.bReviewIds[0]!;
    const { body } = await storage.db.selectFrom('reviews').select('body').where('id', '=', review).executeTakeFirstOrThrow();
    await storage.db.updateTable('reviews').set({ body: 'changed' }).where('id', '=', review).execute();
    try {
      expect(await snapshotTenant(storage, tenantBId)).not.toEqual(before);
    } finally {
      await storage.db.updateTable('reviews').set({ body }).where('id', '=', review).execute();
    }
    expect(await snapshotTenant(storage, tenantBId)).toEqual(before);
  });

  it('every procedure, once each, leaves tenant B untouched and unseen', async () => {
    const before = await snapshotTenant(storage, tenantBId);
    for (const path of PROCEDURE_PATHS) {
      const generator = INPUTS[path];
      if (!generator) continue; // reported by the coverage test
      for (const sample of fc.sample(generator(known), { numRuns: 3, seed: 42 })) {
        expect(await runAsA(path, sample)).toBeNull();
      }
    }
    expect(await snapshotTenant(storage, tenantBId)).toEqual(before);
  });

  it('random sequences of calls by tenant A leave tenant B untouched and unseen', async () => {
    const paths = PROCEDURE_PATHS.filter((path) => path in INPUTS);
    const step = fc.constantFrom(...paths).chain((path) => INPUTS[path]!(known).map((sample) => ({ path, ...sample })));
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const before = await snapshotTenant(storage, tenantBId);
        for (const { path, ...sample } of steps) {
          const problem = await runAsA(path, sample);
          if (problem) throw new Error(problem);
        }
        expect(await snapshotTenant(storage, tenantBId)).toEqual(before);
      }),
      { numRuns: engine === 'postgres' ? 25 : 40, endOnFailure: true },
    );
  });
});
