// Group commit for evaluations: inserts arriving in the same turn of the event loop are written in
// one transaction, so concurrent requests share one commit (the most expensive step of storing)
// instead of paying one each. Every caller is answered only after the commit, so "stored" still
// means durable. A failing INSERT (an idempotency key stored meanwhile by another process) aborts
// only its own statement — SQLite's default conflict resolution — and only its caller sees the error.

import type { Db } from '../db/client.js';
import { insertEvaluation, type NewEvaluation } from './store.js';

interface Pending { e: NewEvaluation; resolve: (r: { id: string; createdAt: string }) => void; reject: (err: unknown) => void }

export class EvaluationWriter {
  private queue: Pending[] = [];
  /** better-sqlite3's own transaction function, built once (drizzle's builds a session per call). */
  private readonly insertAll: (batch: Pending[], settle: (() => void)[]) => void;

  constructor(private readonly db: Db) {
    const insertAll = db.$client.transaction((batch: Pending[], settle: (() => void)[]) => {
      for (const p of batch) {
        try {
          const r = insertEvaluation(db, p.e);
          settle.push(() => p.resolve(r));
        } catch (err) {
          settle.push(() => p.reject(err));
        }
      }
    });
    this.insertAll = (batch, settle) => insertAll.immediate(batch, settle);
  }

  write(e: NewEvaluation): Promise<{ id: string; createdAt: string }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ e, resolve, reject });
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
