// Deep nesting is refused with KH-P008 at fixed limits instead of overflowing the stack somewhere in
// the parser, checker or engine (a RangeError became a 500 in the server, and whether it happened
// depended on how warm the process was). Every shape of deep tree: brackets, calls, lists, `if`
// chains, groups, prefix and binary operator chains.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../dsl/index.js';
import { CHAIN_LIMIT } from '../../dsl/parser/parser-base.js';
import { engine } from '../../engine/index.js';

const wrap = (e: string) => `scheme 深 {\n  input { x: number = 1 }\n  indicator i points 100 = ${e}\n}\n`;
const SHAPES: Record<string, (n: number) => string> = {
  brackets: (n) => wrap('('.repeat(n) + 'x' + ')'.repeat(n)),
  calls: (n) => wrap('max('.repeat(n) + 'x' + ', 1)'.repeat(n)),
  lists: (n) => wrap('sum(' + '['.repeat(n) + 'x' + ']'.repeat(n) + ')'),
  ifs: (n) => wrap('if x > 0 then 1 else '.repeat(n) + '0'),
  groups: (n) => `scheme 深 {\n  input { x: number = 1 }\n${'group g weight 100% {\n'.repeat(n)}indicator i weight 100% = x\n${'}\n'.repeat(n)}}\n`,
  negations: (n) => wrap('-'.repeat(n) + 'x'),
  nots: (n) => wrap('if ' + 'not '.repeat(n) + 'true then 1 else 2'),
  sums: (n) => wrap(Array(n).fill('x').join(' + ')),
};
/** Depths a real scheme might reach (and then some): accepted. */
const FINE: Record<string, number> = { brackets: 60, calls: 60, lists: 60, ifs: 60, groups: 60, negations: 300, nots: 300, sums: 450 };

const p008 = (text: string) => analyze(text, 'deep.kaohe').diagnostics.filter((d) => d.code === 'KH-P008');

describe('nesting limits (KH-P008)', () => {
  for (const [shape, make] of Object.entries(SHAPES)) {
    it(`accepts ${FINE[shape]} ${shape} and evaluates them`, async () => {
      const text = make(FINE[shape]);
      expect(p008(text)).toEqual([]);
      const prepared = engine.prepare(text, 'deep.kaohe');
      expect(prepared.diagnostics.filter((d) => d.code.startsWith('KH-P'))).toEqual([]);
    });

    for (const n of [1_000, 20_000]) {
      it(`refuses ${n} ${shape} with one KH-P008 inside the text, without throwing`, () => {
        const text = make(n);
        const found = p008(text);
        expect(found).toHaveLength(1);
        expect(found[0].span.start).toBeGreaterThanOrEqual(0);
        expect(found[0].span.end).toBeLessThanOrEqual(text.length);
        expect(engine.prepare(text, 'deep.kaohe').value).toBeUndefined();
      });
    }
  }

  it('refuses one operator chain longer than CHAIN_LIMIT even when its tree would be shallow', () => {
    const text = wrap(Array(CHAIN_LIMIT).fill('x * x').join(' + '));
    expect(p008(text)).toHaveLength(1);
  });

  it('the deepest accepted schemes parse, check and evaluate in a cold process', () => {
    // A cold process has larger stack frames (interpreted code) than a warm one: the limits must hold there.
    const script = join(import.meta.dirname, 'depth-cold.ts');
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).not.toContain('RangeError');
    expect(r.stdout.trim().split('\n')).toEqual(['brackets ok', 'calls ok', 'lists ok', 'ifs ok', 'groups ok', 'negations ok', 'sums ok']);
  });
});
