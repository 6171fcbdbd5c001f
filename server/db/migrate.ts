import type { Kysely } from 'kysely';
import { Migrator, sql } from 'kysely';
import { migrations } from './migrations';
import type { Database } from './schema';

/**
 * Brings the schema up to date. Safe to run on every start and from several replicas at once:
 * Kysely records applied migrations and takes a lock while migrating.
 * Returns the names of the migrations applied by this call.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // On PostgreSQL, keep Kysely's bookkeeping in the schema we run in: its introspection sees
  // every schema, and another schema's `kysely_migration` table (a second deployment, a test)
  // would otherwise be taken for ours.
  const schema = await currentPostgresSchema(db);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed`, { cause: error });
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** The schema PostgreSQL resolves unqualified names in; undefined on SQLite. */
async function currentPostgresSchema(db: Kysely<Database>): Promise<string | undefined> {
  try {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    return rows[0]?.schema ?? undefined;
  } catch {
    return undefined;
  }
}
