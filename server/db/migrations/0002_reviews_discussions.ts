import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Reviews, discussions, helpful votes, reports, moderation, tenant settings, write receipts.
// Portable as 0001: text ids and ISO text timestamps, 0/1 integers for booleans. Every list query
// has an index starting with (tenant_id, <what it filters by>, <its sort key>), and every count a
// list or summary shows is a column maintained at write time.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('tenant_settings')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('report_threshold', 'integer', (c) => c.notNull().defaultTo(3).check(sql`report_threshold >= 1`))
    .addColumn('pseudonyms', 'integer', (c) => c.notNull().defaultTo(0).check(sql`pseudonyms in (0, 1)`))
    // Keys the tenant's pseudonyms; never leaves the server.
    .addColumn('pseudonym_secret', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // The tenant-wide rating totals: the prior of the ranking score, kept with every rating write.
  await db.schema
    .createTable('tenant_stats')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('rating_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rating_sum', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`insert into tenant_stats (tenant_id, rating_count, rating_sum)
    select tenant_id, sum(rating_count), sum(rating_sum) from item_stats group by tenant_id`.execute(db);

  // One statement per column: SQLite adds one column per ALTER TABLE.
  await db.schema.alterTable('item_stats').addColumn('review_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('item_stats').addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // A copy of the author's rating (kept equal by every rating write), for the "critical" sort.
    .addColumn('stars', 'integer', (c) => c.notNull().check(sql`stars between 1 and 5`))
    .addColumn('title', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('completed', 'integer', (c) => c.notNull().defaultTo(0).check(sql`completed in (0, 1)`))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('visible').check(sql`state in ('visible', 'pending', 'hidden')`))
    .addColumn('helpful_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('open_report_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_reported_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addUniqueConstraint('reviews_one_per_learner', ['tenant_id', 'item_key', 'user_id'])
    .addForeignKeyConstraint('reviews_item_fk', ['tenant_id', 'item_key'], 'items', ['tenant_id', 'item_key'])
    .execute();
  await db.schema
    .createIndex('reviews_helpful_idx')
    .on('reviews')
    .columns(['tenant_id', 'item_key', 'helpful_count', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('reviews_newest_idx').on('reviews').columns(['tenant_id', 'item_key', 'created_at', 'id']).execute();
  await db.schema
    .createIndex('reviews_critical_idx')
    .on('reviews')
    .columns(['tenant_id', 'item_key', 'stars', 'helpful_count desc', 'created_at desc', 'id desc'])
    .execute();
  await db.schema
    .createIndex('reviews_reported_idx')
    .on('reviews')
    .columns(['tenant_id', 'last_reported_at', 'id'])
    .where(sql.ref('open_report_count'), '>', 0)
    .execute();
  await db.schema.createIndex('reviews_user_idx').on('reviews').columns(['tenant_id', 'user_id']).execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('parent_id', 'text', (c) => c.references('comments.id'))
    // Null once deleted: the row stays as a placeholder so replies keep their thread.
    .addColumn('body', 'text')
    .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0).check(sql`deleted in (0, 1)`))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('visible').check(sql`state in ('visible', 'pending', 'hidden')`))
    .addColumn('helpful_count', 'integer', (c) => c.notNull().defaultTo(0))
    // Replies not deleted: a deleted comment without any is left out of listings.
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('open_report_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_reported_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .addColumn('deleted_at', 'text')
    .addForeignKeyConstraint('comments_item_fk', ['tenant_id', 'item_key'], 'items', ['tenant_id', 'item_key'])
    .execute();
  await db.schema
    .createIndex('comments_top_idx')
    .on('comments')
    .columns(['tenant_id', 'item_key', 'helpful_count', 'created_at', 'id'])
    .where(sql.ref('parent_id'), 'is', null)
    .execute();
  await db.schema
    .createIndex('comments_newest_idx')
    .on('comments')
    .columns(['tenant_id', 'item_key', 'created_at', 'id'])
    .where(sql.ref('parent_id'), 'is', null)
    .execute();
  await db.schema.createIndex('comments_replies_idx').on('comments').columns(['tenant_id', 'parent_id', 'created_at', 'id']).execute();
  await db.schema
    .createIndex('comments_reported_idx')
    .on('comments')
    .columns(['tenant_id', 'last_reported_at', 'id'])
    .where(sql.ref('open_report_count'), '>', 0)
    .execute();
  await db.schema.createIndex('comments_user_idx').on('comments').columns(['tenant_id', 'user_id']).execute();

  await db.schema
    .createTable('helpful_votes')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull().check(sql`target_kind in ('review', 'comment')`))
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('helpful_votes_pk', ['tenant_id', 'target_kind', 'target_id', 'user_id'])
    .execute();
  await db.schema.createIndex('helpful_votes_user_idx').on('helpful_votes').columns(['tenant_id', 'user_id']).execute();

  await db.schema
    .createTable('content_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull().check(sql`target_kind in ('review', 'comment')`))
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('spam', 'abuse', 'off-topic', 'other')`))
    .addColumn('note', 'text')
    // Set when a moderator acts on the content: it then leaves the queue.
    .addColumn('resolved', 'integer', (c) => c.notNull().defaultTo(0).check(sql`resolved in (0, 1)`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('content_reports_once', ['tenant_id', 'target_kind', 'target_id', 'user_id'])
    .execute();
  await db.schema.createIndex('content_reports_user_idx').on('content_reports').columns(['tenant_id', 'user_id']).execute();

  // Append-only. An increasing integer id gives "newest first" a strict order even within one
  // millisecond (SQLite: rowid alias; PostgreSQL: identity).
  await db.schema
    .createTable('moderation_log')
    .addColumn('id', 'integer', (c) => (postgres ? c.generatedByDefaultAsIdentity().primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull().check(sql`target_kind in ('review', 'comment')`))
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('auto-hide', 'hide', 'restore', 'delete')`))
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('moderation_log_tenant_idx').on('moderation_log').columns(['tenant_id', 'id']).execute();

  // One row per applied write of a learner: a retried write (same client id) finds its receipt
  // and is answered without being applied again; recent rows are also the rate limiter's count,
  // shared by every replica.
  await db.schema
    .createTable('client_writes')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('counted', 'integer', (c) => c.notNull().defaultTo(1).check(sql`counted in (0, 1)`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('client_writes_pk', ['tenant_id', 'user_id', 'client_id'])
    .execute();
  await db.schema.createIndex('client_writes_recent_idx').on('client_writes').columns(['tenant_id', 'user_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['client_writes', 'moderation_log', 'content_reports', 'helpful_votes', 'comments', 'reviews', 'tenant_stats', 'tenant_settings']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('item_stats').dropColumn('comment_count').execute();
  await db.schema.alterTable('item_stats').dropColumn('review_count').execute();
}
