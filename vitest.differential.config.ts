// `npm run test:differential` (issue 16): the backend matrix at full size — 100,000 generated subjects
// per reference scheme per backend (test/backends/, KAOHE_DIFF_N), plus the edge-value and halves
// properties at their full size, the fuzz property at its full 20,000 inputs (`npm test` runs 2,500
// of them), the incremental-analysis properties at 400 runs each (`npm test`: 100 + 75) and every
// 13th hole of every reference scheme in both hole kinds (`npm test`: alternate ones per kind), and the
// streamed eval workbook for every reference scheme (`npm test`: three representative ones).
// Long: one CI step after the browser tests.

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/backends/matrix-*.test.ts', 'test/backends/limits.test.ts', 'test/fuzz/fuzz-*.test.ts',
      'test/parser/incremental.test.ts', 'test/check/recovered.test.ts', 'test/cli/eval-sheet.test.ts',
    ],
    env: {
      KAOHE_DIFF_N: process.env.KAOHE_DIFF_N ?? '100000', FUZZ_PART: process.env.FUZZ_PART ?? '10000',
      KAOHE_FC_RUNS: process.env.KAOHE_FC_RUNS ?? '400', KAOHE_HOLES: process.env.KAOHE_HOLES ?? 'all',
      KAOHE_SHEET_SCHEMES: process.env.KAOHE_SHEET_SCHEMES ?? 'all',
    },
    testTimeout: 6 * 3600_000,
    pool: 'forks',
    // Vitest's default on this 2-core machine is ONE worker (cores − 1): the two matrix shards and the
    // edge-value file run side by side instead.
    maxWorkers: 2,
  },
});
