// Effective weight of an indicator or group for hovers: the product of the weights on its path
// (LANGUAGE.md §6), or N / total in points mode. A `normalize` group above it makes the figure depend
// on the subject, which the hover says instead of showing a wrong number; so does a share that depends
// on the post (`weight if C then N else M`) or a scheme-level `normalize` line (issue 12).

import type { GroupDecl, IndicatorDecl, NumberLit } from '../ast.js';
import { Rational } from '../rational.js';
import type { SymbolTable } from '../symbols.js';

export interface Effective {
  /** Fraction of the scheme (0.12 = 12%); absent when a share is missing or not a number. */
  weight?: Rational;
  /** Points at a full score: weight × 100 in weight mode, N in points mode. */
  points?: Rational;
  normalized: boolean;
  mode: 'weight' | 'points';
}

export function effectiveWeight(decl: IndicatorDecl | GroupDecl, syms: SymbolTable): Effective {
  const total = totalOf(syms);
  const parents = new Map<GroupDecl, GroupDecl | undefined>(syms.groups.map((g) => [g.decl, g.parent]));
  const direct = syms.indicators.find((s) => s.decl === decl)?.parent ?? parents.get(decl as GroupDecl);
  let w: Rational | undefined = Rational.ONE;
  let normalized = false;
  let node: IndicatorDecl | GroupDecl | undefined = decl;
  let parent = direct;
  while (node) {
    if (parent ? parent.normalize : syms.settings.has('normalize')) normalized = true;
    const share = node.share;
    if (share?.cases?.length) normalized = true; // `weight if C then N else M` (issue 12): by subject
    if (!share) { w = undefined; break; }
    const v = num(share.value);
    if (!v || !w) { w = undefined; break; }
    if (share.kind === 'points') {
      const pts = w.mul(v);
      return { weight: pts.div(total), points: pts, normalized, mode: 'points' };
    }
    w = w.mul(v);
    node = parent;
    parent = node ? parents.get(node as GroupDecl) : undefined;
  }
  return { weight: w, points: w?.mul(total), normalized, mode: 'weight' }; // on the 0–total scale (issue 12)
}

function totalOf(syms: SymbolTable): Rational {
  const s = syms.settings.get('total');
  const v = s && s.key === 'total' ? num(s.value) : undefined;
  return v && !v.isZero() ? v : Rational.HUNDRED;
}

function num(n: NumberLit): Rational | undefined {
  return Rational.parse(n.text, n.percent);
}

/** `0.12` → `12%`. */
export function pct(r: Rational): string {
  return `${r.mul(Rational.HUNDRED).toDecimalString(4)}%`;
}
