// dsl/ops.ts, the one table of comparison operators the checker, the explanations and the
// json-rules-engine export share: flip and negate agree with what each operator says about a
// three-way comparison, and `excludesZero` is exactly "the fact `x op k` is false at x = 0".

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPARE_OPS, compareHolds, excludesZero, flip, isCompareOp, negate } from '../../dsl/ops.js';

const op = fc.constantFrom(...COMPARE_OPS);
const d = fc.integer({ min: -3, max: 3 });

describe('comparison operators', () => {
  it('knows the six and nothing else', () => {
    expect(COMPARE_OPS.filter(isCompareOp)).toHaveLength(6);
    for (const x of ['+', '-', '*', '/', 'and', 'or', 'in', '=']) expect(isCompareOp(x)).toBe(false);
  });

  it('a op b ⇔ b flip(op) a; not (a op b) ⇔ a negate(op) b', () => {
    fc.assert(fc.property(op, d, (o, x) => {
      expect(compareHolds(flip(o), -x)).toBe(compareHolds(o, x));
      expect(compareHolds(negate(o), x)).toBe(!compareHolds(o, x));
      expect(flip(flip(o))).toBe(o);
      expect(negate(negate(o))).toBe(o);
    }));
  });

  it('each operator on a three-way result', () => {
    expect(COMPARE_OPS.map((o) => [-1, 0, 1].map((x) => compareHolds(o, x)))).toEqual([
      [false, true, false], [true, false, true], [true, false, false], [true, true, false], [false, false, true], [false, true, true],
    ]);
  });

  it('excludesZero: x op k rules x = 0 out', () => {
    expect(COMPARE_OPS.filter((o) => excludesZero(o, 0))).toEqual(['!=', '<', '>']);
    expect(COMPARE_OPS.filter((o) => excludesZero(o, 1))).toEqual(['==', '>', '>=']);
    expect(COMPARE_OPS.filter((o) => excludesZero(o, -1))).toEqual(['==', '<', '<=']);
  });
});
