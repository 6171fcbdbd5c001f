import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Engine } from '../../../server/db/connect';

/**
 * The storage engines every server suite runs on: SQLite always, PostgreSQL too when
 * `DATABASE_URL` is set. Each call of `createTestDatabase` gives an empty, private database: a
 * temp folder for SQLite, a fresh schema (reached through `search_path`) for PostgreSQL.
 */
export const ENGINES: Engine[] = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  /** Pass to `openStorage` / `buildServer`; open several times to simulate restarts or replicas. */
  options: { databaseUrl?: string; dataDir?: string };
  /** Deletes everything; close every storage opened on it first. */
  dispose(): Promise<void>;
}

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'sqlite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ripple-server-test-'));
    return { options: { dataDir }, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }

  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error('PostgreSQL tests need DATABASE_URL');
  const schema = `ripple_test_${randomBytes(6).toString('hex')}`;
  await withClient(baseUrl, (client) => client.query(`create schema ${schema}`));
  const url = new URL(baseUrl);
  // libpq-style `options`, understood by pg: every pooled connection starts in the test's schema.
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    options: { databaseUrl: url.toString() },
    dispose: () => withClient(baseUrl, (client) => client.query(`drop schema ${schema} cascade`)).then(() => undefined),
  };
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
