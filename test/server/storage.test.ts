import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuth } from '../../server/auth';
import { migrateToLatest } from '../../server/db/migrate';
import { migrations } from '../../server/db/migrations';
import { openStorage, type Storage } from '../../server/storage';
import { createTestDatabase, ENGINES, type TestDatabase } from './support/engines';
import { callerFor, newClientId, signInLearner, uniqueItemKey } from './support/harness';

describe.each(ENGINES)('storage on %s', (engine) => {
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

  it('starts again on the same database: no migration re-run, data and sessions kept', async () => {
    const ann = await signInLearner(storage, 'Ann');
    const item = uniqueItemKey();
    await ann.caller.ratings.set({ item, stars: 4, clientId: newClientId() });

    // A second start (or a second replica) while the first is still running.
    const again = await openStorage(database.options);
    try {
      expect(again.engine).toBe(engine);
      expect(await migrateToLatest(again.db)).toEqual([]);
      // The generated signing key is shared through the database, so the old token still works.
      const annAgain = await callerFor(again, ann.token);
      expect(await annAgain.ratings.summaries({ items: [item] })).toEqual([{ item, average: 4, count: 1, mine: 4 }]);
      const demoTenants = await again.db.selectFrom('tenants').select('id').where('slug', '=', 'demo').execute();
      expect(demoTenants).toHaveLength(1);
    } finally {
      await again.close();
    }
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(storage.db);
    expect(applied.rows.map((row) => row.name)).toEqual(Object.keys(migrations));
  });

  it('signs with RIPPLE_SECRET when configured, and refuses a short one', async () => {
    const secret = 'configured-secret-of-sufficient-length-42';
    const configured = await openStorage({ ...database.options, secret });
    try {
      const ann = await signInLearner(configured, 'Ann');
      // Verifiable by any replica configured with the same secret, not by the generated one.
      expect(createAuth({ secret, devSignIn: true }).verifyToken(ann.token)).not.toBeNull();
      expect(storage.auth.verifyToken(ann.token)).toBeNull();
    } finally {
      await configured.close();
    }
    await expect(openStorage({ ...database.options, secret: 'too-short' })).rejects.toThrow(/at least 32/);
  });

  it('returns aggregates (count, sum) as numbers, not strings', async () => {
    const ann = await signInLearner(storage, 'Ann');
    await ann.caller.ratings.set({ item: uniqueItemKey(), stars: 2, clientId: newClientId() });
    // PostgreSQL types count(*) and sum(integer) as int8, which pg returns as text by default.
    const totals = await storage.db
      .selectFrom('item_stats')
      .select((eb) => [eb.fn.countAll().as('items'), eb.fn.sum('rating_sum').as('stars')])
      .executeTakeFirstOrThrow();
    expect(typeof totals.items).toBe('number');
    expect(typeof totals.stars).toBe('number');
    expect(totals.items).toBeGreaterThan(0);
  });

  it.runIf(engine === 'sqlite')('runs SQLite in WAL mode with foreign keys enforced', async () => {
    const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(storage.db);
    const foreignKeys = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(storage.db);
    expect(journal.rows[0]?.journal_mode).toBe('wal');
    expect(foreignKeys.rows[0]?.foreign_keys).toBe(1);
  });

  it('enforces referential integrity: no rating for an unknown user', async () => {
    const ann = await signInLearner(storage, 'Ann');
    const item = uniqueItemKey();
    await ann.caller.ratings.set({ item, stars: 4, clientId: newClientId() });
    const tenant = await storage.db.selectFrom('tenants').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await expect(
      storage.db
        .insertInto('ratings')
        .values({ tenant_id: tenant.id, item_key: item, user_id: 'ghost', stars: 4, client_id: 'x', created_at: now, updated_at: now })
        .execute(),
    ).rejects.toThrow();
  });
});
