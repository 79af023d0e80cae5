// Failed authentications counted in the database (issue 17): the FailureLimiter of servers that share
// a store — several processes or machines on one PostgreSQL, or `--workers` on one machine — so a
// guesser spreading tries over them meets one limit, not one per process.
//
// The interface stays synchronous (a valid request pays a Map lookup, as with the in-memory limiter):
// failures are written through at once (an upsert that opens or extends the address's window and
// answers its count), and the blocked addresses are read back into memory every REFRESH_MS. A failure
// counted by this process blocks here as soon as its upsert answers (its refusal waits for it:
// guard.ts); one counted elsewhere, within REFRESH_MS. The same fixed windows as limiter.ts; windows that ended are deleted as they are read.

import type { Store } from '../store/types.js';
import { DEFAULT_FAILURE_LIMITS, type FailureLimiter, type FailureLimits } from './limiter.js';

export const REFRESH_MS = 1000;

/** Opens a window (count 1) or counts into the current one; a window that ended starts again. */
const COUNT = `INSERT INTO auth_failures (key, start, count) VALUES (?, ?, 1)
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN auth_failures.start + ? <= excluded.start THEN 1 ELSE auth_failures.count + 1 END,
    start = CASE WHEN auth_failures.start + ? <= excluded.start THEN excluded.start ELSE auth_failures.start END
  RETURNING start, count`;
const BLOCKED = 'SELECT key, start FROM auth_failures WHERE count >= ? AND start > ?';
const ENDED = 'DELETE FROM auth_failures WHERE start <= ?';
/** Beyond maxKeys rows (addresses rotated by an attacker), the oldest windows go first. */
const TRIM = 'DELETE FROM auth_failures WHERE key IN (SELECT key FROM auth_failures ORDER BY start LIMIT ?)';
const COUNT_ROWS = 'SELECT count(*) AS n FROM auth_failures';

export class StoreFailureLimiter implements FailureLimiter {
  private readonly limits: FailureLimits;
  /** Blocked addresses and when their window ends. */
  private blocked = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private refreshing: Promise<void> | undefined;
  private readonly writing = new Set<Promise<void>>();

  constructor(private readonly store: Store, limits: Partial<FailureLimits> = {}, private readonly clock: () => number = Date.now) {
    this.limits = { ...DEFAULT_FAILURE_LIMITS, ...limits };
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  blockedUntil(key: string, now: number): number | undefined {
    const until = this.blocked.get(key);
    if (until === undefined) return undefined;
    if (now >= until) {
      this.blocked.delete(key);
      return undefined;
    }
    return until;
  }

  recordFailure(key: string, now: number): Promise<void> {
    const { windowMs, maxFailures } = this.limits;
    const written: Promise<void> = this.store
      .get<{ start: number; count: number }>(COUNT, [key, now, windowMs, windowMs])
      .then((w) => {
        if (w && w.count >= maxFailures) this.blocked.set(key, Number(w.start) + windowMs);
      })
      .catch(() => {}) // a database that is down refuses the credentials themselves (503)
      .finally(() => this.writing.delete(written));
    this.writing.add(written);
    return written;
  }

  /** Resolves when the failures counted so far are written (tests, shutdown). */
  async written(): Promise<void> {
    await Promise.all([...this.writing]);
  }

  /** Reads the blocked addresses back, forgets ended windows, bounds the table. */
  refresh(): Promise<void> {
    this.refreshing ??= this.readBack().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async readBack(): Promise<void> {
    const { windowMs, maxFailures, maxKeys } = this.limits;
    const now = this.clock();
    try {
      const rows = await this.store.all<{ key: string; start: number }>(BLOCKED, [maxFailures, now - windowMs]);
      this.blocked = new Map(rows.map((r) => [r.key, Number(r.start) + windowMs]));
      await this.store.run(ENDED, [now - windowMs]);
      const n = (await this.store.get<{ n: number }>(COUNT_ROWS))?.n ?? 0;
      if (n > maxKeys) await this.store.run(TRIM, [n - maxKeys]);
    } catch {
      // Kept as it was until the next refresh.
    }
  }
}
