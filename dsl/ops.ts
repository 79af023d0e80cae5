// The comparison operators, once. The checker's passes (conditions, division, empty aggregates), the
// engine's explanations and the json-rules-engine export all reason about `a OP b`: whether an
// operator compares, the operator with the sides swapped (`a < b` ⇔ `b > a`), the one that holds when
// it does not (`not (a < b)` ⇔ `a >= b`), and what it says about a three-way comparison — each
// operator one small function (as OPA's topdown/comparison.go), so no caller chains ternaries.

import type { CompareOp } from './ast.js';

export const COMPARE_OPS: readonly CompareOp[] = ['==', '!=', '<', '<=', '>', '>='];

const COMPARE_SET: ReadonlySet<string> = new Set(COMPARE_OPS);

export function isCompareOp(op: string): op is CompareOp {
  return COMPARE_SET.has(op);
}

const FLIPPED: Readonly<Record<CompareOp, CompareOp>> = { '==': '==', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const NEGATED: Readonly<Record<CompareOp, CompareOp>> = { '==': '!=', '!=': '==', '<': '>=', '<=': '>', '>': '<=', '>=': '<' };

/** `a op b` ⇔ `b flip(op) a`. */
export function flip(op: CompareOp): CompareOp {
  return FLIPPED[op];
}

/** `not (a op b)` ⇔ `a negate(op) b` (for totally ordered values). */
export function negate(op: CompareOp): CompareOp {
  return NEGATED[op];
}

/** `a op b`, given d = the three-way comparison of a with b (negative, zero or positive). */
const HOLDS: Readonly<Record<CompareOp, (d: number) => boolean>> = {
  '==': (d) => d === 0,
  '!=': (d) => d !== 0,
  '<': (d) => d < 0,
  '<=': (d) => d <= 0,
  '>': (d) => d > 0,
  '>=': (d) => d >= 0,
};

export function compareHolds(op: CompareOp, d: number): boolean {
  return HOLDS[op](d);
}

/** Whether `x op k` is false for x = 0, given the sign of k: a fact `x op k` then rules 0 out. */
export function excludesZero(op: CompareOp, kSign: number): boolean {
  return !compareHolds(op, -kSign);
}
