// `rate` on a panel with criteria (issue 12, item 2): each rater fills one ballot, a rating per
// criterion (德 能 勤 绩 廉), and may leave a criterion out (不了解). The score, exactly:
//
//   for each criterion e and category c: the ratings of e in c (input order), `min` counted on them
//   before trimming (fewer, or none: c is missing for e), trimmed, averaged → m(c, e);
//   s(e) = Σ_c w_c · m(c, e) over the categories with ratings of e, under the panel's `missing`
//   policy applied per criterion (renormalize: divided by the present categories' Σ w_c; zero: the
//   missing ones count 0; error: KH-E014);
//   score = Σ_e v_e · s(e)   (v_e: the criteria weights, 100% in all).
//
// Trimming `trim K when count >= N`: per criterion (the default) drops the K highest and K lowest
// ratings of e in c when c has at least N (and more than 2K) of them; `per ballot` drops whole
// ballots instead — the K with the lowest and the K with the highest ballot total Σ_e v_e · r_e,
// ballots in input order: among equal totals the earliest counts as lower (so the earliest of tied
// lowest ballots and the latest of tied highest ballots go). Under `per ballot` every ballot is
// complete (validate.ts, KH-E022), so both rules see the same count for every criterion.
//
// With complete ballots and no missing categories the score equals Σ_c w_c · (Σ_e v_e · m(c, e)).

import type { PanelDecl, RateExpr } from '../dsl/ast.js';
import { defineMessages } from '../dsl/i18n/index.js';
import { Rational } from '../dsl/rational.js';
import type { CompileEnv } from './expr.js';
import { fail } from './errors.js';
import { M } from './messages.js';
import type { RatingsVal, Value } from './values.js';

const B = defineMessages('engineBallots', {
  en: {
    criterionNone: 'no ratings of {criterion}',
    criterionFewer: 'fewer than {n} ratings of {criterion}',
    criterionAllMissing: '{path}: no category of panel {panel} rates {criterion}',
  },
  zh: {
    criterionNone: '没有对“{criterion}”的评分',
    criterionFewer: '对“{criterion}”的评分少于 {n} 个',
    criterionAllMissing: '{path}：测评组“{panel}”没有任何类别对“{criterion}”评分',
  },
});

export interface Criterion { name: string; weight: Rational }
export interface BallotPanel {
  criteria: Criterion[];
  categories: { name: string; weight: Rational; min: number }[];
  trim?: { count: number; atLeast: number; perBallot: boolean };
  missing: 'renormalize' | 'zero' | 'error';
}

const criteriaCache = new WeakMap<PanelDecl, Criterion[]>();
export function criteriaOf(p: PanelDecl): Criterion[] {
  let c = criteriaCache.get(p);
  if (!c) {
    c = (p.criteria?.items ?? []).map((k) => ({ name: k.name.name, weight: Rational.parse(k.weight.text, k.weight.percent)! }));
    criteriaCache.set(p, c);
  }
  return c;
}

export function ballotPanel(p: PanelDecl): BallotPanel {
  return {
    criteria: criteriaOf(p),
    categories: p.categories.map((k) => ({ name: k.name.name, weight: Rational.parse(k.weight.text, k.weight.percent)!, min: k.min ? Number(k.min.text) : 0 })),
    trim: p.trim ? { count: Number(p.trim.count.text), atLeast: Number(p.trim.atLeast.text), perBallot: !!p.trim.perBallot } : undefined,
    missing: p.missing?.mode ?? 'renormalize',
  };
}

/** A ballot's weighted mean over the criteria it rates: Σ v_e·r_e / Σ v_e (its total when complete). */
export function ballotMean(criteria: Criterion[], ballot: Map<string, Rational>): Rational {
  let sum = Rational.ZERO, w = Rational.ZERO;
  for (const c of criteria) {
    const r = ballot.get(c.name);
    if (r) { sum = sum.add(r.mul(c.weight)); w = w.add(c.weight); }
  }
  return w.isZero() ? Rational.ZERO : sum.div(w);
}

/** Each category's ballot means (the value of `票.本处室` in expressions). */
export function ballotMeans(p: PanelDecl, ballots: Map<string, Map<string, Rational>[]>): Map<string, Rational[]> {
  const criteria = criteriaOf(p);
  return new Map([...ballots].map(([k, list]) => [k, list.map((b) => ballotMean(criteria, b))]));
}

/** The trace of one criterion in one category. */
interface CellTrace { name: string; ratings: number; used?: Value; trimmed?: Value; mean?: Value; weight?: Value; missing?: true }
export interface BallotCategoryTrace {
  name: string; ratings: number; criteria: CellTrace[]; mean?: Value; trimmedBallots?: number[]; missing?: true;
}
export interface CriterionTrace { name: string; weight: Value; score: Value }

/** The ballots of one category kept by `per ballot` trimming (input positions from 0), or all. */
function keptBallots(list: Map<string, Rational>[], panel: BallotPanel): { kept: Set<number>; dropped?: number[] } {
  const all = new Set(list.map((_, i) => i));
  const t = panel.trim;
  if (!t?.perBallot || list.length < t.atLeast || list.length <= 2 * t.count) return { kept: all };
  const totals = list.map((b, i) => ({ i, total: ballotMean(panel.criteria, b) }));
  totals.sort((a, b) => a.total.cmp(b.total) || a.i - b.i); // stable: ties in input order
  const low = totals.slice(0, t.count).map((x) => x.i);
  const high = totals.slice(totals.length - t.count).map((x) => x.i).reverse();
  for (const i of [...high, ...low]) all.delete(i);
  return { kept: all, dropped: [...high, ...low] };
}

/** The score of ballots `v` on `panel`; `where` is the data path of the ratings (for errors). */
export function rateBallots(v: RatingsVal, panel: BallotPanel, where: () => string, env: CompileEnv, e: RateExpr,
  trace: boolean): { score: Rational; categories?: BallotCategoryTrace[]; criteria?: CriterionTrace[] } {
  const ballots = v.ballots ?? new Map<string, Map<string, Rational>[]>();
  const cats: BallotCategoryTrace[] = [];
  // m(c, e), by category then criterion; undefined when c is missing for e.
  const means: (Rational | undefined)[][] = [];
  for (const k of panel.categories) {
    const list = ballots.get(k.name) ?? [];
    const { kept, dropped } = keptBallots(list, panel);
    const row: (Rational | undefined)[] = [];
    const ct: BallotCategoryTrace = { name: k.name, ratings: list.length, criteria: [] };
    if (dropped) ct.trimmedBallots = dropped.map((i) => i + 1);
    for (const c of panel.criteria) {
      const ratings: Rational[] = [];
      const used: Rational[] = [];
      list.forEach((b, i) => {
        const r = b.get(c.name);
        if (!r) return;
        ratings.push(r);
        if (kept.has(i)) used.push(r);
      });
      const cell: CellTrace = { name: c.name, ratings: ratings.length };
      if (ratings.length === 0 || ratings.length < k.min) {
        if (panel.missing === 'error') {
          const path = `${where()}.${k.name}`;
          const detail = ratings.length === 0 ? B.criterionNone({ criterion: c.name }) : B.criterionFewer({ n: k.min, criterion: c.name });
          fail('KH-E014', M.categoryMissing({ path, detail }), env.file, e.span, path);
        }
        cell.missing = true;
        row.push(undefined);
        if (trace) ct.criteria.push(cell);
        continue;
      }
      let kept2 = used;
      const t = panel.trim;
      if (t && !t.perBallot && ratings.length >= t.atLeast && ratings.length > 2 * t.count) {
        const sorted = [...ratings].sort((a, b) => a.cmp(b));
        kept2 = sorted.slice(t.count, sorted.length - t.count);
        cell.trimmed = [...sorted.slice(sorted.length - t.count).reverse(), ...sorted.slice(0, t.count)];
      } else if (dropped) {
        cell.trimmed = dropped.map((i) => list[i].get(c.name)!);
      }
      const m = kept2.reduce((a, b) => a.add(b), Rational.ZERO).div(Rational.int(kept2.length));
      cell.used = kept2;
      cell.mean = m;
      row.push(m);
      if (trace) ct.criteria.push(cell);
    }
    means.push(row);
    if (row.every((m) => m === undefined)) ct.missing = true;
    else if (trace) {
      let s = Rational.ZERO, w = Rational.ZERO;
      panel.criteria.forEach((c, j) => { const m = row[j]; if (m) { s = s.add(m.mul(c.weight)); w = w.add(c.weight); } });
      ct.mean = s.div(w);
    }
    cats.push(ct);
  }
  let score = Rational.ZERO;
  const crit: CriterionTrace[] = [];
  panel.criteria.forEach((c, j) => {
    let s = Rational.ZERO, w = Rational.ZERO;
    panel.categories.forEach((k, i) => {
      const m = means[i][j];
      if (m) { s = s.add(m.mul(k.weight)); w = w.add(k.weight); }
      else if (panel.missing === 'zero') w = w.add(k.weight);
    });
    if (w.isZero()) {
      if (panel.missing !== 'zero') {
        const path = where();
        fail('KH-E013', B.criterionAllMissing({ path, panel: v.panel.name.name, criterion: c.name }), env.file, e.span, path);
      }
    } else s = s.div(w);
    if (trace) {
      // each cell's weight: its category's share of this criterion's score
      panel.categories.forEach((k, i) => { const cell = cats[i].criteria[j]; if (means[i][j] && !w.isZero()) cell.weight = k.weight.div(w); });
    }
    crit.push({ name: c.name, weight: c.weight, score: s });
    score = score.add(c.weight.mul(s));
  });
  return trace ? { score, categories: cats, criteria: crit } : { score };
}
