import type { Kysely } from 'kysely';

// A per-item revision, bumped by every change to the item's public figures. Pages are told about
// changes by several paths (a write's answer, a live refresh, another tab); the revision lets the
// extension drop a summary that was read before a change it already shows.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('item_stats').addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('item_stats').dropColumn('revision').execute();
}
