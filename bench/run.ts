// `npm run bench [-- NAME…]`: runs the benchmarks (bench/NAME.ts exporting `run()`), prints a table,
// and writes the rows to bench/results.json so docs/benchmarks.md can be refreshed from a real run.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow } from './harness.js';

const ALL = ['dsl', 'engine', 'server', 'editor', 'rosters', 'messages', 'cohort-rules', 'rounds-rollup', 'statistics', 'whatif', 'cohort-stream', 'cli'];

async function main(): Promise<void> {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
  const rows: BenchRow[] = [];
  for (const name of names) {
    let mod: { run(): Promise<BenchRow[]> };
    try {
      mod = await import(`./${name}.ts`);
    } catch (e) {
      console.error(`bench ${name}: cannot load (${(e as Error).message})`);
      continue;
    }
    process.stderr.write(`running ${name}…\n`);
    const got = await mod.run();
    for (const r of got) console.log(formatRow(r));
    rows.push(...got);
  }
  writeFileSync(join(import.meta.dirname, 'results.json'), JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2));
  const failed = rows.filter((r) => r.ok === false);
  if (failed.length) console.log(`\n${failed.length} target(s) missed: ${failed.map((r) => `${r.bench}/${r.case}`).join('; ')}`);
}

function formatRow(r: BenchRow): string {
  const status = r.ok === undefined ? '' : r.ok ? ' ✓' : ' ✗';
  return `| ${r.bench} | ${r.case} | ${r.value} ${r.unit} | ${r.baseline ?? ''} | ${r.ratio ?? ''} | ${r.target ?? ''}${status} |`;
}

await main();
