import { sql, type Kysely } from 'kysely';

// Contributions on an item (links, files, tips) with their helpful votes, item follows and
// notifications. Portable as the earlier migrations: text ids, ISO text timestamps, 0/1 integers.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('contributions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('link', 'file', 'tip')`))
    // link: its title; file: the sanitized original name.
    .addColumn('title', 'text')
    .addColumn('url', 'text')
    // link: why it helps; tip: the tip.
    .addColumn('body', 'text')
    .addColumn('file_sha256', 'text')
    .addColumn('file_type', 'text')
    .addColumn('file_size', 'integer')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('visible').check(sql`state in ('visible', 'pending', 'hidden')`))
    .addColumn('helpful_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('contributions_item_fk', ['tenant_id', 'item_key'], 'items', ['tenant_id', 'item_key'])
    .execute();
  await db.schema
    .createIndex('contributions_helpful_idx')
    .on('contributions')
    .columns(['tenant_id', 'item_key', 'helpful_count', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('contributions_user_idx').on('contributions').columns(['tenant_id', 'user_id']).execute();
  await db.schema.createIndex('contributions_file_idx').on('contributions').columns(['file_sha256']).execute();

  await db.schema
    .createTable('contribution_votes')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('contribution_id', 'text', (c) => c.notNull().references('contributions.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contribution_votes_pk', ['tenant_id', 'contribution_id', 'user_id'])
    .execute();
  await db.schema.createIndex('contribution_votes_user_idx').on('contribution_votes').columns(['tenant_id', 'user_id']).execute();

  // Explicit follow choices; `following = 0` is an explicit unfollow that auto-follow respects.
  await db.schema
    .createTable('follows')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('following', 'integer', (c) => c.notNull().check(sql`following in (0, 1)`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('follows_pk', ['tenant_id', 'user_id', 'item_key'])
    .execute();
  await db.schema.createIndex('follows_item_idx').on('follows').columns(['tenant_id', 'item_key', 'following']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text')
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('read', 'integer', (c) => c.notNull().defaultTo(0).check(sql`read in (0, 1)`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['tenant_id', 'user_id', 'created_at', 'id']).execute();
  // Posts: markdown articles by learners, optionally about items (post_items, at most 10).
  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'published')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // Set when first published: the feed's order.
    .addColumn('published_at', 'text')
    .execute();
  await db.schema.createIndex('posts_feed_idx').on('posts').columns(['tenant_id', 'status', 'published_at', 'id']).execute();
  await db.schema.createIndex('posts_user_idx').on('posts').columns(['tenant_id', 'user_id', 'updated_at']).execute();
  await db.schema
    .createTable('post_items')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_items_pk', ['post_id', 'item_key'])
    .execute();
  await db.schema.createIndex('post_items_item_idx').on('post_items').columns(['tenant_id', 'item_key']).execute();
  await db.schema.createIndex('notifications_unread_idx').on('notifications').columns(['tenant_id', 'user_id', 'read']).execute();
  await upAccountPolicy(db);
}

export async function upAccountPolicy(db: Kysely<any>): Promise<void> {
  // What deleting an account does to the learner's content: kept as "Former colleague" or removed.
  await db.schema
    .alterTable('tenant_settings')
    .addColumn('on_account_delete', 'text', (c) => c.notNull().defaultTo('anonymize').check(sql`on_account_delete in ('remove', 'anonymize')`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tenant_settings').dropColumn('on_account_delete').execute();
  for (const table of ['post_items', 'posts', 'notifications', 'follows', 'contribution_votes', 'contributions']) {
    await db.schema.dropTable(table).execute();
  }
}
