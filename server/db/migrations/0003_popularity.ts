import { sql, type Kysely } from 'kysely';

// Popularity: learners' view / complete / rate signals, kept only as rollups of distinct people.
// Portable as 0001/0002: text ids, days as 'YYYY-MM-DD' text (compares in time order on both
// engines), 0/1 integers for booleans, double precision for the decayed trending sums.
//
// A learner's unit may be null (the whole company is their unit); in these tables it is stored as
// '' so it can sit in primary keys (PostgreSQL refuses nulls there). Team names are never ''.

export async function up(db: Kysely<any>): Promise<void> {
  // One statement per column: SQLite adds one column per ALTER TABLE.
  await db.schema
    .alterTable('tenant_settings')
    .addColumn('signals', 'integer', (c) => c.notNull().defaultTo(1).check(sql`signals in (0, 1)`))
    .execute();
  await db.schema
    .alterTable('tenant_settings')
    .addColumn('min_group_size', 'integer', (c) => c.notNull().defaultTo(5).check(sql`min_group_size >= 3`))
    .execute();

  // "How big is my team / unit" for the popular-with-team bar.
  await db.schema.createIndex('users_group_idx').on('users').columns(['tenant_id', 'unit', 'team']).execute();

  // Dedup: one row per learner, item, day and kind. A signal whose row already exists changes
  // nothing, so a learner counts once per item and day however often they open it.
  await db.schema
    .createTable('signal_dedup')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('view', 'complete', 'rate')`))
    .addPrimaryKeyConstraint('signal_dedup_pk', ['tenant_id', 'user_id', 'item_key', 'day', 'kind'])
    .execute();

  // The daily rollup: distinct learners per item, team, unit, day and kind, +1 for every new
  // dedup row. The record of activity (analytics, and the source to rebuild popularity_trend).
  await db.schema
    .createTable('popularity_daily')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('view', 'complete', 'rate')`))
    .addColumn('learners', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('popularity_daily_pk', ['tenant_id', 'item_key', 'team', 'unit', 'day', 'kind'])
    .execute();

  // Last seen, per learner and item: distinct people over a window are the rows whose day falls
  // in it (see services/popularity.ts). `*_prev` is the latest such day before `*_day`, so a
  // window that ends yesterday still finds a learner who came back today.
  await db.schema
    .createTable('item_learners')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('viewed_day', 'text', (c) => c.notNull())
    .addColumn('viewed_prev', 'text')
    .addColumn('completed_day', 'text')
    .addColumn('completed_prev', 'text')
    .addPrimaryKeyConstraint('item_learners_pk', ['tenant_id', 'item_key', 'user_id'])
    .execute();
  // forItems: the item's learners seen in the window.
  await db.schema.createIndex('item_learners_item_idx').on('item_learners').columns(['tenant_id', 'item_key', 'viewed_day']).execute();
  // alsoTook: what the item's learners took; also "what does Ripple hold about me".
  await db.schema.createIndex('item_learners_user_idx').on('item_learners').columns(['tenant_id', 'user_id', 'viewed_day']).execute();

  // Decayed engagement per item and group (scope team: team+unit; unit: unit; company: ''),
  // maintained at write time so a shelf reads its top rows off an index instead of summing days.
  // Day d weighs 2^((d - epoch)/7); `settled` holds days before `latest_day`, `latest` that day,
  // so a read can leave today out. `rank` = settled + latest orders candidates.
  await db.schema
    .createTable('popularity_trend')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('team', 'unit', 'company')`))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('settled', 'double precision', (c) => c.notNull())
    .addColumn('latest', 'double precision', (c) => c.notNull())
    .addColumn('latest_day', 'text', (c) => c.notNull())
    .addColumn('rank', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('popularity_trend_pk', ['tenant_id', 'scope', 'unit', 'team', 'item_key'])
    .execute();
  await db.schema
    .createIndex('popularity_trend_rank_idx')
    .on('popularity_trend')
    .columns(['tenant_id', 'scope', 'unit', 'team', 'rank desc'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['popularity_trend', 'item_learners', 'popularity_daily', 'signal_dedup']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('users_group_idx').execute();
  await db.schema.alterTable('tenant_settings').dropColumn('min_group_size').execute();
  await db.schema.alterTable('tenant_settings').dropColumn('signals').execute();
}
