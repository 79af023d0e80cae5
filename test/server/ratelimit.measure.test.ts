// The failure limiter's memory (`npm run test:measure` only; docs/testing.md — ratelimit.test.ts proves
// the limiting and the bound itself at a small size): the default limiter, fed 100,000 distinct
// addresses, holds its default 50,000 windows at about 200 bytes a window (heap growth between two full GCs).

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { MemoryFailureLimiter } from '../../server/ratelimit/limiter.js';

describe('MemoryFailureLimiter', () => {
  it('keeps the default heap cost small: 100,000 addresses through the default limiter', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const l = new MemoryFailureLimiter();
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 100_000; i++) l.recordFailure(`2001:db8:${i.toString(16)}::/64`, i);
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    expect(l.size).toBe(50_000);
    expect(grown).toBeLessThan(50_000 * 300); // about 200 bytes a window: 10 MB for the default bound
  });
});
