import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Live updates (issue 7): one row per change of an item (rating summary, review, comment), so a
// subscriber that reconnects catches up from the last event id it saw. No user content: tenant,
// item, kind, time. Rows older than about an hour are pruned by the live bus.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('live_events')
    // Monotonically increasing across the server (hence per tenant too).
    .addColumn('id', postgres ? 'bigserial' : 'integer', (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('summary', 'review', 'comment')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('live_events_tenant_idx').on('live_events').columns(['tenant_id', 'id']).execute();
  await db.schema.createIndex('live_events_created_idx').on('live_events').columns(['created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('live_events').execute();
}
