import { sql, type Kysely } from 'kysely';

// Portable types only (text, integer, ISO text timestamps): this runs on SQLite and PostgreSQL.
// Migrations take `Kysely<any>` on purpose: they describe the schema as it was at that version,
// not as `Database` says it is today.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('team', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('learner', 'moderator', 'admin')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('users_tenant_subject_unique', ['tenant_id', 'subject'])
    .execute();

  await db.schema
    .createTable('items')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('lms', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('items_pk', ['tenant_id', 'item_key'])
    .execute();

  await db.schema
    .createTable('ratings')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('stars', 'integer', (c) => c.notNull().check(sql`stars between 1 and 5`))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ratings_pk', ['tenant_id', 'item_key', 'user_id'])
    .addForeignKeyConstraint('ratings_item_fk', ['tenant_id', 'item_key'], 'items', ['tenant_id', 'item_key'])
    .execute();

  // "What did I rate" (export, delete my data) goes by user; the primary key serves by item.
  await db.schema.createIndex('ratings_user_idx').on('ratings').columns(['tenant_id', 'user_id']).execute();

  await db.schema
    .createTable('item_stats')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('rating_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rating_sum', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stars_1', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stars_2', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stars_3', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stars_4', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stars_5', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('item_stats_pk', ['tenant_id', 'item_key'])
    .addForeignKeyConstraint('item_stats_item_fk', ['tenant_id', 'item_key'], 'items', ['tenant_id', 'item_key'])
    .execute();

  // Shared by every replica on PostgreSQL, so a token signed by one is accepted by the others.
  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['server_secrets', 'item_stats', 'ratings', 'items', 'users', 'tenants']) {
    await db.schema.dropTable(table).execute();
  }
}
