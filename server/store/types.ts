// The store: the one small interface every piece of the server's storage code is written against
// (issue 17), whichever database is behind it — SQLite embedded (server/db/sqlite/), PostgreSQL when
// one machine is outgrown (server/db/postgres/). Storage code is SQL text written once: `?`
// placeholders, double-quoted camelCase aliases (PostgreSQL folds unquoted names to lower case), the
// few things the dialects spell differently taken from `dialect.ts`. The drivers, drizzle and their
// error codes stay inside the adapters.
//
// Every call is asynchronous (PostgreSQL is a network away); on SQLite the answer is computed at once
// and the promise is already settled. A transaction is a function of a `Tx`: everything inside it
// goes through that `Tx` and nothing else (no other I/O, no waiting on the language pool) — SQLite
// holds its one write lock, and its other callers wait, until the function returns.

/** A bound value. Booleans are stored as 0/1 integers in both dialects. */
export type Param = string | number | bigint | null | Uint8Array;

export type Row = Record<string, unknown>;

export type Dialect = 'sqlite' | 'postgres';

/** What reads and writes: the store itself, or a transaction on it. */
export interface Sql {
  readonly dialect: Dialect;
  /** Every row of a query. */
  all<T = Row>(sql: string, params?: readonly Param[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T = Row>(sql: string, params?: readonly Param[]): Promise<T | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly Param[]): Promise<number>;
}

/** A transaction: the same queries, and savepoints inside it. */
export interface Tx extends Sql {
  /** Runs `fn` inside a savepoint: if it throws, only what it did is rolled back, and the error is
   * thrown on (the transaction goes on). */
  savepoint<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/** Who is told of changes to the rows the snapshot cache holds (Store.follow). */
export interface Follower {
  /** Something those rows come from may have changed (or nothing is known of the last moments). */
  changed(): void;
  /** Whether every change is heard now (a listening connection is up), or not any more; either way
   * what changed around it is not known (a change, too). */
  hearing(yes: boolean): void;
}

export interface TxOptions {
  /** SQLite: BEGIN IMMEDIATE (take the write lock at once, so a read-then-write cannot be refused
   * half-way). The default; a read-only transaction may say false. PostgreSQL: its read-then-write
   * races are closed by row locks (`dialect.forUpdate`) and unique constraints; a transaction that
   * says false is REPEATABLE READ READ ONLY — all its reads see one snapshot (an export made while a
   * round's revision commits is of one revision), as a SQLite read transaction's do. */
  write?: boolean;
}

export interface Store extends Sql {
  /** Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. On
   * PostgreSQL a serialization failure or deadlock runs it again (a few times): `fn` must have no
   * effects outside the transaction. */
  tx<T>(fn: (tx: Tx) => Promise<T>, options?: TxOptions): Promise<T>;
  /** Where it is, for logs and `kaohe` messages, without a password. */
  readonly description: string;
  close(): Promise<void>;
  /** PostgreSQL: tells `f` of every change to the rows whose tables `touchesCached` names — by any
   * server, heard through LISTEN on the triggers' channel, and by this store's own statements, once
   * they ended — so that a cache of them needs no read of the generation counter per request
   * (db/snapshot-cache.ts). Absent on SQLite (one process: a read is a function call). */
  follow?(f: Follower, touchesCached: (sql: string) => boolean): void;
}

/** A constraint refused the statement: `unique` for a unique or primary key (a row that another
 * request stored first), else a CHECK, a foreign key or one of kaohe's triggers (a published version
 * or an audit record is immutable). The adapters throw it in place of their drivers' errors. */
export class StoreConflict extends Error {
  constructor(readonly unique: boolean, message: string, readonly cause: unknown) {
    super(message);
  }
}

export const isUniqueViolation = (e: unknown): boolean => e instanceof StoreConflict && e.unique;

/** The database cannot be reached or refused to serve (PostgreSQL down, connections killed, the
 * SQLite file locked beyond its busy timeout): the server answers 503 and retries nothing itself. */
export class StoreUnavailable extends Error {
  /** `busy`: SQLite's file stayed locked by another process; `down`: the server cannot be reached.
   * `outcomeUnknown`: the connection was lost after the commit was sent — it may have committed (the
   * answer must not say that nothing was stored). */
  constructor(readonly reason: 'busy' | 'down', readonly cause: unknown, readonly outcomeUnknown = false) {
    // The log's words (the client's are errors.ts'): busy is a lock held too long, transactions aborted
    // again and again, or a pool without a free connection (trial X14: "another writer" misled).
    super(reason === 'busy' ? 'the database was busy: locked, aborting, or out of connections beyond the wait' : outcomeUnknown ? 'the database connection was lost after the commit was sent' : 'the database is unavailable');
  }
}

/** `e` as the error of a statement that may have committed: a lost connection (`down`) after a COMMIT,
 * or a self-committing statement, was sent leaves the outcome unknown (StoreUnavailable.outcomeUnknown);
 * any other error is as it was. */
export const sentThenLost = (e: unknown): unknown =>
  e instanceof StoreUnavailable && e.reason === 'down' ? new StoreUnavailable('down', e.cause, true) : e;

/** An ISO-8601 UTC timestamp, the format of every time column (ordered as text in both dialects). */
export const now = (): string => new Date().toISOString();
