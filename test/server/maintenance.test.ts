import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../server/storage';
import { DEDUP_KEEP_DAYS, pruneExpiredData, RECEIPT_KEEP_DAYS } from '../../server/services/maintenance';
import { configureTenant } from '../../server/services/tenant-config';
import { DEMO_TENANT, findTenantBySlug } from '../../server/services/tenants';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import { claimsOf, newClientId, signInLearner, signInToTenant, uniqueItemKey } from './support/harness';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-12-04T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW - days * DAY_MS).toISOString();
const dayOf = (days: number) => daysAgo(days).slice(0, 10);

/** The hourly clean-up: what expires goes, on both engines, and learner content stays. */
describe.each(ENGINES)('expired data on %s', (engine) => {
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

  it(`drops write receipts after ${RECEIPT_KEEP_DAYS} days and activity dedup rows after ${DEDUP_KEEP_DAYS}`, async () => {
    const ann = await signInLearner(storage, 'Ann');
    const { tenantId, userId } = claimsOf(storage, ann);
    const [oldWrite, newWrite] = [newClientId(), newClientId()];
    await storage.db
      .insertInto('client_writes')
      .values([
        { tenant_id: tenantId, user_id: userId, client_id: oldWrite, kind: 'comment.create', target_id: 'c1', counted: 1, created_at: daysAgo(RECEIPT_KEEP_DAYS + 1) },
        { tenant_id: tenantId, user_id: userId, client_id: newWrite, kind: 'comment.create', target_id: 'c2', counted: 1, created_at: daysAgo(RECEIPT_KEEP_DAYS - 1) },
      ])
      .execute();
    const item = uniqueItemKey();
    await storage.db
      .insertInto('signal_dedup')
      .values([dayOf(DEDUP_KEEP_DAYS + 1), dayOf(DEDUP_KEEP_DAYS - 1)].map((day) => ({ tenant_id: tenantId, user_id: userId, item_key: item, day, kind: 'view' as const })))
      .execute();

    const report = await pruneExpiredData(storage.db, NOW);
    expect(report).toMatchObject({ receipts: 1, dedup: 1 });
    const receipts = await storage.db.selectFrom('client_writes').select('client_id').where('user_id', '=', userId).execute();
    expect(receipts.map((row) => row.client_id)).toEqual([newWrite]);
    expect((await storage.db.selectFrom('signal_dedup').select('day').where('item_key', '=', item).execute()).map((row) => row.day)).toEqual([dayOf(DEDUP_KEEP_DAYS - 1)]);
    // Nothing else to do: a second run removes nothing.
    expect(await pruneExpiredData(storage.db, NOW)).toEqual({ receipts: 0, dedup: 0, activity: 0, notifications: 0 });
  });

  it('applies a company’s retentionDays to activity and notifications only, and to that company only', async () => {
    const acme = await configureTenant(storage.db, { slug: `acme-${engine}`, name: 'Acme', settings: { retentionDays: 10 } });
    const demo = (await findTenantBySlug(storage.db, DEMO_TENANT.slug))!;
    const seed = async (tenantId: string, learner: { token: string; caller: Awaited<ReturnType<typeof signInLearner>>['caller'] }) => {
      const { userId } = claimsOf(storage, learner);
      const [stale, completed, recent] = [uniqueItemKey(), uniqueItemKey(), uniqueItemKey()];
      // A review long ago: learner content, never removed by retention.
      const review = await learner.caller.reviews.upsert({ item: uniqueItemKey(), stars: 3, title: null, text: 'Old but still useful', completed: false, clientId: newClientId() });
      await storage.db.updateTable('reviews').set({ created_at: daysAgo(400) }).where('id', '=', review.review.id).execute();
      await storage.db
        .insertInto('item_learners')
        .values([
          { tenant_id: tenantId, item_key: stale, user_id: userId, team: 'Ops', unit: '', viewed_day: dayOf(20), viewed_prev: null, completed_day: null, completed_prev: null },
          { tenant_id: tenantId, item_key: completed, user_id: userId, team: 'Ops', unit: '', viewed_day: dayOf(20), viewed_prev: null, completed_day: dayOf(2), completed_prev: null },
          { tenant_id: tenantId, item_key: recent, user_id: userId, team: 'Ops', unit: '', viewed_day: dayOf(1), viewed_prev: null, completed_day: null, completed_prev: null },
        ])
        .execute();
      await storage.db
        .insertInto('popularity_daily')
        .values([dayOf(20), dayOf(1)].map((day) => ({ tenant_id: tenantId, item_key: stale, team: 'Ops', unit: '', day, kind: 'view' as const, learners: 1 })))
        .execute();
      await storage.db
        .insertInto('notifications')
        .values([20, 1].map((days) => ({ id: newClientId(), tenant_id: tenantId, user_id: userId, kind: 'new-review', item_key: stale, target_kind: 'review', target_id: newClientId(), actor_id: null, read: 0, created_at: daysAgo(days) })))
        .execute();
      return { userId, stale };
    };
    const acmeLearner = await seed(acme.id, await signInToTenant(storage, acme.id, 'Ana'));
    const demoLearner = await seed(demo.id, await signInLearner(storage, 'Dan'));

    expect(await pruneExpiredData(storage.db, NOW)).toMatchObject({ activity: 2, notifications: 1 });
    const left = async (tenantId: string, userId: string, stale: string) => ({
      learners: (await storage.db.selectFrom('item_learners').select('viewed_day').where('tenant_id', '=', tenantId).where('user_id', '=', userId).orderBy('viewed_day').execute()).length,
      daily: (await storage.db.selectFrom('popularity_daily').select('day').where('tenant_id', '=', tenantId).where('item_key', '=', stale).execute()).length,
      notifications: (await storage.db.selectFrom('notifications').select('id').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute()).length,
      reviews: (await storage.db.selectFrom('reviews').select('id').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute()).length,
    });
    // Acme: the stale view, the old rollup day and the old notification went; the recent view, the
    // item completed since, today's record of the rating that came with the review, the recent
    // day and notification, and the review itself stayed.
    expect(await left(acme.id, acmeLearner.userId, acmeLearner.stale)).toEqual({ learners: 3, daily: 1, notifications: 1, reviews: 1 });
    // The demo company has no retention: everything stays.
    expect(await left(demo.id, demoLearner.userId, demoLearner.stale)).toEqual({ learners: 4, daily: 2, notifications: 2, reviews: 1 });
  });
});
