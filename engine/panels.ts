// A panel's settings compiled once per declaration, and the arithmetic both kinds of `rate` share
// (forms.ts for plain ratings, ballots.ts for ballots with criteria): the trimming rule of
// `trim K when count >= N` and the exact mean. One cache, one rule — the two paths cannot drift.

import type { PanelDecl } from '../dsl/ast.js';
import { Rational } from '../dsl/rational.js';

export interface Criterion { name: string; weight: Rational }
export interface PanelSettings {
  /** Empty for a panel without `criteria`. */
  criteria: Criterion[];
  categories: { name: string; weight: Rational; min: number }[];
  trim?: { count: number; atLeast: number; perBallot: boolean };
  missing: 'renormalize' | 'zero' | 'error';
}

const cache = new WeakMap<PanelDecl, PanelSettings>();

export function panelSettings(p: PanelDecl): PanelSettings {
  let s = cache.get(p);
  if (!s) {
    s = {
      criteria: (p.criteria?.items ?? []).map((k) => ({ name: k.name.name, weight: Rational.parse(k.weight.text, k.weight.percent)! })),
      categories: p.categories.map((k) => ({
        name: k.name.name, weight: Rational.parse(k.weight.text, k.weight.percent)!, min: k.min ? Number(k.min.text) : 0,
      })),
      trim: p.trim ? { count: Number(p.trim.count.text), atLeast: Number(p.trim.atLeast.text), perBallot: !!p.trim.perBallot } : undefined,
      missing: p.missing?.mode ?? 'renormalize',
    };
    cache.set(p, s);
  }
  return s;
}

/** Whether `trim` applies to `n` ratings (or ballots): at least N of them, and more than 2K. */
export function trims(trim: PanelSettings['trim'], n: number): trim is NonNullable<PanelSettings['trim']> {
  return !!trim && n >= trim.atLeast && n > 2 * trim.count;
}

/** The ratings left after dropping the `k` highest and `k` lowest, and the dropped ones (highest
 * first, then lowest) — for the explanation. */
export function trimRatings(ratings: Rational[], k: number): { used: Rational[]; dropped: Rational[] } {
  const sorted = [...ratings].sort((a, b) => a.cmp(b));
  return { used: sorted.slice(k, sorted.length - k), dropped: [...sorted.slice(sorted.length - k).reverse(), ...sorted.slice(0, k)] };
}

/** The mean of the ratings left after trimming `k` from each end (k = 0: all), without the arrays
 * of `trimRatings` (the evaluation's hot path). */
export function trimmedMean(ratings: Rational[], k: number): Rational {
  const list = k > 0 ? [...ratings].sort((a, b) => a.cmp(b)) : ratings;
  let sum = Rational.ZERO;
  for (let i = k; i < list.length - k; i++) sum = sum.add(list[i]);
  return sum.div(Rational.int(list.length - 2 * k));
}

export const meanOf = (rs: Rational[]): Rational => rs.reduce((a, b) => a.add(b), Rational.ZERO).div(Rational.int(rs.length));
