// Bounds on functions (issue 12, hostile review): a call evaluates the whole body of the function it
// calls, so a few doubling lines (`g1(x) = g0(x) + g0(x)`, … `g59`) expanded to 2^60 steps and froze
// the evaluator with a clean check; and a chain of 1,000 functions overflowed the stack while
// compiling. The checker now measures each function's expansion cost (KH-C087, function-cost.ts)
// and follows calls in the dependency-chain depth (KH-C061, chains.ts).
//
// Costs by hand (nodes of a body, plus the cost of each call): g0(x) = x + 1 is 3; g_i(x) =
// g_{i-1}(x) + g_{i-1}(x) is 5 + 2·cost(g_{i-1}), so cost(g_i) = 8·2^i − 5: g12 = 32,763,
// g13 = 65,531 (accepted), g14 = 131,067 (refused); three calls of g12 sum to 98,289 (accepted),
// four to 131,052 (refused).

import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { localizeDiagnostic } from '../../dsl/diagnostics.js';
import { FUNCTION_COST_LIMIT } from '../../dsl/check/passes/function-cost.js';
import { evaluate, prepare } from '../../engine/index.js';

const errors = (src: string) => analyze(src, 'limits.kaohe').diagnostics.filter((d) => d.severity === 'error');

/** g0 … g{n}, each the double of the one before; `uses` are the indicators' expressions. */
function doubling(n: number, ...uses: string[]): string {
  let s = 'scheme 倍增 {\n  input { 分: number in [0, 100] }\n  function g0(x: number) = x + 1\n';
  for (let i = 1; i <= n; i++) s += `  function g${i}(x: number) = g${i - 1}(x) + g${i - 1}(x)\n`;
  uses.forEach((u, i) => { s += `  indicator 甲${i} weight ${i === 0 ? 100 - (uses.length - 1) : 1}% = ${u}\n`; });
  return `${s}}\n`;
}

/** The hostile chain: f0(x) = x + 1, f_i(x) = f_{i-1}(x) + 1, the indicator calls the last. */
function chain(n: number): string {
  let s = 'scheme 链 {\n  input { 分: number in [0, 100] }\n  function f0(x: number) = x + 1\n';
  for (let i = 1; i < n; i++) s += `  function f${i}(x: number) = f${i - 1}(x) + 1\n`;
  return `${s}  indicator 甲 weight 100% = min(f${n - 1}(分), 100)\n}\n`;
}

describe('function expansion cost (KH-C087)', () => {
  it('refuses the 60-level doubling once, at g59, naming the chain — and measures it in well under a second', () => {
    const src = doubling(59, 'min(g59(分), 100)');
    errors(doubling(2, 'g2(分)')); // the checker's first run in this process warms it up
    const t0 = performance.now();
    const found = errors(src);
    const ms = performance.now() - t0;
    expect(found.map((d) => d.code)).toEqual(['KH-C087']);
    expect(src.slice(found[0].span.start, found[0].span.end)).toBe('g59');
    expect(found[0].range.start).toMatchObject({ line: 62, column: 12 }); // g0 is on line 3;
    expect(found[0].message).toContain('(g59 → g58 → g57 → … → g0)');
    expect(found[0].message).toContain('> 1,000,000,000,000,000 evaluation steps');
    expect(localizeDiagnostic(found[0], 'zh').message).toContain('超过上限 100,000 步');
    expect(ms).toBeLessThan(500); // the whole check; the cost sweep itself is linear
    expect(prepare(src, 'limits.kaohe').value).toBeUndefined();
  });

  it('is linear: 300 doubling levels (2^300 steps) are measured at once', () => {
    const t0 = performance.now();
    const found = errors(doubling(300, 'min(g300(分), 100)'));
    expect(found.map((d) => d.code)).toEqual(['KH-C087']);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('accepts g13 (65,531 steps) and evaluates it exactly and promptly; refuses g14 (131,067)', async () => {
    expect(FUNCTION_COST_LIMIT).toBe(100_000);
    const ok = doubling(13, 'g13(分) / 8192');
    expect(errors(ok)).toEqual([]);
    const t0 = performance.now();
    const out = await evaluate(prepare(ok, 'limits.kaohe').value!, { id: 'p', input: { 分: 50 } });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(out.ok && out.value.indicators[0].score).toBe(51); // 2^13 · (50 + 1) / 8192
    const bad = errors(doubling(14, 'g14(分) / 16384'));
    expect(bad.map((d) => d.code)).toEqual(['KH-C087']);
    expect(bad[0].message).toContain('expands to 131,067 evaluation steps, more than 100,000 (g14 → g13 → g12 → … → g0)');
  });

  it('sums the calls of one expression: three calls of g12 pass, four are refused at the fourth', () => {
    const three = 'min(g12(分) + g12(分) + g12(分), 100)';
    expect(errors(doubling(12, three))).toEqual([]);
    const src = doubling(12, 'min(g12(分) + g12(分) + g12(分) + g12(分), 100)');
    const found = errors(src);
    expect(found.map((d) => d.code)).toEqual(['KH-C087']);
    expect(found[0].span.start).toBe(src.lastIndexOf('g12(分)'));
    expect(found[0].message).toContain('the 4 calls of functions in this expression expand to 131,052 evaluation steps together');
    // the same calls spread over two indicators are two expressions, each within the bound
    expect(errors(doubling(12, 'min(g12(分) + g12(分), 100)', 'min(g12(分) + g12(分), 100)'))).toEqual([]);
  });

  it('sums calls in lets and negative-list items too', () => {
    const lets = doubling(12, '四次').replace('  indicator', '  let 四次 = g12(分) + g12(分) + g12(分) + g12(分)\n  indicator');
    expect(errors(lets).map((d) => d.code)).toEqual(['KH-C087']);
    const items = doubling(12, '分').replace(/}\n$/, `  negative 负面 {\n    item 某事 when g12(分) + g12(分) + g12(分) + g12(分) > 0 => deduct 1\n  }\n}\n`);
    expect(errors(items).map((d) => d.code)).toEqual(['KH-C087']);
  });
});

describe('function call chains (KH-C061)', () => {
  it('refuses the 1,000-function chain at the indicator with line and column, naming the chain', () => {
    const src = chain(1000);
    const found = errors(src);
    expect(found.map((d) => d.code)).toEqual(['KH-C061']);
    expect(found[0].range.start).toMatchObject({ line: 1003, column: 13 });
    expect(found[0].message).toContain('甲 → f999 → f998 → … → f0');
    expect(prepare(src, 'limits.kaohe').value).toBeUndefined();
  });

  it('accepts and evaluates a chain of 300 functions exactly', async () => {
    const src = chain(300);
    expect(errors(src)).toEqual([]);
    const out = await evaluate(prepare(src, 'limits.kaohe').value!, { id: 'p', input: { 分: 7 } });
    expect(out.ok && out.value.indicators[0].score).toBe(100); // min(7 + 300, 100)
    const low = await evaluate(prepare(src.replace('min(f299(分), 100)', 'f299(分) - 300'), 'limits.kaohe').value!, { id: 'p', input: { 分: 7 } });
    expect(low.ok && low.value.indicators[0].score).toBe(7); // 7 + 300 − 300
  });
});
