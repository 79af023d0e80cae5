// Writes to one round are serialized (issue 14: 50 concurrent submissions and evaluations of one
// round lose no part and make no double revision). Each write is also one transaction, but
// evaluate awaits the engine between reading the inputs and storing the revision, so a transaction
// alone cannot keep a part submitted meanwhile from being left out of the revision that claims to
// be the newest, or two evaluations from both taking revision n+1. The writes of one round run one
// after another, of different rounds side by side: within a process, an async mutex per round queues
// them (no polling); across the processes on one database (several servers on PostgreSQL, `kaohe
// serve --workers`), each write also holds the round's lease (server/store/lease.ts) while it runs.
// The steps re-read the round with a row lock in their transactions (evaluate, publicize, finalize,
// void), so even a lease that lapsed under a stalled holder cannot make two revisions n+1; and each
// of those transactions first checks that this write still holds the lease (`fenced`), so a holder
// stalled past the lease's 10 s — while another server took it and stored a part or a revision —
// cannot commit what it computed before (its request fails with 409, the lease lost).

import { withLease, type Lease } from '../store/lease.js';
import type { Store, Tx } from '../store/types.js';

/** The lease of each round with a write running in this process (one at a time per round: the
 * queue below), for `fenced`. (Not an AsyncLocalStorage: on Node 20 it turns on a hook for every
 * promise of the process, the evaluate hot path's included.) */
const held = new Map<string, Lease>();

/** In the transaction of a write of round `roundId`: throws LeaseLost (409) unless this process still
 * holds the round's lease — a fencing check at the commit, taking the lease row first (before the
 * scheme's and the round's rows: one order for every transaction). No write running: nothing. */
export async function fenced(tx: Tx, roundId: string): Promise<void> {
  await held.get(roundId)?.stillHeld(tx);
}

export class RoundLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `work` after every earlier write of round `id` has finished (succeeded or failed), here
   * and in any other process on `store`. */
  run<T>(store: Store, id: string, work: () => Promise<T> | T): Promise<T> {
    const before = this.tails.get(id) ?? Promise.resolve();
    const leased = () => withLease(store, `round:${id}`, async (lease) => {
      held.set(id, lease);
      try {
        return await work();
      } finally {
        held.delete(id);
      }
    });
    const mine = before.then(leased, leased);
    const tail = mine.then(() => undefined, () => undefined);
    this.tails.set(id, tail);
    // Forget the round once nothing is queued behind this write, so the map does not grow.
    void tail.then(() => { if (this.tails.get(id) === tail) this.tails.delete(id); });
    return mine;
  }

  /** Rounds with a write queued or running (for tests). */
  get size(): number { return this.tails.size; }
}

/** The process's locks: shared by every app over the same process, like the database file. */
export const roundLocks = new RoundLocks();
