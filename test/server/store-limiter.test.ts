// The failure limiter shared through the store (server/ratelimit/store-limiter.ts): two limiters on one
// database (two server processes) meet one limit; a window ends; the table stays bounded.

import { describe, expect, it } from 'vitest';
import { StoreFailureLimiter } from '../../server/ratelimit/store-limiter.js';
import { testDialects, useTestStore } from './store-target.js';


describe.each(testDialects)('the store failure limiter over %s', (dialect) => {
  const store = useTestStore(dialect);

  it('blocks an address whose failures were spread over two servers', async () => {
    let now = 1_000_000;
    const clock = () => now;
    const limits = { maxFailures: 4, windowMs: 60_000 };
    const a = new StoreFailureLimiter(store, limits, clock);
    const b = new StoreFailureLimiter(store, limits, clock);
    try {
      for (let i = 0; i < 2; i++) a.recordFailure('addr:1', now);
      await a.written();
      expect(a.blockedUntil('addr:1', now)).toBeUndefined();
      for (let i = 0; i < 2; i++) b.recordFailure('addr:1', now);
      await b.written();
      // b counted the fourth failure: blocked there at once; a learns it at its next refresh.
      expect(b.blockedUntil('addr:1', now)).toBe(now + 60_000);
      expect(a.blockedUntil('addr:1', now)).toBeUndefined();
      await a.refresh();
      expect(a.blockedUntil('addr:1', now)).toBe(now + 60_000);
      expect(a.blockedUntil('addr:2', now)).toBeUndefined();
      // The window ends: unblocked, and the next failure opens a new window of one.
      now += 60_000;
      expect(a.blockedUntil('addr:1', now)).toBeUndefined();
      a.recordFailure('addr:1', now);
      await a.written();
      expect((await store.get<{ count: number }>('SELECT count FROM auth_failures WHERE key = ?', ['addr:1']))?.count).toBe(1);
    } finally {
      a.stop();
      b.stop();
    }
  });

  it('keeps at most maxKeys windows, dropping the oldest', async () => {
    const now = 5_000_000;
    const l = new StoreFailureLimiter(store, { maxFailures: 20, windowMs: 60_000, maxKeys: 3 }, () => now);
    try {
      for (let i = 0; i < 6; i++) l.recordFailure(`rot:${i}`, now + i);
      await l.written();
      await l.refresh();
      const keys = (await store.all<{ key: string }>("SELECT key FROM auth_failures WHERE key LIKE 'rot:%' ORDER BY key")).map((r) => r.key);
      expect(keys.length).toBeLessThanOrEqual(3);
      expect(keys).toContain('rot:5');
    } finally {
      l.stop();
    }
  });
});
