// Deep nesting is refused with KH-P008 at fixed limits instead of overflowing the stack somewhere in
// the parser, checker, formatter or engine (a RangeError became a 500 in the server, and whether it
// happened depended on how warm the process was). Every shape of deep or long tree (deep-shapes.ts):
// the deepest one the parser accepts goes through every later stage, one level more is refused.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { format } from '../../dsl/format/index.js';
import { CHAIN_LIMIT } from '../../dsl/parser/parser-base.js';
import { engine } from '../../engine/index.js';
import { TREE_DEPTH_LIMIT } from '../../dsl/parser/tree-depth.js';
import { deepestAccepted, SHAPES, treeDepth } from './deep-shapes.js';
import { RUN_BUILT } from '../built/index.js';

/** Depths a real scheme might reach (and then some): the limits must accept at least these. */
const FINE: Record<string, number> = {
  brackets: 60, calls: 60, lists: 60, ifs: 60, groups: 60, whens: 60, negations: 300, nots: 300, sums: 450, products: 450,
  ands: 300, ors: 300, comparisons: 300, mixedUnary: 300, fields: 300, indexes: 300, rates: 60, listTypes: 60,
  recordTypes: 60, bandEntries: 60, bandScores: 300, ruleItems: 300, objectEntries: 60, aggregates: 60, inSets: 60, givens: 60,
};

const p008 = (text: string) => analyze(text, 'deep.kaohe').diagnostics.filter((d) => d.code === 'KH-P008');

describe('nesting limits (KH-P008)', () => {
  it('has a lower bound for every shape', () => {
    expect(Object.keys(FINE).sort()).toEqual(Object.keys(SHAPES).sort());
  });

  for (const [shape, make] of Object.entries(SHAPES)) {
    it(`${shape}: the deepest accepted is bounded, at least ${FINE[shape]}, and analyzes, formats and evaluates`, async () => {
      const n = deepestAccepted(make);
      expect(n).toBeGreaterThanOrEqual(FINE[shape]);
      expect(n).toBeLessThan(4096); // else nothing bounds this shape
      const text = make(n);
      const a = analyze(text, 'deep.kaohe');
      expect(a.diagnostics.filter((d) => d.code.startsWith('KH-P'))).toEqual([]);
      expect(treeDepth(a.parsed.scheme!)).toBeLessThanOrEqual(TREE_DEPTH_LIMIT);
      expect(format(a.parsed, a.file)).toContain('scheme');
      const prepared = engine.prepare(text, 'deep.kaohe');
      // Some shapes cannot be well typed (a number has no field `f`); those must check without throwing.
      if (prepared.value) expect((await engine.runExamples(prepared.value)).map((e) => e.passed)).toEqual([true]);
    });

    it(`${shape}: one level more, 1,000 and 20,000 are refused with one KH-P008 inside the text, without throwing`, () => {
      const n = deepestAccepted(make);
      for (const m of [n + 1, Math.max(n + 1, 1_000), 20_000]) {
        const text = make(m);
        const found = p008(text);
        expect(found).toHaveLength(1);
        expect(found[0].span.start).toBeGreaterThanOrEqual(0);
        expect(found[0].span.end).toBeLessThanOrEqual(text.length);
        expect(engine.prepare(text, 'deep.kaohe').value).toBeUndefined();
      }
    });
  }

  it('refuses one operator chain longer than CHAIN_LIMIT even when its tree would be shallow', () => {
    const text = SHAPES.sums(1).replace('= x', `= ${Array(CHAIN_LIMIT).fill('x * x').join(' + ')}`);
    expect(p008(text)).toHaveLength(1);
  });

  it('the deepest accepted schemes parse, check, format and evaluate in a cold process', () => {
    // A cold process has larger stack frames (interpreted code) than a warm one: the limits must hold there.
    const script = join(import.meta.dirname, 'depth-cold.ts');
    const depths = JSON.stringify(Object.fromEntries(Object.entries(SHAPES).map(([shape, make]) => [shape, deepestAccepted(make)])));
    // V8 as it ships, without CHILD_FLAGS (test/child-flags.ts): its frames must be a cold process's.
    const r = spawnSync(process.execPath, [...RUN_BUILT, script, depths], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).not.toContain('RangeError');
    expect(r.stdout.trim().split('\n')).toEqual(Object.keys(SHAPES).map((s) => `${s} ok`));
  }, 150_000); // the child's own limit is 120 s (≈ 5 s CPU; on a loaded machine it ran past the 30 s default)
});
