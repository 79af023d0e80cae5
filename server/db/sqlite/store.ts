// The store (server/store/types.ts) over SQLite, with better-sqlite3: the embedded default. Every
// statement runs at once on the one connection and its promise is already settled, so the server
// pays a microtask, not a round trip, for storing on SQLite.
//
// A transaction holds the connection: between its BEGIN and its end, statements that do not come
// through its `Tx` wait (they would otherwise run inside it — seeing its uncommitted rows, and rolled
// back with it). Transactions run one after the other in the order asked. A transaction's function
// must not wait for anything but its own statements, so the wait is a few microtasks; SQLite itself
// serializes writers of other processes on the file (BEGIN IMMEDIATE, the busy timeout).
//
// Statements are prepared once per SQL text (a bounded map): the storage code's SQL is constant text
// or built from a few shapes (an IN list of n placeholders), and better-sqlite3's prepare costs more
// than most of the statements it prepares.

import type Database from 'better-sqlite3';
import { StoreConflict, StoreUnavailable, type Param, type Row, type Store, type Tx, type TxOptions } from '../../store/types.js';

/** Prepared statements kept per connection before the map starts over. */
const MAX_STATEMENTS = 2000;
const NONE: readonly Param[] = [];

/** better-sqlite3's error, as the store's: constraints and a lock held too long. */
export function storeError(e: unknown): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return e;
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_')) return new StoreUnavailable('busy', e);
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new StoreConflict(code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY', (e as Error).message, e);
  }
  return e;
}

/** The statements of one connection, run at once. */
class Statements {
  private readonly cache = new Map<string, Database.Statement>();
  constructor(readonly sqlite: Database.Database) {}

  prepared(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (s === undefined) {
      if (this.cache.size >= MAX_STATEMENTS) this.cache.clear();
      this.cache.set(sql, (s = this.sqlite.prepare(sql)));
    }
    return s;
  }

  all<T>(sql: string, params: readonly Param[]): Promise<T[]> {
    try {
      return Promise.resolve(this.prepared(sql).all(...params) as T[]);
    } catch (e) {
      return Promise.reject(storeError(e));
    }
  }

  get<T>(sql: string, params: readonly Param[]): Promise<T | undefined> {
    try {
      return Promise.resolve(this.prepared(sql).get(...params) as T | undefined);
    } catch (e) {
      return Promise.reject(storeError(e));
    }
  }

  run(sql: string, params: readonly Param[]): Promise<number> {
    try {
      return Promise.resolve(this.prepared(sql).run(...params).changes);
    } catch (e) {
      return Promise.reject(storeError(e));
    }
  }

  /** A statement without parameters or result (BEGIN, SAVEPOINT…), throwing the store's errors. */
  exec(sql: string): void {
    try {
      this.prepared(sql).run();
    } catch (e) {
      throw storeError(e);
    }
  }
}

/** The handle a transaction's function gets; refuses to be used once its transaction ended. */
class SqliteTx implements Tx {
  readonly dialect = 'sqlite' as const;
  ended = false;
  private depth = 0;
  constructor(private readonly s: Statements) {}

  private check(): void {
    if (this.ended) throw new Error('kaohe: a transaction handle used after its transaction ended');
  }

  all<T = Row>(sql: string, params: readonly Param[] = NONE): Promise<T[]> {
    this.check();
    return this.s.all<T>(sql, params);
  }

  get<T = Row>(sql: string, params: readonly Param[] = NONE): Promise<T | undefined> {
    this.check();
    return this.s.get<T>(sql, params);
  }

  run(sql: string, params: readonly Param[] = NONE): Promise<number> {
    this.check();
    return this.s.run(sql, params);
  }

  async savepoint<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    this.check();
    const name = `sp${++this.depth}`;
    this.s.exec(`SAVEPOINT ${name}`);
    try {
      const value = await fn(this);
      this.s.exec(`RELEASE ${name}`);
      return value;
    } catch (e) {
      this.s.exec(`ROLLBACK TO ${name}`);
      this.s.exec(`RELEASE ${name}`);
      throw e;
    } finally {
      this.depth--;
    }
  }
}

export class SqliteStore implements Store {
  readonly dialect = 'sqlite' as const;
  readonly description: string;
  private readonly s: Statements;
  /** Settles when the transaction holding the connection ends; undefined when none does. */
  private active: Promise<void> | undefined;
  /** The last transaction asked for: the next one starts after it. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly sqlite: Database.Database) {
    this.s = new Statements(sqlite);
    this.description = sqlite.memory ? 'sqlite::memory:' : `sqlite:${sqlite.name}`;
  }

  all<T = Row>(sql: string, params: readonly Param[] = NONE): Promise<T[]> {
    if (this.active) return this.idle().then(() => this.all<T>(sql, params));
    return this.s.all<T>(sql, params);
  }

  get<T = Row>(sql: string, params: readonly Param[] = NONE): Promise<T | undefined> {
    if (this.active) return this.idle().then(() => this.get<T>(sql, params));
    return this.s.get<T>(sql, params);
  }

  run(sql: string, params: readonly Param[] = NONE): Promise<number> {
    if (this.active) return this.idle().then(() => this.run(sql, params));
    return this.s.run(sql, params);
  }

  tx<T>(fn: (tx: Tx) => Promise<T>, options: TxOptions = {}): Promise<T> {
    const start = () => this.transaction(fn, options.write !== false);
    const done = this.queue.then(start, start);
    this.queue = done.then(
      () => undefined,
      () => undefined,
    );
    return done;
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.sqlite.open) this.sqlite.close();
  }

  /** Resolves when no transaction holds the connection. */
  private async idle(): Promise<void> {
    while (this.active) await this.active;
  }

  private async transaction<T>(fn: (tx: Tx) => Promise<T>, write: boolean): Promise<T> {
    await this.idle();
    let release!: () => void;
    this.active = new Promise((r) => (release = r));
    const tx = new SqliteTx(this.s);
    try {
      this.s.exec(write ? 'BEGIN IMMEDIATE' : 'BEGIN');
      try {
        const value = await fn(tx);
        this.s.exec('COMMIT');
        return value;
      } catch (e) {
        if (this.sqlite.inTransaction) this.s.exec('ROLLBACK');
        throw e;
      }
    } finally {
      tx.ended = true;
      this.active = undefined;
      release();
    }
  }
}

const stores = new WeakMap<Database.Database, SqliteStore>();

/** The one store of a better-sqlite3 connection (its statements and its transaction queue are shared
 * by everyone using the connection). */
export function sqliteStore(sqlite: Database.Database): SqliteStore {
  let store = stores.get(sqlite);
  if (!store) stores.set(sqlite, (store = new SqliteStore(sqlite)));
  return store;
}
