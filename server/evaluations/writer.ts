// Group commit for evaluations: inserts arriving in the same turn of the event loop are written in
// one transaction, so concurrent requests share one commit (the most expensive step of storing)
// instead of paying one each. Every caller is answered only after the commit, so "stored" still
// means durable. A failing INSERT (an idempotency key stored meanwhile by another process) aborts
// only its own statement — SQLite's default conflict resolution — and only its caller sees the error.
// A caller may add rows that must commit with its evaluation (its audit record): they are written
// in the same transaction, inside a savepoint with the evaluation, so both are stored or neither.

import type { Db } from '../db/client.js';
import { insertEvaluation, type NewEvaluation } from './store.js';

export interface Stored { id: string; createdAt: string }

interface Pending { e: NewEvaluation; alongside?: (r: Stored) => void; resolve: (r: Stored) => void; reject: (err: unknown) => void }

export class EvaluationWriter {
  private queue: Pending[] = [];
  /** better-sqlite3's own transaction function, built once (drizzle's builds a session per call). */
  private readonly insertAll: (batch: Pending[], settle: (() => void)[]) => void;

  constructor(private readonly db: Db) {
    // Called inside insertAll's transaction, better-sqlite3 makes this one a savepoint.
    const insertWith = db.$client.transaction((p: Pending) => {
      const r = insertEvaluation(db, p.e);
      p.alongside!(r);
      return r;
    });
    const insertAll = db.$client.transaction((batch: Pending[], settle: (() => void)[]) => {
      for (const p of batch) {
        try {
          const r = p.alongside ? insertWith(p) : insertEvaluation(db, p.e);
          settle.push(() => p.resolve(r));
        } catch (err) {
          settle.push(() => p.reject(err));
        }
      }
    });
    this.insertAll = (batch, settle) => insertAll.immediate(batch, settle);
  }

  /** Stores `e`; `alongside` writes rows that commit with it (called inside the transaction). */
  write(e: NewEvaluation, alongside?: (r: Stored) => void): Promise<Stored> {
    return new Promise((resolve, reject) => {
      this.queue.push({ e, alongside, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    const settle: (() => void)[] = [];
    try {
      this.insertAll(batch, settle);
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    for (const s of settle) s();
  }
}
