// The store (server/store/types.ts) over PostgreSQL, with node-postgres (`pg`): several kaohe servers
// on one database (issue 17). A pool of connections; a transaction takes one of them for its whole
// length. The storage code's `?` placeholders become `$1…` once per SQL text, and the first
// MAX_NAMED texts run as named prepared statements (parsed once per connection, as SQLite's are
// prepared once).
//
// Errors come out as the store's: a unique or other constraint (and kaohe's own trigger refusals) as
// StoreConflict, a database that cannot be reached — refused, killed connections, a server shutting
// down, too many clients — as StoreUnavailable, which the server answers 503. A transaction that
// PostgreSQL aborts for a serialization failure or a deadlock is run again (MAX_ATTEMPTS), so a race
// is decided by the database and the loser retried, never half-applied. The pool replaces a broken
// connection by itself on the next request: nothing has to restart after the database comes back.

import pg from 'pg';
import { describeTarget } from '../../store/open.js';
import { sentThenLost, StoreConflict, StoreUnavailable, type Follower, type Param, type Row, type Store, type Tx, type TxOptions } from '../../store/types.js';
import { GenerationListener } from './follow.js';

/** SQL texts that get a prepared statement of their own on every connection. Beyond it (an IN list of
 * every length a caller sent…) texts run unnamed, so a connection's prepared statements stay bounded. */
const MAX_NAMED = 400;
const MAX_ATTEMPTS = 5;
const NONE: readonly Param[] = [];

/** SQLSTATE classes and codes, and socket errors, meaning the database is not there to serve. */
/** (3D000 a database dropped or renamed, 28000/28P01 a role refused, 55000 a database not accepting
 * connections: each a database that is not there to serve right now, as a refused connection is.) */
const DOWN_CODES = new Set(['57P01', '57P02', '57P03', '53300', '3D000', '28000', '28P01', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
const RETRY_CODES = new Set(['40001', '40P01']);

/** The SQLSTATE of a driver error, or of the one a store error wraps ('' for none). */
const sqlState = (e: unknown): string => {
  const own = (e as { code?: unknown } | null)?.code;
  const wrapped = (e as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof own === 'string' ? own : typeof wrapped === 'string' ? wrapped : '';
};

export function storeError(e: unknown): unknown {
  if (e instanceof StoreConflict || e instanceof StoreUnavailable) return e;
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : '';
  if (typeof code === 'string') {
    if (code === '23505') return new StoreConflict(true, message, e);
    if (code.startsWith('23')) return new StoreConflict(false, message, e);
    if (code === 'P0001' && message.startsWith('kaohe:')) return new StoreConflict(false, message, e);
    if (DOWN_CODES.has(code) || code.startsWith('08') || (code === '55000' && /accepting connections/.test(message))) return new StoreUnavailable('down', e);
    // A statement PostgreSQL aborted to break a deadlock or a serialization conflict: a transaction
    // runs again (tx below); a lone statement is for the client to retry.
    if (RETRY_CODES.has(code)) return new StoreUnavailable('busy', e);
  }
  // node-postgres' own words for a connection that went away under a query.
  if (/Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(message)) {
    return new StoreUnavailable('down', e);
  }
  // The pool had no free connection within connectionTimeoutMillis (every one busy: --db-pool too
  // small for the load): the client may try again shortly.
  if (/timeout exceeded when trying to connect/i.test(message)) return new StoreUnavailable('busy', e);
  return e;
}

/** `?` placeholders numbered `$1…`, outside quoted text and comments. */
export function numberPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop + 1);
      i = stop;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end < 0 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '?') {
      out += `$${++n}`;
    } else {
      out += c;
    }
  }
  return out;
}

interface Query { text: string; name?: string; touches?: boolean }

/** Each SQL text's PostgreSQL form and statement name, made once. */
class Queries {
  private readonly made = new Map<string, Query>();
  private named = 0;
  /** Whether a text writes rows a follower's cache holds (Store.follow); none: nobody follows. */
  touchesCached: ((sql: string) => boolean) | undefined;

  private query(sql: string): Query {
    let q = this.made.get(sql);
    if (q === undefined) {
      q = { text: numberPlaceholders(sql) };
      if (this.named < MAX_NAMED) q.name = `k${++this.named}`;
      // Texts beyond the bound are not kept: their form is made again (IN lists of every length).
      if (this.named < MAX_NAMED || this.made.size < MAX_NAMED * 4) this.made.set(sql, q);
    }
    return q;
  }

  of(sql: string, values: readonly Param[]): pg.QueryConfig {
    const q = this.query(sql);
    return { text: q.text, name: q.name, values: values as unknown[] };
  }

  touches(sql: string): boolean {
    if (this.touchesCached === undefined) return false;
    const q = this.query(sql);
    return (q.touches ??= this.touchesCached(sql));
  }
}

/** int8 (count(*), sum of integers) as a number: counts and ids stay far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

type Runner = { query(q: pg.QueryConfig): Promise<pg.QueryResult> };

async function rows<T>(on: Runner, q: pg.QueryConfig): Promise<T[]> {
  try {
    return (await on.query(q)).rows as T[];
  } catch (e) {
    throw storeError(e);
  }
}

async function changes(on: Runner, q: pg.QueryConfig): Promise<number> {
  try {
    return (await on.query(q)).rowCount ?? 0;
  } catch (e) {
    throw storeError(e);
  }
}

class PgTx implements Tx {
  readonly dialect = 'postgres' as const;
  ended = false;
  /** Whether a statement wrote rows a follower's cache holds (told once the transaction ended). */
  touched = false;
  private depth = 0;
  constructor(private readonly client: pg.PoolClient, private readonly queries: Queries) {}

  private check(): void {
    if (this.ended) throw new Error('kaohe: a transaction handle used after its transaction ended');
  }

  all<T = Row>(sql: string, params: readonly Param[] = NONE): Promise<T[]> {
    this.check();
    if (this.queries.touches(sql)) this.touched = true;
    return rows<T>(this.client, this.queries.of(sql, params));
  }

  async get<T = Row>(sql: string, params: readonly Param[] = NONE): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  run(sql: string, params: readonly Param[] = NONE): Promise<number> {
    this.check();
    if (this.queries.touches(sql)) this.touched = true;
    return changes(this.client, this.queries.of(sql, params));
  }

  async savepoint<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    this.check();
    const name = `sp${++this.depth}`;
    await this.run(`SAVEPOINT ${name}`);
    try {
      const value = await fn(this);
      await this.run(`RELEASE SAVEPOINT ${name}`);
      return value;
    } catch (e) {
      await this.run(`ROLLBACK TO SAVEPOINT ${name}`);
      throw e;
    } finally {
      this.depth--;
    }
  }
}

/** Clients with an error listener of ours (pooled clients are reused). */
const heard = new WeakSet<pg.PoolClient>();

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  max?: number;
  /** A schema of its own (tests): every connection's search_path. */
  schema?: string;
}

export class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  readonly description: string;
  readonly pool: pg.Pool;
  private readonly queries = new Queries();
  private readonly config: pg.ClientConfig;
  private readonly followers: Follower[] = [];
  private listener: GenerationListener | undefined;

  constructor(url: string, options: PostgresOptions = {}) {
    this.config = {
      connectionString: url,
      // How the connections show in pg_stat_activity; the URL's own application_name wins.
      application_name: 'kaohe',
      types,
      connectionTimeoutMillis: 5000,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    };
    this.pool = new pg.Pool({ ...this.config, max: options.max ?? 10 });
    // An idle connection the server closed (a restart, pg_terminate_backend) reports here; without a
    // listener the process would end. The pool drops it and opens another when next needed.
    this.pool.on('error', () => {});
    this.description = describeTarget(url);
  }

  all<T = Row>(sql: string, params: readonly Param[] = NONE): Promise<T[]> {
    const done = rows<T>(this.pool, this.queries.of(sql, params));
    return this.queries.touches(sql) ? this.told(done) : done;
  }

  async get<T = Row>(sql: string, params: readonly Param[] = NONE): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  run(sql: string, params: readonly Param[] = NONE): Promise<number> {
    const done = changes(this.pool, this.queries.of(sql, params));
    return this.queries.touches(sql) ? this.told(done) : done;
  }

  follow(f: Follower, touchesCached: (sql: string) => boolean): void {
    this.followers.push(f);
    this.queries.touchesCached = touchesCached;
    this.listener ??= new GenerationListener(this.config, {
      changed: () => this.changed(),
      hearing: (yes) => this.followers.forEach((x) => x.hearing(yes)),
    });
  }

  /** The backend process of the connection that listens for changes (tests), if it is up. */
  get listenerPid(): number | undefined {
    return this.listener?.pid;
  }

  private changed(): void {
    for (const f of this.followers) f.changed();
  }

  /** `done`, the followers told once it settled (committed or not: a change is possible either way). */
  private async told<T>(done: Promise<T>): Promise<T> {
    try {
      return await done;
    } finally {
      this.changed();
    }
  }

  async tx<T>(fn: (tx: Tx) => Promise<T>, options?: TxOptions): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.connect();
      const tx = new PgTx(client, this.queries);
      let broken: Error | undefined;
      try {
        await tx.run(options?.write === false ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
        const value = await fn(tx);
        await commit(tx);
        return value;
      } catch (e) {
        broken = await rollback(client);
        if (RETRY_CODES.has(sqlState(e))) {
          if (attempt < MAX_ATTEMPTS) continue;
          // Aborted again and again by others' transactions: the client retries later (503 busy).
          throw new StoreUnavailable('busy', e);
        }
        throw storeError(e);
      } finally {
        tx.ended = true;
        client.release(broken);
        if (tx.touched) this.changed();
      }
    }
  }

  async close(): Promise<void> {
    await this.listener?.stop();
    await this.pool.end();
  }

  private async connect(): Promise<pg.PoolClient> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw storeError(e);
    }
    // A connection killed while a transaction holds it emits 'error' on the client (the pool only
    // listens on idle ones); unheard, that would end the process. The query in flight fails too,
    // and the transaction's release() then drops the connection.
    if (!heard.has(client)) {
      heard.add(client);
      client.on('error', () => {});
    }
    return client;
  }
}

/** COMMIT; a connection lost under it leaves the outcome unknown (trial X14: a round's revision was
 * committed while its answer said nothing was stored). */
async function commit(tx: PgTx): Promise<void> {
  try {
    await tx.run('COMMIT');
  } catch (e) {
    throw sentThenLost(e);
  }
}

/** Rolls back; the error when the connection cannot even do that (it is then not reused). */
async function rollback(client: pg.PoolClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}
