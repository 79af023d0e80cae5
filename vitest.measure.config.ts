// `npm run test:measure` (issue 16, session 5; docs/testing.md): every measurement, which `npm test`
// leaves out — the `*.measure.test.ts` files: heap and memory bounds (server, stream, .xlsx), time
// bounds (parser limits, /healthz while cohorts run), speed ratios (the generated validator) — and
// server/hostile run again with KAOHE_MEASURE=1 (test/tier.ts: its answer times and /healthz p99).
// One file at a time: a time or memory bound measured beside the 100,000-subject backend matrix (the
// differential tier, where these ran first) measured the neighbour — hostile's p99 read 1.4 s at load
// 5–7 there. CI runs this as its own step (.ci/run).

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.measure.test.ts', 'test/server/hostile.test.ts'],
    env: {
      // the server's heap after 150 junk 1.8 MB sources (50 per route; `npm test` has no measure file)
      KAOHE_JUNK_ROUNDS: process.env.KAOHE_JUNK_ROUNDS ?? '50',
      KAOHE_MEASURE: '1',
    },
    testTimeout: 3600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    // Builds dist/ when a source is newer: the measured children run the built code (test/built/).
    globalSetup: ['test/package/global-setup.ts'],
  },
});
