// What a SQLite file is, looked at without changing it (read-only, nothing migrated): `kaohe db copy`
// must not turn a file that is not kaohe's — another program's database, an empty file — into one by
// opening it as a store (which migrates), and then report a successful copy of nothing.

import Database from 'better-sqlite3';

export type SqliteKind = { kind: 'kaohe' } | { kind: 'other' } | { kind: 'unreadable'; why: string };

/** Whether `path` is a kaohe database (its migrations' record and its evaluations table). */
export function inspectSqlite(path: string): SqliteKind {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const names = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    return names.has('__drizzle_migrations') && names.has('evaluations') ? { kind: 'kaohe' } : { kind: 'other' };
  } catch (e) {
    return { kind: 'unreadable', why: e instanceof Error ? e.message : String(e) };
  } finally {
    db?.close();
  }
}
