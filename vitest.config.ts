// `npm test`: every test/**/*.test.ts. Most files are plain functions over our own modules, so they run
// in shared workers (isolate: false): one worker evaluates the engine, DSL and server modules once
// instead of once per file — per-file module evaluation was most of the suite's CPU (issue 16, F:
// test/language 27 s → 9.5 s CPU). Files that replace globals, count process-wide caches, measure the
// heap or belong to suites with their own process rules stay in isolated workers.
// Vitest's default on this 2-core machine is ONE worker (cores − 1); many files wait on sockets,
// child processes and worker threads, so two workers keep both cores busy.

import { defineConfig } from 'vitest/config';

const ISOLATED = [
  'test/codegen/**/*.test.ts', // reads and resets codegenCounters, compile caches
  'test/backends/**/*.test.ts', // backend matrix: counters per backend
  'test/stream/**/*.test.ts', // memory bounds of streaming runs
  'test/package/**/*.test.ts', // the built package and its CLI
  'test/browser/**/*.test.ts', // editor/src modules keep the loaded UI language; rounds-words stubs fetch
  'test/i18n/**/*.test.ts', // enumerates registeredCatalogs(): other files register their own catalogs
  'test/server/ratelimit.test.ts', // heapUsed growth of one limiter
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // Server files start an app (SQLite, migrations, a published scheme) in beforeAll: on a loaded
    // machine that passed the 10 s default while the tests themselves stayed within theirs.
    hookTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
    // Builds dist/ when a source is newer (bin/build.js): tests that spawn bin/kaohe.js run it.
    globalSetup: ['test/package/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
