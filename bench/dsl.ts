// Benchmark: parse + check of generated schemes with 100, 1k and 10k indicators (role `when` blocks
// over two enums). Baseline in the same run: JSON.parse of the same tree serialized as JSON — what
// merely reading that much structure costs. Targets: linear scaling, 10k in under 0.25 s (issue 16;
// 0.5 s before).

import { analyze } from '../dsl/index.js';
import { generateScheme, countIndicators } from './gen-scheme.js';
import { round, timeMedian, type BenchRow } from './harness.js';

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  analyze(generateScheme(100)); // build the grammar once
  const perIndicator: number[] = [];
  for (const n of [100, 1000, 10000]) {
    const source = generateScheme(n);
    const count = countIndicators(source);
    let errors = 0;
    const ms = timeMedian(() => { errors = analyze(source).diagnostics.filter((d) => d.severity === 'error').length; }, n >= 10000 ? 5 : 9);
    const json = JSON.stringify(analyze(source).parsed.scheme, (k, v) => (k === 'span' ? undefined : v));
    const base = timeMedian(() => { JSON.parse(json); }, 9);
    perIndicator.push(ms / count);
    rows.push({
      bench: 'dsl', case: `parse+check ${count} indicators${errors ? ` (${errors} errors!)` : ''}`, value: round(ms, 1), unit: 'ms',
      baseline: `JSON.parse of the tree ${round(base, 1)} ms`, ratio: round(ms / base, 1),
      ...(n === 10000 ? { target: '< 250 ms', ok: ms < 250 && errors === 0 } : {}),
    });
  }
  const scaling = perIndicator[2] / perIndicator[1];
  rows.push({
    bench: 'dsl', case: 'scaling: time per indicator at 10k ÷ at 1k', value: round(scaling, 2), unit: '×',
    target: '≈ 1 (linear), < 1.5', ok: scaling < 1.5,
  });
  return rows;
}
