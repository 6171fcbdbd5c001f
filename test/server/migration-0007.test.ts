import { Migrator, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../server/db/connect';
import { migrateToLatest } from '../../server/db/migrate';
import { migrations } from '../../server/db/migrations';
import type { Database } from '../../server/db/schema';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import { expectCountsMatchRecount } from './support/harness';

/**
 * Migration 0007 on a database that already has contributions, posts, reports, audit entries and
 * live events (written as 0006 left the schema): counts backfilled, rows and ids kept, the new
 * kinds accepted, and live event ids never going back.
 */
describe.each(ENGINES)('migration 0007 on %s', (engine) => {
  let database: TestDatabase;
  let db: Kysely<Database>;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    db = connectDatabase(database.options).db;
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.dispose();
  });

  it('backfills the item counts and widens the kinds, keeping every row and id', async () => {
    const { rows } = engine === 'postgres' ? await sql<{ schema: string }>`select current_schema() as schema`.execute(db) : { rows: [] };
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(rows[0] ? { migrationTableSchema: rows[0].schema } : {}) });
    const upTo0006 = await migrator.migrateTo('0006_contributions');
    expect(upTo0006.error).toBeUndefined();

    const now = new Date().toISOString();
    const raw = db as unknown as Kysely<any>;
    await raw.insertInto('tenants').values({ id: 't1', slug: 't1', name: 'T1', created_at: now }).execute();
    await raw.insertInto('users').values({ id: 'u1', tenant_id: 't1', subject: 's1', display_name: 'Ann', team: 'A', unit: null, role: 'learner', created_at: now }).execute();
    const items = ['moodle:lms.example:course:1', 'moodle:lms.example:course:2', 'moodle:lms.example:course:3'];
    for (const item of items) {
      await raw.insertInto('items').values({ tenant_id: 't1', item_key: item, title: null, lms: 'moodle', kind: 'course', created_at: now, updated_at: now }).execute();
    }
    // Item 1 already has a stats row (a rating); items 2 and 3 have none yet.
    await raw
      .insertInto('item_stats')
      .values({ tenant_id: 't1', item_key: items[0], rating_count: 1, rating_sum: 4, stars_1: 0, stars_2: 0, stars_3: 0, stars_4: 1, stars_5: 0 })
      .execute();
    const contribution = (id: string, item: string, state: string) => ({
      id,
      tenant_id: 't1',
      item_key: item,
      user_id: 'u1',
      kind: 'tip',
      title: null,
      url: null,
      body: 'tip',
      state,
      helpful_count: 0,
      created_at: now,
    });
    await raw
      .insertInto('contributions')
      .values([contribution('c1', items[0]!, 'visible'), contribution('c2', items[0]!, 'visible'), contribution('c3', items[0]!, 'hidden'), contribution('c4', items[1]!, 'visible')])
      .execute();
    const post = (id: string, status: string) => ({ id, tenant_id: 't1', user_id: 'u1', title: id, body: 'b', status, created_at: now, updated_at: now, published_at: status === 'published' ? now : null });
    await raw.insertInto('posts').values([post('p1', 'published'), post('p2', 'draft')]).execute();
    await raw
      .insertInto('post_items')
      .values([
        { tenant_id: 't1', post_id: 'p1', item_key: items[1], position: 0 },
        { tenant_id: 't1', post_id: 'p1', item_key: items[2], position: 1 },
        { tenant_id: 't1', post_id: 'p2', item_key: items[2], position: 0 },
      ])
      .execute();
    await raw
      .insertInto('content_reports')
      .values({ id: 'r1', tenant_id: 't1', target_kind: 'comment', target_id: 'x', user_id: 'u1', reason: 'spam', note: null, resolved: 0, created_at: now })
      .execute();
    await raw.insertInto('moderation_log').values({ tenant_id: 't1', target_kind: 'review', target_id: 'x', item_key: items[0], action: 'hide', actor_id: 'u1', note: null, created_at: now }).execute();
    for (let n = 0; n < 3; n++) await raw.insertInto('live_events').values({ tenant_id: 't1', item_key: items[0], kind: 'summary', created_at: now }).execute();
    // The newest event was pruned: the next id must still be above it.
    const events = await raw.selectFrom('live_events').select('id').orderBy('id').execute();
    const lastId = Number(events.at(-1)!.id);
    await raw.deleteFrom('live_events').where('id', '=', events.at(-1)!.id).execute();
    await expect(raw.insertInto('live_events').values({ tenant_id: 't1', item_key: items[0], kind: 'notification', created_at: now }).execute()).rejects.toThrow();

    // 0007 runs on the data 0006 left (and any later migration after it).
    expect((await migrateToLatest(db))[0]).toBe('0007_producer_counts_and_moderation');

    const stats = await db.selectFrom('item_stats').select(['item_key', 'rating_count', 'review_count', 'contribution_count', 'post_count']).where('tenant_id', '=', 't1').orderBy('item_key').execute();
    expect(stats).toEqual([
      { item_key: items[0], rating_count: 1, review_count: 0, contribution_count: 2, post_count: 0 },
      { item_key: items[1], rating_count: 0, review_count: 0, contribution_count: 1, post_count: 1 },
      { item_key: items[2], rating_count: 0, review_count: 0, contribution_count: 0, post_count: 1 },
    ]);
    await expectCountsMatchRecount(db);
    expect(await db.selectFrom('posts').select(['id', 'state', 'open_report_count']).orderBy('id').execute()).toEqual([
      { id: 'p1', state: 'visible', open_report_count: 0 },
      { id: 'p2', state: 'visible', open_report_count: 0 },
    ]);
    expect(await db.selectFrom('content_reports').select(['id', 'target_kind']).execute()).toEqual([{ id: 'r1', target_kind: 'comment' }]);
    const log = await db.selectFrom('moderation_log').select(['id', 'target_kind']).execute();
    expect(log).toEqual([{ id: 1, target_kind: 'review' }]);

    // The new kinds go in; the check still refuses anything else.
    await raw
      .insertInto('content_reports')
      .values({ id: 'r2', tenant_id: 't1', target_kind: 'post', target_id: 'p1', user_id: 'u1', reason: 'spam', note: null, resolved: 0, created_at: now })
      .execute();
    await expect(
      raw.insertInto('content_reports').values({ id: 'r3', tenant_id: 't1', target_kind: 'rating', target_id: 'p1', user_id: 'u1', reason: 'spam', note: null, resolved: 0, created_at: now }).execute(),
    ).rejects.toThrow();
    await raw.insertInto('moderation_log').values({ tenant_id: 't1', target_kind: 'contribution', target_id: 'c1', item_key: items[0], action: 'hide', actor_id: 'u1', note: null, created_at: now }).execute();
    expect((await db.selectFrom('moderation_log').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id).toBe(2);
    // Still one report per learner and content.
    await expect(
      raw.insertInto('content_reports').values({ id: 'r4', tenant_id: 't1', target_kind: 'post', target_id: 'p1', user_id: 'u1', reason: 'abuse', note: null, resolved: 0, created_at: now }).execute(),
    ).rejects.toThrow();
    const inserted = await raw.insertInto('live_events').values({ tenant_id: 't1', item_key: 'user:u1', kind: 'notification', created_at: now }).returning('id').executeTakeFirstOrThrow();
    expect(Number(inserted.id)).toBeGreaterThan(lastId);
    await expect(raw.insertInto('live_events').values({ tenant_id: 't1', item_key: items[0], kind: 'gossip', created_at: now }).execute()).rejects.toThrow();
  });
});
