// A measurement: `npm run test:measure` only (docs/testing.md).
// The point of the generated validator is speed: CPU µs per subject of validatorFor against
// validateInput on the same 2,000 province subjects, interleaved in one run (bench/harness.ts). The
// assertion is loose (a shared machine); the numbers are printed for docs/benchmarks.md. Inputs as
// the server and CLI get them (JSON.parse: fast-mode objects), and as fast-check builds them.

import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { interleavedCpu } from '../../bench/harness.js';
import { validatorFor } from '../../engine/codegen/validate.js';
import { planOf, prepare } from '../../engine/index.js';
import { validateInput } from '../../engine/validate.js';
import { recordArb } from '../jre/subjects.js';

const SCHEME = fileURLToPath(new URL('../../../shared/spec/examples/province-annual.kaohe', import.meta.url));
const N = 2000;

it('validates province subjects several times faster than validateInput', async () => {
  const contract = planOf(prepare(readFileSync(SCHEME, 'utf8'), 'province-annual.kaohe').value!).contract;
  const sampled = fc.sample(recordArb(contract), { numRuns: N, seed: 1 });
  const parsed = sampled.map((x) => JSON.parse(JSON.stringify(x)) as unknown);
  const check = validatorFor(contract);
  expect(parsed.filter(check).length).toBe(N);
  expect(sampled.filter(check).length).toBe(N);
  let sink = 0;
  const REPS = 10; // the generated pass is much shorter: repeat it so both are timed over similar spans
  const reference = (inputs: unknown[]) => () => { for (const x of inputs) sink += validateInput(x, contract).errors.length; };
  const generated = (inputs: unknown[]) => () => { for (let r = 0; r < REPS; r++) for (const x of inputs) sink += check(x) ? 0 : 1; };
  const t = await interleavedCpu({
    reference: reference(parsed), generated: generated(parsed),
    referenceSampled: reference(sampled), generatedSampled: generated(sampled),
  }, 6);
  expect(sink).toBe(0);
  const us = (ms: number, reps = 1) => (ms * 1000) / (N * reps);
  const row = (what: string, ref: number, gen: number) =>
    `${what}: validateInput ${ref.toFixed(2)}, generated ${gen.toFixed(3)} µs/subject, ratio ${(ref / gen).toFixed(1)}×`;
  const parsedRatio = us(t.reference) / us(t.generated, REPS);
  console.log(`province, ${N} subjects, CPU, load ${os.loadavg()[0].toFixed(1)}\n` +
    `${row('JSON.parse inputs', us(t.reference), us(t.generated, REPS))}\n` +
    `${row('fast-check inputs', us(t.referenceSampled), us(t.generatedSampled, REPS))}`);
  expect(parsedRatio).toBeGreaterThan(2);
}, 90_000); // CPU-timed, so load does not change the ratio; only the wall clock grows
