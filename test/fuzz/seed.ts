// The fuzz property's fixed seed and size. FUZZ_SEED in the environment explores other inputs; a
// failure names its seed and index, which reproduce it (fuzzInput in generate.ts).
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_124);
/** Inputs per test file: 1,250 in `npm test` (2,500 in all: a fault in one input of 500 fails it); the
 * full 10,000 (20,000 in all) in `npm run test:differential`, which CI runs after the browser tests
 * (issue 16: `npm test` < 120 s). */
export const PART = Number(process.env.FUZZ_PART ?? 1_250);
