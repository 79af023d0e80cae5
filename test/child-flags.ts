// The test workers' V8 flags for the node children the tests start (issue 16, session 11): vitest.config.ts
// tries its flags once (a V8 without one runs without it) and hands them over in KAOHE_TEST_V8_FLAGS, so a
// child of `npm test` — bin/kaohe.js, the package's tsc child and `npm pack`, a child on the built code
// (test/built) — spends what a worker spends: four times V8's interrupt budget and no helper threads
// (alternated runs, load 6–7: the type-check child 6.8 → 5.7 s CPU, a `kaohe eval` child 0.42 → 0.35 s). `spawn(process.execPath, [...CHILD_FLAGS, 'bin/kaohe.js', …])`.
// Not for a child whose cold start or timing a test asserts (parser/depth's and check/chains' cold
// processes, whose stack frames must be the interpreter's; server/edge's `kaohe serve`, whose cut-off a
// time bound checks; keepalive-busy's timed clients): those start with node's defaults. Under the measure
// and differential configs the variable is unset and every child runs V8 as it ships.
export const CHILD_FLAGS: readonly string[] = (process.env.KAOHE_TEST_V8_FLAGS ?? '').split(' ').filter(Boolean);
