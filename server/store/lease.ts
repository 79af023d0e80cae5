// Leases (issue 17): one holder at a time for a name (`round:<id>`), whichever server process asks —
// what an in-process mutex did while one process owned the database. A lease is a row of `leases`,
// taken by a compare-and-set upsert that succeeds only when the row is absent or lapsed, kept alive by
// its holder every TTL/3, and deleted on release. A holder that dies (SIGKILL, a lost machine) leaves
// a row that lapses after its TTL, and the next asker takes it.
//
// A lapsed lease could have a second holder while the first, stalled past its TTL, still works; the
// first's writes are then refused at the end: the transaction that stores the work reads the lease
// row (row-locked on PostgreSQL) and aborts unless it still names its holder (`stillHeld`), so two
// holders never both commit. Times are each server's clock (ISO text); a skew well below the TTL is
// harmless.

import { randomBytes } from 'node:crypto';
import { dialectOf } from './dialect.js';
import type { Sql, Store } from './types.js';

/** A dead holder's lease lapses after this: a round write through another server waits at most this
 * long for it (trial V12: 31.5 s with 30 s, beyond the 20 s request timeout). A live holder extends it
 * every third of it; an event loop stalled longer than this would let a second holder in, whose
 * commit the round's row lock and revision check then order. */
export const LEASE_TTL_MS = 10_000;
/** How long an asker waits for a held lease before giving up (the holder's work is bounded by the
 * cohort budget, 10 s by default, and the wait of everyone before it). */
export const LEASE_WAIT_MS = 120_000;
const POLL_FIRST_MS = 5;
const POLL_MAX_MS = 100;

/** This process, in every holder it writes. */
const PROCESS = randomBytes(6).toString('hex');
let taken = 0;

/** The lease was not free within the wait: the server answers 503 busy (retry). */
export class LeaseBusy extends Error {
  constructor(readonly lease: string) {
    super(`lease ${lease} stayed held by another server`);
  }
}

/** The lease lapsed and another holder took it before this one's work was stored: nothing stored. */
export class LeaseLost extends Error {
  constructor(readonly lease: string) {
    super(`lease ${lease} lapsed before the work was stored`);
  }
}

export interface Lease {
  readonly name: string;
  readonly holder: string;
  /** Inside the transaction that stores the work: throws LeaseLost unless this lease still holds. */
  stillHeld(tx: Sql): Promise<void>;
  release(): Promise<void>;
}

const TAKE = `INSERT INTO leases (name, holder, until) VALUES (?, ?, ?)
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until WHERE leases.until < ?`;
const EXTEND = 'UPDATE leases SET until = ? WHERE name = ? AND holder = ?';
const RELEASE = 'DELETE FROM leases WHERE name = ? AND holder = ?';

const iso = (ms: number) => new Date(ms).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Takes lease `name`, waiting while another holder has it (polling, up to `waitMs`). */
export async function takeLease(store: Store, name: string, o: { ttlMs?: number; waitMs?: number } = {}): Promise<Lease> {
  const ttl = o.ttlMs ?? LEASE_TTL_MS;
  const holder = `${PROCESS}:${++taken}`;
  const giveUp = Date.now() + (o.waitMs ?? LEASE_WAIT_MS);
  for (let pause = POLL_FIRST_MS; ; pause = Math.min(pause * 2, POLL_MAX_MS)) {
    const now = Date.now();
    if ((await store.run(TAKE, [name, holder, iso(now + ttl), iso(now)])) === 1) break;
    if (now + pause > giveUp) throw new LeaseBusy(name);
    await sleep(pause);
  }
  // Extended while held; the timer never keeps the process alive.
  const keep = setInterval(() => void store.run(EXTEND, [iso(Date.now() + ttl), name, holder]).catch(() => {}), Math.max(1, Math.floor(ttl / 3)));
  keep.unref();
  return {
    name,
    holder,
    async stillHeld(tx) {
      const row = await tx.get(`SELECT holder FROM leases WHERE name = ?${dialectOf(tx).forUpdate}`, [name]);
      if (row?.holder !== holder) throw new LeaseLost(name);
    },
    async release() {
      clearInterval(keep);
      await store.run(RELEASE, [name, holder]);
    },
  };
}

/** Runs `work` holding lease `name`; released after it, however it ends. */
export async function withLease<T>(store: Store, name: string, work: (lease: Lease) => Promise<T>, o?: { ttlMs?: number; waitMs?: number }): Promise<T> {
  const lease = await takeLease(store, name, o);
  try {
    return await work(lease);
  } finally {
    await lease.release().catch(() => {}); // a lapsed row is taken over by the next asker anyway
  }
}
