import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

export type Engine = 'sqlite' | 'postgres';

export interface ConnectOptions {
  /** `postgres://...`: use PostgreSQL. Without it, Ripple runs on an embedded SQLite file. */
  databaseUrl?: string;
  /** Folder for the SQLite file, created when missing. Default `./data`. */
  dataDir?: string;
}

export interface DatabaseConnection {
  db: Kysely<Database>;
  engine: Engine;
  /** Where the data lives, safe to print (no password). */
  location: string;
}

export const SQLITE_FILE_NAME = 'ripple.sqlite';

export function connectDatabase(options: ConnectOptions = {}): DatabaseConnection {
  if (options.databaseUrl) return connectPostgres(options.databaseUrl);
  return connectSqlite(resolve(options.dataDir ?? './data'));
}

/** Liveness of the storage itself, for readiness probes. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}

function connectSqlite(dataDir: string): DatabaseConnection {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, SQLITE_FILE_NAME);
  const database = new SQLite(file);
  // WAL lets readers run while a write is in progress, and with synchronous=NORMAL a commit costs
  // no fsync (a power cut may lose the last commits, never corrupts). Foreign keys are off by
  // default in SQLite. busy_timeout waits for a lock (another process, a backup) instead of failing.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), engine: 'sqlite', location: file };
}

const PG_INT8_OID = 20;
const PG_NUMERIC_OID = 1700;

function connectPostgres(databaseUrl: string): DatabaseConnection {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  }
  // pg returns int8 (count(*), sum()) and numeric as strings to avoid precision loss; Ripple's
  // counts and averages are far below 2^53, and SQLite returns numbers, so both engines agree.
  // Set per pool, not globally with pg.types, so nothing else in the process is affected.
  const types = new pg.TypeOverrides();
  types.setTypeParser(PG_INT8_OID, Number);
  types.setTypeParser(PG_NUMERIC_OID, Number);
  const pool = new pg.Pool({ connectionString: databaseUrl, types, max: 10 });
  // An idle client losing its connection emits 'error' on the pool; unhandled, it would crash the
  // process. The pool replaces the client on next use, so logging is enough.
  pool.on('error', (error) => console.error('PostgreSQL pool error:', error.message));
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    engine: 'postgres',
    location: redactPassword(databaseUrl),
  };
}

function redactPassword(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unparsable url)';
  }
}
