import type { Kysely } from 'kysely';

// Indexes for the hourly clean-up (services/maintenance.ts): expired rows are found by date
// without reading whole tables.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('client_writes_created_idx').on('client_writes').column('created_at').execute();
  await db.schema.createIndex('signal_dedup_day_idx').on('signal_dedup').column('day').execute();
  await db.schema.createIndex('popularity_daily_day_idx').on('popularity_daily').columns(['tenant_id', 'day']).execute();
  await db.schema.createIndex('item_learners_day_idx').on('item_learners').columns(['tenant_id', 'viewed_day']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['item_learners_day_idx', 'popularity_daily_day_idx', 'signal_dedup_day_idx', 'client_writes_created_idx']) {
    await db.schema.dropIndex(index).execute();
  }
}
