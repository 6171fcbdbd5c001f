import type { Kysely } from 'kysely';
import { Migrator } from 'kysely';
import { migrations } from './migrations';
import type { Database } from './schema';

/**
 * Brings the schema up to date. Safe to run on every start and from several replicas at once:
 * Kysely records applied migrations and takes a lock while migrating.
 * Returns the names of the migrations applied by this call.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed`, { cause: error });
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
