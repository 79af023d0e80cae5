// The alternatives of a share (issue 12): `weight if C1 then N1 else if C2 then N2 else M` is, for the
// sum proofs, three items — N1 when C1; N2 when not C1 and C2; M when neither — each guarded by the
// member's own `when` conditions as well. A plain share is one alternative. The negations are
// synthetic `not C` nodes made once per share, so the proof (which caches formulas and merges items
// by node and by condition array) sees the same nodes every time it is asked.

import type { Expr, Share } from '../ast.js';
import { Rational } from '../rational.js';
import { constValue } from './context.js';

export interface ShareAlternative { conds: readonly Expr[]; value: Rational }

const memo = new WeakMap<Share, WeakMap<readonly Expr[], ShareAlternative[]>>();
const negations = new WeakMap<Expr, Expr>();

function negation(e: Expr): Expr {
  let n = negations.get(e);
  if (!n) { n = { kind: 'Unary', op: 'not', operand: e, span: e.span }; negations.set(e, n); }
  return n;
}

/** A share's number (0 when it is no constant: reported by the settings pass). A module function, not
 * a closure per call: run through tsx (`npm run bench`), each closure made also costs a defineProperty. */
const value = (n: Share['value']): Rational => constValue(n) ?? Rational.ZERO;

/** The share's value under `conds` (the member's guards), one entry per branch. */
export function shareAlternatives(s: Share, conds: readonly Expr[]): ShareAlternative[] {
  if (!s.cases?.length) return [{ conds, value: value(s.value) }];
  let byConds = memo.get(s);
  if (!byConds) { byConds = new WeakMap(); memo.set(s, byConds); }
  let out = byConds.get(conds);
  if (out) return out;
  out = [];
  const before: Expr[] = [];
  for (const c of s.cases) {
    out.push({ conds: [...conds, ...before, c.cond], value: value(c.value) });
    before.push(negation(c.cond));
  }
  out.push({ conds: [...conds, ...before], value: value(s.value) });
  byConds.set(conds, out);
  return out;
}

/** Every value a share can take (its branches and its `else`). */
export function shareValues(s: Share): Rational[] {
  return [...(s.cases ?? []).map((c) => c.value), s.value].map((n) => constValue(n) ?? Rational.ZERO);
}
