// Run by chains.test.ts in a fresh process (a cold process has the largest stack frames): argv[2]
// is JSON { shape: n } with the deepest chain of each shape the checker accepts. Each goes through
// analyze, prepare and evaluate; three times as deep must be refused (KH-C061) without
// anything overflowing. Then a cycle of lets with deep expressions, which the checker must report
// without recursing around it (inferLet's guard). Prints "<shape> ok" per shape, or what went wrong.
import { analyze } from '../../dsl/index.js';
import { engine } from '../../engine/index.js';
import { CHAIN_SHAPES } from './chain-shapes.js';

const deepest = JSON.parse(process.argv[2]) as Record<string, number>;
for (const [shape, n] of Object.entries(deepest)) {
  const make = CHAIN_SHAPES[shape];
  try {
    const text = make(n);
    const prepared = engine.prepare(text, 'chain.kaohe');
    if (!prepared.value) { console.log(shape, 'not prepared:', prepared.diagnostics.map((d) => d.code).join(',')); continue; }
    const r = await engine.evaluate(prepared.value, { id: 's', input: {} });
    if (!r.ok) { console.log(shape, 'evaluation failed:', r.errors.map((e) => e.message).join('; ')); continue; }
    const refused = analyze(make(3 * n), 'chain.kaohe').diagnostics.filter((d) => d.code === 'KH-C061');
    if (refused.length === 0) { console.log(shape, 'not refused at', 3 * n); continue; }
    console.log(shape, 'ok');
  } catch (err) {
    console.log(shape, 'threw', (err as Error).message);
  }
}

try {
  const lets = Array.from({ length: 40 }, (_, i) => `  let a${i} = ${'-'.repeat(480)}a${(i + 1) % 40}`).join('\n');
  const codes = analyze(`scheme 环 {\n  input { x: number = 1 }\n${lets}\n  indicator i points 100 = a0\n}\n`, 'cycle.kaohe').diagnostics.map((d) => d.code);
  console.log('deep cycle', codes.includes('KH-C030') ? 'ok' : `not reported: ${codes.join(',')}`);
} catch (err) {
  console.log('deep cycle threw', (err as Error).message);
}
