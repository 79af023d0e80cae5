// `npm run test:differential` (issue 16; docs/testing.md): the behavioural files below at their full
// scale (the measurements are `npm run test:measure`, vitest.measure.config.ts): the backend matrix at full size — 100,000 generated subjects
// per reference scheme per backend (test/backends/, KAOHE_DIFF_N), plus the edge-value and halves
// properties at their full size, the fuzz property at its full 20,000 inputs (`npm test` runs 500
// of them), the incremental-analysis properties at 400 runs each at a random seed (`npm test`: 30 + 25 at
// a fixed one) and every 13th hole of every reference scheme in both hole kinds (`npm test`: each kind of
// field once), the
// streamed eval workbook for every reference scheme (`npm test`: three representative ones), the
// streaming cohort against the batch on 6 cohorts of 240 per scheme, each in all six option sets (`npm test`: 2 of 120, two sets) and the
// compiled-vs-closures comparison on 20,000 province subjects and 2,000 per other scheme (CG_FULL;
// `npm test`: 500 and 120), and the compiled JSON text against JSON.stringify of the closures' result on
// 5,000 subjects per scheme and 2,000 edge, half and member subjects (`npm test`: 10 and 8 of each);
// and the package's declarations compiled on a copy that names a Node module, which must fail
// (KAOHE_FULL, test/tier.ts: `npm test` compiles the real ones only); and server/hostile's whole
// corpus, every variant of each category to every route (KAOHE_FULL: `npm test` spreads each category
// over the routes, test/server/hostile-corpus.ts smallCorpus).
// The generated input validator's properties at 400 runs a scheme (KAOHE_VALIDATE_RUNS; `npm test`: 100),
// the backend matrix's cohorts of 250 (`npm test`: 4 of 60) and the edge-value properties at 2,000 (`npm test`: 30).
// The result schema on 60 random subjects a scheme (KAOHE_FULL; `npm test`: 10) and the compiled cohorts: 3 cohorts of 60
// a reference scheme drawn near 3 elite subjects (KAOHE_FULL; `npm test`: 2 near 2).
// Long: one CI step after the browser tests.

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/backends/matrix-*.test.ts', 'test/backends/limits.test.ts', 'test/fuzz/fuzz-*.test.ts',
      'test/parser/incremental.test.ts', 'test/check/recovered.test.ts', 'test/cli/eval-sheet.test.ts',
      'test/stream/identical.test.ts', 'test/codegen/differential.test.ts', 'test/codegen/json-text.test.ts',
      'test/package/no-node-types.test.ts', 'test/server/hostile.test.ts', 'test/codegen/validate.test.ts',
      'test/engine/result-schema.test.ts', 'test/codegen/cohort.test.ts',
    ],
    env: {
      KAOHE_DIFF_N: process.env.KAOHE_DIFF_N ?? '100000', FUZZ_PART: process.env.FUZZ_PART ?? '10000',
      KAOHE_FC_RUNS: process.env.KAOHE_FC_RUNS ?? '400', KAOHE_HOLES: process.env.KAOHE_HOLES ?? 'all',
      KAOHE_SHEET_SCHEMES: process.env.KAOHE_SHEET_SCHEMES ?? 'all',
      KAOHE_STREAM_SIZE: process.env.KAOHE_STREAM_SIZE ?? '240', KAOHE_STREAM_RUNS: process.env.KAOHE_STREAM_RUNS ?? '6',
      KAOHE_FULL: '1', CG_FULL: process.env.CG_FULL ?? '1', KAOHE_JSON_N: process.env.KAOHE_JSON_N ?? '5000',
      KAOHE_VALIDATE_RUNS: process.env.KAOHE_VALIDATE_RUNS ?? '400',
    },
    testTimeout: 6 * 3600_000,
    pool: 'forks',
    // Vitest's default on this 2-core machine is ONE worker (cores − 1): the two matrix shards and the
    // edge-value file run side by side instead.
    maxWorkers: 2,
  },
});
