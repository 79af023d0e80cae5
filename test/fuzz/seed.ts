// The fuzz property's fixed seed and size. FUZZ_SEED in the environment explores other inputs; a
// failure names its seed and index, which reproduce it (fuzzInput in generate.ts).
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_124);
/** Inputs per test file: 250 in `npm test`, a slice (500 in all: a fault in one input of 100 fails it;
 * every kind of input and mutation is among them); the full 10,000 (20,000 in all) in `npm run
 * test:differential`, which CI runs after the browser tests (issue 16: `npm test` < 120 s). */
export const PART = Number(process.env.FUZZ_PART ?? 250);
