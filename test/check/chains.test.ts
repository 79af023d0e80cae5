// Long dependency chains: `let a0 = a1 + 1`, …, `let a1999 = a2000 + 1` overflowed the stack in the
// checker (lets were typed recursively) and would have in evaluation (lets are evaluated lazily and
// recursively). The checker now types lets in dependency order, and refuses a chain deeper than
// CHAIN_DEPTH_LIMIT with KH-C061 before any pass or the engine recurses through it.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { CHAIN_DEPTH_LIMIT } from '../../dsl/check/passes/chains.js';
import { engine } from '../../engine/index.js';
import { CHAIN_SHAPES } from './chain-shapes.js';
import { RUN_BUILT } from '../built/index.js';

const codesOf = (text: string) => analyze(text, 'chain.kaohe').diagnostics.map((d) => d.code);
const refused = (text: string) => codesOf(text).includes('KH-C061');

/** The chain: a0 … a2000, each one more than the next. */
function letChain(n: number): string {
  const lets = Array.from({ length: n }, (_, i) => `  let a${i} = a${i + 1} + 1`).join('\n');
  return `scheme 链 {\n  input { x: number = 1 }\n${lets}\n  let a${n} = 1\n  indicator i points 100 = a0 + x * 0\n}\n`;
}

/** The largest n at which each shape is accepted (binary search: depth grows with n, and every step
 * of every shape costs at least 3, so n stays below a third of the limit). */
const deepest = new Map<string, number>();
function deepestAccepted(shape: string): number {
  const known = deepest.get(shape);
  if (known !== undefined) return known;
  let lo = 1, hi = Math.ceil(CHAIN_DEPTH_LIMIT / 3) + 1;
  while (hi - lo > 1) { const mid = (lo + hi) >> 1; if (refused(CHAIN_SHAPES[shape](mid))) hi = mid; else lo = mid; }
  deepest.set(shape, lo);
  return lo;
}

describe('dependency chains (KH-C061)', () => {
  it('refuses the 2,001-let chain with one KH-C061 at its start, and the engine does not prepare it', () => {
    const text = letChain(2000);
    const found = analyze(text, 'chain.kaohe').diagnostics.filter((d) => d.code === 'KH-C061');
    expect(found).toHaveLength(1);
    expect(text.slice(found[0].span.start, found[0].span.end)).toBe('i');
    expect(found[0].message).toContain('i → a0 → a1 → … → a2000');
    expect(engine.prepare(text, 'chain.kaohe').value).toBeUndefined();
  });

  it('accepts and evaluates a chain of 300 lets (far more than a real scheme has)', async () => {
    const text = letChain(300);
    expect(codesOf(text)).toEqual([]);
    const prepared = engine.prepare(text, 'chain.kaohe');
    const r = await engine.evaluate(prepared.value!, { id: 's', input: { x: 1 } });
    expect(r.ok && r.value.score).toBe(100);
  });

  it('reports a long cycle as a cycle, without recursing through it', () => {
    const lets = Array.from({ length: 3000 }, (_, i) => `  let a${i} = a${(i + 1) % 3000} + 1`).join('\n');
    const codes = codesOf(`scheme 环 {\n  input { x: number = 1 }\n${lets}\n  indicator i points 100 = a0\n}\n`);
    expect(codes).toContain('KH-C030');
    expect(codes).toContain('KH-C061');
  });

  it('measures chains through lets, indicators, tables, when conditions and divisors alike', () => {
    for (const [shape, make] of Object.entries(CHAIN_SHAPES)) {
      const n = deepestAccepted(shape);
      const errors = analyze(make(n), 'chain.kaohe').diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => d.code), shape).toEqual([]);
      expect(refused(make(n + 1)), shape).toBe(true);
    }
  });

  it('the deepest accepted chain of every shape evaluates in a cold process; 3× deeper, and a deep cycle, are refused there', () => {
    const n = Object.fromEntries(Object.keys(CHAIN_SHAPES).map((s) => [s, deepestAccepted(s)]));
    const script = join(import.meta.dirname, 'chains-cold.ts');
    // V8 as it ships, without CHILD_FLAGS (test/child-flags.ts): its frames must be a cold process's.
    const r = spawnSync(process.execPath, [...RUN_BUILT, script, JSON.stringify(n)], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).not.toContain('RangeError');
    expect(r.stdout.trim().split('\n')).toEqual([...Object.keys(CHAIN_SHAPES).map((s) => `${s} ok`), 'deep cycle ok']);
  }, 150_000); // the child's own limit is 120 s (≈ 3 s CPU; on a loaded machine it ran past the 30 s default)
});
