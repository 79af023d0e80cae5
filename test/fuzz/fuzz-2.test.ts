// Fuzz, part 2 of 2 (vitest may run the parts in parallel): inputs PART … 2 × PART − 1 of the fixed
// seed (seed.ts). What the inputs are: generate.ts; what each must survive: pipeline.ts.
import { expect, it } from 'vitest';
import { fuzzRange, problems } from './harness.js';
import { FUZZ_SEED, PART } from './seed.js';

it('analyze, format, compile and examples never throw, and each input takes under 100 ms CPU', async () => {
  const r = await fuzzRange(FUZZ_SEED, 1 * PART, PART);
  expect(problems(r)).toBe('');
}, 600_000);
