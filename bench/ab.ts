// A/B of the language core between two trees in one process: parse+check of the generated
// 10k-indicator scheme and exact `evaluate()` of province-annual, the code of this tree ("after")
// against another checkout ("before", e.g. `git worktree add /tmp/base <rev>` with node_modules
// linked), interleaved round by round so the machine's noise hits both alike. A change to the
// language must leave both ratios within noise (issue 12: "parse+check of the 10k scheme and
// `evaluate()` unchanged").
//
//   KAOHE_AB_BASE=/tmp/base npm run bench -- ab
//
// Without KAOHE_AB_BASE it compares this tree with itself, which shows the noise floor.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { generateScheme } from './gen-scheme.js';
import { interleavedCpu, round, type BenchRow } from './harness.js';

interface Side {
  analyze(source: string): { diagnostics: { severity: string }[] };
  evaluateAll(): Promise<void>;
}

const HERE = join(import.meta.dirname, '..');
const SCHEME = join(HERE, '../shared/spec/examples/province-annual.kaohe');
const SUBJECTS = 500;

async function side(dir: string): Promise<Side> {
  const dsl = await import(join(dir, 'dsl/index.ts'));
  const engine = await import(join(dir, 'engine/index.ts'));
  const { recordArb } = await import(join(HERE, 'test/jre/subjects.ts'));
  const prepared = engine.prepare(readFileSync(SCHEME, 'utf8'), 'province-annual.kaohe').value;
  if (!prepared) throw new Error(`${dir}: province-annual does not check clean`);
  // The same subjects on both sides: drawn once from this tree's contract with a fixed seed.
  const subjects = fc.sample(recordArb(engine.planOf(prepared).contract), { numRuns: SUBJECTS, seed: 12 })
    .map((input: unknown, i: number) => ({ id: `S${i}`, input }));
  return {
    analyze: (source) => dsl.analyze(source),
    evaluateAll: async () => { for (const s of subjects) await engine.evaluate(prepared, s); },
  };
}

export async function run(): Promise<BenchRow[]> {
  const baseDir = process.env.KAOHE_AB_BASE ?? HERE;
  const before = await side(baseDir), after = await side(HERE);
  const source = generateScheme(10000);
  for (const s of [before, after]) {
    const errors = s.analyze(source).diagnostics.filter((d) => d.severity === 'error').length;
    if (errors) throw new Error(`the 10k scheme has ${errors} errors`);
  }
  const parse = await interleavedCpu({ before: () => before.analyze(source), after: () => after.analyze(source) }, 20);
  const evals = await interleavedCpu({ before: () => before.evaluateAll(), after: () => after.evaluateAll() }, 20);
  const label = baseDir === HERE ? 'this tree (noise floor)' : baseDir;
  return [
    {
      bench: 'ab', case: 'parse+check, 9,996 indicators', value: round(parse.after, 1), unit: 'ms',
      baseline: `${label} ${round(parse.before, 1)} ms`, ratio: round(parse.after / parse.before, 3), target: '≈ 1 (≤ 1.10)',
      ok: parse.after / parse.before <= 1.1,
    },
    {
      bench: 'ab', case: `exact evaluate(), province-annual, ${SUBJECTS} subjects`, value: round(evals.after, 1), unit: 'ms',
      baseline: `${label} ${round(evals.before, 1)} ms`, ratio: round(evals.after / evals.before, 3), target: '≈ 1 (≤ 1.10)',
      ok: evals.after / evals.before <= 1.1,
    },
  ];
}
