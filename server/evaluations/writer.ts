// Group commit for evaluations: inserts arriving in the same turn of the event loop are written in
// one transaction, so concurrent requests share one commit (the most expensive step of storing)
// instead of paying one each. Every caller is answered only after the commit, so "stored" still
// means durable. A failing INSERT (an idempotency key stored meanwhile by another process) fails
// only its own caller: its row is rolled back alone (below), the others commit.
// A caller may add rows that must commit with its evaluation (its audit record): they are written
// in the same transaction, so both are stored or neither.
//
// How a row is kept all-or-nothing: a batch is first written plainly, every row's statements one
// after the other; if any of them throws, that transaction is rolled back whole and the batch is
// written again with each row (the evaluation and its rows) inside a savepoint of its own, so the
// failing row is rolled back alone and the others commit. A failure is rare (a key stored by another
// process, a refused audit record), and the savepoint per row — two more statements — cost ≈ 2–7 µs
// of every stored evaluation (issue 16). A transaction that cannot begin or commit (the database
// locked beyond the busy timeout) fails the whole batch at once, without a second attempt.
//
// A big evaluation (a cohort's input and result of BIG_ROW_CHARS or more) commits in a transaction of
// its own, a turn of the event loop after the batch before it: inserting the 1.7 MB input and ≈ 4 MB
// result of a 2,500-person cohort took ≈ 130 ms at load 16, and three of them in one commit held
// /healthz for ≈ 0.4 s (user trial U7-15). Small ones still share a commit.
//
// A caller whose checks (authentication, roles, scheme and version) used the snapshot cache without
// reading the generation counter itself (the evaluate fast lane, for all but a turn's first request:
// fast-lane.ts) names the generation they were valid for: inside the transaction — the database as
// it is at the commit — the writer reads the counter, and stores such an evaluation only if it is
// unchanged, that is, if no token, organization, scheme or version changed since those checks. The
// others are refused with StaleChecks, before anything of theirs is written: their caller has the
// request checked again from the start (a revoked token is then refused). On PostgreSQL the counter
// is read FOR SHARE: a change to tokens or schemes (whose triggers bump it) made by another server
// waits for this commit, so it cannot slip in between the check and the commit.
//
// One transaction on the store (server/store/types.ts) per batch: nothing inside it awaits anything
// but its own statements (the engine ran before `write`), so SQLite's write lock is held for the
// statements only.
//
// On PostgreSQL (issue 17, session 2) every statement is a round trip — ≈ 35 µs of the server's CPU in
// the socket write alone on a loopback, besides the driver — and a batch's transaction was five
// (BEGIN, the counter, two INSERTs, COMMIT). There a batch is first tried as ONE statement: its
// INSERTs as data-modifying WITH clauses of a query that checks the counter (FOR SHARE, migration
// 0003), which commits or fails whole by itself; refused (a moved counter, a key stored meanwhile, a
// row the database refuses), nothing of it is written and the transaction above finds which request
// it was. And one batch commits at a time (MAX_IN_FLIGHT_PG): the requests that arrive meanwhile
// share the next commit instead of each starting its own — 5 requests per commit instead of 1.3 at
// 10 connections (docs/benchmarks.md, issue 17).

import type { SnapshotCache } from '../db/snapshot-cache.js';
import { dialectOf } from '../store/dialect.js';
import { sentThenLost, StoreConflict, StoreUnavailable, type Sql, type Store, type Tx } from '../store/types.js';
import { InsertRecorder, oneStatement } from '../store/coalesce.js';
import { insertEvaluation, type NewEvaluation } from './store.js';
import { BIG_TEXT_CHARS } from '../loop-turns.js';

export interface Stored { id: string; createdAt: string }

/** What a caller adds to an evaluation it stores (EvaluationWriter.write). */
export interface WriteOptions {
  /** Writes rows that commit with the evaluation (called inside the transaction, with it): its audit record. */
  alongside?: (tx: Tx, r: Stored) => Promise<void>;
  /** The snapshot generation the caller's checks were valid for, when it did not read the counter
   * itself: the evaluation is stored only if it is still the database's (else StaleChecks)… */
  checkedAt?: number;
  /** …or if this, asked inside the transaction (with it) when the generation moved since
   * `checkedAt`, resolves to undefined: the caller still acts. An error it returns refuses the
   * evaluation (hostile H5 F1). */
  recheck?: (sql: Sql) => Promise<Error | undefined>;
}

interface Pending extends WriteOptions { e: NewEvaluation; resolve: (r: Stored) => void; reject: (err: unknown) => void }

/** The rows a request was checked on changed before its evaluation could be stored (nothing of it was). */
export class StaleChecks extends Error {
  constructor() {
    super('the rows this evaluation was checked on changed before it was stored');
  }
}

/** Characters of input and result from which an evaluation commits alone (see the header). */
export const BIG_ROW_CHARS = BIG_TEXT_CHARS;

/** Batches one PostgreSQL server commits at once. A batch costs a round trip or more whatever its
 * size: one started while another commits would carry only the requests of one turn (≈ 1.3 at 10
 * connections, issue 17); waiting for the commit lets the requests meanwhile share the next. */
const MAX_IN_FLIGHT_PG = 1;
/** After this long a committing batch no longer holds the next one back (see flush). */
const STALL_MS = 2000;

const isBig = (p: Pending) => p.e.input.length + p.e.result.length >= BIG_ROW_CHARS;

/** A row's failure inside the plain attempt: that transaction is rolled back, the batch written again. */
class RowFailed {}

/** What settles the callers once the transaction committed (built anew by each attempt: PostgreSQL
 * may run a transaction's function again). */
type Settle = (() => void)[];

export class EvaluationWriter {
  private queue: Pending[] = [];
  private flushing = false;
  private inFlight = 0;
  /** Batches committing at once (see the header: one on PostgreSQL, any number on SQLite). */
  private readonly maxInFlight: number;

  /** `rows`: the snapshot cache whose generation a caller's checks may name (write's `checkedAt`);
   * `stallMs`: how long a batch's commit may hold the next one back (tests shorten it). */
  constructor(private readonly store: Store, private readonly rows?: SnapshotCache, private readonly stallMs = STALL_MS) {
    this.maxInFlight = store.dialect === 'postgres' ? MAX_IN_FLIGHT_PG : Infinity;
  }

  /** Stores `e`, committed with the rows `o.alongside` writes, if the checks `o` names still hold
   * (WriteOptions); resolves once committed. */
  write(e: NewEvaluation, o: WriteOptions = {}): Promise<Stored> {
    return new Promise((resolve, reject) => {
      this.queue.push({ e, alongside: o.alongside, resolve, reject, checkedAt: o.checkedAt, recheck: o.recheck });
      this.kick();
    });
  }

  /** A flush in the next turn, unless one is due already, the queue is empty or enough batches are
   * committing (their end kicks again). */
  private kick(): void {
    if (this.flushing || this.queue.length === 0 || this.inFlight >= this.maxInFlight) return;
    this.flushing = true;
    setImmediate(() => {
      this.flushing = false;
      void this.flush();
    });
  }

  /** Commits the queue's next batch — its leading small evaluations together, or one big one alone —
   * and leaves the rest to a flush in the next turn. */
  private async flush(): Promise<void> {
    if (this.queue.length === 0 || this.inFlight >= this.maxInFlight) return;
    const firstBig = this.queue.findIndex(isBig);
    const batch = this.queue.splice(0, firstBig === 0 ? 1 : firstBig < 0 ? this.queue.length : firstBig);
    // A big evaluation's commit (≈ 130 ms for a 2,500-person cohort) does not hold the small ones back.
    let counted = firstBig !== 0;
    if (counted) this.inFlight++;
    // A commit that takes STALL_MS (a connection gone silent, a row lock held by someone's open
    // transaction) stops holding the others back: they go on other connections, as each batch did
    // before batches waited for each other (review H13).
    const stall = counted && this.maxInFlight !== Infinity ? setTimeout(() => {
      if (!counted) return;
      counted = false;
      this.inFlight--;
      this.kick();
    }, this.stallMs) : undefined;
    stall?.unref();
    this.kick();
    let settle: Settle;
    try {
      try {
        settle = (await this.inOneStatement(batch)) ?? (await this.store.tx((tx) => this.plain(tx, batch)));
      } catch (err) {
        if (!(err instanceof RowFailed)) throw err;
        settle = await this.store.tx((tx) => this.each(tx, batch));
      }
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    } finally {
      clearTimeout(stall);
      if (counted) this.inFlight--;
      counted = false;
      this.kick();
    }
    for (const s of settle) s();
  }

  /** PostgreSQL: the batch as ONE statement — its rows' INSERTs and the generation check of its
   * requests (migration 0003's kaohe_generation_is, FOR SHARE) — which commits or fails whole without
   * BEGIN and COMMIT: one round trip instead of five. Undefined, with nothing written, when it cannot
   * be or the database refused it (a key stored meanwhile, a moved counter, a bad row): the
   * transaction path then finds which request is refused. A connection lost under it fails the batch
   * as a lost COMMIT does — it may have committed, so it is not written again. */
  private async inOneStatement(batch: Pending[]): Promise<Settle | undefined> {
    if (this.store.dialect !== 'postgres') return undefined;
    const at = this.rows ? oneGeneration(batch) : undefined;
    if (at === null) return undefined;
    const recorder = new InsertRecorder(WRITES_ONLY);
    const settle: Settle = [];
    try {
      for (const p of byKey(batch)) {
        const r = await insertRow(recorder, p);
        settle.push(() => p.resolve(r));
      }
    } catch {
      return undefined; // a row that reads (WRITES_ONLY): the transaction path
    }
    const one = at === undefined ? oneStatement(recorder.recorded, 'SELECT 1', []) : oneStatement(recorder.recorded, 'SELECT kaohe_generation_is(?)', [at]);
    if (!one) return undefined;
    try {
      await this.store.run(one.sql, one.params);
    } catch (err) {
      if (refusedWhole(err)) return undefined;
      throw sentThenLost(err); // sent and not answered: as a lost COMMIT, it may have committed
    }
    return settle;
  }

  /** Every row of the batch, one after the other; a row's failure fails the attempt (RowFailed). On
   * PostgreSQL the rows' INSERTs are recorded and sent as a few multi-row statements (a round trip
   * each: store/coalesce.ts); a failing one fails the attempt alike, and the savepoint attempt
   * finds the row. */
  private async plain(tx: Tx, batch: Pending[]): Promise<Settle> {
    const settle: Settle = [];
    const recorder = tx.dialect === 'postgres' ? new InsertRecorder(tx) : undefined;
    const into = recorder ?? tx;
    for (const p of await this.current(tx, batch, settle)) {
      let r: Stored;
      try {
        r = await insertRow(into, p);
      } catch {
        throw new RowFailed();
      }
      settle.push(() => p.resolve(r));
    }
    try {
      await recorder?.replay(tx);
    } catch {
      throw new RowFailed();
    }
    return settle;
  }

  /** Every row of the batch in a savepoint of its own: a failing one is rolled back alone. */
  private async each(tx: Tx, batch: Pending[]): Promise<Settle> {
    const settle: Settle = [];
    for (const p of await this.current(tx, batch, settle)) {
      try {
        const r = await tx.savepoint((sp) => insertRow(sp, p));
        settle.push(() => p.resolve(r));
      } catch (err) {
        settle.push(() => p.reject(err));
      }
    }
    return settle;
  }

  /** The batch's evaluations whose checks still hold at this commit, the others refused — in the
   * order of their idempotency keys: two servers' batches that share keys then take the keys' index
   * entries in the same order, and never wait for each other in a cycle (a deadlock PostgreSQL would
   * break by aborting one of them). */
  private async current(tx: Tx, batch: Pending[], settle: Settle): Promise<Pending[]> {
    return byKey(await this.checked(tx, batch, settle));
  }

  private async checked(tx: Tx, batch: Pending[], settle: Settle): Promise<Pending[]> {
    const rows = this.rows;
    if (!rows || !batch.some((p) => p.checkedAt !== undefined)) return batch;
    // Inside the transaction: the counter as this commit will find it.
    const generation = await rows.read(tx, dialectOf(tx).forShare);
    const kept: Pending[] = [];
    for (const p of batch) {
      const refused = p.checkedAt === undefined || p.checkedAt === generation ? undefined : p.recheck ? await p.recheck(tx) : new StaleChecks();
      if (refused === undefined) kept.push(p);
      else settle.push(() => p.reject(refused));
    }
    return kept;
  }
}

/** The one generation the batch's requests were checked at (undefined: none named one; null: several). */
function oneGeneration(batch: Pending[]): number | undefined | null {
  let at: number | undefined;
  for (const p of batch) {
    if (p.checkedAt === undefined) continue;
    if (at !== undefined && p.checkedAt !== at) return null;
    at = p.checkedAt;
  }
  return at;
}

/** A transaction for the recorder that refuses reads: the one-statement path writes only. */
const WRITES_ONLY: Tx = {
  dialect: 'postgres',
  all: () => Promise.reject(new Error('reads need the transaction path')),
  get: () => Promise.reject(new Error('reads need the transaction path')),
  run: () => Promise.reject(new Error('recorded, not run')),
  savepoint: (fn) => fn(WRITES_ONLY),
};

/** Whether the database answered the statement with an error — it was rolled back whole — rather than
 * the connection failing under it (then it may have committed) or no connection being free (the
 * transaction would wait for one again: the batch fails at once, 503 busy). A FATAL or PANIC error
 * ends the session, possibly after the commit: not refused. */
function refusedWhole(err: unknown): boolean {
  const driver = err instanceof StoreConflict || err instanceof StoreUnavailable ? (err.cause as { code?: unknown; severity?: unknown } | null) : (err as { code?: unknown; severity?: unknown } | null);
  if (driver?.severity === 'FATAL' || driver?.severity === 'PANIC') return false;
  if (err instanceof StoreConflict) return true;
  const code = driver?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && (!(err instanceof StoreUnavailable) || code.startsWith('40'));
}

/** Evaluations with an idempotency key first, by token and key; the others after, as they came. */
function byKey(batch: Pending[]): Pending[] {
  if (!batch.some((p) => p.e.idempotencyKey !== undefined)) return batch;
  const keyed = batch.filter((p) => p.e.idempotencyKey !== undefined);
  keyed.sort((a, b) => a.e.tokenId - b.e.tokenId || (a.e.idempotencyKey! < b.e.idempotencyKey! ? -1 : a.e.idempotencyKey! > b.e.idempotencyKey! ? 1 : 0));
  return [...keyed, ...batch.filter((p) => p.e.idempotencyKey === undefined)];
}

/** The evaluation and the rows written with it. */
async function insertRow(tx: Tx, p: Pending): Promise<Stored> {
  const r = await insertEvaluation(tx, p.e);
  if (p.alongside) await p.alongside(tx, r);
  return r;
}
