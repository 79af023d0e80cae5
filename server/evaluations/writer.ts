// Group commit for evaluations: inserts arriving in the same turn of the event loop are written in
// one transaction, so concurrent requests share one commit (the most expensive step of storing)
// instead of paying one each. Every caller is answered only after the commit, so "stored" still
// means durable. A failing INSERT (an idempotency key stored meanwhile by another process) aborts
// only its own statement — SQLite's default conflict resolution — and only its caller sees the error.
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
// request checked again from the start (a revoked token is then refused).

import type { Db } from '../db/client.js';
import type { SnapshotCache } from '../db/snapshot-cache.js';
import { insertEvaluation, type NewEvaluation } from './store.js';
import { BIG_TEXT_CHARS } from '../loop-turns.js';

export interface Stored { id: string; createdAt: string }

/** What a caller adds to an evaluation it stores (EvaluationWriter.write). */
export interface WriteOptions {
  /** Writes rows that commit with the evaluation (called inside the transaction): its audit record. */
  alongside?: (r: Stored) => void;
  /** The snapshot generation the caller's checks were valid for, when it did not read the counter
   * itself: the evaluation is stored only if it is still the database's (else StaleChecks)… */
  checkedAt?: number;
  /** …or if this, asked inside the transaction when the generation moved since `checkedAt`, returns
   * undefined: the caller still acts. An error it returns refuses the evaluation (hostile H5 F1). */
  recheck?: () => Error | undefined;
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

const isBig = (p: Pending) => p.e.input.length + p.e.result.length >= BIG_ROW_CHARS;

/** A row's failure inside the plain attempt: that transaction is rolled back, the batch written again. */
class RowFailed {}

export class EvaluationWriter {
  private queue: Pending[] = [];
  /** better-sqlite3's own transaction functions, built once (drizzle's builds a session per call). */
  private readonly plainAll: (batch: Pending[], settle: (() => void)[]) => void;
  private readonly eachAll: (batch: Pending[], settle: (() => void)[]) => void;

  /** `rows`: the snapshot cache whose generation a caller's checks may name (write's `checkedAt`). */
  constructor(db: Db, rows?: SnapshotCache) {
    /** The batch's evaluations whose checks still hold at this commit; the others refused. */
    const current = (batch: Pending[], settle: (() => void)[]): Pending[] => {
      if (!rows || !batch.some((p) => p.checkedAt !== undefined)) return batch;
      rows.refresh(); // inside the transaction: the counter as this commit will find it
      return batch.filter((p) => {
        if (p.checkedAt === undefined || p.checkedAt === rows.checkedAt) return true;
        const refused = p.recheck ? p.recheck() : new StaleChecks();
        if (refused === undefined) return true;
        settle.push(() => p.reject(refused));
        return false;
      });
    };
    const insertRow = (p: Pending): Stored => {
      const r = insertEvaluation(db, p.e);
      p.alongside?.(r);
      return r;
    };
    const plain = db.$client.transaction((batch: Pending[], settle: (() => void)[]) => {
      for (const p of current(batch, settle)) {
        let r: Stored;
        try {
          r = insertRow(p);
        } catch {
          throw new RowFailed();
        }
        settle.push(() => p.resolve(r));
      }
    });
    // Called inside eachAll's transaction, better-sqlite3 makes this one a savepoint.
    const insertWith = db.$client.transaction(insertRow);
    const each = db.$client.transaction((batch: Pending[], settle: (() => void)[]) => {
      for (const p of current(batch, settle)) {
        try {
          const r = insertWith(p);
          settle.push(() => p.resolve(r));
        } catch (err) {
          settle.push(() => p.reject(err));
        }
      }
    });
    this.plainAll = (batch, settle) => plain.immediate(batch, settle);
    this.eachAll = (batch, settle) => each.immediate(batch, settle);
  }

  /** Stores `e`, committed with the rows `o.alongside` writes, if the checks `o` names still hold
   * (WriteOptions); resolves once committed. */
  write(e: NewEvaluation, o: WriteOptions = {}): Promise<Stored> {
    return new Promise((resolve, reject) => {
      this.queue.push({ e, alongside: o.alongside, resolve, reject, checkedAt: o.checkedAt, recheck: o.recheck });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  /** Commits the queue's next batch — its leading small evaluations together, or one big one alone —
   * and leaves the rest to a flush in the next turn. */
  private flush(): void {
    const firstBig = this.queue.findIndex(isBig);
    const batch = this.queue.splice(0, firstBig === 0 ? 1 : firstBig < 0 ? this.queue.length : firstBig);
    if (this.queue.length > 0) setImmediate(() => this.flush());
    let settle: (() => void)[] = [];
    try {
      try {
        this.plainAll(batch, settle);
      } catch (err) {
        if (!(err instanceof RowFailed)) throw err;
        settle = [];
        this.eachAll(batch, settle);
      }
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    for (const s of settle) s();
  }
}
