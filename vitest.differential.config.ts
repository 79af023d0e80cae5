// `npm run test:differential` (issue 16): the backend matrix at full size — 100,000 generated subjects
// per reference scheme per backend (test/backends/, KAOHE_DIFF_N), plus the edge-value and halves
// properties at their full size, and the fuzz property at its full 20,000 inputs (`npm test` runs
// 5,000 of them). Long: one CI step after the browser tests.

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/backends/matrix-*.test.ts', 'test/backends/limits.test.ts', 'test/fuzz/fuzz-*.test.ts'],
    env: { KAOHE_DIFF_N: process.env.KAOHE_DIFF_N ?? '100000', FUZZ_PART: process.env.FUZZ_PART ?? '10000' },
    testTimeout: 6 * 3600_000,
    pool: 'forks',
    // Vitest's default on this 2-core machine is ONE worker (cores − 1): the two matrix shards and the
    // edge-value file run side by side instead.
    maxWorkers: 2,
  },
});
