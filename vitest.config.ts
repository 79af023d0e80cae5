// `npm test`: every behaviour, each at the smallest size that still proves it (docs/testing.md, issue
// 16 session 5). Measurements — a time, memory or heap bound, a speed ratio, a "stays linear" check —
// live in `*.measure.test.ts` files, which only `npm run test:measure` runs (vitest.measure.config.ts, one
// file at a time, CI's last step); `npm run test:differential` runs the behaviour at its full scale.
// Most files are plain functions over our own modules, so they run
// in shared workers (isolate: false): one worker evaluates the engine, DSL and server modules once
// instead of once per file — per-file module evaluation was most of the suite's CPU (issue 16, F:
// test/language 27 s → 9.5 s CPU). A file that replaces a global puts it back after itself.
// Vitest's default on this 2-core machine is ONE worker (cores − 1); many files wait on sockets,
// child processes and worker threads, so three workers keep both cores busy (issue 16, session 4, same
// tree, quiet machine: 2 workers 244.6 s wall, 3 workers 187.4 s, every test green in both).

import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// Not isolated (issue 16, session 3: an isolated file costs ≈ 1.7 s CPU of module evaluation — test/codegen
// with four of test/stream took 92.8 s CPU isolated, 55.5 s shared): test/codegen, test/backends, test/stream. Their
// tests reset codegenCounters and count what follows, or take differences — a file's tests run one at a
// time in its worker, so another file's counts never mix in — and the stream's memory bounds are
// measured in child processes of their own. Session 4: no file is isolated any more — test/browser (each
// test names its UI language: test/browser/ui-lang.ts, no module reloads), test/i18n (the catalog check
// leaves out the namespaces test files and the editor define), server/ratelimit (its heap growth is
// measured between two full GCs around synchronous code) and test/package (the built package is tested
// in child processes; nothing in the test's own process is replaced).

/** The files that take longest (wall with waits and beforeAll: the lead's quiet run at the start of issue 16's
 * session 9 (its JSON report), and for a file whose beforeAll does the work — its JSON time leaves that out —
 * a third of its wall in session 9's loaded per-file profile), longest first. Vitest orders a fresh clone (CI)
 * by project and then by file size, so these started late, one of them last of all while the other workers
 * idled: they start first. server/hostile first of all: its corpus runs in beforeAll (≈ 15 s CPU, most of
 * half a minute of waits on sockets and the language workers), and its file is small, so vitest started it
 * among the last; its answer-time bounds are asserted only in the measure tier. package/result-types next:
 * it packs the package and runs the type-check child the other package tests wait for (once.ts). package/built-cli
 * not before the ninth, as before: it touches index.ts for a while, and a declarations check that falls in that
 * while (result-types' second describe, at the end of its first test) rebuilds them (tsc, ≈ 10 s CPU). */
const LONGEST = [
  'server/hostile', 'package/result-types', 'server/edge', 'parser/depth', 'package/sqlite-optional', 'backends/matrix-b',
  'server/writer', 'backends/matrix-a', 'package/built-cli', 'stream/identical', 'parser/incremental', 'server/limits',
  'format/generated', 'server/cohort-off-loop', 'server/fast-lane', 'check/chains', 'server/rounds6-off-loop', 'check/recovered',
  'codegen/periods-issue16', 'cli/hostile6-read', 'backends/limits', 'stream/signal', 'server/body-coding', 'check/messages',
  'server/keepalive-busy', 'server/i18n', 'sheets/results-stream', 'format/totality', 'engine/input-schema', 'cli/eval-sheet',
].map((f) => `test/${f}.test.ts`);

/** V8 flags of the test workers (issue 16, session 10). A profile of the whole suite (perf, every thread)
 * put 21% of its CPU in V8's optimizing compiler: a test runs most functions briefly, and TurboFan
 * compiled them for runs that never came. Four times the default interrupt budget (67,584) lets a
 * function run four times longer before it is optimized: hot loops (the backend matrix, the stream)
 * still are, the briefly-run code is not. `--single-threaded`: no concurrent compiler or GC threads —
 * three workers already keep both cores busy, and the helpers only competed with them. Measured: 35
 * CPU-bound files, CPU 0.82–0.85 of the default in alternated runs; the whole suite 0.86 (240.8 vs 280.5 s).
 * Only the test workers: the measure tier (vitest.measure.config.ts) times the product as it ships. A flag
 * this Node's V8 does not know would stop every worker ("bad option"), so they are tried first (one child; each alone if that fails). */
const known = (flags: string[]) => spawnSync(process.execPath, [...flags, '-e', '0'], { stdio: 'ignore' }).status === 0;
const WANTED = ['--interrupt-budget=270336', '--single-threaded'];
const V8_FLAGS = known(WANTED) ? WANTED : WANTED.filter((flag) => known([flag]));

/** Vitest's order (failed first, then longest by its own timings, else largest), with LONGEST in front. */
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = LONGEST.indexOf(relative(this.ctx.config.root, f.moduleId));
      return i < 0 ? LONGEST.length : i;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b)); // stable: the rest keep vitest's order
  }
}

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // Server files start an app (SQLite, migrations, a published scheme) in beforeAll: on a loaded
    // machine that passed the 10 s default while the tests themselves stayed within theirs.
    hookTimeout: 30_000,
    pool: 'forks',
    execArgv: V8_FLAGS,
    // The same flags for the children whose speed no test asserts (test/child-flags.ts).
    env: { KAOHE_TEST_V8_FLAGS: V8_FLAGS.join(' ') },
    maxWorkers: 3,
    // Builds dist/ when a source is newer (bin/build.js): tests that spawn bin/kaohe.js run it.
    globalSetup: ['test/package/global-setup.ts'],
    sequence: { sequencer: LongestFirst },
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/**/*.measure.test.ts'],
    isolate: false,
  },
});
