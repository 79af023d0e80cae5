// `kaohe test FILE…`: runs each scheme's `example` blocks and prints pass/fail per example; a failing
// `expect` shows both sides' values. Exit 1 if any example fails, 2 if a scheme has errors.

import { prepare, runExamples } from '../../engine/index.js';
import type { IO } from '../io.js';
import { diagnosticLine, parseArgs, readOrReport } from '../io.js';

export async function run(argv: string[], io: IO): Promise<number> {
  const { args } = parseArgs(argv);
  if (args.length === 0) { io.err('usage: kaohe test FILE…\n'); return 2; }
  let passed = 0, failed = 0, broken = false;
  for (const file of args) {
    const source = readOrReport(io, 'test', file);
    if (source === undefined) { broken = true; continue; }
    const prepared = prepare(source, file);
    if (!prepared.value) {
      for (const d of prepared.diagnostics) if (d.severity === 'error') io.err(diagnosticLine(file, d) + '\n');
      broken = true;
      continue;
    }
    io.out(`${file}\n`);
    const outcomes = await runExamples(prepared.value);
    if (outcomes.length === 0) io.out('  (no examples)\n');
    for (const o of outcomes) {
      const title = `${o.name}${o.label ? ` "${o.label}"` : ''} (line ${o.line})`;
      if (o.passed) { passed++; io.out(`  ✓ ${title}\n`); continue; }
      failed++;
      io.out(`  ✗ ${title}\n`);
      for (const f of o.failures) {
        const sides = f.left !== undefined ? `: left ${f.left}, right ${f.right}` : `: ${f.message}`;
        io.out(`      ${file}:${f.line}: expect ${f.expect}${sides}\n`);
      }
    }
  }
  io.out(`${passed} passed, ${failed} failed\n`);
  return broken ? 2 : failed > 0 ? 1 : 0;
}
