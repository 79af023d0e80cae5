// The fuzz property's fixed seed and size. FUZZ_SEED in the environment explores other inputs; a
// failure names its seed and index, which reproduce it (fuzzInput in generate.ts).
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_124);
/** Inputs per test file (two files: 20,000 inputs in all). */
export const PART = Number(process.env.FUZZ_PART ?? 10_000);
