// Opens the SQLite database: WAL (readers never wait for the writer), foreign keys on, a busy timeout
// (a second process — `kaohe token create` while the server runs — waits instead of failing), and
// the drizzle migrations applied. `synchronous = NORMAL` is the WAL setting that survives a process
// crash; only an OS crash or power loss may lose the last commits.

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import * as schema from './schema.js';
import { DEFAULT_DB_PATH } from '../store/open.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The database or a transaction on it: what store functions take, so they compose inside transactions. */
export type Conn = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

export function openDb(path: string = DEFAULT_DB_PATH): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}

export function closeDb(db: Db): void {
  if (db.$client.open) db.$client.close();
}


/** SQLite unique-constraint failure (better-sqlite3 error codes). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

const statements = new WeakMap<object, Map<string, unknown>>();

/** A statement prepared once per connection. Drizzle otherwise rebuilds the SQL and re-prepares
 * it on every call, which costs more than the query itself on the evaluate hot path. Only for
 * the database object, not a transaction. */
export function once<T>(db: Conn, key: string, build: () => T): T {
  let map = statements.get(db);
  if (!map) statements.set(db, (map = new Map()));
  let s = map.get(key) as T | undefined;
  if (s === undefined) map.set(key, (s = build()));
  return s;
}
