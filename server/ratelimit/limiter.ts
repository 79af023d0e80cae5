// How many failed authentications a client address may make (issue 10, item 7): state behind an
// interface, so a store shared by several servers (PostgreSQL, issue 17) can replace the in-memory
// one. The methods are synchronous on purpose: the check runs on every /api request, and a valid
// request must pay no more than a Map lookup for it. A shared store keeps a local copy for
// `blockedUntil` (refreshed as the snapshot cache is, from a counter) and writes failures through.
//
// The policy is a fixed window per key: the first failure opens a window of `windowMs`; once
// `maxFailures` have been counted in it, the key is blocked until the window ends, and the next
// failure after that opens a new one. A blocked request is refused before its credential is looked
// at, so it is not counted: the lockout does not grow while a client keeps knocking.

export interface FailureLimiter {
  /** When `key` may try again (ms since the epoch), or undefined when it is not blocked. */
  blockedUntil(key: string, now: number): number | undefined;
  /** Counts one failed authentication of `key`; a limiter that writes it elsewhere (the database)
   * resolves once written, so the refusal is answered only when the next try would be counted
   * against the new count. */
  recordFailure(key: string, now: number): void | Promise<void>;
}

export interface FailureLimits {
  /** Failures in one window after which the key is blocked until the window ends. */
  maxFailures: number;
  windowMs: number;
  /** Keys remembered at most (in memory, about 200 bytes each): bounds what an attacker rotating
   * addresses can make the server hold; beyond it the oldest windows are forgotten. */
  maxKeys: number;
}

/** 20 failures in 10 minutes: a person mistyping or an editor with a stale cookie stays far below;
 * a guesser gets at most 2,880 tries a day per address instead of 1,851 a second. */
export const DEFAULT_FAILURE_LIMITS: FailureLimits = { maxFailures: 20, windowMs: 10 * 60_000, maxKeys: 50_000 };

interface Window { start: number; count: number }

export class MemoryFailureLimiter implements FailureLimiter {
  /** In order of window start (a new window re-inserts its key): the first entry is the oldest. */
  private readonly windows = new Map<string, Window>();
  private readonly limits: FailureLimits;

  constructor(limits: Partial<FailureLimits> = {}) {
    this.limits = { ...DEFAULT_FAILURE_LIMITS, ...limits };
  }

  get size(): number {
    return this.windows.size;
  }

  blockedUntil(key: string, now: number): number | undefined {
    const w = this.windows.get(key);
    if (w === undefined) return undefined;
    const end = w.start + this.limits.windowMs;
    if (now >= end) {
      this.windows.delete(key);
      return undefined;
    }
    return w.count >= this.limits.maxFailures ? end : undefined;
  }

  recordFailure(key: string, now: number): void {
    const w = this.windows.get(key);
    if (w !== undefined && now < w.start + this.limits.windowMs) {
      w.count++;
      return;
    }
    this.windows.delete(key);
    this.evictOldest(now);
    this.windows.set(key, { start: now, count: 1 });
  }

  /** Makes room for one key: ended windows first (they lead the map), then the oldest live one. */
  private evictOldest(now: number): void {
    for (const [key, w] of this.windows) {
      if (this.windows.size < this.limits.maxKeys && now < w.start + this.limits.windowMs) return;
      this.windows.delete(key);
    }
  }
}
